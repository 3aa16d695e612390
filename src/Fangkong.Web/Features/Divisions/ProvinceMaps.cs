using System.Text.Json;

namespace Fangkong.Web.Features.Divisions;

// The ECharts 4.9 province outlines: file name per province code, and the label point ("cp") of each
// feature, which the demo seeder uses as a district's (or, outside municipalities, a city's) centre.
public static class ProvinceMaps
{
    private static readonly Dictionary<string, string> FileByProvince = new()
    {
        ["11"] = "beijing", ["12"] = "tianjin", ["13"] = "hebei", ["14"] = "shanxi", ["15"] = "neimenggu",
        ["21"] = "liaoning", ["22"] = "jilin", ["23"] = "heilongjiang", ["31"] = "shanghai", ["32"] = "jiangsu",
        ["33"] = "zhejiang", ["34"] = "anhui", ["35"] = "fujian", ["36"] = "jiangxi", ["37"] = "shandong",
        ["41"] = "henan", ["42"] = "hubei", ["43"] = "hunan", ["44"] = "guangdong", ["45"] = "guangxi",
        ["46"] = "hainan", ["50"] = "chongqing", ["51"] = "sichuan", ["52"] = "guizhou", ["53"] = "yunnan",
        ["54"] = "xizang", ["61"] = "shanxi1", ["62"] = "gansu", ["63"] = "qinghai", ["64"] = "ningxia",
        ["65"] = "xinjiang", ["71"] = "taiwan", ["81"] = "xianggang", ["82"] = "aomen",
    };

    // Only municipalities' province files are drawn at district level, so only they get a district map.
    public static string? DistrictMapFor(string cityCode) =>
        cityCode is "1101" or "1201" or "3101" or "5001" ? FileByProvince[cityCode[..2]] : null;

    public static IReadOnlyDictionary<string, (double Longitude, double Latitude)> Centres(string cityCode)
    {
        var result = new Dictionary<string, (double, double)>();
        if (!FileByProvince.TryGetValue(cityCode[..2], out var file)) return result;
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "maps", file + ".json");
        if (!File.Exists(path)) return result;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var id = feature.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
            if (id is null || !feature.GetProperty("properties").TryGetProperty("cp", out var cp)) continue;
            result[id] = (cp[0].GetDouble(), cp[1].GetDouble());
        }
        return result;
    }
}

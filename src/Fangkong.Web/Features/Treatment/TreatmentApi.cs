using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Treatment;

public sealed record AdmitRequest(Guid? WardId);
public sealed record TransferRequest(Guid? WardId, string? Note);
public sealed record NoteRequest(string? Note);
public sealed record SeverityRequest(string? Severity);
public sealed record TestRequest(DateTime? TakenAt, bool? Positive, double? CtValue);

// Patients and wards over HTTP: the same PatientFlow / WardAdmin the pages use. Every state change
// carries If-Match (the patient's version), so two clinicians acting on one stale screen cannot
// both move the same patient.
public static class TreatmentApi
{
    public static IEndpointRouteBuilder MapPatientsAndWards(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/treatment").WithTags("Treatment");

        api.MapPost("/patients", async (PatientInput input, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await flow.RegisterAsync(input, ct);
            if (outcome is not WriteOutcome<Patient>.Done { Value: var patient }) return outcome.ToHttp(_ => Results.Ok());
            Versioning.SetETag(http, patient.Version);
            return Results.Created($"/api/treatment/patients/{patient.Id}", await board.RowAsync(patient, ct));
        }).RequirePermission(Permission.ManagePatients).Idempotent();

        api.MapGet("/patients", async (TreatmentBoard board, string? status, string? division, Guid? facilityId, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await board.ListAsync(status, division, facilityId, Paging.From(page, pageSize), ct))).RequirePermission(Permission.ViewTreatment);

        api.MapGet("/patients/{id:guid}", async (Guid id, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
        {
            var details = await board.DetailsAsync(id, ct);
            if (details is null) return NotFound();
            Versioning.SetETag(http, details.Patient.Version);
            return Results.Ok(details);
        }).RequirePermission(Permission.ViewTreatment);

        api.MapPost("/patients/{id:guid}/admit", (Guid id, AdmitRequest body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => body.WardId is { } ward ? flow.AdmitAsync(id, v, ward, ct) : Required("wardId"), ct)).RequirePermission(Permission.ManagePatients);

        api.MapPost("/patients/{id:guid}/transfer", (Guid id, TransferRequest body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => body.WardId is { } ward ? flow.TransferAsync(id, v, ward, body.Note, ct) : Required("wardId"), ct)).RequirePermission(Permission.ManagePatients);

        api.MapPost("/patients/{id:guid}/community", (Guid id, NoteRequest? body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => flow.ReferToCommunityAsync(id, v, body?.Note, ct), ct)).RequirePermission(Permission.ManagePatients);

        api.MapPost("/patients/{id:guid}/severity", (Guid id, SeverityRequest body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => flow.ChangeSeverityAsync(id, v, body.Severity, ct), ct)).RequirePermission(Permission.ManagePatients);

        api.MapPost("/patients/{id:guid}/tests", (Guid id, TestRequest body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => flow.RecordTestAsync(id, v, body.TakenAt, body.Positive, body.CtValue, ct), ct)).RequirePermission(Permission.ManagePatients).Idempotent();

        api.MapPost("/patients/{id:guid}/discharge", (Guid id, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => flow.DischargeAsync(id, v, ct), ct)).RequirePermission(Permission.ManagePatients);

        api.MapPost("/patients/{id:guid}/death", (Guid id, NoteRequest? body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => flow.DeathAsync(id, v, body?.Note, ct), ct)).RequirePermission(Permission.ManagePatients);

        api.MapPost("/patients/{id:guid}/release", (Guid id, NoteRequest? body, PatientFlow flow, TreatmentBoard board, HttpContext http, CancellationToken ct) =>
            Versioned(http, board, v => flow.ReleaseReservationAsync(id, v, body?.Note, ct), ct)).RequirePermission(Permission.ManagePatients);

        api.MapGet("/patients/{id:guid}/care-plan", async (Guid id, WardAdmin admin, HttpContext http, CancellationToken ct) =>
        {
            var (plan, found) = await admin.CarePlanAsync(id, ct);
            if (!found) return NotFound();
            Versioning.SetETag(http, plan?.Version ?? 0);
            return plan is null ? Results.NoContent() : Results.Ok(plan);
        }).RequirePermission(Permission.ViewTreatment).WithSummary("The care plan; 204 with ETag \"0\" when none exists yet (PUT with If-Match: \"0\" creates it)");

        api.MapPut("/patients/{id:guid}/care-plan", async (Guid id, CarePlanInput input, WardAdmin admin, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await admin.SaveCarePlanAsync(id, expected!.Value, input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Ok(p);
            });
        }).RequirePermission(Permission.ManagePatients);

        api.MapGet("/wards", async (TreatmentBoard board, Guid? facilityId, string? division, CancellationToken ct) =>
            Results.Ok(await board.WardsAsync(facilityId, division, ct))).RequirePermission(Permission.ViewTreatment);

        api.MapPost("/wards", async (WardInput input, WardAdmin admin, HttpContext http, CancellationToken ct) =>
            (await admin.OpenAsync(input, ct)).ToHttp(w =>
            {
                Versioning.SetETag(http, w.Version);
                return Results.Created($"/api/treatment/wards/{w.Id}", w);
            })).RequirePermission(Permission.ManageWards).Idempotent();

        api.MapPut("/wards/{id:guid}", async (Guid id, WardInput input, WardAdmin admin, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await admin.ResizeAsync(id, expected!.Value, input, ct)).ToHttp(w =>
            {
                Versioning.SetETag(http, w.Version);
                return Results.Ok(w);
            });
        }).RequirePermission(Permission.ManageWards);

        api.MapGet("/capacity", async (TreatmentBoard board, string? division, CancellationToken ct) =>
            await board.CapacityAsync(division, ct) is { } capacity ? Results.Ok(capacity) : NotFound())
            .RequirePermission(Permission.ViewTreatment)
            .WithSummary("Beds, occupied, reserved and free by level for the division, each child division and each facility in the caller's scope");

        api.MapGet("/turnover", async (Turnover turnover, string? division, CancellationToken ct) =>
            await turnover.ReportAsync(division, ct) is { } report ? Results.Ok(report) : NotFound()).RequirePermission(Permission.ViewTreatment);

        api.MapGet("/discharge-rules", async (WardAdmin admin, CancellationToken ct) => Results.Ok(await admin.RulesAsync(ct)))
            .RequirePermission(Permission.ViewTreatment);

        api.MapPost("/discharge-rules", async (DischargeRuleInput input, WardAdmin admin, CancellationToken ct) =>
            (await admin.AddRuleAsync(input, ct)).ToHttp(r => Results.Created($"/api/treatment/discharge-rules/{r.Version}", r)))
            .RequirePermission(Permission.ManageWards).Idempotent();

        return app;
    }

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");

    private static Task<WriteOutcome<Patient>> Required(string field) =>
        Task.FromResult<WriteOutcome<Patient>>(new WriteOutcome<Patient>.Invalid(new FieldErrors().Add(field, "必填 / required")));

    private static async Task<IResult> Versioned(HttpContext http, TreatmentBoard board, Func<int, Task<WriteOutcome<Patient>>> act, CancellationToken ct)
    {
        var (expected, problem) = Versioning.ExpectedVersion(http.Request);
        if (problem is not null) return problem;
        var outcome = await act(expected!.Value);
        if (outcome is not WriteOutcome<Patient>.Done { Value: var patient }) return outcome.ToHttp(_ => Results.Ok());
        Versioning.SetETag(http, patient.Version);
        return Results.Ok(await board.RowAsync(patient, ct));
    }
}

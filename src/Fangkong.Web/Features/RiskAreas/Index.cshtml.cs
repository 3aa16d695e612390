using System.Text.Json;
using Fangkong.Epidemiology.AreaRisk;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.RiskAreas;

// Today's levels: the map (districts coloured by their committees at the top level), the raised areas,
// one area's history, overrides awaiting a decision, the rule set in force, and a recompute.
public sealed class IndexModel(AreaRiskService risk, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty] public OverrideForm Form { get; set; } = new();
    [BindProperty] public Guid OverrideId { get; set; }
    [BindProperty] public string? Note { get; set; }

    public string Scope { get; private set; } = "";
    public AreaRiskRuleSetVersion? Rules { get; private set; }
    public IReadOnlyList<AreaLevelView> Raised { get; private set; } = [];
    public IReadOnlyList<DistrictRiskCount> Counts { get; private set; } = [];
    public IReadOnlyList<OverrideView> Overrides { get; private set; } = [];
    public IReadOnlyList<TransitionView> History { get; private set; } = [];
    public ComputeResult? Computed { get; private set; }
    public string? Done { get; private set; }
    public string? MapName { get; private set; }
    public bool CanManage => user.Has(Permission.ManageRiskAreas);
    public bool CanApprove => user.Has(Permission.ApproveRiskAreas);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewInvestigation)) return Forbidden();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostComputeAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbidden();
        if (InvestigationApi.Scoped(user, Division) is not { } scope) return NotFound();
        Computed = await risk.ComputeAsync(risk.Today, scope.Length == 0 ? null : scope, ct);
        Done = "computed";
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRequestAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbidden();
        var outcome = await risk.RequestOverrideAsync(new OverrideInput(Form.DivisionCode, Form.Level, Form.Reason, Form.From, Form.Until), ct);
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, _ => { Done = "requested"; ModelState.Clear(); Form = new OverrideForm(); return Page(); });
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => DecideAsync("approved", () => risk.ApproveAsync(OverrideId, Version, new DecisionInput(Note), ct), CanApprove, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => DecideAsync("rejected", () => risk.RejectAsync(OverrideId, Version, new DecisionInput(Note), ct), CanApprove, ct);

    public Task<IActionResult> OnPostEndAsync(CancellationToken ct) => DecideAsync("ended", () => risk.EndAsync(OverrideId, Version, ct), CanManage, ct);

    private async Task<IActionResult> DecideAsync(string step, Func<Task<Platform.Api.WriteOutcome<OverrideView>>> act, bool allowed, CancellationToken ct)
    {
        if (!allowed) return Forbidden();
        var outcome = await act();
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, _ => { Done = step; ModelState.Clear(); return Page(); });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (InvestigationApi.Scoped(user, Division) is not { } scope) return false;
        Scope = scope;
        Rules = await risk.RulesInForceAsync(risk.Today, ct);
        var rules = Rules.Rules;
        var raised = new List<AreaLevelView>();
        foreach (var level in rules.Levels) raised.AddRange(await risk.CurrentAsync(scope, level.Code, ct));
        Raised = raised;
        Counts = await risk.ByDistrictAsync(scope, ct);
        Overrides = await risk.OverridesAsync(scope, ct);
        if (Area is { Length: 12 } area && user.Jurisdiction.CoversDivision(area)) History = await risk.HistoryAsync(area, ct);
        MapName = scope.Length <= 4 && scope.Length > 0 ? ProvinceMaps.DistrictMapFor(scope[..4]) : null;
        return true;
    }

    public string MapJson()
    {
        var rules = Rules!.Rules;
        var top = rules.Levels.Count > 0 ? rules.Levels[0].Code : rules.DefaultCode;
        return JsonSerializer.Serialize(new
        {
            mapName = MapName,
            topLevel = AreaRiskService.Describe(rules, top).Name,
            colour = AreaRiskService.Describe(rules, top).Colour,
            names = Counts.Select(c => c.Name ?? c.DistrictCode),
            codes = Counts.Select(c => c.DistrictCode),
            top = Counts.Select(c => c.ByLevel.GetValueOrDefault(top)),
            levels = rules.Levels.Select(l => new { l.Code, name = AreaRiskService.Describe(rules, l.Code).Name, l.Colour, counts = Counts.Select(c => c.ByLevel.GetValueOrDefault(l.Code)) }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Replace("</", "<\\/");
    }

    public sealed class OverrideForm
    {
        public string? DivisionCode { get; set; }
        public string? Level { get; set; }
        public string? Reason { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
    }
}

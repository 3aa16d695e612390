using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Screening;

// Sampling points in scope, and the form to add one.
public sealed class PointsModel(ScreeningRounds rounds, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty] public PointForm Form { get; set; } = new();
    public IReadOnlyList<SamplingPoint> Points { get; private set; } = [];
    public bool CanManage => user.Has(Permission.ManageScreening);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewScreening)) return Forbidden();
        Points = await rounds.PointsAsync(Division, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageScreening)) return Forbidden();
        var outcome = await rounds.AddPointAsync(new PointInput(Form.Code, Form.Name, Form.CommitteeCode, Form.Latitude, Form.Longitude, Form.Opens, Form.Closes), ct);
        Points = await rounds.PointsAsync(Division, ct);
        return Show(outcome, _ => Redirect("/Screening/Points"));
    }

    public sealed class PointForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? CommitteeCode { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public string? Opens { get; set; } = "07:00";
        public string? Closes { get; set; } = "19:00";
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Screening;

// Rounds in scope, newest first, and the form to open one (epidemiologists and the command office).
public sealed class IndexModel(ScreeningRounds rounds, CurrentUser user) : RecordFormPage
{
    [BindProperty] public RoundForm Form { get; set; } = new();
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public bool CanManage => user.Has(Permission.ManageScreening);
    public string? Home => user.Jurisdiction.DivisionPrefix;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewScreening)) return Forbidden();
        Rounds = await rounds.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageScreening)) return Forbidden();
        var outcome = await rounds.OpenAsync(new RoundInput(Form.AreaCode, Form.Name, Form.Date, Form.Deadline, Form.PoolSize), ct);
        Rounds = await rounds.ListAsync(ct);
        return Show(outcome, r => Redirect($"/Screening/Round/{r.Id}"));
    }

    public sealed class RoundForm
    {
        public string? AreaCode { get; set; }
        public string? Name { get; set; }
        public string? Date { get; set; }
        public string? Deadline { get; set; }
        public int? PoolSize { get; set; } = 10;
    }
}

using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Investigation;

// One cluster as a graph: cases by generation, infection links, and (optionally) contacts.
public sealed class ChainModel(TransmissionChains chains, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public bool Contacts { get; set; } = true;
    public ChainGraph? Graph { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewInvestigation)) return StatusCode(StatusCodes.Status403Forbidden);
        Graph = await chains.GraphAsync(Id, Contacts, ct);
        return Graph is null ? NotFound() : Page();
    }

    public string Json() => JsonSerializer.Serialize(new
    {
        nodes = Graph!.Nodes, edges = Graph.Edges,
        growth = Graph.Growth.Select(g => new { day = g.Day.ToString("MM-dd"), cases = g.Cases }),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Replace("</", "<\\/");
}

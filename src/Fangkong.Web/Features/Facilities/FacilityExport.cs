using Fangkong.Web.Platform.Files;
using System.Runtime.CompilerServices;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Facilities;

// Export and template files. Rows come from FacilityRegistry.Query, so the jurisdiction filter that
// scopes lists and counts scopes exports too; rows are streamed, never held all at once.
public sealed class FacilityExporter(FacilityRegistry registry, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    // Beijing time for the file name: all of China keeps it, and "today" should be the user's today.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public string FileName(string prefix, SheetFormat format) =>
        $"{prefix}-{clock.GetUtcNow().ToOffset(ChinaOffset):yyyyMMdd}.{(format == SheetFormat.Xlsx ? "xlsx" : "csv")}";

    private IQueryable<Facility> Rows(FacilityFilter filter) =>
        registry.Query(filter).OrderBy(f => f.DivisionCode).ThenBy(f => f.Name).ThenBy(f => f.Id);

    public Task<int> CountAsync(FacilityFilter filter, CancellationToken cancellationToken) => registry.Query(filter).CountAsync(cancellationToken);

    public Task WriteCsvAsync(Stream output, FacilityFilter filter, int language, CancellationToken cancellationToken) =>
        SheetFiles.WriteCsvAsync(output, FacilitySheet.ExportColumns.Select(c => c.Header(language)).ToList(),
            Rows(filter).AsAsyncEnumerable(),
            f => FacilitySheet.ExportColumns.Select(c => FacilitySheet.ValueOf(f, c, language)).ToArray(),
            cancellationToken);

    public async Task<int> WriteXlsxAsync(Stream output, FacilityFilter filter, int language, CancellationToken cancellationToken)
    {
        var sheet = new SheetFiles.XlsxSheet(FacilitySheet.SheetName(language),
            FacilitySheet.ExportColumns.Select(c => c.Header(language)).ToList(),
            Cells(Rows(filter).AsAsyncEnumerable(), language, cancellationToken),
            Widths(FacilitySheet.ExportColumns));
        return (await SheetFiles.WriteXlsxAsync(output, [sheet], cancellationToken))[0];
    }

    private static async IAsyncEnumerable<object?[]> Cells(IAsyncEnumerable<Facility> facilities, int language,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var f in facilities.WithCancellation(cancellationToken))
            yield return FacilitySheet.ExportColumns.Select(c => FacilitySheet.ValueOf(f, c, language)).ToArray();
    }

    // Headers only, plus a notes sheet saying which capacity fields each kind takes and which it must state.
    public async Task WriteTemplateAsync(Stream output, SheetFormat format, int language, CancellationToken cancellationToken)
    {
        var header = FacilitySheet.Columns.Select(c => c.Header(language)).ToList();
        if (format == SheetFormat.Csv)
        {
            await SheetFiles.WriteCsvAsync(output, header, AsyncEnumerable.Empty<object?[]>(), r => r, cancellationToken);
            return;
        }
        string Headers(IEnumerable<string> keys) => string.Join(language == 2 ? ", " : "、", keys.Select(k => FacilitySheet.ByKey(k).Header(language)));
        var notes = Enum.GetValues<FacilityKind>().Select(kind =>
        {
            var rule = FacilityKindRules.For(kind);
            return new object?[]
            {
                FacilitySheet.KindLabel(kind, language), kind.ToString(),
                Headers(FacilityKindRules.CapacityFields.Where(rule.Allowed.Contains)),
                Headers(FacilityKindRules.CapacityFields.Where(rule.Required.Contains)),
            };
        }).ToList();
        string[] notesHeader = language switch
        {
            1 => ["類型", "代碼", "可填容量欄位", "必填容量欄位"],
            2 => ["Kind", "Code", "Capacity fields it takes", "Capacity fields it must state"],
            _ => ["类型", "代码", "可填容量字段", "必填容量字段"],
        };
        await SheetFiles.WriteXlsxAsync(output,
        [
            new SheetFiles.XlsxSheet(FacilitySheet.SheetName(language), header, AsyncEnumerable.Empty<object?[]>(), Widths(FacilitySheet.Columns)),
            new SheetFiles.XlsxSheet(FacilitySheet.NotesSheetName(language), notesHeader, notes.ToAsyncEnumerable(), [24, 24, 40, 40]),
        ], cancellationToken);
    }

    public Task AuditAsync(SheetFormat format, int rows, FacilityFilter filter, CancellationToken cancellationToken) =>
        audit.AppendAsync(user.Actor, new AuditEvent("facility.export", AuditOutcome.Success, "facility", null,
            $"format={format.ToString().ToLowerInvariant()} rows={rows} kind={filter.Kind} division={filter.DivisionCode} q={filter.Search}"),
            cancellationToken);

    private static List<double> Widths(IEnumerable<SheetColumn> columns) =>
        columns.Select(c => c.Key switch
        {
            "id" => 38d,
            "name" or "address" => 36d,
            "kind" => 18d,
            "divisionCode" or "phone" => 16d,
            _ => 12d,
        }).ToList();
}

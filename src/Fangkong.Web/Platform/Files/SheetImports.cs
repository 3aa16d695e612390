using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Platform.Files;

public enum ImportMode { All, Valid }

// Row is the spreadsheet's row number (the header is row 1 in a normal file); Column is the header
// as written in the file, so the user finds the cell; Field is the stable key.
public sealed record ImportError(int Row, string Column, string Field, string? Value, string Message);

public sealed record ImportReport(string Mode, int TotalRows, int Imported, int Rejected, IReadOnlyList<ImportError> Errors);

// Either the file itself is unusable (FileErrors, answered 400) or it was read and every row judged.
public sealed record ImportResult(ImportReport? Report, FieldErrors? FileErrors, bool Stored);

// What every spreadsheet import shares, so each module writes only its own row checks: the mode
// (all or nothing / the valid rows), reading the upload, opening the sheet, finding the columns by
// the names people write in three languages, and the HTTP answer (200 stored, 422 nothing stored
// with the report, 400 naming `file` or `mode`).
public static class SheetImports
{
    public static ImportMode? ParseMode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => ImportMode.All,
        "valid" => ImportMode.Valid,
        _ => null,
    };

    public static IResult ModeProblem() => new FieldErrors().Add("mode", "须为 all 或 valid / must be all or valid").ToProblem();

    public static string Name(ImportMode mode) => mode == ImportMode.All ? "all" : "valid";

    public static ImportResult FileProblem(string message) => new(null, new FieldErrors().Add("file", message), false);

    // The form is read by hand rather than bound, so every way an upload can be wrong — too large,
    // unreadable, no file — answers the same 400 naming `file`.
    public static async Task<(byte[]? Content, string? FileName, IResult? Problem)> ReadUploadAsync(HttpContext http, long maxBytes, CancellationToken ct)
    {
        var (file, problem) = await Uploads.ReadFileAsync(http, maxBytes, ct);
        if (file is null) return (null, null, problem);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, ct);
        return (content, file.FileName, null);
    }

    // The sheet's rows (header first) and its format, or why the file cannot be imported at all.
    public static (List<SheetRow>? Rows, SheetFormat Format, string? Problem) Open(string? fileName, byte[] content, int maxDataRows)
    {
        var format = SheetFiles.Detect(fileName, content);
        if (format is null)
            return (null, default, "只接受 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx）/ only .xlsx or .csv files are accepted (save an old .xls as .xlsx)");
        List<SheetRow> rows;
        try
        {
            rows = SheetFiles.Read(format.Value, content, maxDataRows + 1);
        }
        catch (SheetFileException e)
        {
            return (null, format.Value, e.Message);
        }
        if (rows.Count == 0) return (null, format.Value, "文件是空的 / the file is empty");
        if (rows.Skip(1).All(r => r.IsEmpty)) return (null, format.Value, "文件只有表头，没有数据行 / the file has a header but no data rows");
        return (rows, format.Value, null);
    }

    public static IResult Answer(ImportResult result)
    {
        if (result.FileErrors is { } fileErrors) return fileErrors.ToProblem("无法导入该文件 / The file cannot be imported");
        var report = result.Report!;
        if (result.Stored) return Results.Ok(report);
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "文件中有错误行，未导入任何数据 / The file has bad rows; nothing was imported",
            detail: $"{report.Rejected} / {report.TotalRows}",
            extensions: new Dictionary<string, object?> { ["report"] = report });
    }

    // An import endpoint's whole body: mode, upload, the module's import, the answer.
    public static async Task<IResult> HandleAsync(HttpContext http, string? mode, long maxBytes,
        Func<string?, byte[], ImportMode, Task<ImportResult>> import, CancellationToken ct)
    {
        if (ParseMode(mode) is not { } importMode) return ModeProblem();
        var (content, fileName, problem) = await ReadUploadAsync(http, maxBytes, ct);
        if (problem is not null) return problem;
        return Answer(await import(fileName, content!, importMode));
    }
}

// A sheet's header matched against the names each column may carry ("身份证号", "身份證號",
// "idNumber" …); the key is the stable field name used in errors.
public sealed class SheetColumns
{
    private readonly Dictionary<string, (int Index, string Header)> _found;
    private readonly IReadOnlyDictionary<string, string[]> _aliases;

    private SheetColumns(Dictionary<string, (int, string)> found, IReadOnlyDictionary<string, string[]> aliases) => (_found, _aliases) = (found, aliases);

    public static SheetColumns Match(SheetRow header, IReadOnlyDictionary<string, string[]> aliases)
    {
        var found = new Dictionary<string, (int, string)>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var text = header[i]?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            var key = aliases.FirstOrDefault(a => a.Value.Contains(text, StringComparer.OrdinalIgnoreCase)).Key;
            if (key is not null) found.TryAdd(key, (i, text));
        }
        return new SheetColumns(found, aliases);
    }

    // The required columns missing from the header, by their first (display) name.
    public IReadOnlyList<string> Missing(params string[] required) =>
        [.. required.Where(k => !_found.ContainsKey(k)).Select(k => _aliases[k][0])];

    public string? Cell(SheetRow row, string key) => _found.TryGetValue(key, out var c) ? row[c.Index]?.Trim() : null;

    // The header as written in the file (or its display name when absent), for error reports.
    public string Header(string key) => _found.TryGetValue(key, out var c) ? c.Header : _aliases.TryGetValue(key, out var names) ? names[0] : key;
}

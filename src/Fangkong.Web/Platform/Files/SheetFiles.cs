using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fangkong.Web.Platform.Files;

public enum SheetFormat { Xlsx, Csv }

// A row as the user sees it: Number is the spreadsheet's row number (1 = first line of the file).
public sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[int column] => column < Cells.Length ? Cells[column] : null;
    public bool IsEmpty => Cells.All(string.IsNullOrWhiteSpace);
}

// A file that cannot be read as a spreadsheet at all (as opposed to a bad row in a good file).
public sealed class SheetFileException(string message) : Exception(message);

// Reading and writing plain tables in .xlsx and .csv. Nothing here knows about facilities.
public static class SheetFiles
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    // Columns past this are ignored: a real facility sheet has 16, and a crafted file must not make a
    // row allocate millions of cells.
    public const int MaxColumns = 64;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    static SheetFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SheetFormat? Detect(string? fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var isZip = content.StartsWith(ZipMagic);
        if (extension == ".xlsx") return isZip ? SheetFormat.Xlsx : null;
        if (extension == ".csv") return !isZip && !content[..Math.Min(content.Length, 8192)].Contains((byte)0) ? SheetFormat.Csv : null;
        return null;
    }

    // maxRows counts every non-empty row, the header included.
    public static List<SheetRow> Read(SheetFormat format, byte[] content, int maxRows) =>
        format == SheetFormat.Xlsx ? ReadXlsx(content, maxRows) : ReadCsv(content, maxRows);

    // Reads the first worksheet. The package is opened with the SDK, the XML itself with a plain
    // XmlReader: the SDK's per-cell element objects made reading 5,000 rows take over a second.
    // Formulas count by their cached value.
    public static List<SheetRow> ReadXlsx(byte[] content, int maxRows)
    {
        try
        {
            CheckPackageSize(content);
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new SheetFileException("没有工作簿 / no workbook in the file");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new SheetFileException("没有工作表 / no worksheet in the file");
            if (sheet.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart part)
                throw new SheetFileException("没有工作表 / no worksheet in the file");
            var shared = SharedStrings(workbook);

            var rows = new List<SheetRow>();
            using var xml = Xml(part);
            var lastRow = 0;
            List<string?>? cells = null;
            var number = 0;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
                {
                    number = int.TryParse(xml.GetAttribute("r"), CultureInfo.InvariantCulture, out var n) ? n : lastRow + 1;
                    lastRow = number;
                    cells = [];
                    if (xml.IsEmptyElement) cells = null;
                }
                else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c" && cells is not null)
                {
                    var column = xml.GetAttribute("r") is { } reference ? ColumnIndex(reference) : cells.Count;
                    var type = xml.GetAttribute("t");
                    var text = CellText(type, ReadText(xml, type == "inlineStr" ? "t" : "v"), shared);
                    if (column is < 0 or >= MaxColumns) continue;
                    while (cells.Count <= column) cells.Add(null);
                    cells[column] = text;
                }
                else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row" && cells is not null)
                {
                    var row = new SheetRow(number, [.. cells]);
                    cells = null;
                    if (row.IsEmpty) continue;
                    if (rows.Count >= maxRows) throw new SheetFileException($"数据行超过 {maxRows - 1} 行 / more than {maxRows - 1} data rows");
                    rows.Add(row);
                }
            }
            return rows;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or InvalidOperationException
                                      or FileFormatException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            throw new SheetFileException("无法读取该 Excel 文件 / the Excel file could not be read");
        }
    }

    // Limits checked from the zip's directory before any part is parsed: a few kilobytes can inflate to
    // a shared-strings part of hundreds of megabytes, which took ~20 s of CPU to read. The limits leave
    // room for several times the largest real import (100,000 facilities with unique names and
    // addresses make ~30 MB of shared strings).
    public const int MaxParts = 1_000;
    public const long MaxPartBytes = 200_000_000;
    public const long MaxUnpackedBytes = 400_000_000;
    public const long MaxSharedStringsBytes = 64_000_000;
    public const int MaxSharedStrings = 2_000_000;
    private const string TooLargeUnpacked = "文件解压后过大 / the file is too large once unpacked";

    private static void CheckPackageSize(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxParts) throw new SheetFileException($"文件包含的部件过多 / the file has more than {MaxParts} parts");
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            var sharedStrings = entry.FullName.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
            if (entry.Length > (sharedStrings ? MaxSharedStringsBytes : MaxPartBytes) || total > MaxUnpackedBytes)
                throw new SheetFileException(TooLargeUnpacked);
        }
    }

    // A 20 MB zip can inflate to gigabytes of XML; the cap stops a crafted file long before that
    // while leaving room for ten times the largest real import.
    // The character caps hold even if the zip's directory understates a part's size.
    private static XmlReader Xml(OpenXmlPart part, long maxCharacters = MaxPartBytes) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = maxCharacters,
    });

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return strings;
        using var xml = Xml(part, MaxSharedStringsBytes);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            // The table states its size up front: a claim past the cap is refused before reading on.
            if (xml.LocalName == "sst" && long.TryParse(xml.GetAttribute("uniqueCount"), CultureInfo.InvariantCulture, out var declared) && declared > MaxSharedStrings)
                throw new SheetFileException(TooLargeUnpacked);
            if (xml.LocalName != "si") continue;
            if (strings.Count >= MaxSharedStrings) throw new SheetFileException(TooLargeUnpacked);
            strings.Add(ReadText(xml, "t") ?? "");
        }
        return strings;
    }

    // The text of every <element> (v, or t of a string) inside the current element, leaving out
    // phonetic guides (rPh): they hold <t> elements too, and would glue pinyin onto the value.
    private static string? ReadText(XmlReader xml, string element)
    {
        StringBuilder? text = null;
        var inElement = 0;
        var inPhonetic = 0;
        using var sub = xml.ReadSubtree();
        while (sub.Read())
        {
            switch (sub.NodeType)
            {
                case XmlNodeType.Element when !sub.IsEmptyElement:
                    if (sub.LocalName == "rPh") inPhonetic++;
                    else if (sub.LocalName == element) inElement++;
                    break;
                case XmlNodeType.EndElement:
                    if (sub.LocalName == "rPh") inPhonetic--;
                    else if (sub.LocalName == element) inElement--;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                    when inElement > 0 && inPhonetic == 0:
                    (text ??= new StringBuilder()).Append(sub.Value);
                    break;
            }
        }
        return text?.ToString();
    }

    private static string? CellText(string? type, string? raw, List<string> shared)
    {
        if (raw is null) return null;
        switch (type)
        {
            case "inlineStr" or "str" or "e":
                return raw;
            case "s":
                return int.TryParse(raw, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
            case "b":
                return raw == "1" ? "TRUE" : "FALSE";
        }
        // A code or phone typed into a number cell comes back as a double; give whole numbers back
        // their plain digits rather than "3.10104011E8".
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d && Math.Abs(d) < 1e15)
            return d.ToString("0", CultureInfo.InvariantCulture);
        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
            if (index > MaxColumns) return MaxColumns;
        }
        return index - 1;
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    // Excel in China saves "CSV" in GB18030 unless told "CSV UTF-8", so anything that is not valid
    // UTF-8 is read as GB18030. Empty lines stay records so row numbers match what Excel shows.
    // RFC 4180 fields of one line of a streamed CSV (the bulk imports read line by line rather than
    // through CsvHelper); lines without quotes — the bulk of a generated file — take the fast path.
    public static string?[] SplitCsvLine(string line)
    {
        if (!line.Contains('"')) return line.Split(',');
        var cells = new List<string?>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        cells.Add(current.ToString());
        return [.. cells];
    }

    public static List<SheetRow> ReadCsv(byte[] content, int maxRows)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
        var text = System.Text.Unicode.Utf8.IsValid(bytes)
            ? Encoding.UTF8.GetString(bytes)
            : Encoding.GetEncoding("GB18030").GetString(bytes);
        var rows = new List<SheetRow>();
        try
        {
            using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false, Separator = ',', SkipEmptyLines = false });
            while (reader.Read())
            {
                var cells = new string?[Math.Min(reader.FieldCount, MaxColumns)];
                for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
                var row = new SheetRow((int)reader.RowNumber, cells);
                if (row.IsEmpty) continue;
                if (rows.Count >= maxRows) throw new SheetFileException($"数据行超过 {maxRows - 1} 行 / more than {maxRows - 1} data rows");
                rows.Add(row);
            }
        }
        catch (CsvFormatException)
        {
            throw new SheetFileException("无法读取该 CSV 文件 / the CSV file could not be read");
        }
        return rows;
    }

    // RFC 4180, UTF-8 with a BOM (without it Excel reads the file in the system code page), and text
    // that starts like a formula written after an apostrophe, so opening the file runs nothing.
    public static async Task WriteCsvAsync<T>(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<T> items,
        Func<T, object?[]> cells, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var h in header) csv.WriteField(h);
        await csv.EndRecordAsync(cancellationToken);
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            foreach (var cell in cells(item)) csv.WriteField(cell);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    public sealed record XlsxSheet(string Name, IReadOnlyList<string> Header, IAsyncEnumerable<object?[]> Rows, IReadOnlyList<double>? Widths = null);

    // Writes the package by hand into a zip opened for creation, with the worksheet streamed through
    // OpenXmlWriter: the SDK's own package keeps every part in memory until it is saved, which for a
    // 100k-row export is hundreds of megabytes. Returns the number of data rows of each sheet.
    public static async Task<int[]> WriteXlsxAsync(Stream output, IReadOnlyList<XlsxSheet> sheets, CancellationToken cancellationToken)
    {
        var counts = new int[sheets.Count];
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
        Part(zip, "_rels/.rels",
            $"""<Relationships xmlns="{RelNs}"><Relationship Id="rId1" Type="{OfficeRel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part(zip, "xl/_rels/workbook.xml.rels",
            $"""<Relationships xmlns="{RelNs}">{string.Concat(sheets.Select((_, i) => $"""<Relationship Id="rId{i + 1}" Type="{OfficeRel}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>"""))}<Relationship Id="rIdStyles" Type="{OfficeRel}/styles" Target="styles.xml"/></Relationships>""");
        Part(zip, "xl/workbook.xml", new Workbook(new Sheets(sheets.Select((s, i) =>
            new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" }))));
        Part(zip, "xl/styles.xml", new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 }));

        for (var s = 0; s < sheets.Count; s++)
        {
            var sheet = sheets[s];
            await using var stream = zip.CreateEntry($"xl/worksheets/sheet{s + 1}.xml", CompressionLevel.Fastest).Open();
            using var writer = OpenXmlWriter.Create(stream);
            writer.WriteStartDocument();
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft })
            { TabSelected = s == 0, WorkbookViewId = 0U }));
            if (sheet.Widths is { Count: > 0 } widths)
                writer.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, sheet.Header.Cast<object?>().ToArray(), bold: true);
            var number = 1;
            await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
                WriteRow(writer, ++number, row, bold: false);
            counts[s] = number - 1;
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return counts;
    }

    private static void WriteRow(OpenXmlWriter writer, int number, object?[] values, bool bold)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var i = 0; i < values.Length; i++)
        {
            var reference = ColumnName(i) + number.ToString(CultureInfo.InvariantCulture);
            var style = bold ? 1U : (uint?)null;
            switch (values[i])
            {
                case null:
                    break;
                case int n:
                    writer.WriteElement(new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(n) });
                    break;
                case double d:
                    writer.WriteElement(new Cell { CellReference = reference, StyleIndex = style, CellValue = new CellValue(d) });
                    break;
                case var v:
                    writer.WriteElement(new Cell
                    {
                        CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(SheetText(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""))),
                    });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters; a name pasted from elsewhere may hold one.
    private static string SheetText(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;

    private const string RelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static string ContentTypes(int sheetCount) =>
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + string.Concat(Enumerable.Range(1, sheetCount).Select(i =>
            $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
        + "</Types>";

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
        stream.Write(bytes);
    }

    private static void Part(ZipArchive zip, string name, OpenXmlElement root)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteElement(root);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fangkong.Web.Features.PriceWatch;

// One sale as a pharmacy reports it. FacilityId may be left out by a pharmacy's own account (its
// facility is meant); SoldAt defaults to now and may be back-dated for late reports.
public sealed record SaleInput(Guid? FacilityId, Guid? ProductId, string? ProductCode, long? Quantity, decimal? UnitPrice,
    string? BuyerIdNumber, DateTime? SoldAt);

// The body of POST /api/pricewatch/sales: one sale object, an array of sales, or {"sales": [...]}.
// Errors of a batch name the row: "sales[2].quantity".
[JsonConverter(typeof(SalesReportConverter))]
public sealed record SalesReport(IReadOnlyList<SaleInput> Sales, bool IsBatch)
{
    public static SalesReport One(SaleInput sale) => new([sale], false);
}

public sealed record SalesAccepted(int Accepted, IReadOnlyList<Guid> SaleIds);

internal sealed class SalesReportConverter : JsonConverter<SalesReport>
{
    public override SalesReport Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array) return new SalesReport(Rows(root, options, "sales"), true);
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("Expected a sale or a batch of sales.", "body", null, null);
        foreach (var property in root.EnumerateObject())
        {
            if (!property.NameEquals("sales") && !property.NameEquals("Sales")) continue;
            if (property.Value.ValueKind != JsonValueKind.Array) throw new JsonException("sales must be an array.", "sales", null, null);
            return new SalesReport(Rows(property.Value, options, "sales"), true);
        }
        return SalesReport.One(Row(root, options, null));
    }

    private static List<SaleInput> Rows(JsonElement array, JsonSerializerOptions options, string name) =>
        array.EnumerateArray().Select((row, i) => Row(row, options, $"{name}[{i}]")).ToList();

    private static SaleInput Row(JsonElement row, JsonSerializerOptions options, string? prefix)
    {
        try
        {
            return row.Deserialize<SaleInput>(options) ?? throw new JsonException("A sale cannot be null.", prefix ?? "body", null, null);
        }
        catch (JsonException e)
        {
            // Re-root the path at the row, so the problem names "sales[2].quantity" and not "$.quantity".
            var inner = e.Path?.TrimStart('$', '.') ?? "";
            var path = prefix is null ? inner : inner.Length == 0 ? prefix : $"{prefix}.{inner}";
            throw new JsonException(e.Message, path.Length == 0 ? "body" : path, null, null, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, SalesReport value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("sales");
        JsonSerializer.Serialize(writer, value.Sales, options);
        writer.WriteEndObject();
    }
}

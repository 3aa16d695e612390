using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Supplies;

public sealed record ProductInput(string? Code, string? Name, string? Category, string? Unit, int? PackSize, int? UnitsPerCourse,
    decimal? ReferencePrice, bool? PrescriptionOnly, double? CoursesPerSymptomaticCase, bool? Active);

public sealed record ProductDto(Guid Id, string Code, string Name, string Category, string Unit, int PackSize, int UnitsPerCourse,
    decimal? ReferencePrice, bool PrescriptionOnly, double CoursesPerSymptomaticCase, bool Active, int Version)
{
    public static ProductDto From(Product p) => new(p.Id, p.Code, p.Name, p.Category.ToString(), p.Unit, p.PackSize, p.UnitsPerCourse,
        p.ReferencePrice, p.PrescriptionOnly, p.CoursesPerSymptomaticCase, p.Active, p.Version);
}

// The catalogue of drugs and supplies: one list for the whole platform (a product is the same
// product in every district), edited by the supplies task force.
public sealed class Catalogue(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public async Task<List<ProductDto>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        var q = db.Products.AsNoTracking();
        if (!includeInactive) q = q.Where(p => p.Active);
        return (await q.OrderBy(p => p.Category).ThenBy(p => p.Code).ToListAsync(ct)).Select(ProductDto.From).ToList();
    }

    public Task<Product?> FindAsync(Guid id, CancellationToken ct) => db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<WriteOutcome<Product>> CreateAsync(ProductInput input, CancellationToken ct)
    {
        var errors = Check(input, creating: true);
        var code = input.Code?.Trim() ?? "";
        if (!errors.Any && await db.Products.AnyAsync(p => p.Code == code, ct))
            errors.Add("code", "编码已存在 / code already exists");
        if (errors.Any) return new WriteOutcome<Product>.Invalid(errors);
        var product = Product.Create(Guid.CreateVersion7(), code, input.Name!.Trim(), Enum.Parse<ProductCategory>(input.Category!, true),
            input.Unit!.Trim(), input.PackSize!.Value, input.UnitsPerCourse!.Value, input.ReferencePrice, input.PrescriptionOnly ?? false,
            input.CoursesPerSymptomaticCase ?? 0, clock.GetUtcNow().UtcDateTime);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("product.create", AuditOutcome.Success, "product", product.Id.ToString(), product.Code), ct);
        return new WriteOutcome<Product>.Done(product);
    }

    public async Task<WriteOutcome<Product>> UpdateAsync(Guid id, int expectedVersion, ProductInput input, CancellationToken ct)
    {
        var product = await FindAsync(id, ct);
        if (product is null) return new WriteOutcome<Product>.NotFound();
        if (product.Version != expectedVersion) return new WriteOutcome<Product>.Stale(product.Version);
        var errors = Check(input, creating: false);
        if (input.Code is { } code && code.Trim() != product.Code) errors.Add("code", "编码不可修改 / the code cannot change");
        if (errors.Any) return new WriteOutcome<Product>.Invalid(errors);
        product.Revise(input.Name!.Trim(), Enum.Parse<ProductCategory>(input.Category!, true), input.Unit!.Trim(), input.PackSize!.Value,
            input.UnitsPerCourse!.Value, input.ReferencePrice, input.PrescriptionOnly ?? false, input.CoursesPerSymptomaticCase ?? 0,
            input.Active ?? true, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            return current is null ? new WriteOutcome<Product>.NotFound() : new WriteOutcome<Product>.Stale(current.Version);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("product.update", AuditOutcome.Success, "product", product.Id.ToString(), product.Code), ct);
        return new WriteOutcome<Product>.Done(product);
    }

    private static FieldErrors Check(ProductInput input, bool creating)
    {
        var errors = new FieldErrors();
        if (creating)
        {
            if (string.IsNullOrWhiteSpace(input.Code)) errors.Add("code", "必填 / required");
            else if (input.Code.Trim().Length > 40 || !input.Code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                errors.Add("code", "编码为 1–40 位字母、数字或 - _ . / 1–40 letters, digits or - _ .");
        }
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "必填 / required");
        else if (input.Name.Trim().Length > 200) errors.Add("name", "最长 200 字符 / at most 200 characters");
        if (string.IsNullOrWhiteSpace(input.Category) || int.TryParse(input.Category, out _)
            || !Enum.TryParse<ProductCategory>(input.Category, true, out _))
            errors.Add("category", $"须为 {string.Join(", ", Enum.GetNames<ProductCategory>())} 之一 / unknown category");
        if (string.IsNullOrWhiteSpace(input.Unit)) errors.Add("unit", "必填 / required");
        else if (input.Unit.Trim().Length > 20) errors.Add("unit", "最长 20 字符 / at most 20 characters");
        if (input.PackSize is null or < 1 or > 100_000) errors.Add("packSize", "须为 1–100000 的整数 / a whole number 1–100000");
        if (input.UnitsPerCourse is null or < 1 or > 1000) errors.Add("unitsPerCourse", "须为 1–1000 的整数 / a whole number 1–1000");
        if (input.ReferencePrice is < 0 or > 1_000_000) errors.Add("referencePrice", "须为 0–1000000 / must be 0–1000000");
        if (input.CoursesPerSymptomaticCase is < 0 or > 10 || (input.CoursesPerSymptomaticCase is { } c && !double.IsFinite(c)))
            errors.Add("coursesPerSymptomaticCase", "须为 0–10 / must be 0–10");
        return errors;
    }
}

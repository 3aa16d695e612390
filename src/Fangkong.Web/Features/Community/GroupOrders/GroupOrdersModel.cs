using System.Text.Json;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Fangkong.Web.Features.Community.GroupOrders;

// Group orders are a committee's (filtered by its divisions) and a supplier's (its own account sees
// the orders addressed to it). Packages and capacities are the suppliers' public offer: no filter.
internal static class GroupOrdersModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<SupplyPackage>(p =>
        {
            p.HasKey(x => new { x.DistrictCode, x.Id });
            p.HasIndex(x => x.Id).IsUnique();
            p.HasIndex(x => new { x.SupplierId, x.Code }).IsUnique();
            p.Property(x => x.DistrictCode).HasMaxLength(6);
            p.Property(x => x.SupplierDivisionCode).HasMaxLength(12);
            p.Property(x => x.Code).HasMaxLength(40);
            p.Property(x => x.Name).HasMaxLength(100);
            p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.CreatedBy).HasMaxLength(256);
            p.Property(x => x.Price).HasPrecision(10, 2);
            p.Property(x => x.ReferencePrice).HasPrecision(10, 2);
            // The contents are a value of the package, read and written whole: one JSON text column
            // on both databases, never queried into.
            p.Property(x => x.Items).HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<PackageItem>>(v, Json) ?? new List<PackageItem>(),
                new ValueComparer<List<PackageItem>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i)), v => v.ToList()))
                .HasMaxLength(8000);
            p.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<SupplierCapacity>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.SupplierId });
            c.HasIndex(x => x.SupplierId).IsUnique();
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<GroupOrder>(o =>
        {
            o.HasKey(x => new { x.DistrictCode, x.Id });
            o.HasIndex(x => x.Id).IsUnique();
            o.HasIndex(x => new { x.DivisionCode, x.Status });
            o.HasIndex(x => new { x.SupplierId, x.Status, x.ScheduledDate });
            o.HasIndex(x => x.CompoundId);
            o.Property(x => x.DistrictCode).HasMaxLength(6);
            o.Property(x => x.DivisionCode).HasMaxLength(12);
            o.Property(x => x.SupplierDivisionCode).HasMaxLength(12);
            o.Property(x => x.Organizer).HasMaxLength(100);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.CreatedBy).HasMaxLength(256);
            o.Property(x => x.ConfirmedBy).HasMaxLength(256);
            o.Property(x => x.DeclineReason).HasMaxLength(200);
            o.Property(x => x.ScheduleReason).HasMaxLength(300);
            o.Property(x => x.Amount).HasPrecision(14, 2);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.Ignore(x => x.IsOpenForHouseholds);
            o.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.SupplierId == db.ScopeFacilityId));
        });

        builder.Entity<GroupOrderLine>(l =>
        {
            l.ToTable(t => t.HasCheckConstraint("CK_GroupOrderLines_Delivered", "\"Delivered\" >= 0 AND \"Delivered\" <= \"Quantity\""));
            l.HasKey(x => new { x.DistrictCode, x.Id });
            l.HasIndex(x => x.Id).IsUnique();
            l.HasIndex(x => x.OrderId);
            l.Property(x => x.DistrictCode).HasMaxLength(6);
            l.Property(x => x.DivisionCode).HasMaxLength(12);
            l.Property(x => x.Building).HasMaxLength(40);
            l.Property(x => x.Room).HasMaxLength(20);
            l.Property(x => x.UnitPrice).HasPrecision(10, 2);
            l.Property(x => x.ReferencePrice).HasPrecision(10, 2);
            l.Ignore(x => x.Remaining);
            l.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.SupplierId == db.ScopeFacilityId));
        });

        builder.Entity<GroupOrderDistribution>(d =>
        {
            d.HasKey(x => new { x.DistrictCode, x.Id });
            d.HasIndex(x => x.Id).IsUnique();
            d.HasIndex(x => x.OrderId);
            d.Property(x => x.DistrictCode).HasMaxLength(6);
            d.Property(x => x.DivisionCode).HasMaxLength(12);
            d.Property(x => x.Building).HasMaxLength(40);
            d.Property(x => x.Room).HasMaxLength(20);
            d.Property(x => x.DeliveredBy).HasMaxLength(100);
            d.Property(x => x.Exception).HasMaxLength(200);
            d.Property(x => x.RecordedBy).HasMaxLength(256);
            d.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.SupplierId == db.ScopeFacilityId));
        });
    }
}

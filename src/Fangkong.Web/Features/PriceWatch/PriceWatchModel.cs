using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.PriceWatch;

// The price watch tables: district first in the keys (the Citus distribution column), both filtered
// to the caller's divisions or facility. The hoarding rule reads sales by buyer across districts, the
// one deliberate cross-shard query of the module (by the IX_PharmacySales_BuyerHash_ProductId_SoldAt index).
internal static class PriceWatchModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<PharmacySale>(s =>
        {
            s.HasKey(x => new { x.DistrictCode, x.Id });
            s.HasIndex(x => x.Id).IsUnique();
            s.HasIndex(x => new { x.BuyerHash, x.ProductId, x.SoldAt });
            s.HasIndex(x => new { x.FacilityId, x.ProductId, x.SaleDay });
            s.Property(x => x.DistrictCode).HasMaxLength(6);
            s.Property(x => x.DivisionCode).HasMaxLength(12);
            s.Property(x => x.BuyerHash).HasMaxLength(64);
            s.Property(x => x.UnitPrice).HasPrecision(12, 2);
            s.Property(x => x.ReportedBy).HasMaxLength(256);
            s.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<WatchFlag>(f =>
        {
            f.HasKey(x => new { x.DistrictCode, x.Id });
            f.HasIndex(x => x.Id).IsUnique();
            f.HasIndex(x => new { x.DistrictCode, x.DedupKey }).IsUnique();
            f.HasIndex(x => new { x.Status, x.Kind, x.RaisedAt });
            f.HasIndex(x => new { x.BuyerHash, x.ProductId, x.RaisedAt });
            f.Property(x => x.DistrictCode).HasMaxLength(6);
            f.Property(x => x.DivisionCode).HasMaxLength(12);
            f.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.DedupKey).HasMaxLength(200);
            f.Property(x => x.FacilityName).HasMaxLength(200);
            f.Property(x => x.ProductCode).HasMaxLength(40);
            f.Property(x => x.BuyerHash).HasMaxLength(64);
            f.Property(x => x.Evidence).HasMaxLength(4000);
            f.Property(x => x.Note).HasMaxLength(1000);
            f.Property(x => x.ClosedBy).HasMaxLength(256);
            f.Property(x => x.Version).IsConcurrencyToken();
            f.Ignore(x => x.IsOpen);
            f.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });
    }
}

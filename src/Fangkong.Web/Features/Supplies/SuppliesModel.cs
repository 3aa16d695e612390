using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Supplies;

// The supplies tables. Ledger tables put the district first in their keys (the Citus distribution
// column, as elsewhere); every node-bound table is filtered to the caller's divisions or facility.
internal static class SuppliesModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<Product>(p =>
        {
            p.HasKey(x => x.Id);
            p.HasIndex(x => x.Code).IsUnique();
            p.Property(x => x.Code).HasMaxLength(40);
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.Unit).HasMaxLength(20);
            p.Property(x => x.Category).HasConversion<string>().HasMaxLength(40);
            p.Property(x => x.ReferencePrice).HasPrecision(12, 2);
            p.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<StockLot>(l =>
        {
            l.ToTable(t => t.HasCheckConstraint("CK_StockLots_OnHand", "\"OnHand\" >= 0"));
            l.HasKey(x => new { x.DistrictCode, x.FacilityId, x.ProductId, x.Lot });
            l.HasIndex(x => new { x.ProductId, x.DivisionCode });
            l.Property(x => x.DistrictCode).HasMaxLength(6);
            l.Property(x => x.DivisionCode).HasMaxLength(12);
            l.Property(x => x.Lot).HasMaxLength(40);
            l.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<StockMovement>(m =>
        {
            m.HasKey(x => new { x.DistrictCode, x.Id });
            m.HasIndex(x => x.Id).IsUnique();
            m.HasIndex(x => new { x.FacilityId, x.ProductId, x.At });
            m.HasIndex(x => new { x.ProductId, x.Reason, x.At });
            m.HasIndex(x => x.DeliveryOrderId);
            m.Property(x => x.DistrictCode).HasMaxLength(6);
            m.Property(x => x.DivisionCode).HasMaxLength(12);
            m.Property(x => x.Lot).HasMaxLength(40);
            m.Property(x => x.Reason).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.Note).HasMaxLength(500);
            m.Property(x => x.RecordedBy).HasMaxLength(256);
            m.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<StockPolicy>(p =>
        {
            p.HasKey(x => new { x.DistrictCode, x.FacilityId, x.ProductId });
            p.Property(x => x.DistrictCode).HasMaxLength(6);
            p.Property(x => x.DivisionCode).HasMaxLength(12);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<SupplyRequest>(r =>
        {
            r.HasKey(x => new { x.DistrictCode, x.Id });
            r.HasIndex(x => x.Id).IsUnique();
            r.HasIndex(x => new { x.ProductId, x.Status });
            r.Property(x => x.DistrictCode).HasMaxLength(6);
            r.Property(x => x.DivisionCode).HasMaxLength(12);
            r.Property(x => x.Reason).HasMaxLength(500);
            r.Property(x => x.RaisedBy).HasMaxLength(256);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<SupplyPlan>(p =>
        {
            p.HasKey(x => x.Id);
            p.HasIndex(x => new { x.ScopeCode, x.CreatedAt });
            p.Property(x => x.ScopeCode).HasMaxLength(12);
            p.Property(x => x.Basis).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.CreatedBy).HasMaxLength(256);
            p.Property(x => x.ApprovedBy).HasMaxLength(256);
            p.Property(x => x.Version).IsConcurrencyToken();
            // A district task force sees the plans for its district; the city sees all.
            p.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.ScopeCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<SupplyPlanSite>(s =>
        {
            s.HasKey(x => new { x.PlanId, x.FacilityId });
            s.Property(x => x.DivisionCode).HasMaxLength(12);
            s.Property(x => x.Reason).HasMaxLength(40);
            s.Property(x => x.CommunityNote).HasMaxLength(300);
            s.Ignore(x => x.FillRatio);
        });

        builder.Entity<SupplyPlanShipment>(s =>
        {
            s.HasKey(x => new { x.PlanId, x.SourceId, x.SiteId });
        });

        builder.Entity<DeliveryOrder>(o =>
        {
            o.HasKey(x => new { x.DistrictCode, x.Id });
            o.HasIndex(x => x.Id).IsUnique();
            o.HasIndex(x => x.Number).IsUnique();
            o.HasIndex(x => x.PlanId);
            o.HasIndex(x => new { x.SourceId, x.Status });
            o.HasIndex(x => new { x.SiteId, x.Status });
            o.Property(x => x.DistrictCode).HasMaxLength(6);
            o.Property(x => x.Number).HasMaxLength(30);
            o.Property(x => x.SourceDivisionCode).HasMaxLength(12);
            o.Property(x => x.SiteDivisionCode).HasMaxLength(12);
            o.Property(x => x.Discrepancy).HasMaxLength(500);
            o.Property(x => x.ReceivedBy).HasMaxLength(256);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && (x.SiteDivisionCode.StartsWith(db.ScopePrefix) || x.SourceDivisionCode.StartsWith(db.ScopePrefix)))
                || (db.ScopeFacilityId != null && (x.SiteId == db.ScopeFacilityId || x.SourceId == db.ScopeFacilityId)));
        });
    }
}

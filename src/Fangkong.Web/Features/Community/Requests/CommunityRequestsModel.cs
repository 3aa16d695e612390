using Fangkong.Web.Features.Community.Sharing;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Community.Requests;

// Residents' requests, the QR codes they come through, and medicine sharing: every table is a
// committee's, district first in the key, filtered to the caller's divisions.
internal static class CommunityRequestsModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<CommunityQrCode>(q =>
        {
            q.HasKey(x => new { x.DistrictCode, x.Id });
            q.HasIndex(x => x.Id).IsUnique();
            q.HasIndex(x => x.Token).IsUnique();
            q.HasIndex(x => x.DivisionCode);
            q.Property(x => x.DistrictCode).HasMaxLength(6);
            q.Property(x => x.DivisionCode).HasMaxLength(12);
            q.Property(x => x.Label).HasMaxLength(100);
            q.Property(x => x.Token).HasMaxLength(40);
            q.Property(x => x.CreatedBy).HasMaxLength(256);
            q.Property(x => x.RevokedBy).HasMaxLength(256);
            q.Property(x => x.LockdownBy).HasMaxLength(256);
            q.Ignore(x => x.SealedSince);
            q.Property(x => x.Version).IsConcurrencyToken();
            q.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<ResidentRequest>(r =>
        {
            r.HasKey(x => new { x.DistrictCode, x.Id });
            r.HasIndex(x => x.Id).IsUnique();
            r.HasIndex(x => x.Receipt).IsUnique();
            r.HasIndex(x => new { x.DivisionCode, x.Status });
            r.HasIndex(x => new { x.QrCodeId, x.CreatedAt });
            r.Property(x => x.DistrictCode).HasMaxLength(6);
            r.Property(x => x.DivisionCode).HasMaxLength(12);
            r.Property(x => x.Receipt).HasMaxLength(20);
            r.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Description).HasMaxLength(500);
            r.Property(x => x.Building).HasMaxLength(40);
            r.Property(x => x.Room).HasMaxLength(20);
            r.Property(x => x.Phone).HasMaxLength(20);
            r.Property(x => x.FiledBy).HasMaxLength(256);
            r.Property(x => x.AssignedTo).HasMaxLength(100);
            r.Property(x => x.DeliveryNote).HasMaxLength(500);
            r.Property(x => x.ClosedBy).HasMaxLength(256);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<MedicineOffer>(o =>
        {
            o.ToTable(t => t.HasCheckConstraint("CK_MedicineOffers_Remaining", "\"Remaining\" >= 0 AND \"Remaining\" <= \"Quantity\""));
            o.HasKey(x => new { x.DistrictCode, x.Id });
            o.HasIndex(x => x.Id).IsUnique();
            o.HasIndex(x => new { x.DivisionCode, x.Status });
            o.Property(x => x.DistrictCode).HasMaxLength(6);
            o.Property(x => x.DivisionCode).HasMaxLength(12);
            o.Property(x => x.ProductName).HasMaxLength(200);
            o.Property(x => x.Donor).HasMaxLength(100);
            o.Property(x => x.RecordedBy).HasMaxLength(256);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<MedicineAsk>(a =>
        {
            a.HasKey(x => new { x.DistrictCode, x.Id });
            a.HasIndex(x => x.Id).IsUnique();
            a.HasIndex(x => new { x.DivisionCode, x.Status });
            a.Property(x => x.DistrictCode).HasMaxLength(6);
            a.Property(x => x.DivisionCode).HasMaxLength(12);
            a.Property(x => x.ProductName).HasMaxLength(200);
            a.Property(x => x.Requester).HasMaxLength(100);
            a.Property(x => x.RecordedBy).HasMaxLength(256);
            a.Property(x => x.HandedOverBy).HasMaxLength(256);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });
    }
}

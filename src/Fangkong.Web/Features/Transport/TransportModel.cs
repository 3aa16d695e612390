using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Transport;

// Transport tables. A vehicle belongs to its base's division, a request to its pickup's; both are
// scoped like the other tables, so a district dispatcher sees the district's fleet and calls.
internal static class TransportModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<Vehicle>(v =>
        {
            v.HasKey(x => new { x.DistrictCode, x.Id });
            v.HasIndex(x => x.Id).IsUnique();
            v.HasIndex(x => x.CallSign).IsUnique();
            v.HasIndex(x => new { x.Status, x.DivisionCode });
            v.Property(x => x.DistrictCode).HasMaxLength(6);
            v.Property(x => x.DivisionCode).HasMaxLength(12);
            v.Property(x => x.CallSign).HasMaxLength(40);
            v.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            v.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            v.Property(x => x.Version).IsConcurrencyToken();
            v.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<TransportRequest>(r =>
        {
            r.HasKey(x => new { x.DistrictCode, x.Id });
            r.HasIndex(x => x.Id).IsUnique();
            r.HasIndex(x => new { x.Status, x.PickupDivisionCode });
            r.HasIndex(x => x.VehicleId);
            r.Property(x => x.DistrictCode).HasMaxLength(6);
            r.Property(x => x.PickupDivisionCode).HasMaxLength(12);
            r.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.PatientIds).HasMaxLength(4000);
            r.Property(x => x.Note).HasMaxLength(500);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.Ignore(x => x.Patients);
            r.Ignore(x => x.IsGroup);
            r.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.PickupDivisionCode.StartsWith(db.ScopePrefix)));
        });
    }
}

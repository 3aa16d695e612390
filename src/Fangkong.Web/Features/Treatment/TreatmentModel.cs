using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

// Treatment tables. Wards are scoped like facilities (a bed manager sees its hospital's wards);
// patients, their events and tests by residence and by the facility treating them.
internal static class TreatmentModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<Ward>(w =>
        {
            w.ToTable(t => t.HasCheckConstraint("CK_Wards_Capacity", "\"Occupied\" >= 0 AND \"Reserved\" >= 0 AND \"Occupied\" + \"Reserved\" <= \"Beds\""));
            w.HasKey(x => new { x.DistrictCode, x.Id });
            w.HasIndex(x => x.Id).IsUnique();
            w.HasIndex(x => new { x.FacilityId, x.Level }).IsUnique();
            w.Property(x => x.DistrictCode).HasMaxLength(6);
            w.Property(x => x.DivisionCode).HasMaxLength(12);
            w.Property(x => x.Name).HasMaxLength(100);
            w.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
            w.Property(x => x.Version).IsConcurrencyToken();
            w.Ignore(x => x.Free);
            w.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<Patient>(p =>
        {
            p.HasKey(x => new { x.DistrictCode, x.Id });
            p.HasIndex(x => x.Id).IsUnique();
            p.HasIndex(x => new { x.Status, x.DivisionCode });
            p.HasIndex(x => new { x.FacilityId, x.Status });
            p.HasIndex(x => x.PersonId);
            p.Property(x => x.DistrictCode).HasMaxLength(6);
            p.Property(x => x.DivisionCode).HasMaxLength(12);
            p.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Ignore(x => x.HasRisk);
            p.Ignore(x => x.Pathway);
            // Residents of the caller's divisions; patients lying in (or expected at) a ward of the caller's
            // divisions, wherever they live — a district sees who is in its hospitals; and patients the
            // caller's facility treats or expects. The ward test is part of the one filter, so every read
            // of patients (lists, counts, by id, other modules) answers the same, with no IgnoreQueryFilters.
            p.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix))
                || (db.ScopePrefix != null && x.WardId != null
                    && db.Wards.Any(w => w.Id == x.WardId && w.DivisionCode.StartsWith(db.ScopePrefix)))
                || (db.ScopeFacilityId != null && x.FacilityId == db.ScopeFacilityId));
        });

        builder.Entity<PatientEvent>(e =>
        {
            e.HasKey(x => new { x.DistrictCode, x.Id });
            e.HasIndex(x => new { x.PatientId, x.At });
            e.HasIndex(x => new { x.FacilityId, x.Kind, x.At });
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.By).HasMaxLength(256);
        });

        builder.Entity<PatientTest>(t =>
        {
            t.HasKey(x => new { x.DistrictCode, x.Id });
            t.HasIndex(x => new { x.PatientId, x.TakenAt });
            t.Property(x => x.DistrictCode).HasMaxLength(6);
        });

        builder.Entity<DischargeRule>(r =>
        {
            r.HasKey(x => x.Version);
            r.Property(x => x.Version).ValueGeneratedNever();
            r.Property(x => x.CreatedBy).HasMaxLength(256);
        });

        builder.Entity<CarePlan>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.PatientId });
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.Team).HasMaxLength(200);
            c.Property(x => x.Items).HasMaxLength(4000);
            c.Property(x => x.UpdatedBy).HasMaxLength(256);
            c.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<PlacementBatch>(b =>
        {
            b.HasKey(x => x.Id);
            b.HasIndex(x => new { x.ScopeCode, x.CreatedAt });
            b.Property(x => x.ScopeCode).HasMaxLength(12);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.CreatedBy).HasMaxLength(256);
            b.Property(x => x.ApprovedBy).HasMaxLength(256);
            b.Property(x => x.Version).IsConcurrencyToken();
            b.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.ScopeCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<PlacementLine>(l =>
        {
            l.HasKey(x => new { x.BatchId, x.PatientId });
            l.Property(x => x.DivisionCode).HasMaxLength(12);
            l.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            l.Property(x => x.MinimumLevel).HasConversion<string>().HasMaxLength(20);
            l.Property(x => x.Reason).HasMaxLength(40);
        });
    }
}

using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Community.KeyPopulations;

// Register, check-ins and alerts are kept by residence and seen only within the caller's divisions.
internal static class KeyPopulationsModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<KeyResident>(r =>
        {
            r.HasKey(x => new { x.DistrictCode, x.Id });
            r.HasIndex(x => x.Id).IsUnique();
            r.HasIndex(x => x.PersonId).IsUnique();
            r.HasIndex(x => new { x.DivisionCode, x.RiskGrade });
            r.HasIndex(x => x.NextCheckInDue);
            r.Property(x => x.DistrictCode).HasMaxLength(6);
            r.Property(x => x.DivisionCode).HasMaxLength(12);
            r.Property(x => x.Conditions).HasMaxLength(200);
            r.Property(x => x.FamilyDoctor).HasMaxLength(100);
            r.Property(x => x.Worker).HasMaxLength(100);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<CheckIn>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.Id });
            c.HasIndex(x => new { x.KeyResidentId, x.At });
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.Method).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.Symptoms).HasMaxLength(500);
            c.Property(x => x.By).HasMaxLength(256);
        });

        builder.Entity<GreenChannelAlert>(a =>
        {
            a.HasKey(x => new { x.DistrictCode, x.Id });
            a.HasIndex(x => x.Id).IsUnique();
            a.HasIndex(x => new { x.Status, x.DivisionCode });
            a.Property(x => x.DistrictCode).HasMaxLength(6);
            a.Property(x => x.DivisionCode).HasMaxLength(12);
            a.Property(x => x.Reason).HasMaxLength(300);
            a.Property(x => x.RaisedBy).HasMaxLength(256);
            a.Property(x => x.ClosedNote).HasMaxLength(500);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });
    }
}

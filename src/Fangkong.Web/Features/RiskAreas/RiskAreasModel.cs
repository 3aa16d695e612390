using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.RiskAreas;

// Levels and overrides are per committee, in its district (the distribution key). A risk level is not
// personal data, but the scope filter still applies: each jurisdiction manages its own areas (the
// published list is read with system scope).
internal static class RiskAreasModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<AreaRiskRuleSetVersion>(r =>
        {
            r.HasKey(x => x.Version);
            r.Property(x => x.Version).ValueGeneratedNever();
            r.Property(x => x.Name).HasMaxLength(200);
            r.Property(x => x.CreatedBy).HasMaxLength(256);
            r.Ignore(x => x.Rules);
        });

        builder.Entity<AreaRiskLevel>(l =>
        {
            l.HasKey(x => new { x.DistrictCode, x.Id });
            l.HasIndex(x => new { x.DivisionCode, x.From });
            l.HasIndex(x => new { x.Until, x.Level });
            l.Property(x => x.DistrictCode).HasMaxLength(6);
            l.Property(x => x.DivisionCode).HasMaxLength(12);
            l.Property(x => x.Level).HasMaxLength(20);
            l.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            l.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<AreaRiskOverride>(o =>
        {
            o.HasKey(x => new { x.DistrictCode, x.Id });
            o.HasIndex(x => x.Id).IsUnique();
            o.HasIndex(x => new { x.DivisionCode, x.Status });
            o.Property(x => x.DistrictCode).HasMaxLength(6);
            o.Property(x => x.DivisionCode).HasMaxLength(12);
            o.Property(x => x.Level).HasMaxLength(20);
            o.Property(x => x.Reason).HasMaxLength(500);
            o.Property(x => x.DecisionNote).HasMaxLength(500);
            o.Property(x => x.RequestedBy).HasMaxLength(256);
            o.Property(x => x.DecidedBy).HasMaxLength(256);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });
    }
}

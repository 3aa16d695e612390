using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Screening;

// Screening tables. SamplingRecords is the big one (~25 million rows per city-wide round): narrow rows,
// district first in the key for Citus, and only the two indexes its queries need — the key (a tube's
// members) and (IdNumber, RoundId) for "was this person sampled in that round". Completion is one scan
// of the round's rows grouped by committee, so it gets no index of its own.
internal static class ScreeningModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<ScreeningRound>(r =>
        {
            r.HasKey(x => x.Id);
            r.HasIndex(x => new { x.AreaCode, x.Date });
            r.Property(x => x.AreaCode).HasMaxLength(12);
            r.Property(x => x.Name).HasMaxLength(100);
            r.Property(x => x.CreatedBy).HasMaxLength(256);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            r.Property(x => x.Version).IsConcurrencyToken();
            // A round is seen by whoever works inside its area (a committee sees the city-wide round)
            // and by whoever's scope contains it; what each sees of its records is scoped separately.
            r.HasQueryFilter(x => db.SeesEverything
                || (db.ScopePrefix != null && (x.AreaCode.StartsWith(db.ScopePrefix) || db.ScopePrefix.StartsWith(x.AreaCode))));
        });

        builder.Entity<SamplingPoint>(p =>
        {
            p.HasKey(x => new { x.DistrictCode, x.Id });
            p.HasIndex(x => x.Id).IsUnique();
            p.HasIndex(x => x.Code).IsUnique();
            p.HasIndex(x => x.CommitteeCode);
            p.Property(x => x.DistrictCode).HasMaxLength(6);
            p.Property(x => x.CommitteeCode).HasMaxLength(12);
            p.Property(x => x.Code).HasMaxLength(20);
            p.Property(x => x.Name).HasMaxLength(100);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.CommitteeCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<Tube>(t =>
        {
            t.HasKey(x => new { x.DistrictCode, x.Code });
            // Labs know a tube by its printed barcode only. Under Citus this unique index becomes a
            // lookup table keyed by the code (a distributed unique index must include the district).
            t.HasIndex(x => x.Code).IsUnique();
            t.HasIndex(x => new { x.RoundId, x.Result });
            t.Property(x => x.DistrictCode).HasMaxLength(6);
            t.Property(x => x.Code).HasMaxLength(32);
            t.Property(x => x.RetestOf).HasMaxLength(32);
            t.Property(x => x.Lab).HasMaxLength(100);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.Ignore(x => x.IsPool);
        });

        builder.Entity<SamplingRecord>(s =>
        {
            s.HasKey(x => new { x.DistrictCode, x.RoundId, x.TubeCode, x.IdNumber });
            s.HasIndex(x => new { x.IdNumber, x.RoundId });
            s.Property(x => x.DistrictCode).HasMaxLength(6);
            s.Property(x => x.TubeCode).HasMaxLength(32);
            s.Property(x => x.IdNumber).HasMaxLength(18);
            s.Property(x => x.Name).HasMaxLength(50);
            s.Property(x => x.Phone).HasMaxLength(20);
            s.Property(x => x.CommitteeCode).HasMaxLength(12);
            s.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.CommitteeCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<PoolControl>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.Id });
            c.HasIndex(x => x.Id).IsUnique();
            c.HasIndex(x => new { x.RoundId, x.PoolCode });
            c.HasIndex(x => x.RetestCode);
            c.HasIndex(x => x.IdNumber);
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.PoolCode).HasMaxLength(32);
            c.Property(x => x.RetestCode).HasMaxLength(32);
            c.Property(x => x.IdNumber).HasMaxLength(18);
            c.Property(x => x.CommitteeCode).HasMaxLength(12);
            c.Property(x => x.IntakeNote).HasMaxLength(300);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.CommitteeCode.StartsWith(db.ScopePrefix)));
        });
    }
}

using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.HealthStatus;

// Issued codes belong to a person, so they carry the district first in the key and the scope filter;
// signing keys, trusted issuers and integration clients are the city's, not a division's.
internal static class HealthStatusModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<HealthSigningKey>(k =>
        {
            k.ToTable("HealthSigningKeys");
            k.HasKey(x => x.Id);
            k.HasIndex(x => x.KeyId).IsUnique();
            k.Property(x => x.KeyId).HasMaxLength(40);
            k.Property(x => x.Issuer).HasMaxLength(12);
            k.Property(x => x.PublicX).HasMaxLength(64);
            k.Property(x => x.PublicY).HasMaxLength(64);
            k.Property(x => x.ProtectedPrivateKey).HasMaxLength(2000);
            k.Property(x => x.CreatedBy).HasMaxLength(256);
            k.Property(x => x.RotatedBy).HasMaxLength(256);
            k.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<IssuedHealthCode>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.Id });
            c.HasIndex(x => x.Id).IsUnique();
            c.HasIndex(x => x.Serial).IsUnique();
            c.HasIndex(x => new { x.PersonId, x.ExpiresAt });
            c.HasIndex(x => x.RevokedAt);
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.DivisionCode).HasMaxLength(12);
            c.Property(x => x.Serial).HasMaxLength(40);
            c.Property(x => x.KeyId).HasMaxLength(40);
            c.Property(x => x.Colour).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.Channel).HasMaxLength(20);
            c.Property(x => x.IssuedBy).HasMaxLength(256);
            c.Property(x => x.RevokedReason).HasMaxLength(200);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<TrustedIssuer>(t =>
        {
            t.HasKey(x => x.Issuer);
            t.Property(x => x.Issuer).HasMaxLength(12);
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.KeySetJson).HasMaxLength(20000);
            t.Property(x => x.SourceUrl).HasMaxLength(500);
            t.Property(x => x.ImportedBy).HasMaxLength(256);
            t.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<IntegrationClient>(i =>
        {
            i.ToTable("HealthIntegrationClients");
            i.HasKey(x => x.Id);
            i.Property(x => x.Name).HasMaxLength(100);
            i.Property(x => x.Scope).HasMaxLength(40);
            i.Property(x => x.SecretHash).HasMaxLength(64);
            i.Property(x => x.CreatedBy).HasMaxLength(256);
            i.Property(x => x.Version).IsConcurrencyToken();
        });
    }
}

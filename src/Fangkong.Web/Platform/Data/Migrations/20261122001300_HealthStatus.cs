using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122001300_HealthStatus")]
public sealed class HealthStatus : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "HealthSigningKeys",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                KeyId = t.Column<string>(maxLength: 40, nullable: false),
                Issuer = t.Column<string>(maxLength: 12, nullable: false),
                PublicX = t.Column<string>(maxLength: 64, nullable: false),
                PublicY = t.Column<string>(maxLength: 64, nullable: false),
                ProtectedPrivateKey = t.Column<string>(maxLength: 2000, nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                SignUntil = t.Column<DateTime>(nullable: true),
                RetiresAt = t.Column<DateTime>(nullable: true),
                RotatedBy = t.Column<string>(maxLength: 256, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_HealthSigningKeys", x => x.Id));
        mb.CreateIndex("IX_HealthSigningKeys_KeyId", "HealthSigningKeys", "KeyId", unique: true);

        mb.CreateTable(
            name: "IssuedHealthCodes",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Serial = t.Column<string>(maxLength: 40, nullable: false),
                KeyId = t.Column<string>(maxLength: 40, nullable: false),
                Colour = t.Column<string>(maxLength: 10, nullable: false),
                IssuedAt = t.Column<DateTime>(nullable: false),
                ExpiresAt = t.Column<DateTime>(nullable: false),
                Channel = t.Column<string>(maxLength: 20, nullable: false),
                IssuedBy = t.Column<string>(maxLength: 256, nullable: false),
                RevokedAt = t.Column<DateTime>(nullable: true),
                RevokedReason = t.Column<string>(maxLength: 200, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_IssuedHealthCodes", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_IssuedHealthCodes_Id", "IssuedHealthCodes", "Id", unique: true);
        mb.CreateIndex("IX_IssuedHealthCodes_Serial", "IssuedHealthCodes", "Serial", unique: true);
        mb.CreateIndex("IX_IssuedHealthCodes_PersonId_ExpiresAt", "IssuedHealthCodes", ["PersonId", "ExpiresAt"]);
        mb.CreateIndex("IX_IssuedHealthCodes_RevokedAt", "IssuedHealthCodes", "RevokedAt");

        mb.CreateTable(
            name: "TrustedIssuers",
            columns: t => new
            {
                Issuer = t.Column<string>(maxLength: 12, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                KeySetJson = t.Column<string>(maxLength: 20000, nullable: false),
                SourceUrl = t.Column<string>(maxLength: 500, nullable: true),
                ImportedBy = t.Column<string>(maxLength: 256, nullable: false),
                ImportedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_TrustedIssuers", x => x.Issuer));

        mb.CreateTable(
            name: "HealthIntegrationClients",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Scope = t.Column<string>(maxLength: 40, nullable: false),
                SecretHash = t.Column<string>(maxLength: 64, nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                RevokedAt = t.Column<DateTime>(nullable: true),
                LastUsedAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_HealthIntegrationClients", x => x.Id));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("HealthIntegrationClients");
        mb.DropTable("TrustedIssuers");
        mb.DropTable("IssuedHealthCodes");
        mb.DropTable("HealthSigningKeys");
    }
}

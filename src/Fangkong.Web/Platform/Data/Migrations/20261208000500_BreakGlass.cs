using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261208000500_BreakGlass")]
public sealed class BreakGlass : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "BreakGlassGrants",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                UserId = t.Column<string>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: false),
                Role = t.Column<string>(maxLength: 40, nullable: true),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Reason = t.Column<string>(maxLength: 500, nullable: false),
                GrantedAt = t.Column<DateTime>(nullable: false),
                ExpiresAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_BreakGlassGrants", x => x.Id));
        mb.CreateIndex("IX_BreakGlassGrants_UserId_ExpiresAt", "BreakGlassGrants", ["UserId", "ExpiresAt"]);
        mb.CreateIndex("IX_BreakGlassGrants_GrantedAt", "BreakGlassGrants", "GrantedAt");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("BreakGlassGrants");
}

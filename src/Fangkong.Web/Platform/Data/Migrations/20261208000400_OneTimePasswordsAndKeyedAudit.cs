using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

// Accounts an administrator created or whose password an administrator set must change it at first
// sign-in; audit rows say which hash scheme they use (1 = SHA-256 as before, 2 = HMAC-SHA256 keyed).
[DbContext(typeof(FangkongDb))]
[Migration("20261208000400_OneTimePasswordsAndKeyedAudit")]
public sealed class OneTimePasswordsAndKeyedAudit : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<bool>(name: "MustChangePassword", table: "AspNetUsers", nullable: false, defaultValue: false);
        mb.AddColumn<string>(name: "ActivationCodeHash", table: "AspNetUsers", maxLength: 64, nullable: true);
        mb.AddColumn<int>(name: "HashVersion", table: "AuditEntries", nullable: false, defaultValue: 1);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn(name: "MustChangePassword", table: "AspNetUsers");
        mb.DropColumn(name: "ActivationCodeHash", table: "AspNetUsers");
        mb.DropColumn(name: "HashVersion", table: "AuditEntries");
    }
}

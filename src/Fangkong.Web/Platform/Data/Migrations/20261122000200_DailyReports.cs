using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000200_DailyReports")]
public sealed class DailyReports : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "DailyReports",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Date = t.Column<DateOnly>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Asymptomatic = t.Column<int>(nullable: false),
                Mild = t.Column<int>(nullable: false),
                Moderate = t.Column<int>(nullable: false),
                Severe = t.Column<int>(nullable: false),
                Critical = t.Column<int>(nullable: false),
                Imported = t.Column<int>(nullable: false),
                Recovered = t.Column<int>(nullable: false),
                Died = t.Column<int>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_DailyReports", x => new { x.DistrictCode, x.Date, x.DivisionCode }));
        mb.CreateIndex("IX_DailyReports_Date_DivisionCode", "DailyReports", ["Date", "DivisionCode"]);
        if (mb.IsNpgsql())
            mb.Sql("""CREATE INDEX "IX_DailyReports_DivisionCode_prefix" ON "DailyReports" ("DivisionCode" varchar_pattern_ops, "Date");""");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000400_PriceWatch")]
public sealed class PriceWatch : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "PharmacySales",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                Quantity = t.Column<long>(nullable: false),
                UnitPrice = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                BuyerHash = t.Column<string>(maxLength: 64, nullable: false),
                SoldAt = t.Column<DateTime>(nullable: false),
                SaleDay = t.Column<DateOnly>(nullable: false),
                ReportedBy = t.Column<string>(maxLength: 256, nullable: true),
                ReportedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_PharmacySales", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_PharmacySales_Id", "PharmacySales", "Id", unique: true);
        mb.CreateIndex("IX_PharmacySales_BuyerHash_ProductId_SoldAt", "PharmacySales", ["BuyerHash", "ProductId", "SoldAt"]);
        mb.CreateIndex("IX_PharmacySales_FacilityId_ProductId_SaleDay", "PharmacySales", ["FacilityId", "ProductId", "SaleDay"]);

        mb.CreateTable(
            name: "WatchFlags",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 20, nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                DedupKey = t.Column<string>(maxLength: 200, nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                FacilityName = t.Column<string>(maxLength: 200, nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                ProductCode = t.Column<string>(maxLength: 40, nullable: false),
                SaleId = t.Column<Guid>(nullable: false),
                BuyerHash = t.Column<string>(maxLength: 64, nullable: true),
                Evidence = t.Column<string>(maxLength: 4000, nullable: false),
                RaisedAt = t.Column<DateTime>(nullable: false),
                Outcome = t.Column<string>(maxLength: 20, nullable: true),
                Note = t.Column<string>(maxLength: 1000, nullable: true),
                ClosedBy = t.Column<string>(maxLength: 256, nullable: true),
                ClosedAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_WatchFlags", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_WatchFlags_Id", "WatchFlags", "Id", unique: true);
        mb.CreateIndex("IX_WatchFlags_DistrictCode_DedupKey", "WatchFlags", ["DistrictCode", "DedupKey"], unique: true);
        mb.CreateIndex("IX_WatchFlags_Status_Kind_RaisedAt", "WatchFlags", ["Status", "Kind", "RaisedAt"]);
        mb.CreateIndex("IX_WatchFlags_BuyerHash_ProductId_RaisedAt", "WatchFlags", ["BuyerHash", "ProductId", "RaisedAt"]);

        if (mb.IsNpgsql())
        {
            mb.Sql("""CREATE INDEX "IX_PharmacySales_DivisionCode_prefix" ON "PharmacySales" ("DivisionCode" varchar_pattern_ops, "SaleDay");""");
            mb.Sql("""CREATE INDEX "IX_WatchFlags_DivisionCode_prefix" ON "WatchFlags" ("DivisionCode" varchar_pattern_ops, "Status");""");
        }
    }
}

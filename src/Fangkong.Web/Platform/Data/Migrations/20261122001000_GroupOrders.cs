using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

// Supplies for sealed compounds: a compound's lockdown on its QR code row, suppliers' packages and
// daily capacity, group orders with their households' lines and door-to-door hand-overs.
[DbContext(typeof(FangkongDb))]
[Migration("20261122001000_GroupOrders")]
public sealed class GroupOrders : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<DateTime>(name: "SealedAt", table: "CommunityQrCodes", nullable: true);
        mb.AddColumn<DateTime>(name: "LiftedAt", table: "CommunityQrCodes", nullable: true);
        mb.AddColumn<string>(name: "LockdownBy", table: "CommunityQrCodes", maxLength: 256, nullable: true);

        // Residents' waiting medicine in a supply plan's line (requests and sharing feed the need).
        mb.AddColumn<long>(name: "Community", table: "SupplyPlanSites", nullable: false, defaultValue: 0L);
        mb.AddColumn<string>(name: "CommunityNote", table: "SupplyPlanSites", maxLength: 300, nullable: true);

        mb.CreateTable(
            name: "SupplyPackages",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                SupplierDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Code = t.Column<string>(maxLength: 40, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Kind = t.Column<string>(maxLength: 20, nullable: false),
                Price = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                ReferencePrice = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                Items = t.Column<string>(maxLength: 8000, nullable: false),
                Active = t.Column<bool>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SupplyPackages", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_SupplyPackages_Id", "SupplyPackages", "Id", unique: true);
        mb.CreateIndex("IX_SupplyPackages_SupplierId_Code", "SupplyPackages", ["SupplierId", "Code"], unique: true);

        mb.CreateTable(
            name: "SupplierCapacities",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                DailyPackages = t.Column<int>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SupplierCapacities", x => new { x.DistrictCode, x.SupplierId }));
        mb.CreateIndex("IX_SupplierCapacities_SupplierId", "SupplierCapacities", "SupplierId", unique: true);

        mb.CreateTable(
            name: "GroupOrders",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                CompoundId = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                SupplierDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Organizer = t.Column<string>(maxLength: 100, nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                Packages = t.Column<int>(nullable: false),
                Amount = t.Column<decimal>(precision: 14, scale: 2, nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                SubmittedAt = t.Column<DateTime>(nullable: true),
                ConfirmedAt = t.Column<DateTime>(nullable: true),
                ConfirmedBy = t.Column<string>(maxLength: 256, nullable: true),
                DeclineReason = t.Column<string>(maxLength: 200, nullable: true),
                ScheduledDate = t.Column<DateOnly>(nullable: true),
                ScheduledSlot = t.Column<int>(nullable: true),
                ScheduleReason = t.Column<string>(maxLength: 300, nullable: true),
                FirstDistributedAt = t.Column<DateTime>(nullable: true),
                CompletedAt = t.Column<DateTime>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_GroupOrders", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_GroupOrders_Id", "GroupOrders", "Id", unique: true);
        mb.CreateIndex("IX_GroupOrders_DivisionCode_Status", "GroupOrders", ["DivisionCode", "Status"]);
        mb.CreateIndex("IX_GroupOrders_SupplierId_Status_ScheduledDate", "GroupOrders", ["SupplierId", "Status", "ScheduledDate"]);
        mb.CreateIndex("IX_GroupOrders_CompoundId", "GroupOrders", "CompoundId");

        mb.CreateTable(
            name: "GroupOrderLines",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                OrderId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                PackageId = t.Column<Guid>(nullable: false),
                Building = t.Column<string>(maxLength: 40, nullable: false),
                Room = t.Column<string>(maxLength: 20, nullable: false),
                Quantity = t.Column<int>(nullable: false),
                UnitPrice = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                ReferencePrice = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                Delivered = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_GroupOrderLines", x => new { x.DistrictCode, x.Id });
                t.CheckConstraint("CK_GroupOrderLines_Delivered", "\"Delivered\" >= 0 AND \"Delivered\" <= \"Quantity\"");
            });
        mb.CreateIndex("IX_GroupOrderLines_Id", "GroupOrderLines", "Id", unique: true);
        mb.CreateIndex("IX_GroupOrderLines_OrderId", "GroupOrderLines", "OrderId");

        mb.CreateTable(
            name: "GroupOrderDistributions",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                OrderId = t.Column<Guid>(nullable: false),
                LineId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                Building = t.Column<string>(maxLength: 40, nullable: false),
                Room = t.Column<string>(maxLength: 20, nullable: false),
                Quantity = t.Column<int>(nullable: false),
                DeliveredBy = t.Column<string>(maxLength: 100, nullable: false),
                Exception = t.Column<string>(maxLength: 200, nullable: true),
                RecordedBy = t.Column<string>(maxLength: 256, nullable: true),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_GroupOrderDistributions", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_GroupOrderDistributions_Id", "GroupOrderDistributions", "Id", unique: true);
        mb.CreateIndex("IX_GroupOrderDistributions_OrderId", "GroupOrderDistributions", "OrderId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("GroupOrderDistributions");
        mb.DropTable("GroupOrderLines");
        mb.DropTable("GroupOrders");
        mb.DropTable("SupplierCapacities");
        mb.DropTable("SupplyPackages");
        mb.DropColumn("LockdownBy", "CommunityQrCodes");
        mb.DropColumn("LiftedAt", "CommunityQrCodes");
        mb.DropColumn("SealedAt", "CommunityQrCodes");
        mb.DropColumn("CommunityNote", "SupplyPlanSites");
        mb.DropColumn("Community", "SupplyPlanSites");
    }
}

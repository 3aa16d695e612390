using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000300_Supplies")]
public sealed class Supplies : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Products",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Code = t.Column<string>(maxLength: 40, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Category = t.Column<string>(maxLength: 40, nullable: false),
                Unit = t.Column<string>(maxLength: 20, nullable: false),
                PackSize = t.Column<int>(nullable: false),
                UnitsPerCourse = t.Column<int>(nullable: false),
                ReferencePrice = t.Column<decimal>(precision: 12, scale: 2, nullable: true),
                PrescriptionOnly = t.Column<bool>(nullable: false),
                CoursesPerSymptomaticCase = t.Column<double>(nullable: false),
                Active = t.Column<bool>(nullable: false),
                Version = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Products", x => x.Id));
        mb.CreateIndex("IX_Products_Code", "Products", "Code", unique: true);

        mb.CreateTable(
            name: "StockLots",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                Lot = t.Column<string>(maxLength: 40, nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Expiry = t.Column<DateOnly>(nullable: true),
                OnHand = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_StockLots", x => new { x.DistrictCode, x.FacilityId, x.ProductId, x.Lot });
                // The backstop under the guarded update: whatever a future code path does, the
                // database itself refuses a negative on-hand.
                t.CheckConstraint("CK_StockLots_OnHand", "\"OnHand\" >= 0");
            });
        mb.CreateIndex("IX_StockLots_ProductId_DivisionCode", "StockLots", ["ProductId", "DivisionCode"]);

        mb.CreateTable(
            name: "StockMovements",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                Lot = t.Column<string>(maxLength: 40, nullable: false),
                Expiry = t.Column<DateOnly>(nullable: true),
                Change = t.Column<long>(nullable: false),
                Reason = t.Column<string>(maxLength: 20, nullable: false),
                DeliveryOrderId = t.Column<Guid>(nullable: true),
                CounterpartyId = t.Column<Guid>(nullable: true),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                RecordedBy = t.Column<string>(maxLength: 256, nullable: true),
                At = t.Column<DateTime>(nullable: false),
                BalanceAfter = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_StockMovements", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_StockMovements_Id", "StockMovements", "Id", unique: true);
        mb.CreateIndex("IX_StockMovements_FacilityId_ProductId_At", "StockMovements", ["FacilityId", "ProductId", "At"]);
        mb.CreateIndex("IX_StockMovements_ProductId_Reason_At", "StockMovements", ["ProductId", "Reason", "At"]);
        mb.CreateIndex("IX_StockMovements_DeliveryOrderId", "StockMovements", "DeliveryOrderId");

        mb.CreateTable(
            name: "StockPolicies",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ReserveUnits = t.Column<long>(nullable: false),
                DailyCapacityUnits = t.Column<long>(nullable: true),
                HoursPerDay = t.Column<int>(nullable: true),
                Version = t.Column<int>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_StockPolicies", x => new { x.DistrictCode, x.FacilityId, x.ProductId }));

        mb.CreateTable(
            name: "SupplyRequests",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                Units = t.Column<long>(nullable: false),
                Reason = t.Column<string>(maxLength: 500, nullable: true),
                RaisedBy = t.Column<string>(maxLength: 256, nullable: true),
                RaisedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                PlanId = t.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_SupplyRequests", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_SupplyRequests_Id", "SupplyRequests", "Id", unique: true);
        mb.CreateIndex("IX_SupplyRequests_ProductId_Status", "SupplyRequests", ["ProductId", "Status"]);

        mb.CreateTable(
            name: "SupplyPlans",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                ScopeCode = t.Column<string>(maxLength: 12, nullable: false),
                Basis = t.Column<string>(maxLength: 20, nullable: false),
                HorizonDays = t.Column<int>(nullable: false),
                SafetyDays = t.Column<int>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                TotalAvailable = t.Column<long>(nullable: false),
                TotalNeed = t.Column<long>(nullable: false),
                TotalAllocated = t.Column<long>(nullable: false),
                TransportCost = t.Column<long>(nullable: false),
                EngineTransportCost = t.Column<long>(nullable: false),
                EngineMilliseconds = t.Column<double>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ApprovedBy = t.Column<string>(maxLength: 256, nullable: true),
                ApprovedAt = t.Column<DateTime>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SupplyPlans", x => x.Id));
        mb.CreateIndex("IX_SupplyPlans_ScopeCode_CreatedAt", "SupplyPlans", ["ScopeCode", "CreatedAt"]);

        mb.CreateTable(
            name: "SupplyPlanSites",
            columns: t => new
            {
                PlanId = t.Column<Guid>(nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Priority = t.Column<int>(nullable: false),
                OnHand = t.Column<long>(nullable: false),
                Inbound = t.Column<long>(nullable: false),
                DailyUse = t.Column<double>(nullable: false),
                Requested = t.Column<long>(nullable: false),
                Need = t.Column<long>(nullable: false),
                EngineAllocated = t.Column<long>(nullable: false),
                Allocated = t.Column<long>(nullable: false),
                Reason = t.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SupplyPlanSites", x => new { x.PlanId, x.FacilityId }));

        mb.CreateTable(
            name: "SupplyPlanShipments",
            columns: t => new
            {
                PlanId = t.Column<Guid>(nullable: false),
                SourceId = t.Column<Guid>(nullable: false),
                SiteId = t.Column<Guid>(nullable: false),
                Units = t.Column<long>(nullable: false),
                EngineUnits = t.Column<long>(nullable: false),
                Distance = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SupplyPlanShipments", x => new { x.PlanId, x.SourceId, x.SiteId }));

        mb.CreateTable(
            name: "DeliveryOrders",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Number = t.Column<string>(maxLength: 30, nullable: false),
                PlanId = t.Column<Guid>(nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                SourceId = t.Column<Guid>(nullable: false),
                SourceDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                SiteId = t.Column<Guid>(nullable: false),
                SiteDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Units = t.Column<long>(nullable: false),
                ReceivedUnits = t.Column<long>(nullable: true),
                Discrepancy = t.Column<string>(maxLength: 500, nullable: true),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                DispatchedAt = t.Column<DateTime>(nullable: true),
                InTransitAt = t.Column<DateTime>(nullable: true),
                ReceivedAt = t.Column<DateTime>(nullable: true),
                ReceivedBy = t.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_DeliveryOrders", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_DeliveryOrders_Id", "DeliveryOrders", "Id", unique: true);
        mb.CreateIndex("IX_DeliveryOrders_Number", "DeliveryOrders", "Number", unique: true);
        mb.CreateIndex("IX_DeliveryOrders_PlanId", "DeliveryOrders", "PlanId");
        mb.CreateIndex("IX_DeliveryOrders_SourceId_Status", "DeliveryOrders", ["SourceId", "Status"]);
        mb.CreateIndex("IX_DeliveryOrders_SiteId_Status", "DeliveryOrders", ["SiteId", "Status"]);

        // The ledger is append-only, like the audit trail: corrections are new movements.
        if (mb.IsSqlite())
        {
            mb.Sql("""
                CREATE TRIGGER "StockMovements_no_update" BEFORE UPDATE ON "StockMovements"
                BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
                """);
            mb.Sql("""
                CREATE TRIGGER "StockMovements_no_delete" BEFORE DELETE ON "StockMovements"
                BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
                """);
        }
        else if (mb.IsNpgsql())
        {
            mb.Sql("""
                CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'stock movements are append-only'; END $$;
                """);
            mb.Sql("""
                CREATE TRIGGER "StockMovements_append_only" BEFORE UPDATE OR DELETE ON "StockMovements"
                FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();
                """);
            mb.Sql("""CREATE INDEX "IX_StockLots_DivisionCode_prefix" ON "StockLots" ("DivisionCode" varchar_pattern_ops, "ProductId");""");
            mb.Sql("""CREATE INDEX "IX_StockMovements_DivisionCode_prefix" ON "StockMovements" ("DivisionCode" varchar_pattern_ops, "ProductId", "At");""");
            mb.Sql("""CREATE INDEX "IX_DeliveryOrders_SiteDivisionCode_prefix" ON "DeliveryOrders" ("SiteDivisionCode" varchar_pattern_ops);""");
            mb.Sql("""CREATE INDEX "IX_DeliveryOrders_SourceDivisionCode_prefix" ON "DeliveryOrders" ("SourceDivisionCode" varchar_pattern_ops);""");
        }
    }
}

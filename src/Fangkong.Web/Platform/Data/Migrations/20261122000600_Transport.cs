using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000600_Transport")]
public sealed class Transport : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Vehicles",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                CallSign = t.Column<string>(maxLength: 40, nullable: false),
                Kind = t.Column<string>(maxLength: 40, nullable: false),
                Seats = t.Column<int>(nullable: false),
                BaseFacilityId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Latitude = t.Column<double>(nullable: false),
                Longitude = t.Column<double>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                RequestId = t.Column<Guid>(nullable: true),
                DisinfectedUntil = t.Column<DateTime>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Vehicles", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_Vehicles_Id", "Vehicles", "Id", unique: true);
        mb.CreateIndex("IX_Vehicles_CallSign", "Vehicles", "CallSign", unique: true);
        mb.CreateIndex("IX_Vehicles_Status_DivisionCode", "Vehicles", ["Status", "DivisionCode"]);

        mb.CreateTable(
            name: "TransportRequests",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Source = t.Column<string>(maxLength: 20, nullable: false),
                Priority = t.Column<string>(maxLength: 20, nullable: false),
                Severity = t.Column<string>(maxLength: 20, nullable: false),
                HasRisk = t.Column<bool>(nullable: false),
                PatientIds = t.Column<string>(maxLength: 4000, nullable: false),
                Passengers = t.Column<int>(nullable: false),
                PickupDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                PickupLatitude = t.Column<double>(nullable: false),
                PickupLongitude = t.Column<double>(nullable: false),
                DestinationFacilityId = t.Column<Guid>(nullable: true),
                WardId = t.Column<Guid>(nullable: true),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                TargetAt = t.Column<DateTime>(nullable: false),
                AssignedAt = t.Column<DateTime>(nullable: true),
                ArrivedAt = t.Column<DateTime>(nullable: true),
                DeliveredAt = t.Column<DateTime>(nullable: true),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                VehicleId = t.Column<Guid>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_TransportRequests", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_TransportRequests_Id", "TransportRequests", "Id", unique: true);
        mb.CreateIndex("IX_TransportRequests_Status_PickupDivisionCode", "TransportRequests", ["Status", "PickupDivisionCode"]);
        mb.CreateIndex("IX_TransportRequests_VehicleId", "TransportRequests", "VehicleId");

        if (mb.IsNpgsql())
        {
            mb.Sql("""CREATE INDEX "IX_Vehicles_DivisionCode_prefix" ON "Vehicles" ("DivisionCode" varchar_pattern_ops);""");
            mb.Sql("""CREATE INDEX "IX_TransportRequests_PickupDivisionCode_prefix" ON "TransportRequests" ("PickupDivisionCode" varchar_pattern_ops, "Status");""");
        }
    }
}

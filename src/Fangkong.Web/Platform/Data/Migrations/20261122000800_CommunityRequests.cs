using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000800_CommunityRequests")]
public sealed class CommunityRequests : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "CommunityQrCodes",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Label = t.Column<string>(maxLength: 100, nullable: false),
                Token = t.Column<string>(maxLength: 40, nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                RevokedAt = t.Column<DateTime>(nullable: true),
                RevokedBy = t.Column<string>(maxLength: 256, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_CommunityQrCodes", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_CommunityQrCodes_Id", "CommunityQrCodes", "Id", unique: true);
        mb.CreateIndex("IX_CommunityQrCodes_Token", "CommunityQrCodes", "Token", unique: true);
        mb.CreateIndex("IX_CommunityQrCodes_DivisionCode", "CommunityQrCodes", "DivisionCode");

        mb.CreateTable(
            name: "ResidentRequests",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Channel = t.Column<string>(maxLength: 20, nullable: false),
                QrCodeId = t.Column<Guid>(nullable: true),
                Receipt = t.Column<string>(maxLength: 20, nullable: false),
                Kind = t.Column<string>(maxLength: 30, nullable: false),
                Urgent = t.Column<bool>(nullable: false),
                Description = t.Column<string>(maxLength: 500, nullable: false),
                Building = t.Column<string>(maxLength: 40, nullable: false),
                Room = t.Column<string>(maxLength: 20, nullable: false),
                Phone = t.Column<string>(maxLength: 20, nullable: false),
                FiledBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                DueAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                AssignedTo = t.Column<string>(maxLength: 100, nullable: true),
                AssignedAt = t.Column<DateTime>(nullable: true),
                DeliveredAt = t.Column<DateTime>(nullable: true),
                DeliveryNote = t.Column<string>(maxLength: 500, nullable: true),
                ClosedAt = t.Column<DateTime>(nullable: true),
                ClosedBy = t.Column<string>(maxLength: 256, nullable: true),
                ResidentConfirmed = t.Column<bool>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_ResidentRequests", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_ResidentRequests_Id", "ResidentRequests", "Id", unique: true);
        mb.CreateIndex("IX_ResidentRequests_Receipt", "ResidentRequests", "Receipt", unique: true);
        mb.CreateIndex("IX_ResidentRequests_DivisionCode_Status", "ResidentRequests", ["DivisionCode", "Status"]);
        mb.CreateIndex("IX_ResidentRequests_QrCodeId_CreatedAt", "ResidentRequests", ["QrCodeId", "CreatedAt"]);

        mb.CreateTable(
            name: "MedicineOffers",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ProductId = t.Column<Guid>(nullable: true),
                ProductName = t.Column<string>(maxLength: 200, nullable: false),
                Quantity = t.Column<int>(nullable: false),
                Remaining = t.Column<int>(nullable: false),
                Expiry = t.Column<DateOnly>(nullable: false),
                Donor = t.Column<string>(maxLength: 100, nullable: false),
                RecordedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MedicineOffers", x => new { x.DistrictCode, x.Id });
                t.CheckConstraint("CK_MedicineOffers_Remaining", "\"Remaining\" >= 0 AND \"Remaining\" <= \"Quantity\"");
            });
        mb.CreateIndex("IX_MedicineOffers_Id", "MedicineOffers", "Id", unique: true);
        mb.CreateIndex("IX_MedicineOffers_DivisionCode_Status", "MedicineOffers", ["DivisionCode", "Status"]);

        mb.CreateTable(
            name: "MedicineAsks",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ProductId = t.Column<Guid>(nullable: true),
                ProductName = t.Column<string>(maxLength: 200, nullable: false),
                Quantity = t.Column<int>(nullable: false),
                Urgent = t.Column<bool>(nullable: false),
                KeyPopulation = t.Column<bool>(nullable: false),
                Requester = t.Column<string>(maxLength: 100, nullable: false),
                RecordedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                OfferId = t.Column<Guid>(nullable: true),
                MatchedQuantity = t.Column<int>(nullable: false),
                MatchedAt = t.Column<DateTime>(nullable: true),
                HandedOverAt = t.Column<DateTime>(nullable: true),
                HandedOverBy = t.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_MedicineAsks", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_MedicineAsks_Id", "MedicineAsks", "Id", unique: true);
        mb.CreateIndex("IX_MedicineAsks_DivisionCode_Status", "MedicineAsks", ["DivisionCode", "Status"]);

        if (mb.IsNpgsql())
        {
            mb.Sql("""CREATE INDEX "IX_ResidentRequests_DivisionCode_prefix" ON "ResidentRequests" ("DivisionCode" varchar_pattern_ops, "Status");""");
            mb.Sql("""CREATE INDEX "IX_MedicineOffers_DivisionCode_prefix" ON "MedicineOffers" ("DivisionCode" varchar_pattern_ops, "Status");""");
            mb.Sql("""CREATE INDEX "IX_MedicineAsks_DivisionCode_prefix" ON "MedicineAsks" ("DivisionCode" varchar_pattern_ops, "Status");""");
        }
    }
}

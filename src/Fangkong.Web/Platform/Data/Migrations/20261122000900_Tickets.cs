using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000900_Tickets")]
public sealed class Tickets : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Tickets",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Number = t.Column<string>(maxLength: 30, nullable: false),
                Category = t.Column<string>(maxLength: 30, nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: false),
                Urgency = t.Column<string>(maxLength: 20, nullable: false),
                DeadlineAt = t.Column<DateTime>(nullable: false),
                Route = t.Column<string>(maxLength: 20, nullable: false),
                RoutedDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Department = t.Column<string>(maxLength: 100, nullable: true),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                EscalatedAt = t.Column<DateTime>(nullable: true),
                ClosedAt = t.Column<DateTime>(nullable: true),
                Satisfaction = t.Column<int>(nullable: true),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Tickets", x => new { x.DistrictCode, x.Id });
                t.CheckConstraint("CK_Tickets_Satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)");
            });
        mb.CreateIndex("IX_Tickets_Id", "Tickets", "Id", unique: true);
        mb.CreateIndex("IX_Tickets_DivisionCode_CreatedAt", "Tickets", ["DivisionCode", "CreatedAt"]);
        mb.CreateIndex("IX_Tickets_Status_DeadlineAt", "Tickets", ["Status", "DeadlineAt"]);
        mb.CreateIndex("IX_Tickets_CreatedAt", "Tickets", "CreatedAt");

        mb.CreateTable(
            name: "TicketEntries",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                TicketId = t.Column<Guid>(nullable: false),
                Sequence = t.Column<int>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Kind = t.Column<string>(maxLength: 20, nullable: false),
                Text = t.Column<string>(maxLength: 2000, nullable: true),
                By = t.Column<string>(maxLength: 256, nullable: true),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_TicketEntries", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_TicketEntries_TicketId_Sequence", "TicketEntries", ["TicketId", "Sequence"]);

        if (mb.IsNpgsql())
            mb.Sql("""CREATE INDEX "IX_Tickets_DivisionCode_prefix" ON "Tickets" ("DivisionCode" varchar_pattern_ops, "CreatedAt");""");
    }
}

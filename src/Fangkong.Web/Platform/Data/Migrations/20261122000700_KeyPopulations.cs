using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000700_KeyPopulations")]
public sealed class KeyPopulations : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "KeyResidents",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                BirthDate = t.Column<DateOnly>(nullable: false),
                Conditions = t.Column<string>(maxLength: 200, nullable: false),
                Pregnant = t.Column<bool>(nullable: false),
                Disabled = t.Column<bool>(nullable: false),
                LivingAlone = t.Column<bool>(nullable: false),
                VaccineDoses = t.Column<int>(nullable: false),
                LastDoseOn = t.Column<DateOnly>(nullable: true),
                FamilyDoctor = t.Column<string>(maxLength: 100, nullable: true),
                Worker = t.Column<string>(maxLength: 100, nullable: true),
                RiskGrade = t.Column<int>(nullable: false),
                NextCheckInDue = t.Column<DateTime>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_KeyResidents", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_KeyResidents_Id", "KeyResidents", "Id", unique: true);
        mb.CreateIndex("IX_KeyResidents_PersonId", "KeyResidents", "PersonId", unique: true);
        mb.CreateIndex("IX_KeyResidents_DivisionCode_RiskGrade", "KeyResidents", ["DivisionCode", "RiskGrade"]);
        mb.CreateIndex("IX_KeyResidents_NextCheckInDue", "KeyResidents", "NextCheckInDue");

        mb.CreateTable(
            name: "CheckIns",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                KeyResidentId = t.Column<Guid>(nullable: false),
                Method = t.Column<string>(maxLength: 10, nullable: false),
                Temperature = t.Column<double>(nullable: true),
                SpO2 = t.Column<int>(nullable: true),
                Symptoms = t.Column<string>(maxLength: 500, nullable: true),
                SevereSymptom = t.Column<bool>(nullable: false),
                Escalated = t.Column<bool>(nullable: false),
                By = t.Column<string>(maxLength: 256, nullable: true),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_CheckIns", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_CheckIns_KeyResidentId_At", "CheckIns", ["KeyResidentId", "At"]);

        mb.CreateTable(
            name: "GreenChannelAlerts",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                KeyResidentId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                CheckInId = t.Column<Guid>(nullable: true),
                Reason = t.Column<string>(maxLength: 300, nullable: false),
                RaisedBy = t.Column<string>(maxLength: 256, nullable: true),
                RaisedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 10, nullable: false),
                PatientId = t.Column<Guid>(nullable: true),
                TransportRequestId = t.Column<Guid>(nullable: true),
                SentAt = t.Column<DateTime>(nullable: true),
                ClosedNote = t.Column<string>(maxLength: 500, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_GreenChannelAlerts", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_GreenChannelAlerts_Id", "GreenChannelAlerts", "Id", unique: true);
        mb.CreateIndex("IX_GreenChannelAlerts_Status_DivisionCode", "GreenChannelAlerts", ["Status", "DivisionCode"]);
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122000500_Treatment")]
public sealed class Treatment : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Wards",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                FacilityId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Level = t.Column<string>(maxLength: 20, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Beds = t.Column<int>(nullable: false),
                Ventilators = t.Column<int>(nullable: false),
                StaffOnDuty = t.Column<int>(nullable: false),
                Occupied = t.Column<int>(nullable: false),
                Reserved = t.Column<int>(nullable: false),
                Version = t.Column<int>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Wards", x => new { x.DistrictCode, x.Id });
                t.CheckConstraint("CK_Wards_Capacity", "\"Occupied\" >= 0 AND \"Reserved\" >= 0 AND \"Occupied\" + \"Reserved\" <= \"Beds\"");
            });
        mb.CreateIndex("IX_Wards_Id", "Wards", "Id", unique: true);
        mb.CreateIndex("IX_Wards_FacilityId_Level", "Wards", ["FacilityId", "Level"], unique: true);

        mb.CreateTable(
            name: "Patients",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Severity = t.Column<string>(maxLength: 20, nullable: false),
                Age65Plus = t.Column<bool>(nullable: false),
                ChronicDisease = t.Column<bool>(nullable: false),
                Pregnant = t.Column<bool>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                WardId = t.Column<Guid>(nullable: true),
                FacilityId = t.Column<Guid>(nullable: true),
                DetectedAt = t.Column<DateTime>(nullable: false),
                WaitingSince = t.Column<DateTime>(nullable: false),
                AdmittedAt = t.Column<DateTime>(nullable: true),
                ExpectedDischarge = t.Column<DateTime>(nullable: true),
                EndedAt = t.Column<DateTime>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Patients", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_Patients_Id", "Patients", "Id", unique: true);
        mb.CreateIndex("IX_Patients_Status_DivisionCode", "Patients", ["Status", "DivisionCode"]);
        mb.CreateIndex("IX_Patients_FacilityId_Status", "Patients", ["FacilityId", "Status"]);
        mb.CreateIndex("IX_Patients_PersonId", "Patients", "PersonId");

        mb.CreateTable(
            name: "PatientEvents",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                PatientId = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 30, nullable: false),
                FromWardId = t.Column<Guid>(nullable: true),
                ToWardId = t.Column<Guid>(nullable: true),
                FacilityId = t.Column<Guid>(nullable: true),
                Severity = t.Column<string>(maxLength: 20, nullable: false),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                By = t.Column<string>(maxLength: 256, nullable: true),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_PatientEvents", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_PatientEvents_PatientId_At", "PatientEvents", ["PatientId", "At"]);
        mb.CreateIndex("IX_PatientEvents_FacilityId_Kind_At", "PatientEvents", ["FacilityId", "Kind", "At"]);

        mb.CreateTable(
            name: "PatientTests",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                PatientId = t.Column<Guid>(nullable: false),
                TakenAt = t.Column<DateTime>(nullable: false),
                Positive = t.Column<bool>(nullable: false),
                CtValue = t.Column<double>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_PatientTests", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_PatientTests_PatientId_TakenAt", "PatientTests", ["PatientId", "TakenAt"]);

        mb.CreateTable(
            name: "DischargeRules",
            columns: t => new
            {
                Version = t.Column<int>(nullable: false),
                NegativeTests = t.Column<int>(nullable: false),
                HoursApart = t.Column<int>(nullable: false),
                MinimumDaysAdmitted = t.Column<int>(nullable: false),
                CtThreshold = t.Column<double>(nullable: true),
                EffectiveFrom = t.Column<DateTime>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_DischargeRules", x => x.Version));

        mb.CreateTable(
            name: "CarePlans",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                PatientId = t.Column<Guid>(nullable: false),
                Team = t.Column<string>(maxLength: 200, nullable: false),
                Items = t.Column<string>(maxLength: 4000, nullable: false),
                NextReview = t.Column<DateOnly>(nullable: false),
                UpdatedBy = t.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_CarePlans", x => new { x.DistrictCode, x.PatientId }));

        mb.CreateTable(
            name: "PlacementBatches",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ScopeCode = t.Column<string>(maxLength: 12, nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                Patients = t.Column<int>(nullable: false),
                Placed = t.Column<int>(nullable: false),
                TotalDistance = t.Column<long>(nullable: false),
                EngineMilliseconds = t.Column<double>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ApprovedBy = t.Column<string>(maxLength: 256, nullable: true),
                ApprovedAt = t.Column<DateTime>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_PlacementBatches", x => x.Id));
        mb.CreateIndex("IX_PlacementBatches_ScopeCode_CreatedAt", "PlacementBatches", ["ScopeCode", "CreatedAt"]);

        mb.CreateTable(
            name: "PlacementLines",
            columns: t => new
            {
                BatchId = t.Column<Guid>(nullable: false),
                PatientId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Priority = t.Column<int>(nullable: false),
                Severity = t.Column<string>(maxLength: 20, nullable: false),
                MinimumLevel = t.Column<string>(maxLength: 20, nullable: false),
                EngineWardId = t.Column<Guid>(nullable: true),
                WardId = t.Column<Guid>(nullable: true),
                Distance = t.Column<long>(nullable: true),
                Reason = t.Column<string>(maxLength: 40, nullable: false),
                WaitingHours = t.Column<double>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_PlacementLines", x => new { x.BatchId, x.PatientId }));

        if (mb.IsSqlite())
        {
            mb.Sql("""CREATE TRIGGER "PatientEvents_no_update" BEFORE UPDATE ON "PatientEvents" BEGIN SELECT RAISE(ABORT, 'patient events are append-only'); END;""");
            mb.Sql("""CREATE TRIGGER "PatientEvents_no_delete" BEFORE DELETE ON "PatientEvents" BEGIN SELECT RAISE(ABORT, 'patient events are append-only'); END;""");
        }
        else if (mb.IsNpgsql())
        {
            mb.Sql("""
                CREATE FUNCTION patient_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'patient events are append-only'; END $$;
                """);
            mb.Sql("""
                CREATE TRIGGER "PatientEvents_append_only" BEFORE UPDATE OR DELETE ON "PatientEvents"
                FOR EACH ROW EXECUTE FUNCTION patient_events_append_only();
                """);
            mb.Sql("""CREATE INDEX "IX_Wards_DivisionCode_prefix" ON "Wards" ("DivisionCode" varchar_pattern_ops);""");
            mb.Sql("""CREATE INDEX "IX_Patients_DivisionCode_prefix" ON "Patients" ("DivisionCode" varchar_pattern_ops, "Status");""");
        }
    }
}

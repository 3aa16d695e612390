using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122001100_Investigation")]
public sealed class Investigation : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Cases",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Number = t.Column<string>(maxLength: 40, nullable: false),
                PersonId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                WorkDivisionCode = t.Column<string>(maxLength: 12, nullable: true),
                Category = t.Column<string>(maxLength: 20, nullable: false),
                Severity = t.Column<string>(maxLength: 20, nullable: true),
                OnsetDate = t.Column<DateOnly>(nullable: true),
                DetectedAt = t.Column<DateTime>(nullable: false),
                ConfirmedAt = t.Column<DateTime>(nullable: true),
                Route = t.Column<string>(maxLength: 20, nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                InfectorCaseId = t.Column<Guid>(nullable: true),
                ClusterId = t.Column<Guid>(nullable: false),
                Generation = t.Column<int>(nullable: false),
                SourceNote = t.Column<string>(maxLength: 500, nullable: true),
                Investigator = t.Column<string>(maxLength: 256, nullable: true),
                InvestigationDueAt = t.Column<DateTime>(nullable: false),
                InvestigationStatus = t.Column<string>(maxLength: 20, nullable: false),
                InvestigationCompletedAt = t.Column<DateTime>(nullable: true),
                Summary = t.Column<string>(maxLength: 2000, nullable: true),
                IsolatedAt = t.Column<DateTime>(nullable: true),
                PatientId = t.Column<Guid>(nullable: true),
                EndedAt = t.Column<DateTime>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Cases", x => new { x.DistrictCode, x.Id });
                t.CheckConstraint("CK_Cases_Generation", "\"Generation\" >= 1");
            });
        mb.CreateIndex("IX_Cases_Id", "Cases", "Id", unique: true);
        mb.CreateIndex("IX_Cases_Number", "Cases", "Number", unique: true);
        mb.CreateIndex("IX_Cases_PersonId_Status", "Cases", ["PersonId", "Status"]);
        mb.CreateIndex("IX_Cases_DivisionCode_Status", "Cases", ["DivisionCode", "Status"]);
        mb.CreateIndex("IX_Cases_InfectorCaseId", "Cases", "InfectorCaseId");
        mb.CreateIndex("IX_Cases_ClusterId", "Cases", "ClusterId");
        mb.CreateIndex("IX_Cases_Category_ConfirmedAt", "Cases", ["Category", "ConfirmedAt"]);

        mb.CreateTable(
            name: "CaseExposures",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                CaseId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Kind = t.Column<string>(maxLength: 20, nullable: false),
                Place = t.Column<string>(maxLength: 300, nullable: false),
                PlaceDivisionCode = t.Column<string>(maxLength: 12, nullable: true),
                From = t.Column<DateTime>(nullable: false),
                To = t.Column<DateTime>(nullable: false),
                Note = t.Column<string>(maxLength: 2000, nullable: true),
                By = t.Column<string>(maxLength: 256, nullable: true),
                RecordedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_CaseExposures", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_CaseExposures_CaseId_From", "CaseExposures", ["CaseId", "From"]);

        mb.CreateTable(
            name: "Contacts",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                CaseId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ViaContactId = t.Column<Guid>(nullable: true),
                PersonId = t.Column<Guid>(nullable: false),
                ResidenceDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Kind = t.Column<string>(maxLength: 20, nullable: false),
                Exposure = t.Column<string>(maxLength: 500, nullable: false),
                LastExposureAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                IdentifiedAt = t.Column<DateTime>(nullable: false),
                IdentifiedBy = t.Column<string>(maxLength: 256, nullable: true),
                QuarantineKind = t.Column<string>(maxLength: 20, nullable: true),
                QuarantineFacilityId = t.Column<Guid>(nullable: true),
                QuarantineStart = t.Column<DateTime>(nullable: true),
                QuarantineEnd = t.Column<DateOnly>(nullable: true),
                EndedAt = t.Column<DateTime>(nullable: true),
                ResultCaseId = t.Column<Guid>(nullable: true),
                SharedAt = t.Column<DateTime>(nullable: true),
                SharedBy = t.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Contacts", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_Contacts_Id", "Contacts", "Id", unique: true);
        mb.CreateIndex("IX_Contacts_CaseId_PersonId", "Contacts", ["CaseId", "PersonId"], unique: true);
        mb.CreateIndex("IX_Contacts_PersonId_Status", "Contacts", ["PersonId", "Status"]);
        mb.CreateIndex("IX_Contacts_ResidenceDivisionCode_Status", "Contacts", ["ResidenceDivisionCode", "Status"]);
        mb.CreateIndex("IX_Contacts_DivisionCode_Status", "Contacts", ["DivisionCode", "Status"]);

        mb.CreateTable(
            name: "FollowUps",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                ContactId = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                ResidenceDivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                SharedWithResidence = t.Column<bool>(nullable: false),
                Day = t.Column<DateOnly>(nullable: false),
                DueAt = t.Column<DateTime>(nullable: false),
                TestDue = t.Column<bool>(nullable: false),
                DoneAt = t.Column<DateTime>(nullable: true),
                DoneBy = t.Column<string>(maxLength: 256, nullable: true),
                Symptoms = t.Column<bool>(nullable: true),
                SymptomNote = t.Column<string>(maxLength: 500, nullable: true),
                Temperature = t.Column<decimal>(precision: 4, scale: 1, nullable: true),
                Test = t.Column<string>(maxLength: 20, nullable: true),
                Cancelled = t.Column<bool>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_FollowUps", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_FollowUps_Id", "FollowUps", "Id", unique: true);
        mb.CreateIndex("IX_FollowUps_ContactId_Day", "FollowUps", ["ContactId", "Day"]);
        mb.CreateIndex("IX_FollowUps_ResidenceDivisionCode_Day", "FollowUps", ["ResidenceDivisionCode", "Day"]);

        mb.CreateTable(
            name: "AreaRiskRuleSets",
            columns: t => new
            {
                Version = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                RulesJson = t.Column<string>(nullable: false),
                EffectiveFrom = t.Column<DateOnly>(nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AreaRiskRuleSets", x => x.Version));

        mb.CreateTable(
            name: "AreaRiskLevels",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Level = t.Column<string>(maxLength: 20, nullable: false),
                From = t.Column<DateOnly>(nullable: false),
                Until = t.Column<DateOnly>(nullable: true),
                Source = t.Column<string>(maxLength: 20, nullable: false),
                RuleVersion = t.Column<int>(nullable: false),
                LastCaseDay = t.Column<DateOnly>(nullable: true),
                OverrideId = t.Column<Guid>(nullable: true),
                ComputedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AreaRiskLevels", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_AreaRiskLevels_DivisionCode_From", "AreaRiskLevels", ["DivisionCode", "From"]);
        mb.CreateIndex("IX_AreaRiskLevels_Until_Level", "AreaRiskLevels", ["Until", "Level"]);

        mb.CreateTable(
            name: "AreaRiskOverrides",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Level = t.Column<string>(maxLength: 20, nullable: false),
                Reason = t.Column<string>(maxLength: 500, nullable: false),
                From = t.Column<DateOnly>(nullable: false),
                Until = t.Column<DateOnly>(nullable: true),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                RequestedBy = t.Column<string>(maxLength: 256, nullable: true),
                RequestedAt = t.Column<DateTime>(nullable: false),
                DecidedBy = t.Column<string>(maxLength: 256, nullable: true),
                DecidedAt = t.Column<DateTime>(nullable: true),
                DecisionNote = t.Column<string>(maxLength: 500, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AreaRiskOverrides", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_AreaRiskOverrides_Id", "AreaRiskOverrides", "Id", unique: true);
        mb.CreateIndex("IX_AreaRiskOverrides_DivisionCode_Status", "AreaRiskOverrides", ["DivisionCode", "Status"]);

        if (mb.IsNpgsql())
        {
            // Prefix (jurisdiction) scans on PostgreSQL need pattern ops under a non-C collation.
            mb.Sql("""CREATE INDEX "IX_Cases_DivisionCode_prefix" ON "Cases" ("DivisionCode" varchar_pattern_ops);""");
            mb.Sql("""CREATE INDEX "IX_Contacts_Residence_prefix" ON "Contacts" ("ResidenceDivisionCode" varchar_pattern_ops);""");
            mb.Sql("""CREATE INDEX "IX_FollowUps_Residence_prefix" ON "FollowUps" ("ResidenceDivisionCode" varchar_pattern_ops, "Day");""");
            mb.Sql("""CREATE INDEX "IX_AreaRiskLevels_current_prefix" ON "AreaRiskLevels" ("DivisionCode" varchar_pattern_ops) WHERE "Until" IS NULL;""");
        }
    }
}

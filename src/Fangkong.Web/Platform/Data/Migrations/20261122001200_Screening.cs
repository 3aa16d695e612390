using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

[DbContext(typeof(FangkongDb))]
[Migration("20261122001200_Screening")]
public sealed class Screening : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "ScreeningRounds",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AreaCode = t.Column<string>(maxLength: 12, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Date = t.Column<DateOnly>(nullable: false),
                DeadlineUtc = t.Column<DateTime>(nullable: false),
                PoolSize = t.Column<int>(nullable: false),
                Status = t.Column<string>(maxLength: 10, nullable: false),
                CreatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ClosedAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_ScreeningRounds", x => x.Id));
        mb.CreateIndex("IX_ScreeningRounds_AreaCode_Date", "ScreeningRounds", ["AreaCode", "Date"]);

        mb.CreateTable(
            name: "SamplingPoints",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Code = t.Column<string>(maxLength: 20, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                CommitteeCode = t.Column<string>(maxLength: 12, nullable: false),
                Latitude = t.Column<double>(nullable: true),
                Longitude = t.Column<double>(nullable: true),
                Opens = t.Column<TimeOnly>(nullable: false),
                Closes = t.Column<TimeOnly>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SamplingPoints", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_SamplingPoints_Id", "SamplingPoints", "Id", unique: true);
        mb.CreateIndex("IX_SamplingPoints_Code", "SamplingPoints", "Code", unique: true);
        mb.CreateIndex("IX_SamplingPoints_CommitteeCode", "SamplingPoints", "CommitteeCode");

        mb.CreateTable(
            name: "Tubes",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Code = t.Column<string>(maxLength: 32, nullable: false),
                RoundId = t.Column<int>(nullable: false),
                PointId = t.Column<Guid>(nullable: true),
                Kind = t.Column<byte>(nullable: false),
                CollectedAt = t.Column<DateTime>(nullable: true),
                RetestOf = t.Column<string>(maxLength: 32, nullable: true),
                Result = t.Column<byte>(nullable: false),
                ResultAt = t.Column<DateTime>(nullable: true),
                Lab = t.Column<string>(maxLength: 100, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Tubes", x => new { x.DistrictCode, x.Code }));
        mb.CreateIndex("IX_Tubes_Code", "Tubes", "Code", unique: true);
        mb.CreateIndex("IX_Tubes_RoundId_Result", "Tubes", ["RoundId", "Result"]);

        mb.CreateTable(
            name: "SamplingRecords",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                RoundId = t.Column<int>(nullable: false),
                TubeCode = t.Column<string>(maxLength: 32, nullable: false),
                IdNumber = t.Column<string>(maxLength: 18, nullable: false),
                Name = t.Column<string>(maxLength: 50, nullable: false),
                Phone = t.Column<string>(maxLength: 20, nullable: true),
                CommitteeCode = t.Column<string>(maxLength: 12, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SamplingRecords", x => new { x.DistrictCode, x.RoundId, x.TubeCode, x.IdNumber }));
        mb.CreateIndex("IX_SamplingRecords_IdNumber_RoundId", "SamplingRecords", ["IdNumber", "RoundId"]);

        mb.CreateTable(
            name: "PoolControls",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                RoundId = t.Column<int>(nullable: false),
                PoolCode = t.Column<string>(maxLength: 32, nullable: false),
                RetestCode = t.Column<string>(maxLength: 32, nullable: true),
                IdNumber = t.Column<string>(maxLength: 18, nullable: false),
                PersonId = t.Column<Guid>(nullable: true),
                CommitteeCode = t.Column<string>(maxLength: 12, nullable: false),
                Status = t.Column<string>(maxLength: 20, nullable: false),
                Since = t.Column<DateTime>(nullable: false),
                ResolvedAt = t.Column<DateTime>(nullable: true),
                CaseId = t.Column<Guid>(nullable: true),
                IntakeNote = t.Column<string>(maxLength: 300, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_PoolControls", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_PoolControls_Id", "PoolControls", "Id", unique: true);
        mb.CreateIndex("IX_PoolControls_RoundId_PoolCode", "PoolControls", ["RoundId", "PoolCode"]);
        mb.CreateIndex("IX_PoolControls_RetestCode", "PoolControls", "RetestCode");
        mb.CreateIndex("IX_PoolControls_IdNumber", "PoolControls", "IdNumber");
    }
}

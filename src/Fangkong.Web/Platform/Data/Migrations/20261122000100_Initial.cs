using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fangkong.Web.Platform.Data.Migrations;

// Migrations are written by hand (the EF design-time package is not on our feed). Column types are
// left to the active provider's type mapping, so one migration serves SQLite and PostgreSQL; the few
// provider-specific statements say so. A test compares the migrated schema with the EF model.
[DbContext(typeof(FangkongDb))]
[Migration("20261122000100_Initial")]
public sealed class Initial : Migration
{
    private const string AutoIncrementSqlite = "Sqlite:Autoincrement";
    private const string IdentityNpgsql = "Npgsql:ValueGenerationStrategy";

    protected override void Up(MigrationBuilder mb)
    {
        CreateIdentityTables(mb);

        mb.CreateTable(
            name: "Divisions",
            columns: t => new
            {
                Code = t.Column<string>(maxLength: 12, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                ParentCode = t.Column<string>(maxLength: 12, nullable: true),
                Level = t.Column<int>(nullable: false),
                CityCode = t.Column<string>(maxLength: 4, nullable: false),
                Population = t.Column<long>(nullable: true),
                Age0To14 = t.Column<long>(nullable: true),
                Age15To64 = t.Column<long>(nullable: true),
                Age65Plus = t.Column<long>(nullable: true),
                PopulationIsCensus = t.Column<bool>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Divisions", x => x.Code));
        mb.CreateIndex("IX_Divisions_ParentCode", "Divisions", "ParentCode");
        mb.CreateIndex("IX_Divisions_Name", "Divisions", "Name");

        mb.CreateTable(
            name: "Facilities",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 40, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                Address = t.Column<string>(maxLength: 300, nullable: false),
                Latitude = t.Column<double>(nullable: true),
                Longitude = t.Column<double>(nullable: true),
                Phone = t.Column<string>(maxLength: 30, nullable: true),
                Beds = t.Column<int>(nullable: true),
                IcuBeds = t.Column<int>(nullable: true),
                Ventilators = t.Column<int>(nullable: true),
                IsolationRooms = t.Column<int>(nullable: true),
                DailyVisits = t.Column<int>(nullable: true),
                StorageCubicMetres = t.Column<int>(nullable: true),
                DailyOutputUnits = t.Column<int>(nullable: true),
                Employees = t.Column<int>(nullable: true),
                Version = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Facilities", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_Facilities_Id", "Facilities", "Id", unique: true);
        mb.CreateIndex("IX_Facilities_DivisionCode_Kind", "Facilities", ["DivisionCode", "Kind"]);
        mb.CreateIndex("IX_Facilities_Name", "Facilities", "Name");

        mb.CreateTable(
            name: "People",
            columns: t => new
            {
                DistrictCode = t.Column<string>(maxLength: 6, nullable: false),
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                IdNumber = t.Column<string>(maxLength: 18, nullable: false),
                Phone = t.Column<string>(maxLength: 30, nullable: true),
                Address = t.Column<string>(maxLength: 300, nullable: true),
                DivisionCode = t.Column<string>(maxLength: 12, nullable: false),
                BirthDate = t.Column<DateOnly>(nullable: false),
                Sex = t.Column<string>(maxLength: 10, nullable: false),
                Version = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_People", x => new { x.DistrictCode, x.Id }));
        mb.CreateIndex("IX_People_Id", "People", "Id", unique: true);
        mb.CreateIndex("IX_People_IdNumber", "People", "IdNumber", unique: true);
        mb.CreateIndex("IX_People_DivisionCode", "People", "DivisionCode");

        mb.CreateTable(
            name: "AuditEntries",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                Role = t.Column<string>(maxLength: 40, nullable: true),
                Address = t.Column<string>(maxLength: 64, nullable: true),
                Action = t.Column<string>(maxLength: 60, nullable: false),
                ObjectType = t.Column<string>(maxLength: 60, nullable: true),
                ObjectId = t.Column<string>(maxLength: 100, nullable: true),
                Outcome = t.Column<string>(maxLength: 20, nullable: false),
                Detail = t.Column<string>(maxLength: 1000, nullable: true),
                PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Sequence));
        mb.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        mb.CreateIndex("IX_AuditEntries_UserName_At", "AuditEntries", ["UserName", "At"]);
        mb.CreateIndex("IX_AuditEntries_Action_At", "AuditEntries", ["Action", "At"]);

        mb.CreateTable(
            name: "IdempotencyRecords",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                Key = t.Column<string>(maxLength: 100, nullable: false),
                RequestHash = t.Column<string>(maxLength: 64, nullable: false),
                StatusCode = t.Column<int>(nullable: true),
                Location = t.Column<string>(maxLength: 300, nullable: true),
                ResponseBody = t.Column<string>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_IdempotencyRecords", x => new { x.UserId, x.Key }));

        MakeAuditAppendOnly(mb);
    }

    // The application may only insert audit rows: updates and deletes are refused by the database itself.
    private static void MakeAuditAppendOnly(MigrationBuilder mb)
    {
        if (mb.IsSqlite())
        {
            mb.Sql("""
                CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                """);
            mb.Sql("""
                CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                """);
        }
        else if (mb.IsNpgsql())
        {
            mb.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;
                """);
            mb.Sql("""
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
            mb.Sql("""
                CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
            // Prefix searches on division codes (the jurisdiction filter) use these, whatever the collation.
            mb.Sql("""CREATE INDEX "IX_Facilities_DivisionCode_prefix" ON "Facilities" ("DivisionCode" varchar_pattern_ops);""");
            mb.Sql("""CREATE INDEX "IX_People_DivisionCode_prefix" ON "People" ("DivisionCode" varchar_pattern_ops);""");
        }
    }

    private static void CreateIdentityTables(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "AspNetRoles",
            columns: t => new
            {
                Id = t.Column<string>(nullable: false),
                Name = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));
        mb.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);

        mb.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<string>(nullable: false),
                DisplayName = t.Column<string>(maxLength: 100, nullable: false),
                ScopeDivisionCode = t.Column<string>(maxLength: 12, nullable: true),
                ScopeFacilityId = t.Column<Guid>(nullable: true),
                IsEnabled = t.Column<bool>(nullable: false),
                IsDemo = t.Column<bool>(nullable: false),
                FirstFailedLoginAt = t.Column<DateTime>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(nullable: true),
                SecurityStamp = t.Column<string>(nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
                PhoneNumber = t.Column<string>(nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);

        mb.CreateTable(
            name: "AspNetRoleClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false).Annotation(AutoIncrementSqlite, true)
                    .Annotation(IdentityNpgsql, Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = t.Column<string>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");

        mb.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false).Annotation(AutoIncrementSqlite, true)
                    .Annotation(IdentityNpgsql, Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = t.Column<string>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");

        mb.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(nullable: false),
                ProviderKey = t.Column<string>(nullable: false),
                ProviderDisplayName = t.Column<string>(nullable: true),
                UserId = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");

        mb.CreateTable(
            name: "AspNetUserRoles",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                RoleId = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        mb.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");

        mb.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                LoginProvider = t.Column<string>(nullable: false),
                Name = t.Column<string>(nullable: false),
                Value = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }
}

internal static class MigrationBuilderProviders
{
    public static bool IsSqlite(this MigrationBuilder mb) => mb.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";
    public static bool IsNpgsql(this MigrationBuilder mb) => mb.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}

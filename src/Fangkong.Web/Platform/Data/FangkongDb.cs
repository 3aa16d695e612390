using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.People;
using Fangkong.Web.Features.Supplies;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fangkong.Web.Platform.Data;

public sealed class FangkongDb(DbContextOptions<FangkongDb> options, JurisdictionContext jurisdiction)
    : IdentityDbContext<AppUser>(options)
{
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DailyReport> DailyReports => Set<DailyReport>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<StockLot> StockLots => Set<StockLot>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<StockPolicy> StockPolicies => Set<StockPolicy>();
    public DbSet<SupplyRequest> SupplyRequests => Set<SupplyRequest>();
    public DbSet<SupplyPlan> SupplyPlans => Set<SupplyPlan>();
    public DbSet<SupplyPlanSite> SupplyPlanSites => Set<SupplyPlanSite>();
    public DbSet<SupplyPlanShipment> SupplyPlanShipments => Set<SupplyPlanShipment>();
    public DbSet<DeliveryOrder> DeliveryOrders => Set<DeliveryOrder>();
    public DbSet<Ward> Wards => Set<Ward>();
    public DbSet<Features.Community.KeyPopulations.KeyResident> KeyResidents => Set<Features.Community.KeyPopulations.KeyResident>();
    public DbSet<Features.Community.KeyPopulations.CheckIn> CheckIns => Set<Features.Community.KeyPopulations.CheckIn>();
    public DbSet<Features.Community.KeyPopulations.GreenChannelAlert> GreenChannelAlerts => Set<Features.Community.KeyPopulations.GreenChannelAlert>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientEvent> PatientEvents => Set<PatientEvent>();
    public DbSet<PatientTest> PatientTests => Set<PatientTest>();
    public DbSet<DischargeRule> DischargeRules => Set<DischargeRule>();
    public DbSet<CarePlan> CarePlans => Set<CarePlan>();
    public DbSet<PlacementBatch> PlacementBatches => Set<PlacementBatch>();
    public DbSet<PlacementLine> PlacementLines => Set<PlacementLine>();
    public DbSet<Features.Transport.Vehicle> Vehicles => Set<Features.Transport.Vehicle>();
    public DbSet<Features.Transport.TransportRequest> TransportRequests => Set<Features.Transport.TransportRequest>();
    public DbSet<Features.Community.Requests.CommunityQrCode> CommunityQrCodes => Set<Features.Community.Requests.CommunityQrCode>();
    public DbSet<Features.Community.Requests.ResidentRequest> ResidentRequests => Set<Features.Community.Requests.ResidentRequest>();
    public DbSet<Features.Community.Sharing.MedicineOffer> MedicineOffers => Set<Features.Community.Sharing.MedicineOffer>();
    public DbSet<Features.Community.Sharing.MedicineAsk> MedicineAsks => Set<Features.Community.Sharing.MedicineAsk>();
    public DbSet<Features.Community.GroupOrders.SupplyPackage> SupplyPackages => Set<Features.Community.GroupOrders.SupplyPackage>();
    public DbSet<Features.Community.GroupOrders.SupplierCapacity> SupplierCapacities => Set<Features.Community.GroupOrders.SupplierCapacity>();
    public DbSet<Features.Community.GroupOrders.GroupOrder> GroupOrders => Set<Features.Community.GroupOrders.GroupOrder>();
    public DbSet<Features.Community.GroupOrders.GroupOrderLine> GroupOrderLines => Set<Features.Community.GroupOrders.GroupOrderLine>();
    public DbSet<Features.Community.GroupOrders.GroupOrderDistribution> GroupOrderDistributions => Set<Features.Community.GroupOrders.GroupOrderDistribution>();
    public DbSet<Features.PriceWatch.PharmacySale> PharmacySales => Set<Features.PriceWatch.PharmacySale>();
    public DbSet<Features.PriceWatch.WatchFlag> WatchFlags => Set<Features.PriceWatch.WatchFlag>();
    public DbSet<Features.Tickets.Ticket> Tickets => Set<Features.Tickets.Ticket>();
    public DbSet<Features.Tickets.TicketEntry> TicketEntries => Set<Features.Tickets.TicketEntry>();
    public DbSet<Features.Investigation.Case> Cases => Set<Features.Investigation.Case>();
    public DbSet<Features.Investigation.CaseExposure> CaseExposures => Set<Features.Investigation.CaseExposure>();
    public DbSet<Features.Investigation.Contact> Contacts => Set<Features.Investigation.Contact>();
    public DbSet<Features.Investigation.FollowUp> FollowUps => Set<Features.Investigation.FollowUp>();
    public DbSet<Features.RiskAreas.AreaRiskRuleSetVersion> AreaRiskRuleSets => Set<Features.RiskAreas.AreaRiskRuleSetVersion>();
    public DbSet<Features.RiskAreas.AreaRiskLevel> AreaRiskLevels => Set<Features.RiskAreas.AreaRiskLevel>();
    public DbSet<Features.RiskAreas.AreaRiskOverride> AreaRiskOverrides => Set<Features.RiskAreas.AreaRiskOverride>();
    public DbSet<Features.HealthStatus.HealthSigningKey> HealthSigningKeys => Set<Features.HealthStatus.HealthSigningKey>();
    public DbSet<Features.HealthStatus.IssuedHealthCode> IssuedHealthCodes => Set<Features.HealthStatus.IssuedHealthCode>();
    public DbSet<Features.HealthStatus.TrustedIssuer> TrustedIssuers => Set<Features.HealthStatus.TrustedIssuer>();
    public DbSet<Features.HealthStatus.IntegrationClient> HealthIntegrationClients => Set<Features.HealthStatus.IntegrationClient>();
    public DbSet<Features.Screening.ScreeningRound> ScreeningRounds => Set<Features.Screening.ScreeningRound>();
    public DbSet<Features.Screening.SamplingPoint> SamplingPoints => Set<Features.Screening.SamplingPoint>();
    public DbSet<Features.Screening.Tube> Tubes => Set<Features.Screening.Tube>();
    public DbSet<Features.Screening.SamplingRecord> SamplingRecords => Set<Features.Screening.SamplingRecord>();
    public DbSet<Features.Screening.PoolControl> PoolControls => Set<Features.Screening.PoolControl>();

    // Read by the global query filters below; EF Core evaluates these per context instance.
    internal bool SeesEverything => jurisdiction.Current.Everything;
    internal string? ScopePrefix => jurisdiction.Current.DivisionPrefix;
    internal Guid? ScopeFacilityId => jurisdiction.Current.FacilityId;

    public Jurisdiction Jurisdiction => jurisdiction.Current;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Division>(d =>
        {
            d.HasKey(x => x.Code);
            d.Property(x => x.Code).HasMaxLength(12);
            d.Property(x => x.ParentCode).HasMaxLength(12);
            d.Property(x => x.CityCode).HasMaxLength(4);
            d.Property(x => x.Name).HasMaxLength(100);
            d.HasIndex(x => x.ParentCode);
            d.HasIndex(x => x.Name);
        });

        builder.Entity<Facility>(f =>
        {
            f.HasKey(x => new { x.DistrictCode, x.Id });
            f.HasIndex(x => x.Id).IsUnique();
            f.HasIndex(x => new { x.DivisionCode, x.Kind });
            f.HasIndex(x => x.Name);
            f.Property(x => x.DistrictCode).HasMaxLength(6);
            f.Property(x => x.DivisionCode).HasMaxLength(12);
            f.Property(x => x.Name).HasMaxLength(200);
            f.Property(x => x.Address).HasMaxLength(300);
            f.Property(x => x.Phone).HasMaxLength(30);
            f.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            f.Property(x => x.Version).IsConcurrencyToken();
            f.Ignore(x => x.Capacity);
            f.HasQueryFilter(x => SeesEverything
                || (ScopePrefix != null && x.DivisionCode.StartsWith(ScopePrefix))
                || (ScopeFacilityId != null && x.Id == ScopeFacilityId));
        });

        builder.Entity<Person>(p =>
        {
            p.HasKey(x => new { x.DistrictCode, x.Id });
            p.HasIndex(x => x.Id).IsUnique();
            // Deduplication by ID number. Under Citus this index moves to a lookup table keyed by the
            // number, since a unique index on a distributed table must include the distribution column.
            p.HasIndex(x => x.IdNumber).IsUnique();
            p.HasIndex(x => x.DivisionCode);
            p.Property(x => x.DistrictCode).HasMaxLength(6);
            p.Property(x => x.DivisionCode).HasMaxLength(12);
            p.Property(x => x.IdNumber).HasMaxLength(18);
            p.Property(x => x.Name).HasMaxLength(100);
            p.Property(x => x.Phone).HasMaxLength(30);
            p.Property(x => x.Address).HasMaxLength(300);
            p.Property(x => x.Sex).HasConversion<string>().HasMaxLength(10);
            p.Property(x => x.Version).IsConcurrencyToken();
            // Facility-bound accounts see no residents; division-bound accounts see their own.
            p.HasQueryFilter(x => SeesEverything || (ScopePrefix != null && x.DivisionCode.StartsWith(ScopePrefix)));
        });

        builder.Entity<DailyReport>(r =>
        {
            // District first: the distribution key; then date, so a day of a district is one range.
            r.HasKey(x => new { x.DistrictCode, x.Date, x.DivisionCode });
            r.HasIndex(x => new { x.Date, x.DivisionCode });
            r.Property(x => x.DistrictCode).HasMaxLength(6);
            r.Property(x => x.DivisionCode).HasMaxLength(12);
            r.Ignore(x => x.NewInfections);
            r.HasQueryFilter(x => SeesEverything
                || (ScopePrefix != null && x.DivisionCode.StartsWith(ScopePrefix)));
        });

        SuppliesModel.Configure(builder, this);
        TreatmentModel.Configure(builder, this);
        Features.Community.KeyPopulations.KeyPopulationsModel.Configure(builder, this);
        Features.Transport.TransportModel.Configure(builder, this);
        Features.Community.Requests.CommunityRequestsModel.Configure(builder, this);
        Features.Community.GroupOrders.GroupOrdersModel.Configure(builder, this);
        Features.PriceWatch.PriceWatchModel.Configure(builder, this);
        Features.Tickets.TicketsModel.Configure(builder, this);
        Features.Investigation.InvestigationModel.Configure(builder, this);
        Features.RiskAreas.RiskAreasModel.Configure(builder, this);
        Features.HealthStatus.HealthStatusModel.Configure(builder, this);
        Features.Screening.ScreeningModel.Configure(builder, this);

        builder.Entity<AuditEntry>(a =>
        {
            a.HasKey(x => x.Sequence);
            a.Property(x => x.Sequence).ValueGeneratedNever();
            a.Property(x => x.Action).HasMaxLength(60);
            a.Property(x => x.Outcome).HasMaxLength(20);
            a.Property(x => x.UserName).HasMaxLength(256);
            a.Property(x => x.Role).HasMaxLength(40);
            a.Property(x => x.Address).HasMaxLength(64);
            a.Property(x => x.ObjectType).HasMaxLength(60);
            a.Property(x => x.ObjectId).HasMaxLength(100);
            a.Property(x => x.Detail).HasMaxLength(1000);
            a.Property(x => x.PreviousHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
            a.HasIndex(x => x.At);
            a.HasIndex(x => new { x.UserName, x.At });
            a.HasIndex(x => new { x.Action, x.At });
        });

        // Access records, not residents' data: no scope filter; the auditor lists them, their owner uses them.
        builder.Entity<BreakGlassGrant>(g =>
        {
            g.HasKey(x => x.Id);
            g.Property(x => x.UserName).HasMaxLength(256);
            g.Property(x => x.Role).HasMaxLength(40);
            g.Property(x => x.DivisionCode).HasMaxLength(12);
            g.Property(x => x.Reason).HasMaxLength(500);
            g.HasIndex(x => new { x.UserId, x.ExpiresAt });
            g.HasIndex(x => x.GrantedAt);
        });

        builder.Entity<IdempotencyRecord>(i =>
        {
            i.HasKey(x => new { x.UserId, x.Key });
            i.Property(x => x.Key).HasMaxLength(100);
            i.Property(x => x.RequestHash).HasMaxLength(64);
            i.Property(x => x.Location).HasMaxLength(300);
        });

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.ScopeDivisionCode).HasMaxLength(12);
            u.Property(x => x.ActivationCodeHash).HasMaxLength(64);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Instants are stored as UTC DateTime on both providers; SQLite hands them back unspecified.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

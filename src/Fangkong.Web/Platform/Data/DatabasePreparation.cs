using Fangkong.Web.Features.Demo;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Data;

// Applies migrations and, in demo mode on an empty database, seeds the demo city and its accounts.
public sealed class DatabasePreparation(
    FangkongDb db,
    JurisdictionContext jurisdiction,
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    DemoCitySeeder demo,
    DemoWaveSeeder wave,
    DemoSuppliesSeeder supplies,
    DemoTreatmentSeeder treatment,
    DemoTransportSeeder transport,
    DemoPatientsSeeder patients,
    DemoPriceWatchSeeder priceWatch,
    DemoTicketsSeeder tickets,
    Features.Demo.DemoInvestigationSeeder investigation,
    DemoCommunitySeeder community,
    DemoScreeningSeeder screening,
    IOptions<PlatformOptions> options,
    TimeProvider clock,
    ILogger<DatabasePreparation> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        jurisdiction.Current = Jurisdiction.System;
        await db.Database.MigrateAsync(ct);
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    public async Task PrepareAsync(CancellationToken ct = default)
    {
        await MigrateAsync(ct);
        var o = options.Value;
        if (o.IsProduction)
        {
            var demoAccounts = await db.Users.CountAsync(u => u.IsDemo && u.IsEnabled, ct);
            if (demoAccounts > 0)
                logger.LogWarning("Production mode: {Count} demo accounts exist and are refused at login. Disable them with `fangkong users disable-demo`.", demoAccounts);
            if (!await db.Users.AnyAsync(ct))
                logger.LogWarning("Production mode and no accounts: create the first security administrator with `fangkong users create-admin`.");
            return;
        }
        if (!await db.Divisions.AnyAsync(ct))
        {
            var started = clock.GetTimestamp();
            await demo.SeedAsync(o.DemoCity, ct);
            logger.LogInformation("Seeded the demo city {City} in {Elapsed}.", o.DemoCity, clock.GetElapsedTime(started));
        }
        // Each module's demo data seeds itself once (idempotent), so a database seeded before a module
        // existed gets that module's data on its next start. Timed, so a slow first start says why.
        (string Module, Func<Task<int>> Seed)[] modules =
        [
            ("surveillance", () => wave.SeedAsync(o.DemoCity, ct)),
            ("supplies", () => supplies.SeedAsync(o.DemoCity, ct)),
            ("wards", () => treatment.SeedAsync(o.DemoCity, ct)),
            ("transport", () => transport.SeedAsync(o.DemoCity, ct)),
            ("patients", () => patients.SeedAsync(o.DemoCity, ct)),
            ("price watch", () => priceWatch.SeedAsync(o.DemoCity, ct)),
            ("tickets", () => tickets.SeedAsync(o.DemoCity, ct)),
            ("investigation", () => investigation.SeedAsync(o.DemoCity, ct)),
            ("community", () => community.SeedAsync(o.DemoCity, ct)),
            ("screening", () => screening.SeedAsync(o.DemoCity, ct)),
        ];
        var seededRows = 0;
        foreach (var (module, seed) in modules)
        {
            var started = clock.GetTimestamp();
            var rows = await seed();
            if (rows > 0) logger.LogInformation("Demo {Module}: seeded in {Elapsed}.", module, clock.GetElapsedTime(started));
            seededRows += rows;
        }
        await EnsureDemoAccountsAsync(o.DemoCity, ct);
        // Fresh bulk-loaded tables have no planner statistics until autovacuum gets round to them.
        if (seededRows > 0) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
    }

    public async Task EnsureDemoAccountsAsync(string cityCode, CancellationToken ct)
    {
        // A database that already has real (non-demo) accounts gets no demo accounts; one with the demo
        // set gets the accounts added since it was seeded (a new module's role), and nothing recreated
        // that an administrator renamed away.
        if (await db.Users.AnyAsync(u => !u.IsDemo, ct)) return;
        var existing = await db.Users.Select(u => u.UserName).ToListAsync(ct);
        foreach (var account in DemoAccounts.For(cityCode).Where(a => !existing.Contains(a.UserName)))
        {
            Guid? facility = account.FacilityKind is { } kindName && Enum.TryParse<FacilityKind>(kindName, out var kind)
                // unscoped: start-up system job over facility reference data
                ? await db.Facilities.IgnoreQueryFilters().Where(f => f.Kind == kind && f.DivisionCode.StartsWith(cityCode))
                    .OrderBy(f => f.Name).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct)
                : null;
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                ScopeDivisionCode = account.Division,
                ScopeFacilityId = facility,
                IsDemo = true,
                LockoutEnabled = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, DemoAccounts.Password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo account {account.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, account.Role);
        }
        logger.LogInformation("Created the demo accounts (password {Password}).", DemoAccounts.Password);
    }
}

public static class DatabasePreparationExtensions
{
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabasePreparation>().PrepareAsync();
    }
}

using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Divisions;

// Loads one city's GB/T 2260 tree with populations. Idempotent: a city already loaded is left alone.
public sealed class DivisionSeeder(ReferenceData reference, ILogger<DivisionSeeder> logger)
{
    public async Task<int> SeedCityAsync(FangkongDb db, string cityCode, CancellationToken cancellationToken = default)
    {
        if (await db.Divisions.AnyAsync(d => d.Code == cityCode, cancellationToken))
            return 0;
        var tree = reference.ReadCity(cityCode);
        var (known, cityAges) = reference.Census(cityCode);
        var figures = cityAges is null
            ? new Dictionary<string, PopulationFigures>()
            : PopulationModel.Apportion(tree, known, cityAges);
        if (cityAges is null)
            logger.LogWarning("No census figures for city {City}: its divisions are loaded without populations.", cityCode);

        var divisions = tree.Select(r =>
        {
            var d = new Division(r.Code, r.Name, r.ParentCode, r.Level, cityCode);
            if (figures.TryGetValue(r.Code, out var f))
                d.SetPopulation(f, known.ContainsKey(r.Code));
            return d;
        }).ToList();

        // All or nothing, so a half-loaded city is never mistaken for a loaded one.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in divisions.Chunk(2000))
            {
                db.Divisions.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        if (tx is not null) await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Loaded {Count} divisions of city {City}.", divisions.Count, cityCode);
        return divisions.Count;
    }
}

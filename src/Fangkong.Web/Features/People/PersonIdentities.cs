using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.People;

public sealed record PersonIdentity(Guid Id, string Name, string IdNumber, DateOnly BirthDate, Sex Sex);

// Who a child record is about — a patient, a key resident — when the caller reached that child through
// the scope filter but may not see the person itself: a district sees the Pudong resident lying in its
// own hospital, a hospital's bed manager sees its patients but no residents. The caller passes the child
// records it already read in its own scope; only their person ids are looked up, in a context of its own
// with the system's scope, so the query the caller composes keeps every filter (no IgnoreQueryFilters).
// Callers show the result masked; the full values stay behind PeopleRegistry.RevealAsync.
public sealed class PersonIdentities(DbContextOptions<FangkongDb> dbOptions)
{
    private const int Chunk = 500;

    public async Task<Dictionary<Guid, PersonIdentity>> OfAsync(IEnumerable<Guid> personIdsOfVisibleRecords, CancellationToken ct)
    {
        var ids = personIdsOfVisibleRecords.Distinct().ToList();
        var result = new Dictionary<Guid, PersonIdentity>();
        if (ids.Count == 0) return result;
        await using var db = new FangkongDb(dbOptions, JurisdictionContext.ForSystem());
        foreach (var chunk in ids.Chunk(Chunk))
            foreach (var p in await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id))
                         .Select(p => new PersonIdentity(p.Id, p.Name, p.IdNumber, p.BirthDate, p.Sex)).ToListAsync(ct))
                result[p.Id] = p;
        return result;
    }
}

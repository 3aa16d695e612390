using Fangkong.Core.Divisions;

namespace Fangkong.Web.Platform.Access;

// What the current caller may see and write. The database context reads it in its global query
// filters, so every read — list, count, search, export, child record — is scoped in one place.
public sealed record Jurisdiction(bool Everything, string? DivisionPrefix, Guid? FacilityId)
{
    // Platform internals (start-up seeding, the CLI run by an operator on the server).
    public static readonly Jurisdiction System = new(true, null, null);

    // An anonymous or disabled caller.
    public static readonly Jurisdiction Nothing = new(false, null, null);

    public static Jurisdiction ForDivision(string code) => new(false, code, null);
    public static Jurisdiction ForFacility(Guid facilityId) => new(false, null, facilityId);

    public bool CoversDivision(string divisionCode) =>
        Everything || (DivisionPrefix is not null && DivisionCodes.IsWithin(divisionCode, DivisionPrefix));

    public bool CoversFacility(Guid facilityId, string divisionCode) => CoversDivision(divisionCode) || FacilityId == facilityId;
}

// Scoped per request (or per CLI command). The web host replaces the value once the caller is known.
public sealed class JurisdictionContext
{
    public Jurisdiction Current { get; set; } = Jurisdiction.Nothing;

    public static JurisdictionContext ForSystem() => new() { Current = Jurisdiction.System };
}

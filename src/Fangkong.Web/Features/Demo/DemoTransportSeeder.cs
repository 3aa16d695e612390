using System.Globalization;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Transport;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// The demo city's transport fleet, deterministic (ids and bases from the facility order): 60
// negative-pressure ambulances at the designated hospitals, 200 standard ambulances spread over
// general hospitals and fever clinics, 40 transfer buses of 30 seats at the general hospitals,
// each parked at its base's coordinates. Shanghai's 120 centre ran about 1,000 ambulances in
// 2022; the demo fleet is the share assigned to COVID transfers.
public sealed class DemoTransportSeeder(FangkongDb db, TimeProvider clock, ILogger<DemoTransportSeeder> logger)
{
    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.Vehicles.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var bases = await db.Facilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.DivisionCode.StartsWith(cityCode) && f.Latitude != null && f.Longitude != null
                && (f.Kind == FacilityKind.DesignatedHospital || f.Kind == FacilityKind.GeneralHospital || f.Kind == FacilityKind.FeverClinic))
            .OrderBy(f => f.DivisionCode).ThenBy(f => f.Name).ToListAsync(ct);
        var designated = bases.Where(f => f.Kind == FacilityKind.DesignatedHospital).ToList();
        var general = bases.Where(f => f.Kind == FacilityKind.GeneralHospital).ToList();
        var ambulanceBases = bases.Where(f => f.Kind != FacilityKind.DesignatedHospital).ToList();
        if (designated.Count == 0) designated = bases;
        if (general.Count == 0) general = bases;
        if (bases.Count == 0) return 0;

        var vehicles = new List<Vehicle>();
        void Add(string prefix, int count, VehicleKind kind, int seats, List<Facility> at)
        {
            for (var i = 0; i < count; i++)
            {
                var home = at[i % at.Count];
                var callSign = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{cityCode}-{i + 1:000}");
                vehicles.Add(Vehicle.Register(DeterministicId(cityCode, vehicles.Count), callSign, kind, seats, home.Id, home.DivisionCode,
                    home.Latitude!.Value, home.Longitude!.Value, now));
            }
        }
        Add("负压", 60, VehicleKind.NegativePressureAmbulance, 1, designated);
        Add("急救", 200, VehicleKind.Ambulance, 1, ambulanceBases.Count > 0 ? ambulanceBases : bases);
        Add("转运大巴", 40, VehicleKind.TransferBus, 30, general);
        db.Vehicles.AddRange(vehicles);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded {Vehicles} demo transport vehicles at {Bases} bases.", vehicles.Count, bases.Count);
        return vehicles.Count;
    }

    private static Guid DeterministicId(string cityCode, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, int.Parse(cityCode, CultureInfo.InvariantCulture));
        bytes[4] = 0x7E; // transport
        BitConverter.TryWriteBytes(bytes[8..], index);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        return new Guid(bytes);
    }
}

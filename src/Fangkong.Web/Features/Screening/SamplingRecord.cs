namespace Fangkong.Web.Features.Screening;

// One resident swabbed into one tube: the row there are ~25 million of per city-wide round. Written only
// by the bulk ingest (binary COPY / prepared insert), read by completion counts, a tube's members and the
// health-status check for one person; hence no surrogate key and no version.
public sealed class SamplingRecord
{
    private SamplingRecord() { }

    public SamplingRecord(string districtCode, int roundId, string tubeCode, string idNumber, string name, string? phone, string committeeCode)
    {
        DistrictCode = districtCode;
        RoundId = roundId;
        TubeCode = tubeCode;
        IdNumber = idNumber;
        Name = name;
        Phone = phone;
        CommitteeCode = committeeCode;
    }

    // The tube's district (so a tube and its members are stored together under Citus).
    public string DistrictCode { get; private set; } = "";
    public int RoundId { get; private set; }
    public string TubeCode { get; private set; } = "";
    public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }
    // Where the resident lives: completion is counted by it, and it decides who may see the row.
    public string CommitteeCode { get; private set; } = "";
}

namespace Fangkong.Web.Features.Facilities;

public enum FacilityKind
{
    DesignatedHospital = 1,
    GeneralHospital = 2,
    ShelterHospital = 3,
    FeverClinic = 4,
    CommunityHealthCentre = 5,
    Pharmacy = 6,
    DrugWarehouse = 7,
    Manufacturer = 8,
    Enterprise = 9,
    QuarantineHotel = 10,
}

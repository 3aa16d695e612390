namespace Fangkong.Web.Features.Community.GroupOrders;

// Configuration section "GroupOrders".
public sealed class GroupOrdersOptions
{
    // A package priced more than this share above its contents' reference prices is flagged.
    public decimal PriceMargin { get; set; } = 0.15m;
    // Delivery windows of a day, in order; packages fill them one after another.
    public string[] Slots { get; set; } = ["08:00–10:00", "10:00–12:00", "14:00–16:00", "16:00–18:00"];
    // Packages a supplier delivers per day when it has not stated its own capacity.
    public int DefaultDailyCapacity { get; set; } = 400;
    // Days ahead the scheduler may use.
    public int HorizonDays { get; set; } = 14;
}

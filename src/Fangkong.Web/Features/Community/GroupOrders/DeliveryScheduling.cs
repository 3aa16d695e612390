namespace Fangkong.Web.Features.Community.GroupOrders;

// A confirmed order waiting for a delivery day. SealedSince is null for a compound not in lockdown;
// LastDeliveryAt is the compound's last door-to-door distribution from any order (null: never).
public sealed record ScheduleCandidate(Guid OrderId, int Packages, DateTime? SealedSince, DateTime? LastDeliveryAt, DateTime ConfirmedAt);

public sealed record ScheduledSlot(Guid OrderId, int Rank, DateOnly Day, int Slot, string Reason);

// Who is delivered first when a supplier's capacity is short, as a named rule so a failure reads as
// the rule: sealed compounds before open ones; among them the compound longest without a delivery
// (counted from its last delivery, else from when it was sealed, else from the order's confirmation);
// then the earlier confirmation. Days fill in that order up to the daily capacity, and a day's
// packages fill its slots one after another. An order larger than a whole day's capacity takes the
// first empty day to itself rather than waiting forever.
public static class DeliveryScheduling
{
    public static IReadOnlyList<ScheduleCandidate> InPriorityOrder(IEnumerable<ScheduleCandidate> candidates) =>
        [.. candidates
            .OrderByDescending(c => c.SealedSince is not null)
            .ThenBy(c => WaitingSince(c))
            .ThenBy(c => c.ConfirmedAt)
            .ThenBy(c => c.OrderId)];

    public static DateTime WaitingSince(ScheduleCandidate c) => c.LastDeliveryAt ?? c.SealedSince ?? c.ConfirmedAt;

    public static List<ScheduledSlot> Plan(IEnumerable<ScheduleCandidate> candidates, IReadOnlyDictionary<DateOnly, int> alreadyBooked,
        DateOnly firstDay, int horizonDays, int dailyCapacity, int slotCount, DateTime nowUtc)
    {
        if (dailyCapacity < 1) throw new ArgumentOutOfRangeException(nameof(dailyCapacity));
        if (slotCount < 1) throw new ArgumentOutOfRangeException(nameof(slotCount));
        var booked = new Dictionary<DateOnly, int>(alreadyBooked);
        var perSlot = (int)Math.Ceiling(dailyCapacity / (double)slotCount);
        var result = new List<ScheduledSlot>();
        var rank = 0;
        foreach (var c in InPriorityOrder(candidates))
        {
            rank++;
            for (var d = 0; d < horizonDays; d++)
            {
                var day = firstDay.AddDays(d);
                var used = booked.GetValueOrDefault(day);
                var fits = used + c.Packages <= dailyCapacity || (used == 0 && c.Packages > dailyCapacity);
                if (!fits) continue;
                booked[day] = used + c.Packages;
                result.Add(new ScheduledSlot(c.OrderId, rank, day, Math.Min(slotCount - 1, used / perSlot), Reason(c, nowUtc)));
                break;
            }
        }
        return result;
    }

    public static string Reason(ScheduleCandidate c, DateTime nowUtc)
    {
        var waited = Math.Max(0, (int)Math.Floor((nowUtc - WaitingSince(c)).TotalDays));
        var sealedPart = c.SealedSince is { } s
            ? $"封控第 {Math.Max(1, (int)Math.Ceiling((nowUtc - s).TotalDays))} 天 / sealed day {Math.Max(1, (int)Math.Ceiling((nowUtc - s).TotalDays))}"
            : "未封控 / not sealed";
        var deliveryPart = c.LastDeliveryAt is null
            ? $"从未配送，已等 {waited} 天 / no delivery yet, {waited} days waiting"
            : $"距上次配送 {waited} 天 / {waited} days since the last delivery";
        return $"{sealedPart}；{deliveryPart}";
    }
}

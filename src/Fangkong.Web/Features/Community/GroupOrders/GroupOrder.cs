namespace Fangkong.Web.Features.Community.GroupOrders;

public enum GroupOrderStatus { Collecting = 1, Submitted = 2, Confirmed = 3, Scheduled = 4, Distributing = 5, Completed = 6, Declined = 7, Cancelled = 8 }

// A compound's group order (团购) to one supplier: the community worker or group leader (团长)
// collects households' quantities while Collecting, submits it, the supplier confirms or declines,
// scheduling gives it a day and a time slot, and distribution door to door completes it.
public sealed class GroupOrder
{
    private GroupOrder() { }

    public static GroupOrder Open(string committeeCode, Guid compoundId, Guid supplierId, string supplierDivisionCode, string organizer,
        string? createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = committeeCode[..6], DivisionCode = committeeCode, CompoundId = compoundId,
        SupplierId = supplierId, SupplierDivisionCode = supplierDivisionCode, Organizer = organizer, CreatedBy = createdBy, CreatedAt = nowUtc,
        UpdatedAt = nowUtc, Status = GroupOrderStatus.Collecting, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid CompoundId { get; private set; }
    public Guid SupplierId { get; private set; }
    public string SupplierDivisionCode { get; private set; } = "";
    // The group leader residents know (a name or "3号楼 团长"), not an account.
    public string Organizer { get; private set; } = "";
    public GroupOrderStatus Status { get; private set; }
    public int Packages { get; private set; }
    public decimal Amount { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateOnly? ScheduledDate { get; private set; }
    public int? ScheduledSlot { get; private set; }
    // Why this order got its place in the schedule (sealed for how long, days without a delivery).
    public string? ScheduleReason { get; private set; }
    public DateTime? FirstDistributedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpenForHouseholds => Status == GroupOrderStatus.Collecting;

    public void RecountLines(IEnumerable<GroupOrderLine> lines, DateTime nowUtc)
    {
        var list = lines.ToList();
        Packages = list.Sum(l => l.Quantity);
        Amount = list.Sum(l => l.Quantity * l.UnitPrice);
        Touch(nowUtc);
    }

    public void Submit(DateTime nowUtc) => Move(GroupOrderStatus.Submitted, nowUtc, () => SubmittedAt = nowUtc);

    public void Confirm(string by, DateTime nowUtc) => Move(GroupOrderStatus.Confirmed, nowUtc, () => (ConfirmedAt, ConfirmedBy) = (nowUtc, by));

    public void Decline(string by, string reason, DateTime nowUtc) =>
        Move(GroupOrderStatus.Declined, nowUtc, () => (ConfirmedBy, DeclineReason) = (by, reason));

    public void Cancel(DateTime nowUtc) => Move(GroupOrderStatus.Cancelled, nowUtc, () => { });

    public void Schedule(DateOnly day, int slot, string reason, DateTime nowUtc) =>
        Move(GroupOrderStatus.Scheduled, nowUtc, () => (ScheduledDate, ScheduledSlot, ScheduleReason) = (day, slot, reason));

    public void RecordDistribution(bool allDelivered, DateTime nowUtc)
    {
        FirstDistributedAt ??= nowUtc;
        Move(allDelivered ? GroupOrderStatus.Completed : GroupOrderStatus.Distributing, nowUtc, () =>
        {
            if (allDelivered) CompletedAt = nowUtc;
        });
    }

    private void Move(GroupOrderStatus to, DateTime nowUtc, Action stamp)
    {
        Status = to;
        stamp();
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAt = nowUtc;
        Version++;
    }
}

// One household's packages of one kind. Prices are copied from the package when the line is added,
// so a later price change does not rewrite what residents agreed to.
public sealed class GroupOrderLine
{
    private GroupOrderLine() { }

    public static GroupOrderLine For(GroupOrder order, SupplyPackage package, string building, string room, int quantity) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = order.DistrictCode, OrderId = order.Id, DivisionCode = order.DivisionCode,
        SupplierId = order.SupplierId, PackageId = package.Id, Building = building, Room = room, Quantity = quantity, UnitPrice = package.Price,
        ReferencePrice = package.ReferencePrice,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid SupplierId { get; private set; }
    public Guid PackageId { get; private set; }
    public string Building { get; private set; } = "";
    public string Room { get; private set; } = "";
    public int Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal ReferencePrice { get; private set; }
    // Handed over so far; never above Quantity (a CHECK constraint stands behind the use case).
    public int Delivered { get; private set; }

    public int Remaining => Quantity - Delivered;

    public void ChangeQuantity(int quantity) => Quantity = quantity;

    public void Hand(int quantity) => Delivered += quantity;
}

// A door-to-door hand-over (or an attempt that failed: nobody home, refused) for one household.
public sealed class GroupOrderDistribution
{
    private GroupOrderDistribution() { }

    public static GroupOrderDistribution Record(GroupOrderLine line, int quantity, string deliveredBy, string? exception, string? recordedBy,
        DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = line.DistrictCode, OrderId = line.OrderId, LineId = line.Id, DivisionCode = line.DivisionCode,
        SupplierId = line.SupplierId, Building = line.Building, Room = line.Room, Quantity = quantity, DeliveredBy = deliveredBy, Exception = exception,
        RecordedBy = recordedBy, At = nowUtc,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid LineId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid SupplierId { get; private set; }
    public string Building { get; private set; } = "";
    public string Room { get; private set; } = "";
    public int Quantity { get; private set; }
    public string DeliveredBy { get; private set; } = "";
    public string? Exception { get; private set; }
    public string? RecordedBy { get; private set; }
    public DateTime At { get; private set; }
}

// How many packages a supplier can deliver per day; without a row the configured default applies.
public sealed class SupplierCapacity
{
    private SupplierCapacity() { }

    public static SupplierCapacity For(Guid supplierId, string supplierDivisionCode, int dailyPackages, DateTime nowUtc) => new()
    {
        DistrictCode = supplierDivisionCode[..6], SupplierId = supplierId, DailyPackages = dailyPackages, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid SupplierId { get; private set; }
    public int DailyPackages { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Change(int dailyPackages, DateTime nowUtc)
    {
        DailyPackages = dailyPackages;
        UpdatedAt = nowUtc;
        Version++;
    }
}

using Fangkong.Optimization.Allocation;

namespace Fangkong.Optimization.Tests.Allocation;

// Small cases whose right answer can be worked out on paper; the expected numbers are derived in
// the comments so a failure says which rule broke.
public sealed class AllocationHandCaseTests
{
    [Fact]
    public void Enough_supply_fills_everyone_from_the_nearest_source()
    {
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 50), new("B", 50)],
            [new("X", 30, 1), new("Y", 20, 1)],
            [new("A", "X", 10), new("B", "X", 5), new("A", "Y", 3), new("B", "Y", 8)]));

        Assert.All(plan.Sites, s => Assert.Equal(AllocationReasons.Full, s.Reason));
        Assert.Equal(50, plan.TotalAllocated);
        Assert.Equal(
            [new AllocationShipment("B", "X", 30, 5), new AllocationShipment("A", "Y", 20, 3)],
            plan.Shipments.OrderBy(s => s.SiteId));
        Assert.Equal((30 * 5) + (20 * 3), plan.TransportCost);
    }

    [Fact]
    public void Short_supply_in_one_class_gives_equal_fill_ratios_to_the_unit()
    {
        // 60 units for needs 100, 50, 30: r = 1/3 gives 33 + 16 + 10 = 59; the 60th unit goes to
        // the smallest next ratio, 34/100 = 17/50, tie broken by site order -> the first site.
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 60)],
            [new("X", 100, 1), new("Y", 50, 1), new("Z", 30, 1)],
            [new("A", "X", 1), new("A", "Y", 1), new("A", "Z", 1)]));

        Assert.Equal([34L, 16L, 10L], plan.Sites.Select(s => s.Allocated));
        Assert.All(plan.Sites, s => Assert.Equal(AllocationReasons.ShortPriorityShare, s.Reason));
        Assert.Equal(60, plan.TransportCost);
    }

    [Fact]
    public void Class_one_is_filled_before_class_two_even_when_class_two_is_nearer()
    {
        // 100 units: class 1 needs 80 and gets it all despite distance 900; class 2 shares 20 of 100.
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 100)],
            [new("K1", 40, 1), new("K2", 40, 1), new("P1", 50, 2), new("P2", 50, 2)],
            [new("A", "K1", 900), new("A", "K2", 900), new("A", "P1", 1), new("A", "P2", 1)]));

        Assert.Equal([40L, 40L, 10L, 10L], plan.Sites.Select(s => s.Allocated));
        Assert.Equal(
            [AllocationReasons.Full, AllocationReasons.Full, AllocationReasons.ShortPriorityShare, AllocationReasons.ShortPriorityShare],
            plan.Sites.Select(s => s.Reason));
        Assert.Equal((80 * 900) + 20, plan.TransportCost);
    }

    [Fact]
    public void A_site_without_a_route_gets_nothing_and_says_so()
    {
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 30)],
            [new("X", 20, 1), new("Lonely", 20, 1), new("Y", 20, 1)],
            [new("A", "X", 4), new("A", "Y", 4)]));

        var lonely = plan.Sites.Single(s => s.SiteId == "Lonely");
        Assert.Equal(0, lonely.Allocated);
        Assert.Equal(AllocationReasons.NoRoute, lonely.Reason);
        Assert.Equal([15L, 15L], plan.Sites.Where(s => s.SiteId != "Lonely").Select(s => s.Allocated));
    }

    [Fact]
    public void A_capped_route_limits_its_site_and_the_others_share_the_rest_equally()
    {
        // 90 units, three sites of need 50; X's only lane carries 10, so Y and Z split 80.
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 90)],
            [new("X", 50, 1), new("Y", 50, 1), new("Z", 50, 1)],
            [new("A", "X", 2, Capacity: 10), new("A", "Y", 2), new("A", "Z", 2)]));

        Assert.Equal([10L, 40L, 40L], plan.Sites.Select(s => s.Allocated));
        Assert.Equal(
            [AllocationReasons.RouteCapacity, AllocationReasons.ShortPriorityShare, AllocationReasons.ShortPriorityShare],
            plan.Sites.Select(s => s.Reason));
        Assert.Equal(0.8, plan.Sites[1].FillRatio);
    }

    [Fact]
    public void A_receiving_cap_limits_its_site_and_a_zero_need_site_is_full()
    {
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 100)],
            [new("X", 50, 1, MaxReceivable: 5), new("Y", 50, 1), new("None", 0, 1)],
            [new("A", "X", 1), new("A", "Y", 1), new("A", "None", 1)]));

        Assert.Equal([5L, 50L, 0L], plan.Sites.Select(s => s.Allocated));
        Assert.Equal(
            [AllocationReasons.ReceivingCapacity, AllocationReasons.Full, AllocationReasons.Full],
            plan.Sites.Select(s => s.Reason));
        Assert.Equal(100, plan.TotalAvailable);
        Assert.Equal(100, plan.TotalNeed);
        Assert.Equal(55, plan.TotalAllocated);
    }

    [Fact]
    public void Rerouting_through_a_shared_source_lets_a_later_site_in()
    {
        // X can use A or B, Y only A. Granting X from A first would block Y unless the augmenting
        // path moves X over to B: both must end full.
        var plan = AllocationEngine.Allocate(new AllocationProblem(
            [new("A", 10), new("B", 10)],
            [new("X", 10, 1), new("Y", 10, 1)],
            [new("A", "X", 1), new("B", "X", 50), new("A", "Y", 1)]));

        Assert.Equal([10L, 10L], plan.Sites.Select(s => s.Allocated));
        Assert.Equal((10 * 50) + 10, plan.TransportCost);
    }

    [Fact]
    public void Distances_too_large_for_exact_costs_are_refused_rather_than_wrapped()
    {
        var problem = new AllocationProblem(
            [new("A", 10)],
            [new("X", 10, 1)],
            [new("A", "X", long.MaxValue / 2)]);

        Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(problem));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AllocationProblem([new("A", -1)], [], []));
        Assert.Throws<ArgumentException>(() => new AllocationProblem([new("A", 1)], [new("X", -5, 1)], []));
        Assert.Throws<ArgumentException>(() => new AllocationProblem([new("A", 1)], [new("X", 5, 0)], []));
        Assert.Throws<ArgumentException>(() => new AllocationProblem([new("A", 1)], [new("X", 5, 1)], [new("A", "Nowhere", 1)]));
        Assert.Throws<ArgumentException>(() => new AllocationProblem([new("A", 1), new("A", 2)], [], []));
        Assert.Throws<ArgumentException>(() => new AllocationProblem([new("A", 1)], [new("X", 5, 1)], [new("A", "X", -1)]));
    }
}

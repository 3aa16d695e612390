using System.Globalization;

namespace Fangkong.Web.Tests.Infrastructure;

// A clock the tests move by hand (lockout windows, session limits) — the platform takes its time only from TimeProvider.
// Every clock of a test run starts at the same instant, the seeded template's included, so the demo data and
// the host agree on "today" whatever the wall clock says. FANGKONG_TEST_NOW moves that instant (CI runs the
// suite a second time a year ahead, so a test or seeder that reads the wall clock fails at once).
public sealed class TestClock : TimeProvider
{
    public const string Variable = "FANGKONG_TEST_NOW";
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Start { get; } = ReadStart();

    private DateTimeOffset _now = Start;
    private readonly Lock _gate = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    // A day relative to today in China on this clock, as the API takes it: tests write dates this way, never as
    // literals, so they hold on any day the clock starts.
    public string Day(int daysFromToday = 0) =>
        Fangkong.Web.Platform.Localization.ChinaTime.Today(this).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    private static DateTimeOffset ReadStart()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return DefaultStart;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
            throw new InvalidOperationException($"{Variable}='{text}' is not an ISO 8601 instant (e.g. 2027-11-22T02:00:00Z)");
        return start.ToUniversalTime();
    }
}

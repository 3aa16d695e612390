namespace Fangkong.Web.Platform;

public enum PlatformMode { Demo, Production }

// Section "Fangkong" of the configuration.
public sealed class PlatformOptions
{
    public const string CookieName = "fangkong.session";

    public PlatformMode Mode { get; set; } = PlatformMode.Demo;
    // The city seeded on the first start of a demo installation (GB/T 2260 city code).
    public string DemoCity { get; set; } = "3101";
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteSessionLimit { get; set; } = TimeSpan.FromHours(12);
    public int LockoutFailures { get; set; } = 5;
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    // 等保 asks for complexity: how many of lower, upper, digit and symbol a password must mix.
    public int PasswordCharacterClasses { get; set; } = 3;
    // Sign-in attempts per client address per minute, before lockout even counts: a brute-force
    // across many accounts from one address is slowed too. Over the limit answers 429 with Retry-After.
    // Offices behind one NAT address share the budget, hence a generous default.
    public int SignInAttemptsPerMinute { get; set; } = 60;

    // How long an Idempotency-Key claim whose request never completed blocks the key: after that a
    // retry of the same request takes the claim over. Longer than any create takes.
    public TimeSpan IdempotencyClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public bool IsProduction => Mode == PlatformMode.Production;
}

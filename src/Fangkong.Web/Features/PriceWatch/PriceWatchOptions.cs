using System.Security.Cryptography;
using System.Text;
using Fangkong.Web.Platform;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.PriceWatch;

// Configuration section "PriceWatch". The defaults are the task force's 2022 rules of thumb:
//   price:     a unit price above the catalogue's reference price by more than PriceMargin (20 %);
//   hoarding:  one buyer taking more than HoardingMaxCourses (3) courses of one product within
//              HoardingWindowDays (7) days, summed across all pharmacies;
//   sales jump: a pharmacy's units of one product on one China day above JumpFactor (3) times its
//              trailing JumpHistoryDays (14) daily mean (days without sales count as 0), and at least
//              JumpMinimumUnits (50) units; a pharmacy with no sales of the product in the trailing
//              window has no history to jump against and is not flagged.
// BuyerHashKey: the HMAC-SHA256 key for buyers' ID numbers, at least 32 characters (used as UTF-8
// bytes). In demo mode a fixed, published demo key stands in when none is configured. In production
// mode without a key the host still starts (the rest of the platform must not go down for one module)
// but logs an error at start-up and refuses every sales report with 503 until a key is configured.
public sealed class PriceWatchOptions
{
    public const string Section = "PriceWatch";

    public decimal PriceMargin { get; set; } = 0.20m;
    public int HoardingWindowDays { get; set; } = 7;
    public decimal HoardingMaxCourses { get; set; } = 3;
    public int JumpHistoryDays { get; set; } = 14;
    public decimal JumpFactor { get; set; } = 3;
    public long JumpMinimumUnits { get; set; } = 50;
    // How far back a pharmacy may date a sale it reports late.
    public int MaxBackdateDays { get; set; } = 30;
    public int MaxBatch { get; set; } = 500;
    public string? BuyerHashKey { get; set; }
}

// The keyed hash of a buyer's ID number. A plain SHA-256 of an 18-character number with a known
// structure (region, birth date, sequence) is reversible by enumeration in minutes; with a secret key
// it is not, and the key can be destroyed when the emergency ends to anonymise every stored sale.
public sealed class BuyerHasher
{
    public const int MinimumKeyLength = 32;
    internal const string DemoKey = "fangkong-demo-price-watch-buyer-key-NOT-SECRET";

    private readonly byte[]? _key;

    public BuyerHasher(IOptions<PriceWatchOptions> options, IOptions<PlatformOptions> platform, ILogger<BuyerHasher> logger)
    {
        var configured = options.Value.BuyerHashKey;
        if (!string.IsNullOrWhiteSpace(configured) && configured.Length >= MinimumKeyLength)
            _key = Encoding.UTF8.GetBytes(configured);
        else if (!platform.Value.IsProduction)
            _key = Encoding.UTF8.GetBytes(DemoKey);
        else
            logger.LogError("Production mode and no PriceWatch:BuyerHashKey of at least {Length} characters: pharmacy sales reporting is disabled until one is configured.",
                MinimumKeyLength);
    }

    public bool Enabled => _key is not null;

    // The number must already be validated (GB 11643); normalised to upper-case X before hashing.
    public string Hash(string validIdNumber)
    {
        if (_key is null) throw new InvalidOperationException("No buyer hash key is configured.");
        var normalised = validIdNumber.Trim().ToUpperInvariant();
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(normalised)));
    }

    // What a reviewer sees of a buyer: enough to match two flags, nothing to look anyone up with.
    public static string Prefix(string hash) => hash.Length <= 12 ? hash : hash[..12];
}

// Resolves the hasher at start-up, so a production host without a key says so in its log at once.
internal sealed class BuyerHashKeyCheck(BuyerHasher hasher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = hasher.Enabled;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

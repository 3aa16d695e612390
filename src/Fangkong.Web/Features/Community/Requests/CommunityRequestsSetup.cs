using System.Threading.RateLimiting;
using Fangkong.Web.Features.Community.Sharing;

namespace Fangkong.Web.Features.Community.Requests;

public static class CommunityRequestsSetup
{
    // Residents file without an account, so submissions are budgeted per client address (POST only;
    // opening the form or a receipt is free). The per-code daily cap is ResidentRequests' job.
    public const string RateLimit = "resident-request";

    public static IServiceCollection AddCommunityRequests(this IServiceCollection services)
    {
        services.AddScoped<ResidentRequests>();
        services.AddScoped<SharingDesk>();
        services.AddScoped<CommunityMedicineDemand>();
        services.AddOptions<CommunityRequestsOptions>().BindConfiguration("CommunityRequests");
        return services;
    }

    public static Func<HttpContext, RateLimitPartition<string>> RateLimitPolicy(IConfiguration config)
    {
        var o = config.GetSection("CommunityRequests").Get<CommunityRequestsOptions>() ?? new CommunityRequestsOptions();
        return http => HttpMethods.IsGet(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, o.SubmissionsPerWindow),
                Window = TimeSpan.FromMinutes(Math.Max(1, o.WindowMinutes)),
                QueueLimit = 0,
            });
    }
}

using Fangkong.Web.Features.Community.GroupOrders;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fangkong.Web.Features.Accounts;
using Fangkong.Web.Features.AuditTrail;
using Fangkong.Web.Features.Demo;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Overview;
using Fangkong.Web.Features.People;
using Fangkong.Web.Features.PriceWatch;
using Fangkong.Web.Features.Supplies;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Features.Screening;
using Fangkong.Web.Features.Tickets;
using Fangkong.Web.Features.Transport;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Features.Community.KeyPopulations;
using Fangkong.Web.Features.Community.Requests;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Live;
using Fangkong.Web.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Fangkong.Web.Platform;

public static class PlatformSetup
{
    // Everything the modules stand on: storage, identity and jurisdiction, audit, API conventions, UI.
    public const string SignInRateLimit = "sign-in";

    public static WebApplicationBuilder AddFangkongPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.Configure<PlatformOptions>(config.GetSection("Fangkong"));
        var platform = config.GetSection("Fangkong").Get<PlatformOptions>() ?? new PlatformOptions();

        services.AddSingleton(TimeProvider.System);
        services.AddFangkongDatabase(config);
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<UiText>();
        services.AddSingleton(sp => new AuditChainKey(
            sp.GetRequiredService<IConfiguration>().GetSection("Audit").Get<AuditChainOptions>() ?? new AuditChainOptions(),
            sp.GetRequiredService<DatabaseInfo>(), sp.GetRequiredService<IConfiguration>()["Database:DataDirectory"] ?? "data",
            sp.GetRequiredService<ILogger<AuditChainKey>>()));
        services.AddSingleton<AuditLog>();
        services.AddScoped<JurisdictionContext>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<LoginService>();
        services.AddScoped<AuditTrailReader>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<DivisionDirectory>();
        services.AddScoped<DivisionSeeder>();
        services.AddScoped<FacilityRegistry>();
        services.AddScoped<FacilityImporter>();
        services.AddScoped<FacilityExporter>();
        services.AddScoped<PeopleRegistry>();
        services.AddScoped<PersonIdentities>();
        services.AddScoped<DemoCitySeeder>();
        services.AddScoped<DemoWaveSeeder>();
        services.AddScoped<DemoSuppliesSeeder>();
        services.AddScoped<DatabasePreparation>();
        services.AddScoped<DatabaseBackup>();
        services.AddScoped<IdempotencyFilter>();
        services.AddScoped<Features.Overview.OverviewService>();
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveNotifier>();
        services.AddScoped<Features.Surveillance.EpidemicCurves>();
        services.AddScoped<Features.Surveillance.ReproductionNumbers>();
        services.AddScoped<Features.Surveillance.Forecasts>();
        services.AddSingleton<Features.Surveillance.WarningBoard>();
        services.Configure<Features.Surveillance.ForecastOptions>(config.GetSection("Surveillance"));
        services.AddScoped<Features.Surveillance.DailyReportService>();
        services.AddScoped<Features.Surveillance.DailyReportImporter>();
        services.AddSupplies();
        services.AddTreatment();
        services.AddTransport();
        services.AddPlacement();
        services.AddKeyPopulations();
        services.AddScoped<DemoTreatmentSeeder>();
        services.AddScoped<DemoTransportSeeder>();
        services.AddScoped<DemoPatientsSeeder>();
        services.AddPriceWatch(config);
        services.AddCommunityRequests();
        services.AddGroupOrders();
        services.AddTickets();
        services.AddInvestigation();
        services.AddScoped<DemoTicketsSeeder>();
        services.AddScoped<DemoCommunitySeeder>();
        Features.HealthStatus.HealthStatusApi.AddHealthStatus(services);
        services.AddScreening();
        Features.BreakGlass.BreakGlassApi.AddBreakGlass(services);
        Features.Retention.RetentionSetup.AddRetention(services, config);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                // Length, commonness and classes are PasswordPolicy's job; Identity's own rules are off.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FangkongDb>()
            .AddSignInManager()
            .AddPasswordValidator<PasswordPolicy>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "fangkong";
                o.DefaultChallengeScheme = "fangkong";
            })
            // Bearer tokens are for scripts and integrations: they open the API and the hub, not the pages.
            .AddPolicyScheme("fangkong", "Cookie or bearer", o => o.ForwardDefaultSelector = http =>
                (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
                && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = platform.IdleTimeout)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = PlatformOptions.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = platform.IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Accounts/Logout";
                o.AccessDeniedPath = "/Account/Login";
                // A signed-in user without the right gets 403, not a trip back to the login page.
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToLogin = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else ctx.Response.Redirect(ctx.RedirectUri);
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            // Only attempts count (POST), not opening the sign-in page.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsGet(http.Request.Method)
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("page")
                : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, platform.SignInAttemptsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.AddPolicy(Features.Community.Requests.CommunityRequestsSetup.RateLimit, Features.Community.Requests.CommunityRequestsSetup.RateLimitPolicy(config));
            o.AddPolicy(Features.HealthStatus.HealthStatusApi.PublicRateLimit, Features.HealthStatus.HealthStatusApi.PublicRateLimitPolicy(config));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = RetryAfterSeconds(context.Lease);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    title: $"尝试过于频繁，请 {retryAfter} 秒后再试 / Too many attempts; try again in {retryAfter} s").ExecuteAsync(context.HttpContext);
            };
        });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });
        services.AddProblemDetails();
        // Unreadable bodies reach WriteUnhandledProblem in every environment, so the answer names the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSignalR();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Accounts/Login");
            o.Conventions.AddPageRoute("/Accounts/Login", "/Account/Login");
            o.Conventions.AddPageRoute("/Overview/Index", "/");
        });
        services.AddLocalization();
        // Chinese text is written as characters, not as &#x...; entities (pages several times smaller).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = UiText.Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(UiText.DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    // When the refusing limiter's window reopens, from the limiter's own answer (a fixed window says
    // its whole window, the time by which a new one has surely begun), in whole seconds rounded up.
    // A limiter that cannot tell (none of ours today) gets a minute.
    internal static int RetryAfterSeconds(System.Threading.RateLimiting.RateLimitLease lease) =>
        lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))
            : 60;

    public static WebApplication UseFangkongPlatform(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledProblem));
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AccessMiddleware>();
        app.UseMiddleware<NoStoreWhenSignedIn>();
        app.UseMiddleware<ApiAntiforgery>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<PageDenialAudit>();
        app.Use(SecurityHeaders);
        return app;
    }

    public static WebApplication MapFangkong(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapDivisionsApi();
        app.MapFacilitiesApi();
        app.MapFacilityTransferApi();
        app.MapPeopleApi();
        app.MapPeopleExport();
        app.MapAuditApi();
        app.MapOverviewApi();
        app.MapSurveillanceApi();
        app.MapSuppliesApi();
        app.MapTreatmentApi();
        app.MapTransportApi();
        app.MapPlacementApi();
        app.MapKeyPopulationsApi();
        app.MapPriceWatchApi();
        app.MapTicketsApi();
        app.MapInvestigationApi();
        app.MapStockApi();
        app.MapCommunityRequestsApi();
        app.MapGroupOrdersApi();
        Features.HealthStatus.HealthStatusApi.MapHealthStatusApi(app);
        app.MapScreeningApi();
        Features.BreakGlass.BreakGlassApi.MapBreakGlassApi(app);
        app.MapLanguageSwitch();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapRazorPages();
        return app;
    }

    // Everything is served from this origin (closed networks, no CDN), so the policy can be strict.
    // ECharts and htmx set inline styles, hence 'unsafe-inline' for styles only.
    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next();
    }

    // Never a stack trace: a malformed JSON body names the field it could not read; anything else is a plain 500.
    private static async Task WriteUnhandledProblem(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException { InnerException: JsonException json })
        {
            var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
            await new FieldErrors().Add(field, "值的类型或格式不正确 / value has the wrong type or format").ToProblem().ExecuteAsync(http);
            return;
        }
        if (error is BadHttpRequestException bad)
        {
            await Results.Problem(statusCode: bad.StatusCode, title: "请求无效 / Bad request", detail: bad.Message).ExecuteAsync(http);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "服务器内部错误 / Internal error",
            detail: "The error was logged; nothing you submitted was partially stored.").ExecuteAsync(http);
    }
}

// A page refused to a signed-in user (403) is audited like an API denial (the API's permission
// filter audits its own), so the trail shows who tried to open what.
public sealed class PageDenialAudit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CurrentUser user, AuditLog audit)
    {
        await next(http);
        if (http.Response.StatusCode == StatusCodes.Status403Forbidden && user.IsAuthenticated && !http.Request.Path.StartsWithSegments("/api"))
            await audit.AppendAsync(user.Actor, new AuditEvent("page", AuditOutcome.Denied, "page", $"{http.Request.Method} {http.Request.Path}"));
    }
}

// Whatever a signed-in user is shown may hold personal or health data (a page, a list, a count by
// committee), so every answer to an authenticated request, page or API, is kept by no browser or
// proxy. One rule, not a list of paths a new module could miss. Static files are served before
// authentication and anonymous public answers keep their own caching.
public sealed class NoStoreWhenSignedIn(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http, CurrentUser user)
    {
        if (user.IsAuthenticated)
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
        return next(http);
    }
}

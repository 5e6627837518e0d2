using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>One limit: at most <see cref="PermitLimit"/> POSTs per client address in a fixed window.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }

    internal bool IsValid => PermitLimit > 0 && WindowSeconds > 0;
}

/// <summary>Configuration section <c>RateLimits</c> (PRODUCT.md §8): limits per client address.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>POST /Identity/Account/Login.</summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>POST /Identity/Account/Register.</summary>
    public RateLimitRule SignUp { get; set; } = new() { PermitLimit = 5, WindowSeconds = 600 };

    /// <summary>POST ForgotPassword, ResetPassword and ResendEmailConfirmation, counted together.</summary>
    public RateLimitRule PasswordReset { get; set; } = new() { PermitLimit = 5, WindowSeconds = 600 };

    /// <summary>POST /book and POST /appointments/{id}/reschedule, counted together.</summary>
    public RateLimitRule Booking { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    internal RateLimitRule For(string policy) => policy switch
    {
        RateLimitPolicies.SignIn => SignIn,
        RateLimitPolicies.SignUp => SignUp,
        RateLimitPolicies.PasswordReset => PasswordReset,
        RateLimitPolicies.Booking => Booking,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No such rate limit."),
    };
}

/// <summary>Names for <c>[EnableRateLimiting(...)]</c>.</summary>
public static class RateLimitPolicies
{
    public const string SignIn = "SignIn";
    public const string SignUp = "SignUp";
    public const string PasswordReset = "PasswordReset";
    public const string Booking = "Booking";
}

public static class RateLimitExtensions
{
    private static readonly (string Page, string Policy)[] IdentityPages =
    [
        ("/Account/Login", RateLimitPolicies.SignIn),
        ("/Account/Register", RateLimitPolicies.SignUp),
        ("/Account/ForgotPassword", RateLimitPolicies.PasswordReset),
        ("/Account/ResetPassword", RateLimitPolicies.PasswordReset),
        ("/Account/ResendEmailConfirmation", RateLimitPolicies.PasswordReset),
    ];

    public static WebApplicationBuilder AddClinicRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitSettings>()
            .Bind(builder.Configuration.GetSection(RateLimitSettings.Section))
            .Validate(s => s.SignIn.IsValid && s.SignUp.IsValid && s.PasswordReset.IsValid && s.Booking.IsValid,
                "Every RateLimits:*:PermitLimit and WindowSeconds must be a positive whole number.")
            .ValidateOnStart();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // The address is personal data: the log says what was limited, not who.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                    .CreateLogger(typeof(RateLimitExtensions))
                    .LogWarning("A request to {Path} was refused: too many attempts from one address.", context.HttpContext.Request.Path);
                // No body here: the status code pages re-execute /error/429, the friendly page.
                return ValueTask.CompletedTask;
            };
            foreach (var name in new[] { RateLimitPolicies.SignIn, RateLimitPolicies.SignUp, RateLimitPolicies.PasswordReset, RateLimitPolicies.Booking })
            {
                options.AddPolicy(name, new ClientAddressPolicy(name));
            }
        });

        // Identity UI's pages are compiled into its package, so their limits are attached by convention.
        services.Configure<RazorPagesOptions>(options =>
        {
            foreach (var (page, policy) in IdentityPages)
            {
                options.Conventions.AddAreaPageApplicationModelConvention("Identity", page,
                    model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
            }
        });
        return builder;
    }

    /// <summary>
    /// Counts only POSTs (a page's GET shows the form and is never limited), per client address; behind the
    /// reverse proxy the forwarded-headers middleware has already put the client's address there.
    /// </summary>
    /// <summary>
    /// The client's address; for IPv6 its /64 network, since one subscriber is usually given a whole /64 and could
    /// otherwise step through addresses. No address at all (an in-process test server) is one shared client.
    /// </summary>
    internal static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class ClientAddressPolicy(string name) : IRateLimiterPolicy<string>
    {
        private const string Unlimited = "(not limited)";

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (!HttpMethods.IsPost(httpContext.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter(Unlimited);
            }

            var rule = httpContext.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value.For(name);
            return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(httpContext.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = rule.PermitLimit,
                Window = TimeSpan.FromSeconds(rule.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }
}

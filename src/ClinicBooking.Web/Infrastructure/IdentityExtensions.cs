using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ClinicBooking.Web.Infrastructure;

public static class Policies
{
    public const string Patient = Roles.Patient;
    public const string Practitioner = Roles.Practitioner;
    public const string Admin = Roles.Admin;

    /// <summary>Whoever may receive the urgent alert: practitioners and admins.</summary>
    public const string Staff = "Staff";

    /// <summary>The front desk's pages: Reception and Admin.</summary>
    public const string Desk = "Desk";
}

public static class IdentityExtensions
{
    public static WebApplicationBuilder AddClinicIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingletonTimeProvider();

        services.AddDefaultIdentity<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                // NIST 800-63B: length, not composition rules.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClinicDbContext>()
            .AddUserManager<ClinicUserManager>();
        services.AddClinicTokenProviders();
        services.AddScoped<Features.Account.PersonalDataService>();

        services.AddScoped<EqualTiming>();

        // A signed-out or changed-password cookie stops working within five minutes everywhere.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        var development = builder.Environment.IsDevelopment();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "ClinicBooking.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/Identity/Account/Login";
            options.AccessDeniedPath = "/Identity/Account/AccessDenied";
            // Staff read health data: their cookie is checked against the account on every request, so deactivation,
            // a removed role or a sign-out elsewhere ends the session at once. Patients keep the 5-minute check.
            options.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal && Roles.IsStaff(principal))
                {
                    var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
                    if (await signIn.ValidateSecurityStampAsync(principal) is not { DeactivatedUtc: null } user)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }

                    StaffTwoFactorMiddleware.Note(context.HttpContext, user.TwoFactorEnabled);
                    return;
                }

                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
            // A signed-in person without the role gets the same 404 as for an unknown address (PRODUCT.md §8):
            // "forbidden" would confirm that a patient's visit or the admin area exists.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        // Every cookie the app or a library sets (TempData among them) is HttpOnly, at least SameSite=Lax and, outside
        // Development, Secure: the policy applies to any cookie appended through the response.
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ClinicBooking.Antiforgery";
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Patient, p => p.RequireRole(Roles.Patient))
            .AddPolicy(Policies.Practitioner, p => p.RequireRole(Roles.Practitioner))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Practitioner, Roles.Admin))
            .AddPolicy(Policies.Desk, p => p.RequireRole(Roles.Reception, Roles.Admin))
            // Anything not marked otherwise needs a signed-in user: a forgotten attribute fails closed.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

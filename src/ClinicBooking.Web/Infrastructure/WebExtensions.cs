using ClinicBooking.Web.Features.Information;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Infrastructure;

public static class WebExtensions
{
    private static readonly string[] HiddenIdentityPages =
    [
        "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/EnableAuthenticator",
        "/Account/Manage/Disable2fa", "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/ResetAuthenticator",
        "/Account/Manage/ShowRecoveryCodes", "/Account/Manage/ExternalLogins", "/Account/LoginWith2fa",
        "/Account/LoginWithRecoveryCode", "/Account/ExternalLogin",
    ];

    public static WebApplicationBuilder AddClinicWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClinicOptions>()
            .Bind(builder.Configuration.GetSection(ClinicOptions.Section))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "Clinic:TimeZone must be an IANA time zone such as America/New_York.")
            .Validate(o => o.SlotStep > TimeSpan.Zero && o.MinimumNotice >= TimeSpan.Zero && o.BookingHorizonDays > 0
                           && o.CancellationWindow >= TimeSpan.Zero && o.EffectiveReminderOffsets.All(t => t > TimeSpan.Zero),
                "Clinic:SlotStep, BookingHorizonDays and ReminderOffsets must be positive; MinimumNotice and CancellationWindow not negative.")
            .Validate(o => o.MaxUpcomingVisitsPerPatient is > 0 and <= 100, "Clinic:MaxUpcomingVisitsPerPatient must be from 1 to 100.")
            .Validate(o => o.PractitionerAccessDays is >= 0 and <= 3650, "Clinic:PractitionerAccessDays must be from 0 to 3650.")
            .Validate(o => o.Units is "" || Enum.TryParse<Domain.Intake.MeasurementUnits>(o.Units, ignoreCase: true, out var u) && Enum.IsDefined(u),
                "Clinic:Units must be Metric or US (or empty for Metric).")
            .Validate<IHostEnvironment>((o, environment) => !environment.IsProduction() || ClinicOptions.IsEmail(o.AlertEmail),
                ClinicOptions.AlertEmailRequired)
            .ValidateOnStart();
        services.AddSingleton<ClinicSettingsStore>();
        services.AddSingleton<ClinicClock>();

        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new InvalidFormStatusFilter());
            })
            .AddRazorOptions(FeatureFolders.Configure);
        services.AddRazorPages(options =>
        {
            // We do not offer two-factor sign-in or external logins yet: their Identity UI pages are not routed,
            // rather than half-working (Manage/_ManageNav.cshtml leaves them out of the menu too).
            foreach (var page in HiddenIdentityPages)
            {
                options.Conventions.AddAreaPageRouteModelConvention("Identity", page, model => model.Selectors.Clear());
            }

            // Every route states who may use it (the route inventory test checks). Identity UI leaves these two to
            // the fallback policy: the area's index only redirects home, and "access denied" is shown to people
            // who are signed in but lack a role.
            options.Conventions.AllowAnonymousToAreaPage("Identity", "/Index");
            options.Conventions.AuthorizeAreaPage("Identity", "/Account/AccessDenied");
        });
        services.AddSingleton<InformationPage>();
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        // No form here sends more than a few kilobytes: refuse megabytes before they are buffered (413).
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options =>
        {
            options.ValueLengthLimit = 64 * 1024;
            options.ValueCountLimit = 500;
            options.KeyLengthLimit = 200;
            options.MultipartBodyLengthLimit = 256 * 1024;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        return builder;
    }

    public static WebApplication UseClinicPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseCookiePolicy();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<BadInputMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        // After routing (limits are endpoint metadata), before authentication: a flood is refused cheaply.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        // GET and HEAD only: nothing else has any business there (and the CSRF test then need not wonder).
        app.MapHealthChecks("/health").AllowAnonymous().WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        app.MapClinicHangfireDashboard();
        app.MapControllers();
        app.MapRazorPages();
        // An unknown address is a friendly 404 for everyone, not a sign-in prompt from the fallback policy.
        app.MapFallback("{*path}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }
}

using ClinicBooking.Web.Features.Information;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace ClinicBooking.Web.Infrastructure;

public static class WebExtensions
{
    /// <summary>External logins are not offered: their Identity UI pages are not routed rather than half-working.</summary>
    private static readonly string[] HiddenIdentityPages =
    [
        "/Account/Manage/ExternalLogins", "/Account/ExternalLogin",
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
            .Validate(o => o.NoShowLimit is >= 0 and <= 100, "Clinic:NoShowLimit must be from 0 (off) to 100.")
            .Validate(o => o.WaitlistDays is >= 1 and <= 365, "Clinic:WaitlistDays must be from 1 to 365.")
            .Validate(o => o.PractitionerAccessDays is >= 0 and <= 3650, "Clinic:PractitionerAccessDays must be from 0 to 3650.")
            .Validate(o => o.Units is "" || Enum.TryParse<Domain.Intake.MeasurementUnits>(o.Units, ignoreCase: true, out var u) && Enum.IsDefined(u),
                "Clinic:Units must be Metric or US (or empty to follow Clinic:Culture).")
            .Validate(o => ClinicBooking.Web.Features.Booking.ClinicCulture.IsValid(o.Culture),
                "Clinic:Culture must be a specific culture name such as en-US, en-GB or de-DE.")
            .Validate<IHostEnvironment>((o, environment) => !environment.IsProduction() || ClinicOptions.IsEmail(o.AlertEmail),
                ClinicOptions.AlertEmailRequired)
            .ValidateOnStart();
        services.AddSingleton<ClinicSettingsStore>();
        services.AddSingleton<ClinicClock>();

        // Patient pages and emails in English or Spanish (Languages): English text is each resource's key, the
        // translations live in Resources/ beside the path of the view or class they belong to.
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // English is the key: English readers skip the resource search (EnglishFirstLocalizer).
        services.AddSingleton<Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, EnglishFirstLocalizerFactory>();
        // Spanish letters go out as themselves ("Llámenos"), not as entities: smaller pages, readable source. The
        // characters HTML gives meaning to (< > & " ') are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(Languages.Configure);
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new InvalidFormStatusFilter());
            })
            .AddRazorOptions(FeatureFolders.Configure)
            .AddViewLocalization()
            // A model's messages and display names translate in the resource of its outermost class (a page model's
            // InputModel in the page model's own .resx).
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (type, factory) =>
            {
                while (type.DeclaringType is { } outer)
                {
                    type = outer;
                }

                return factory.Create(type);
            });
        services.AddRazorPages(options =>
        {
            // Two-step sign-in (an authenticator app, with recovery codes) uses Identity UI's own pages; its second
            // step needs a first step in progress.
            foreach (var page in new[] { "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode" })
            {
                options.Conventions.AddAreaPageApplicationModelConvention("Identity", page, model => model.Filters.Add(new TwoFactorStepFilter()));
            }

            foreach (var page in new[] { "/Account/Manage/Disable2fa", "/Account/Manage/GenerateRecoveryCodes" })
            {
                options.Conventions.AddAreaPageApplicationModelConvention("Identity", page, model => model.Filters.Add(new TwoFactorEnabledFilter()));
            }

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
        // X-Forwarded-For/-Proto are believed only from the proxies named in ForwardedHeaders:KnownProxies (addresses)
        // and ForwardedHeaders:KnownNetworks (CIDR). None outside Development (then the app faces clients directly),
        // loopback in Development. The chain is read right to left up to the first address not trusted, which is
        // the client: a client cannot choose its own address by sending the header.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
            var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
            if (!environment.IsDevelopment() && proxies.Length == 0 && networks.Length == 0)
            {
                // Empty lists would mean "trust every sender" to the middleware: with no proxy named, read nothing.
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            if (proxies.Length > 0 || networks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list still holds loopback and is still read
                options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            }

            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // Outside Development only the public address's host is served (AllowedHosts "*" means "App:PublicUrl's
        // host" there): a spoofed Host header is refused (400) instead of reflected into redirects.
        services.AddOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>().PostConfigure<IConfiguration, IHostEnvironment>(
            (options, configuration, environment) =>
            {
                if (!environment.IsDevelopment() && (options.AllowedHosts.Count == 0 || options.AllowedHosts.Contains("*"))
                    && Uri.TryCreate(configuration["App:PublicUrl"], UriKind.Absolute, out var publicUrl))
                {
                    options.AllowedHosts = [publicUrl.Host];
                }
            });
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
        app.UseRequestLocalization();
        app.UseMiddleware<ClinicCultureMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            // Cookies are Secure-only here, so a page over plain HTTP could never work: send GETs to HTTPS, refuse
            // the rest with a message (the load balancer's /health probe may stay on HTTP).
            app.Use(async (context, next) =>
            {
                if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
                {
                    await next();
                    return;
                }

                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                    context.Response.Headers.Location = $"https://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("This site works over HTTPS only. Please open it with https:// and try again.");
            });
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<BadInputMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        // After routing (limits are endpoint metadata), before authentication: a flood is refused cheaply.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<StaffTwoFactorMiddleware>();
        app.UseAuthorization();

        app.MapClinicHealthChecks();
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

using ClinicBooking.Web.Infrastructure;
using Hangfire;

namespace ClinicBooking.Web.Features.Notifications;

public static class NotificationsExtensions
{
    public static WebApplicationBuilder AddClinicNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppOptions>().Bind(builder.Configuration.GetSection(AppOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicUrl)
                           || Uri.TryCreate(o.PublicUrl.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "App:PublicUrl must be an absolute http(s) address.")
            .Validate<IHostEnvironment>((o, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(o.PublicUrl),
                AppOptions.PublicUrlRequired)
            .ValidateOnStart();
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.ClaimTimeout >= TimeSpan.FromSeconds(5), "Outbox:ClaimTimeout must be at least 00:00:05.")
            .Validate(o => o.PollInterval is null || o.PollInterval >= TimeSpan.FromMilliseconds(100), "Outbox:PollInterval must be at least 00:00:00.1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxPump>();
        builder.Services.AddScoped<EmailRenderer>();
        builder.Services.AddScoped<OutboxDispatcher>();
        builder.Services.AddScoped<DigestJob>();
        return builder;
    }

    /// <summary>
    /// The outbox sweep runs every minute as the safety net; new emails are sent at once by <see cref="OutboxPump"/>,
    /// woken by <see cref="Outbox.Kick"/>.
    /// </summary>
    public static WebApplication UseClinicNotifications(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<OutboxDispatcher>(OutboxDispatcher.RecurringJobId, d => d.DispatchDueAsync(), Cron.Minutely());
        ScheduleDigest(jobs, app.Services.GetRequiredService<ClinicClock>().Zone);
        return app;
    }

    /// <summary>The practitioners' digest at 17:00 clinic time; called again when the admin changes the clinic's zone.</summary>
    public static void ScheduleDigest(IRecurringJobManager jobs, TimeZoneInfo zone) =>
        jobs.AddOrUpdate<DigestJob>(DigestJob.RecurringJobId, d => d.QueueTomorrowAsync(), Cron.Daily(17),
            new RecurringJobOptions { TimeZone = zone });
}

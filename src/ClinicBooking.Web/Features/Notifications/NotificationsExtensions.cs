using ClinicBooking.Web.Infrastructure;
using Hangfire;

namespace ClinicBooking.Web.Features.Notifications;

public static class NotificationsExtensions
{
    public static WebApplicationBuilder AddClinicNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppOptions>().Bind(builder.Configuration.GetSection(AppOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "App:PublicUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<EmailRenderer>();
        builder.Services.AddScoped<OutboxDispatcher>();
        return builder;
    }

    /// <summary>The outbox sweep runs every minute; new confirmations are also kicked at once by <see cref="Outbox.Kick"/>.</summary>
    public static WebApplication UseClinicNotifications(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<OutboxDispatcher>(OutboxDispatcher.RecurringJobId, d => d.DispatchDueAsync(), Cron.Minutely());
        return app;
    }
}

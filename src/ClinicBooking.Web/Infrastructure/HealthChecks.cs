using System.Text.Json;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>Configuration section <c>Health</c>: when the outbox backlog turns /health/ready Degraded, then Unhealthy.</summary>
public sealed class HealthSettings
{
    public const string Section = "Health";

    /// <summary>The oldest due email waiting longer than this makes the outbox check Degraded.</summary>
    public TimeSpan OutboxBacklogDegraded { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longer than this, Unhealthy (503): nothing is being sent.</summary>
    public TimeSpan OutboxBacklogUnhealthy { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>Which endpoint runs which check.</summary>
public static class HealthTags
{
    /// <summary>/health/ready: everything an instance needs to serve (database, Hangfire storage, outbox backlog).</summary>
    public const string Ready = "ready";

    /// <summary>/health, as it has always answered: the database only (scripts and tests wait on it at start-up).</summary>
    public const string Database = "database";
}

public static class HealthCheckExtensions
{
    /// <summary>A check that does not answer in this time counts as Unhealthy instead of holding the probe.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddClinicHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthSettings>().Bind(builder.Configuration.GetSection(HealthSettings.Section))
            .Validate(s => s.OutboxBacklogDegraded > TimeSpan.Zero && s.OutboxBacklogUnhealthy >= s.OutboxBacklogDegraded,
                "Health:OutboxBacklogDegraded must be positive and Health:OutboxBacklogUnhealthy not shorter than it.")
            .ValidateOnStart();
        // The database check is registered with the context (AddClinicData), tagged for both /health and /health/ready.
        builder.Services.AddHealthChecks()
            .AddCheck<HangfireStorageHealthCheck>("hangfire", tags: [HealthTags.Ready], timeout: CheckTimeout)
            .AddCheck<OutboxBacklogHealthCheck>("outbox", tags: [HealthTags.Ready], timeout: CheckTimeout);
        return builder;
    }

    /// <summary>
    /// /health (the database, as before), /health/live (the process answers; no check runs) and /health/ready (JSON).
    /// All anonymous, GET and HEAD only, never rate limited: a load balancer probes them every few seconds.
    /// </summary>
    public static void MapClinicHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/health", new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthTags.Database) });
        Map(endpoints, "/health/live", new HealthCheckOptions { Predicate = _ => false });
        Map(endpoints, "/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteReadyAsync,
        });
    }

    private static void Map(IEndpointRouteBuilder endpoints, string pattern, HealthCheckOptions options) =>
        endpoints.MapHealthChecks(pattern, options).AllowAnonymous().DisableRateLimiting()
            // GET and HEAD only: nothing else has any business there (and the CSRF test then need not wonder).
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));

    /// <summary>
    /// Each check's name and status, and how long it took. Never a description or exception: those can hold a
    /// connection string or a server's reply. The log has them (HealthCheckService logs failures).
    /// </summary>
    private static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalMilliseconds = Math.Round(report.TotalDuration.TotalMilliseconds),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds),
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}

/// <summary>
/// Opens a connection to the host's own <see cref="JobStorage"/> (SQLite, or whichever storage is registered) and
/// reads the recurring jobs' ids: one small read that needs the storage to be reachable.
/// </summary>
internal sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's storage API is synchronous: off the request thread, so the check's timeout can answer.
            await Task.Run(() =>
            {
                using var connection = storage.GetConnection();
                connection.GetAllItemsFromSet("recurring-jobs");
            }, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Hangfire's storage did not answer.", e);
        }
    }
}

/// <summary>How long the oldest due outbox row has waited past its time: Degraded, then Unhealthy past the thresholds.</summary>
internal sealed class OutboxBacklogHealthCheck(ClinicDbContext db, ClinicClock clock, IOptions<HealthSettings> settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var age = await OutboxBacklog.AgeAsync(db, clock.UtcNow, cancellationToken);
        var limits = settings.Value;
        var status = age > limits.OutboxBacklogUnhealthy ? HealthStatus.Unhealthy
            : age > limits.OutboxBacklogDegraded ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        return new HealthCheckResult(status, $"The oldest due email has waited {age.TotalSeconds:0} s.",
            data: new Dictionary<string, object> { ["backlogSeconds"] = Math.Round(age.TotalSeconds) });
    }
}

/// <summary>The outbox backlog's age, shared by the readiness check and the <c>clinic.outbox.backlog_age</c> gauge.</summary>
internal static class OutboxBacklog
{
    /// <summary>
    /// How long past due the oldest Pending row whose next attempt is due is; zero when none is. One read through the
    /// (Status, NextAttemptUtc) index.
    /// </summary>
    public static async Task<TimeSpan> AgeAsync(ClinicDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        Age(await OldestDue(db, nowUtc).FirstOrDefaultAsync(cancellationToken), nowUtc);

    public static TimeSpan Age(ClinicDbContext db, DateTime nowUtc) => Age(OldestDue(db, nowUtc).FirstOrDefault(), nowUtc);

    private static IQueryable<DateTime?> OldestDue(ClinicDbContext db, DateTime nowUtc) =>
        db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptUtc <= nowUtc)
            .OrderBy(o => o.NextAttemptUtc)
            .Select(o => (DateTime?)o.NextAttemptUtc);

    private static TimeSpan Age(DateTime? oldest, DateTime nowUtc) =>
        oldest is { } due && nowUtc > due ? nowUtc - due : TimeSpan.Zero;
}

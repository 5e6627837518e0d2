using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClinicBooking.Web.Data;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// The app's own instruments, on the Meter "ClinicBooking" (exported with the rest when OpenTelemetry:Endpoint is set).
/// The Meter comes from the host's <see cref="IMeterFactory"/>, so each host (the test suite runs many in one process)
/// has its own, disposed with it. No instrument carries a tag about a person: counts only.
/// </summary>
public sealed class ClinicMetrics
{
    public const string MeterName = "ClinicBooking";

    /// <summary>The backlog gauge reads the database at most this often, however often it is collected.</summary>
    private static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(5);

    private readonly Counter<long> _bookings;
    private readonly Counter<long> _bookingConflicts;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;
    private readonly IServiceScopeFactory _scopes;
    private readonly Lock _backlogLock = new();
    private long _backlogReadAt;
    private double? _backlogSeconds;

    public ClinicMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        Meter = meters.Create(MeterName);
        _bookings = Meter.CreateCounter<long>("clinic.bookings", "{booking}", "Visits booked or moved to a new time.");
        _bookingConflicts = Meter.CreateCounter<long>("clinic.booking_conflicts", "{booking}",
            "Bookings refused because someone else had just taken the time.");
        _emailsSent = Meter.CreateCounter<long>("clinic.emails.sent", "{email}", "Outbox emails the SMTP server accepted.");
        _emailsFailed = Meter.CreateCounter<long>("clinic.emails.failed", "{email}", "Outbox emails that failed (to be retried or given up).");
        Meter.CreateObservableGauge("clinic.outbox.backlog_age", ObserveBacklog, "s",
            "How long the oldest due, unsent outbox email has waited past its time (0 when none).");
    }

    /// <summary>This host's Meter (tests tell it from other hosts' by reference).</summary>
    public Meter Meter { get; }

    public void Booked() => _bookings.Add(1);

    public void BookingConflict() => _bookingConflicts.Add(1);

    public void EmailsSent(int count)
    {
        if (count > 0)
        {
            _emailsSent.Add(count);
        }
    }

    public void EmailsFailed(int count)
    {
        if (count > 0)
        {
            _emailsFailed.Add(count);
        }
    }

    /// <summary>
    /// Called on the collecting thread (the metrics exporter's), never a request's. A cached value for a few seconds
    /// (by the monotonic clock: the cache's age is not business time), then one indexed read in a scope of its own.
    /// Nothing is measured when the database cannot be read.
    /// </summary>
    private IEnumerable<Measurement<double>> ObserveBacklog()
    {
        lock (_backlogLock)
        {
            var now = Stopwatch.GetTimestamp();
            if (_backlogSeconds is null || Stopwatch.GetElapsedTime(_backlogReadAt, now) >= BacklogRefresh)
            {
                _backlogReadAt = now;
                _backlogSeconds = ReadBacklogSeconds();
            }

            return _backlogSeconds is { } seconds ? [new Measurement<double>(seconds)] : [];
        }
    }

    private double? ReadBacklogSeconds()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<ClinicClock>();
            return Math.Round(OutboxBacklog.Age(db, clock.UtcNow).TotalSeconds);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The host is stopping, or the database is away: /health/ready says so; the gauge just skips a beat.
            return null;
        }
    }
}

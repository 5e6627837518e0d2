namespace ClinicBooking.Web.Domain.Notifications;

public enum SendFailure
{
    /// <summary>Try again later: a 4xx reply, a refused connection, a timeout.</summary>
    Temporary,

    /// <summary>Stop: a 5xx reply, a rejected recipient, failed authentication.</summary>
    Permanent,
}

/// <summary>Pure rules of the outbox: what to queue for an appointment, and when to try again.</summary>
public static class OutboxRules
{
    public static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
    ];

    /// <summary>After this many temporary failures a row is Failed for good.</summary>
    public static int MaxAttempts => Backoff.Length + 1;

    /// <summary>
    /// The default of <c>Outbox:ClaimTimeout</c>: a row claimed longer ago than this belongs to a sender that died; it
    /// may be claimed again.
    /// </summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    public static TimeSpan DelayAfter(int failedAttempts) => Backoff[Math.Clamp(failedAttempts - 1, 0, Backoff.Length - 1)];

    /// <summary>
    /// The reminders to queue for a visit starting at <paramref name="startUtc"/>: one per offset whose moment is
    /// still ahead. A reminder whose moment has already passed when the visit is booked is not sent at all.
    /// </summary>
    public static IEnumerable<(TimeSpan Offset, DateTime DueUtc)> Reminders(DateTime startUtc, DateTime nowUtc, IEnumerable<TimeSpan> offsets) =>
        offsets.Distinct().Select(o => (o, startUtc - o)).Where(r => r.Item2 > nowUtc).OrderBy(r => r.Item2);

    /// <summary>
    /// The Message-ID of a row's email: the same on every attempt (the row's id and creation time), on the domain the
    /// generated one had.
    /// </summary>
    public static string MessageIdFor(OutboxMessage row, string? generated)
    {
        var domain = generated?.Split('@') is [_, { Length: > 0 } host] ? host : "clinicbooking.local";
        return $"outbox-{row.Id}.{row.CreatedUtc.Ticks}@{domain}";
    }
}

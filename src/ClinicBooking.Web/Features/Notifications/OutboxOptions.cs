using ClinicBooking.Web.Domain.Notifications;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>Configuration section <c>Outbox</c>: how senders share the outbox (one instance or several).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// A claimed row still not settled after this belongs to a sender that died (a killed instance): another sender
    /// may claim it again. Must be well above the time one batch takes (rows are marked one by one as the mail server
    /// accepts them, so a live sender finishes a batch in seconds); 10 minutes by default.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = OutboxRules.ClaimTimeout;

    /// <summary>
    /// When set, each instance also looks for due rows this often, besides the wake after each new email and
    /// Hangfire's one-minute sweep (which runs on one instance). Off by default.
    /// </summary>
    public TimeSpan? PollInterval { get; set; }
}

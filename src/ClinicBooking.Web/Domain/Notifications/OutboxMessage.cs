namespace ClinicBooking.Web.Domain.Notifications;

public enum OutboxKind
{
    BookingConfirmation,
    RescheduleConfirmation,
    CancelConfirmation,
    Reminder,
    IntakeMissingReminder,
    UrgentIntakeAlert,
    PractitionerDigest,

    /// <summary>Identity's emails (confirm address, reset password, set password): their text is stored, as it holds a one-time token.</summary>
    Account,

    /// <summary>A new staff member's "set your password" email: stored like <see cref="Account"/>, worded as a welcome.</summary>
    StaffInvitation,
}

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Skipped,
    Failed,
}

/// <summary>
/// One email to send (PRODUCT.md §7). The outbox is the truth; Hangfire only wakes the dispatcher. Rows about an
/// appointment carry its id and the start they were written for, never its content: the email is rendered when sent.
/// </summary>
public class OutboxMessage
{
    public long Id { get; private set; }
    public OutboxKind Kind { get; private set; }
    public string Recipient { get; private set; } = "";
    public int? AppointmentId { get; private set; }

    /// <summary>The appointment's start when the row was written: a moved appointment makes its old rows stale.</summary>
    public DateTime? AppointmentStartUtc { get; private set; }

    /// <summary>For reminders, minutes before the start; with the appointment and start, unique.</summary>
    public int? OffsetMinutes { get; private set; }

    /// <summary>For a practitioner's digest: whose, and which clinic day it lists.</summary>
    public int? PractitionerId { get; private set; }

    public DateOnly? DigestDate { get; private set; }

    public DateTime DueUtc { get; private set; }
    public OutboxStatus Status { get; private set; } = OutboxStatus.Pending;
    public int Attempts { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    public DateTime? ClaimedUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentUtc { get; private set; }
    public string? MessageId { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    /// <summary>Stored subject and HTML, only for <see cref="OutboxKind.Account"/> emails.</summary>
    public string? Subject { get; private set; }

    public string? HtmlBody { get; private set; }

    private OutboxMessage()
    {
    }

    public static OutboxMessage ForAppointment(OutboxKind kind, string recipient, int appointmentId, DateTime startUtc,
        DateTime dueUtc, DateTime nowUtc, int? offsetMinutes = null) => new()
    {
        Kind = kind, Recipient = recipient, AppointmentId = appointmentId, AppointmentStartUtc = startUtc,
        OffsetMinutes = offsetMinutes, DueUtc = dueUtc, NextAttemptUtc = dueUtc, CreatedUtc = nowUtc,
    };

    public static OutboxMessage Stored(OutboxKind kind, string recipient, string subject, string htmlBody, DateTime nowUtc) => new()
    {
        Kind = kind, Recipient = recipient, Subject = subject, HtmlBody = htmlBody, DueUtc = nowUtc, NextAttemptUtc = nowUtc,
        CreatedUtc = nowUtc,
    };

    public static OutboxMessage Plain(OutboxKind kind, string recipient, DateTime dueUtc, DateTime nowUtc) => new()
    {
        Kind = kind, Recipient = recipient, DueUtc = dueUtc, NextAttemptUtc = dueUtc, CreatedUtc = nowUtc,
    };

    public static OutboxMessage Digest(string recipient, int practitionerId, DateOnly date, DateTime nowUtc) => new()
    {
        Kind = OutboxKind.PractitionerDigest, Recipient = recipient, PractitionerId = practitionerId, DigestDate = date,
        DueUtc = nowUtc, NextAttemptUtc = nowUtc, CreatedUtc = nowUtc,
    };

    public void MarkSent(DateTime nowUtc, string? messageId)
    {
        Status = OutboxStatus.Sent;
        SentUtc = nowUtc;
        MessageId = messageId;
        Attempts++;
        LastError = null;
    }

    public void Skip(string reason)
    {
        Status = OutboxStatus.Skipped;
        LastError = reason;
    }

    public void Fail(string reason)
    {
        Status = OutboxStatus.Failed;
        Attempts++;
        LastError = reason;
    }

    public void RetryLater(DateTime nextAttemptUtc, string reason)
    {
        Status = OutboxStatus.Pending;
        Attempts++;
        NextAttemptUtc = nextAttemptUtc;
        LastError = reason;
        ClaimedUtc = null;
    }
}

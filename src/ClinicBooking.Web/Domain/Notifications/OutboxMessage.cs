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

    /// <summary>Tells the practitioner a visit with them was cancelled because the patient deleted their account.</summary>
    PractitionerCancellation,

    /// <summary>
    /// "Forgot your password?" was sent for this address. The row holds the address only: whether it belongs to a
    /// confirmed account is decided, and the reset link made, by the dispatcher when it sends (so the request does the
    /// same work for every address, and no link is ever stored).
    /// </summary>
    PasswordResetRequested,

    /// <summary>
    /// "Send the confirmation email again" was asked for this address: like <see cref="PasswordResetRequested"/>, the
    /// dispatcher decides when it sends (an account still unconfirmed gets a fresh link, any other address nothing).
    /// </summary>
    ConfirmationRequested,

    /// <summary>
    /// The front desk made an account for a caller: "set your password". Like <see cref="PasswordResetRequested"/>
    /// the row holds the address only; the link is made when it is sent, for an account that has no password yet.
    /// </summary>
    PatientInvitation,

    /// <summary>
    /// A free time offered to someone on the waitlist (<see cref="WaitlistOfferId"/>): rendered when sent, skipped
    /// when the waiter has booked or left meanwhile, or the time is gone.
    /// </summary>
    WaitlistOffer,

    /// <summary>
    /// The rest of a treatment course was booked in one step (issue 16): one email listing every session still
    /// booked, with one .ics holding them all. The row points at the course's first visit.
    /// </summary>
    CourseConfirmation,
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
    /// <summary>What a recipient becomes once the person's account is deleted: no address, no hash that could be matched.</summary>
    public const string ForgottenRecipient = "(deleted account)";

    private const string HashPrefix = "sha256:";

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

    /// <summary>For a waitlist offer: which one (its waiter, time and practitioner).</summary>
    public int? WaitlistOfferId { get; private set; }

    public DateTime DueUtc { get; private set; }
    public OutboxStatus Status { get; private set; } = OutboxStatus.Pending;
    public int Attempts { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    public DateTime? ClaimedUtc { get; private set; }

    /// <summary>
    /// Which claim this row belongs to (a fresh token per claimed batch). A sender saves only the rows that still carry
    /// its token, so one whose claim expired (it stalled, and another instance claimed the row again) cannot mark the
    /// row over the new owner's work.
    /// </summary>
    public string? ClaimToken { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentUtc { get; private set; }
    public string? MessageId { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    /// <summary>Stored subject (and HTML), only for <see cref="OutboxKind.Account"/> emails and reset requests.</summary>
    public string? Subject { get; private set; }

    /// <summary>
    /// The stored HTML of an account email: it holds a one-time link, so it is encrypted at rest and cleared once the
    /// row is sent or skipped (a failed row keeps it until retried, or until the link would have expired anyway).
    /// </summary>
    public string? HtmlBody { get; private set; }

    /// <summary>Whether the recipient is still an address (not yet sent) rather than its hash or the forgotten marker.</summary>
    public bool HasAddress => !Recipient.StartsWith(HashPrefix, StringComparison.Ordinal) && Recipient != ForgottenRecipient;

    /// <summary>
    /// "sha256:" and the hex SHA-256 of the lower-cased address: a sent row no longer holds the address, yet the rows
    /// sent to a person can still be found when they download their data.
    /// </summary>
    public static string HashRecipient(string address) => HashPrefix + Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));

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

    /// <summary>A "forgot your password" request: the address only, and a subject for the admin's outbox list.</summary>
    public static OutboxMessage ResetRequested(string recipient, DateTime nowUtc) => new()
    {
        Kind = OutboxKind.PasswordResetRequested, Recipient = recipient, Subject = ResetSubject, DueUtc = nowUtc,
        NextAttemptUtc = nowUtc, CreatedUtc = nowUtc,
    };

    /// <summary>A caller's new account, invited to set a password: the address only.</summary>
    public static OutboxMessage PatientInvited(string recipient, DateTime nowUtc) => new()
    {
        Kind = OutboxKind.PatientInvitation, Recipient = recipient, Subject = InvitationSubject, DueUtc = nowUtc,
        NextAttemptUtc = nowUtc, CreatedUtc = nowUtc,
    };

    public const string InvitationSubject = "Set your password";

    /// <summary>A "send the confirmation email again" request: the address only.</summary>
    public static OutboxMessage ConfirmationRequested(string recipient, DateTime nowUtc) => new()
    {
        Kind = OutboxKind.ConfirmationRequested, Recipient = recipient, Subject = ConfirmSubject, DueUtc = nowUtc,
        NextAttemptUtc = nowUtc, CreatedUtc = nowUtc,
    };

    public const string ResetSubject = "Reset your password";
    public const string ConfirmSubject = "Confirm your email address";

    /// <summary>Whether the row is a request decided when sent (it holds an address, never a link).</summary>
    public static bool IsRequest(OutboxKind kind) =>
        kind is OutboxKind.PasswordResetRequested or OutboxKind.ConfirmationRequested or OutboxKind.PatientInvitation;

    public static OutboxMessage ForWaitlistOffer(string recipient, int offerId, int practitionerId, DateTime startUtc, DateTime nowUtc) => new()
    {
        Kind = OutboxKind.WaitlistOffer, Recipient = recipient, WaitlistOfferId = offerId, PractitionerId = practitionerId,
        AppointmentStartUtc = startUtc, DueUtc = nowUtc, NextAttemptUtc = nowUtc, CreatedUtc = nowUtc,
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
        ClearSecrets();
    }

    public void Skip(string reason)
    {
        Status = OutboxStatus.Skipped;
        LastError = reason;
        ClearSecrets();
    }

    /// <summary>The person's account was deleted: nothing more goes to them, and the row no longer points at them.</summary>
    public void Forget()
    {
        if (Status is OutboxStatus.Pending or OutboxStatus.Failed)
        {
            Skip("The account was deleted.");
        }

        HtmlBody = null;
        Recipient = ForgottenRecipient;
    }

    /// <summary>Nothing left to send: the one-time link goes, and the address becomes its hash.</summary>
    private void ClearSecrets()
    {
        HtmlBody = null;
        if (HasAddress)
        {
            Recipient = HashRecipient(Recipient);
        }
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

using System.Globalization;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>
/// Small formatting rules shared by the admin pages. The words are resource lookups in this class's resource
/// (Resources/Features/Admin/AdminText.*.resx), English being the key.
/// </summary>
public static class AdminText
{
    private static IStringLocalizer Local => Text.For(typeof(AdminText));

    /// <summary>"p**@clinic.test": enough to recognise an address on screen, not enough to harvest it.</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return "***";
        }

        return email[0] + new string('*', Math.Min(Math.Max(at - 1, 1), 6)) + email[at..];
    }

    /// <summary>
    /// An outbox recipient as the admin sees it: a masked address while the row may still be sent; once sent or skipped
    /// only the address's hash is kept, shown shortened (rows to the same person share it).
    /// </summary>
    public static string OutboxRecipient(string recipient) =>
        recipient == OutboxMessage.ForgottenRecipient ? Local["(deleted account)"]
        : recipient.StartsWith("sha256:", StringComparison.Ordinal) ? Local["address removed (#{0})", recipient[7..15]]
        : MaskEmail(recipient);

    public static string KindName(OutboxKind kind) => kind switch
    {
        OutboxKind.BookingConfirmation => Local["Booking confirmation"],
        OutboxKind.RescheduleConfirmation => Local["Change of time"],
        OutboxKind.CancelConfirmation => Local["Cancellation"],
        OutboxKind.Reminder => Local["Reminder"],
        OutboxKind.IntakeMissingReminder => Local["Intake reminder"],
        OutboxKind.UrgentIntakeAlert => Local["Urgent intake alert"],
        OutboxKind.PractitionerDigest => Local["Practitioner's daily list"],
        OutboxKind.Account => Local["Account email"],
        OutboxKind.StaffInvitation => Local["Staff invitation"],
        OutboxKind.PractitionerCancellation => Local["Cancellation (to the practitioner)"],
        OutboxKind.PasswordResetRequested => Local["Password reset request"],
        OutboxKind.ConfirmationRequested => Local["Confirmation email request"],
        OutboxKind.PatientInvitation => Local["Patient invitation (from the front desk)"],
        OutboxKind.CourseConfirmation => Local["Course confirmation"],
        _ => kind.ToString(),
    };

    /// <summary>An outbox row's status as the admin reads it (the filter's values stay the enum's names).</summary>
    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => Local["Pending"],
        OutboxStatus.Sending => Local["Sending"],
        OutboxStatus.Sent => Local["Sent"],
        OutboxStatus.Failed => Local["Failed"],
        OutboxStatus.Skipped => Local["Skipped"],
        _ => status.ToString(),
    };

    /// <summary>Minutes as hours for a form field: 720 → "12", 90 → "1.5".</summary>
    public static string Hours(int minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Reads a number of hours typed by a person ("12", "1.5", "0,5"); null when it is not a number.</summary>
    public static decimal? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 12)
        {
            return null;
        }

        return decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The first instant of a clinic date in UTC. Where midnight falls in a clock-change gap, the day starts an hour later.</summary>
    public static DateTime DayStartUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}

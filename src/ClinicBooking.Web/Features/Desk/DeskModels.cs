using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Features.Booking;

namespace ClinicBooking.Web.Features.Desk;

/// <summary>A caller's new account, as the front desk types it while on the phone.</summary>
public sealed class NewPatientInput
{
    [Required(ErrorMessage = "Enter the caller's full name.")]
    [StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    [Display(Name = "Full name")]
    public string? FullName { get; set; }

    [Required(ErrorMessage = "Enter the caller's email address: the invitation to set a password goes there.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [StringLength(254, ErrorMessage = "That email address is too long.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [StringLength(30, ErrorMessage = "Keep the phone number under 30 characters.")]
    [RegularExpression(@"^\+?[0-9 ()\-.]{7,30}$", ErrorMessage = "Enter a phone number of digits, spaces and dashes, e.g. 555-0100.")]
    [Display(Name = "Phone (optional)")]
    public string? Phone { get; set; }

    [RegularExpression("^(en|es)$", ErrorMessage = "Choose English or Spanish.")]
    [Display(Name = "Emails in")]
    public string? Language { get; set; } = "en";

    /// <summary>The languages the patient's emails can be in, each named in itself.</summary>
    public IEnumerable<(string Id, string Code, string Name, bool Chosen)> LanguageChoices =>
        Infrastructure.Languages.Names.Select(l => ($"Language_{l.Key}", l.Key, l.Value, (Language ?? Infrastructure.Languages.English) == l.Key));

    /// <summary>A phone kept as typed digits (a leading + kept), so a search by digits finds it however it was written.</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return phone.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }
}

public sealed record DeskHomePage(string? Query, IReadOnlyList<DeskPatientLine>? Results, DateOnly Date, DateOnly Today,
    IReadOnlyList<DeskVisit> Day, TimeZoneInfo Zone, string? QueryProblem, DateTime NowUtc);

public sealed record DeskPatientPage(DeskPatient Patient, TimeZoneInfo Zone, string? Flash, DateTime NowUtc);

/// <summary>Booking or moving for a patient: pick service, practitioner and day, then a free time of that day.</summary>
public sealed record DeskBookPage(DeskPatientLine Patient, IReadOnlyList<Service> Services, IReadOnlyList<Practitioner> Practitioners,
    Service Service, int? PractitionerId, DateOnly Date, DateOnly Today, DateOnly LastDay, IReadOnlyList<(string Label, string Iso, int PractitionerId, string PractitionerName)> Times,
    TimeZoneInfo Zone, int? MovingAppointmentId, string? MovingWhen, string? Problem)
{
    /// <summary>The same choice on another day.</summary>
    public string DayHref(string page, DateOnly date) =>
        $"{page}?serviceId={Service?.Id}&practitionerId={(PractitionerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any")}&date={date:yyyy-MM-dd}";
}

public static class DeskText
{
    public const string EmailTaken = "An account with this email address already exists: search for it instead.";
    public const string EmailRefused = "That email address cannot be used for an account. Please check it.";

    public static string Intake(DeskIntakeState state) => state switch
    {
        DeskIntakeState.Draft => "Intake: draft",
        DeskIntakeState.Submitted => "Intake: submitted",
        DeskIntakeState.Reviewed => "Intake: reviewed",
        _ => "Intake: none",
    };

    public static string Status(Domain.Booking.AppointmentStatus status) => status switch
    {
        Domain.Booking.AppointmentStatus.Completed => "Completed",
        Domain.Booking.AppointmentStatus.NoShow => "No-show",
        Domain.Booking.AppointmentStatus.Cancelled => "Cancelled",
        _ => "Booked",
    };
}

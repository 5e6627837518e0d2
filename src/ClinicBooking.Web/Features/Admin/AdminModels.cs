using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Notifications;

namespace ClinicBooking.Web.Features.Admin;

// ---- Input models: what a form posts. Shape is checked here; business rules in the services. ----

public class PractitionerProfileInput
{
    [Required(ErrorMessage = "Enter the practitioner's name.")]
    [StringLength(100, ErrorMessage = "Keep the name to 100 characters or fewer.")]
    public string? DisplayName { get; set; }

    [StringLength(2000, ErrorMessage = "Keep the bio to 2,000 characters or fewer.")]
    public string? Bio { get; set; }
}

public sealed class NewPractitionerInput : PractitionerProfileInput
{
    [Required(ErrorMessage = "Enter their email address.")]
    [StringLength(254, ErrorMessage = "That email address is too long.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    public string? Email { get; set; }
}

/// <summary>One text field per weekday: "09:00-12:00, 13:00-17:00", empty for a day off.</summary>
public sealed class WeeklyHoursInput
{
    public string? Monday { get; set; }
    public string? Tuesday { get; set; }
    public string? Wednesday { get; set; }
    public string? Thursday { get; set; }
    public string? Friday { get; set; }
    public string? Saturday { get; set; }
    public string? Sunday { get; set; }

    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? Of(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday, DayOfWeek.Tuesday => Tuesday, DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday, DayOfWeek.Friday => Friday, DayOfWeek.Saturday => Saturday, _ => Sunday,
    };

    public static WeeklyHoursInput From(Practitioner practitioner)
    {
        string Text(DayOfWeek day) => Domain.Practice.WeeklyHours.Format(practitioner.WeeklyHours().Where(h => h.Day == day));
        return new WeeklyHoursInput
        {
            Monday = Text(DayOfWeek.Monday), Tuesday = Text(DayOfWeek.Tuesday), Wednesday = Text(DayOfWeek.Wednesday),
            Thursday = Text(DayOfWeek.Thursday), Friday = Text(DayOfWeek.Friday), Saturday = Text(DayOfWeek.Saturday),
            Sunday = Text(DayOfWeek.Sunday),
        };
    }
}

public sealed class ServiceInput
{
    [Required(ErrorMessage = "Enter a name for the service.")]
    [StringLength(100, ErrorMessage = "Keep the name to 100 characters or fewer.")]
    public string? Name { get; set; }

    /// <summary>Strings, so a typed "abc" comes back with our own message rather than the binder's.</summary>
    public string? DurationMinutes { get; set; }

    public string? BufferMinutes { get; set; }

    public bool RequiresIntake { get; set; }

    /// <summary>Optional: empty shows no price.</summary>
    public string? Price { get; set; }

    /// <summary>A treatment course (issue 16): sessions (2 to 12) and days between them (1 to 14), both or neither.</summary>
    public string? CourseSessions { get; set; }

    public string? CourseDaysBetween { get; set; }

    public static ServiceInput From(Service s) => new()
    {
        CourseSessions = s.CourseSessions?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CourseDaysBetween = s.CourseDaysBetween?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Price = s.Price?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        Name = s.Name, DurationMinutes = s.DurationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BufferMinutes = s.BufferMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), RequiresIntake = s.RequiresIntake,
    };
}

/// <summary>Every value of PRODUCT.md §6, in units a person thinks in (hours, days, minutes).</summary>
public sealed class SettingsInput
{
    [Required(ErrorMessage = "Enter the clinic's name.")]
    [StringLength(100, ErrorMessage = "Keep the name to 100 characters or fewer.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the clinic's address.")]
    [StringLength(300, ErrorMessage = "Keep the address to 300 characters or fewer.")]
    public string? Address { get; set; }

    [Required(ErrorMessage = "Enter the clinic's phone number.")]
    [StringLength(40, ErrorMessage = "Keep the phone number to 40 characters or fewer.")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Enter a time zone such as America/New_York.")]
    [StringLength(64, ErrorMessage = "That time zone name is too long.")]
    public string? TimeZone { get; set; }

    public string? SlotStepMinutes { get; set; }
    public string? MinimumNoticeHours { get; set; }
    public string? BookingHorizonDays { get; set; }
    public string? CancellationWindowHours { get; set; }
    public string? ReminderOffsetsHours { get; set; }
    public string? IntakeReminderHours { get; set; }

    [Required(ErrorMessage = "Enter the email address for urgent alerts. It cannot be left empty: when a patient's answer needs urgent attention, the clinic is told there at once.")]
    [StringLength(254, ErrorMessage = "That email address is too long.")]
    [EmailAddress(ErrorMessage = "Enter one email address like alerts@yourclinic.com.")]
    public string? AlertEmail { get; set; }

    [Required(ErrorMessage = "Choose the units parents use for weights and volumes.")]
    [RegularExpression("^(Metric|US)$", ErrorMessage = "Choose the units parents use for weights and volumes: metric or US.")]
    public string? Units { get; set; }

    [Required(ErrorMessage = "Choose the clinic's language and region.")]
    [StringLength(20, ErrorMessage = "Choose the clinic's language and region from the list.")]
    public string? Culture { get; set; }

    public static SettingsInput From(ClinicSettings s) => new()
    {
        Units = s.Units.ToString(),
        Culture = s.Culture,
        Name = s.Name, Address = s.Address, Phone = s.Phone, TimeZone = s.TimeZone,
        SlotStepMinutes = s.SlotStepMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MinimumNoticeHours = AdminText.Hours(s.MinimumNoticeMinutes),
        BookingHorizonDays = s.BookingHorizonDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CancellationWindowHours = AdminText.Hours(s.CancellationWindowMinutes),
        ReminderOffsetsHours = string.Join(", ", s.ReminderOffsets.Select(o => AdminText.Hours((int)o.TotalMinutes))),
        IntakeReminderHours = AdminText.Hours(s.IntakeReminderOffsetMinutes),
        AlertEmail = s.AlertEmail,
    };
}

// ---- Pages: what a view shows. ----

public sealed record AppointmentLine(int Id, DateTime StartUtc, string PractitionerName, string ServiceName, string PatientName);

/// <param name="VersionNumber">Null when the patient has only a draft (shown because it raised urgent guidance).</param>
/// <param name="Held">Shown urgent guidance and not yet called by a practitioner: their visits are held.</param>
public sealed record IntakeLine(string PatientName, string PatientEmail, int? VersionNumber, DateTime SubmittedUtc, string? Tier, int? NextAppointmentId,
    DateTime? NextAppointmentUtc, bool Held = false);

public sealed record DashboardPage(TimeZoneInfo Zone, DateOnly Today, IReadOnlyList<AppointmentLine> TodayAppointments, IReadOnlyList<AppointmentLine> WeekAppointments,
    IReadOnlyList<IntakeLine> AwaitingReview, IReadOnlyList<IntakeLine> RedFlags, int FailedEmails);

public sealed record PractitionerLine(int Id, string Name, string Email, bool IsActive, int Intervals, int Upcoming);

public sealed record PractitionersPage(IReadOnlyList<PractitionerLine> Practitioners, string? Flash);

public sealed record NewPractitionerPage(NewPractitionerInput Input);

public sealed record PractitionerPage(Practitioner Practitioner, string Email, PractitionerProfileInput Profile, WeeklyHoursInput Hours,
    IReadOnlyList<AppointmentLine> Upcoming, IReadOnlyList<AppointmentLine> OutsideHours, TimeZoneInfo Zone, string? Flash);

public sealed record DeactivatePage(Practitioner Practitioner, IReadOnlyList<AppointmentLine> Upcoming, TimeZoneInfo Zone);

public sealed record ServicesPage(IReadOnlyList<Service> Services, string? Flash);

public sealed record ServicePage(int? Id, ServiceInput Input, bool IsActive, int UpcomingBookings, string? Flash);

public sealed record SettingsPage(SettingsInput Input, string? Flash);

public sealed record AuditFilter(string? Actor, string? Patient, string? Action, string? From, string? To, int Page);

public sealed record AuditLine(DateTime AtUtc, string? ActorEmail, string Action, string RecordType, string? RecordId, string? PatientEmail,
    string? IpAddress);

public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<AuditLine> Rows, IReadOnlyList<string> Actions, int Total, int PageSize,
    IReadOnlyList<string> Problems, TimeZoneInfo Zone);

public sealed record OutboxFilter(string? Status, string? Kind, string? Date, int Page);

public sealed record OutboxLine(long Id, OutboxKind Kind, string Recipient, string Subject, OutboxStatus Status, int Attempts, DateTime DueUtc,
    DateTime? SentUtc, string? LastError);

public sealed record OutboxPage(OutboxFilter Filter, IReadOnlyList<OutboxLine> Rows, int Total, int PageSize, IReadOnlyList<string> Problems,
    TimeZoneInfo Zone, string? Flash);

/// <summary>One labelled input for the admin forms (_Field.cshtml): label, hint, the error beside it, the typed value back.</summary>
public sealed record AdminField(string Name, string Label, string? Value)
{
    public string? Hint { get; init; }
    public string Type { get; init; } = "text";
    public string? InputMode { get; init; }
    public int? MaxLength { get; init; }
    public bool Multiline { get; init; }
    public string? Unit { get; init; }
    public string? Autocomplete { get; init; }
    public string? CssClass { get; init; }
}

public sealed record AdminAppointmentPage(Domain.Booking.Appointment Appointment, string PatientName, string PatientEmail,
    string PractitionerName, string ServiceName, Domain.Practice.IntakeBadge Badge, TimeZoneInfo Zone);

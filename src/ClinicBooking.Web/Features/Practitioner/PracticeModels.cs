using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Infrastructure;

// The folder is Features/Practitioner (views sit beside PractitionerController); the namespace is "Practice"
// because a namespace named Practitioner would hide the Practitioner entity from every other feature.
namespace ClinicBooking.Web.Features.Practice;

public sealed record ScheduleItem(Appointment Appointment, string PatientName, string ServiceName, IntakeBadge Badge);

public sealed record ScheduleDay(DateOnly Date, IReadOnlyList<ScheduleItem> Items);

public sealed record SchedulePage(
    string PractitionerName,
    bool WeekView,
    DateOnly Date,
    IReadOnlyList<ScheduleDay> Days,
    DateOnly Today,
    TimeZoneInfo Zone,
    bool OpenedAhead = false)
{
    public DateOnly Previous => Date.AddDays(WeekView ? -7 : -1);
    public DateOnly Next => Date.AddDays(WeekView ? 7 : 1);
    public int Count => Days.Sum(d => d.Items.Count);
}

public sealed record ReviewStamp(int VersionNumber, string ReviewerName, DateTime ReviewedUtc);

public sealed record PastVisit(Appointment Appointment, string PractitionerName, VisitOutcome Outcome);

public sealed record ReviewPage(
    Appointment Appointment,
    string PatientName,
    string PatientEmail,
    TimeZoneInfo Zone,
    IntakeBadge Badge,
    IntakeVersion? Latest,
    IntakeAssessment? Assessment,
    ReviewStamp? LastReview,
    IReadOnlyList<AnswerChange> Changes,
    OutcomeInput Outcome,
    bool CanRecordOutcome,
    IReadOnlyList<ChartSeries> Chart,
    IReadOnlyList<PastVisit> History,
    string? Flash)
{
    public IReadOnlySet<string> ChangedKeys { get; } = Changes.Select(c => c.Key).ToHashSet();

    /// <summary>Flags a re-assessment today raises that the patient was not shown when they submitted.</summary>
    public IReadOnlyList<RedFlag> TodayAlsoFlags { get; init; } = [];

    /// <summary>Flags the patient was shown that a re-assessment today would no longer raise (the baby is older).</summary>
    public IReadOnlyList<RedFlag> TodayNoLongerFlags { get; init; } = [];

    /// <summary>The patient's open urgent case: guidance shown (perhaps from a draft), the clinic must call first.</summary>
    public Domain.Practice.UrgentCase? Urgent { get; init; }

    /// <summary>The phone number the patient gave, to call them about the urgent case (null: not given yet).</summary>
    public string? UrgentPhone { get; init; }

    /// <summary>No booked or recent visit with this patient (PRODUCT.md §8): the page shows the diary entry only.</summary>
    public bool NoAccess { get; init; }

    public int AccessDays { get; init; }

    /// <summary>The clinic's units, for weights and volumes in the answers.</summary>
    public MeasurementUnits Units { get; init; } = MeasurementUnits.Metric;
}

/// <summary>The visit-outcome form. Every figure is optional: record what was measured.</summary>
public sealed class OutcomeInput
{
    [Required(ErrorMessage = "Choose whether the visit took place.")]
    [RegularExpression("^(completed|noshow)$", ErrorMessage = "Choose Completed or No-show.")]
    public string? Attendance { get; set; }

    [StringLength(VisitOutcome.NotesMaxLength, ErrorMessage = "Keep notes to 1,000 characters.")]
    public string? Notes { get; set; }

    [Range(0, 3000, ErrorMessage = "Supplement: a number of mL from 0 to 3,000.")]
    public int? SupplementMl24h { get; set; }

    [Range(0, 3000, ErrorMessage = "Expressed milk: a number of mL from 0 to 3,000.")]
    public int? ExpressedMl24h { get; set; }

    [Range(0, 40, ErrorMessage = "Feeds: a number from 0 to 40.")]
    public int? Feeds24h { get; set; }

    [Range(0, 40, ErrorMessage = "Wet diapers: a number from 0 to 40.")]
    public int? WetDiapers24h { get; set; }

    [Range(300, 15000, ErrorMessage = "Baby's weight: grams, from 300 to 15,000.")]
    public int? BabyWeightGrams { get; set; }

    public DateOnly? BabyWeightDate { get; set; }

    [Range(0, 10, ErrorMessage = "Confidence: a number from 0 to 10.")]
    public int? Confidence { get; set; }

    public OutcomeFigures ToFigures() =>
        new(SupplementMl24h, ExpressedMl24h, Feeds24h, WetDiapers24h, BabyWeightGrams,
            BabyWeightGrams is null ? null : BabyWeightDate, Confidence);

    public static OutcomeInput From(Appointment appointment, VisitOutcome? outcome) => new()
    {
        Attendance = appointment.Status switch
        {
            AppointmentStatus.Completed => "completed",
            AppointmentStatus.NoShow => "noshow",
            _ => null,
        },
        Notes = outcome?.Notes,
        SupplementMl24h = outcome?.SupplementMl24h,
        ExpressedMl24h = outcome?.ExpressedMl24h,
        Feeds24h = outcome?.Feeds24h,
        WetDiapers24h = outcome?.WetDiapers24h,
        BabyWeightGrams = outcome?.BabyWeightGrams,
        BabyWeightDate = outcome?.BabyWeightDate,
        Confidence = outcome?.Confidence,
    };
}

public sealed record TimeOffRow(int Id, DateTime StartUtc, DateTime EndUtc);

public sealed record AvailabilityPage(
    IReadOnlyDictionary<DayOfWeek, string> Hours,
    IReadOnlyList<TimeOffRow> TimeOff,
    IReadOnlyList<Appointment> Conflicts,
    string? ConflictMessage,
    TimeOffInput NewTimeOff,
    TimeZoneInfo Zone,
    string? Flash);

public sealed class TimeOffInput
{
    [Required(ErrorMessage = "Enter the first day of the time off.")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "Enter the time the time off starts.")]
    public TimeOnly? StartTime { get; set; }

    [Required(ErrorMessage = "Enter the last day of the time off.")]
    public DateOnly? EndDate { get; set; }

    [Required(ErrorMessage = "Enter the time the time off ends.")]
    public TimeOnly? EndTime { get; set; }
}

/// <summary>
/// Weekday names as the staff hours forms and their messages show them, through the localizer (English is the key).
/// The form fields keep the enum's names (Monday…): they are values, not text.
/// </summary>
public sealed class Weekdays
{
    public static string Name(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Text.Get<Weekdays>("Monday"),
        DayOfWeek.Tuesday => Text.Get<Weekdays>("Tuesday"),
        DayOfWeek.Wednesday => Text.Get<Weekdays>("Wednesday"),
        DayOfWeek.Thursday => Text.Get<Weekdays>("Thursday"),
        DayOfWeek.Friday => Text.Get<Weekdays>("Friday"),
        DayOfWeek.Saturday => Text.Get<Weekdays>("Saturday"),
        _ => Text.Get<Weekdays>("Sunday"),
    };
}

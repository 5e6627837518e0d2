using ClinicBooking.Web.Features.Booking;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Configuration section <c>Clinic</c> (PRODUCT.md §6). Copied into the database on first start (a fresh database
/// takes the configuration); from then on the admin edits the stored settings.
/// </summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    public string Name { get; set; } = "Riverside Acupuncture for New Parents";
    public string Address { get; set; } = "12 Harbour Street, Springfield";
    public string Phone { get; set; } = "555-0100";

    /// <summary>IANA zone every time is shown in, e.g. America/New_York.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    public TimeSpan SlotStep { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan MinimumNotice { get; set; } = TimeSpan.FromHours(12);
    public int BookingHorizonDays { get; set; } = 60;

    /// <summary>Inside this time before a visit, patients call the clinic instead of changing it online.</summary>
    public TimeSpan CancellationWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Reminder emails this long before a visit. Empty here means the default (24 h and 2 h); the
    /// configuration binder would append configured items to a non-empty default.</summary>
    public TimeSpan[]? ReminderOffsets { get; set; }

    public TimeSpan IntakeReminderOffset { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long after a visit that took place its practitioner may still read the patient's intake (PRODUCT.md §8).</summary>
    public int PractitionerAccessDays { get; set; } = 90;

    /// <summary>How many visits ahead one patient account may hold at once (a course of treatment fits; a flood does not).</summary>
    public int MaxUpcomingVisitsPerPatient { get; set; } = 6;

    /// <summary>
    /// After this many no-shows (since staff last lifted the block) a patient can no longer book online and is asked
    /// to call; the front desk can still book for them. 0 turns the rule off.
    /// </summary>
    public int NoShowLimit { get; set; } = 2;

    /// <summary>
    /// How long a place on the waitlist lasts (issue 16): after this many days it stops being offered times, and the
    /// patient can join again.
    /// </summary>
    public int WaitlistDays { get; set; } = 30;

    /// <summary>
    /// Where "an intake needs urgent review" alerts go (a link only). Required in Production: the app refuses to start
    /// without it, because an urgent answer must always reach a person.
    /// </summary>
    public string AlertEmail { get; set; } = "";

    /// <summary>
    /// The clinic's culture (a specific .NET culture name such as <c>en-US</c>, <c>en-GB</c>, <c>de-DE</c>): the time
    /// format (12-hour for en-US), date format, first day of the week, number format and the default units.
    /// </summary>
    public string Culture { get; set; } = "en-US";

    /// <summary>
    /// <c>Metric</c> (grams, mL) or <c>US</c> (pounds and ounces, fl oz) for the intake's weights and volumes. Always
    /// stored in grams and mL. Empty: from the culture (US for a country that does not measure in metric, such as en-US).
    /// </summary>
    public string Units { get; set; } = "";

    public Domain.Intake.MeasurementUnits EffectiveUnits =>
        Enum.TryParse<Domain.Intake.MeasurementUnits>(Units, ignoreCase: true, out var units) ? units
        : ClinicCulture.IsValid(Culture) && !ClinicCulture.For(Culture).IsMetric ? Domain.Intake.MeasurementUnits.US
        : Domain.Intake.MeasurementUnits.Metric;

    public const string AlertEmailRequired =
        "Clinic:AlertEmail must be set to a monitored mailbox in Production (for example Clinic__AlertEmail=alerts@yourclinic.example): " +
        "when a patient's answer needs urgent attention, the clinic is alerted there at once.";

    /// <summary>A plausible single address (what the settings page also accepts).</summary>
    public static bool IsEmail(string? value) =>
        value is { Length: > 2 and <= 254 } v && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(v.Trim())
        && !v.Trim().Contains(' ', StringComparison.Ordinal) && !v.Contains(',', StringComparison.Ordinal);

    public IReadOnlyList<TimeSpan> EffectiveReminderOffsets =>
        ReminderOffsets is { Length: > 0 } offsets ? offsets : [TimeSpan.FromDays(1), TimeSpan.FromHours(2)];
}

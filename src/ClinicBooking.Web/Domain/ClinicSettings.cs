using System.Globalization;

namespace ClinicBooking.Web.Domain;

/// <summary>The clinic's settings (PRODUCT.md §6): one row, editable by the admin. Durations in whole minutes.</summary>
public class ClinicSettings
{
    public int Id { get; private set; } = 1;
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public int SlotStepMinutes { get; set; } = 15;
    public int MinimumNoticeMinutes { get; set; } = 720;
    public int BookingHorizonDays { get; set; } = 60;
    public int CancellationWindowMinutes { get; set; } = 1440;

    /// <summary>Comma-separated minutes before a visit, e.g. "1440,120".</summary>
    public string ReminderOffsetsMinutes { get; set; } = "1440,120";

    public int IntakeReminderOffsetMinutes { get; set; } = 4320;
    public string AlertEmail { get; set; } = "";

    /// <summary>The clinic's culture name (en-US, en-GB, de-DE…): how times, dates and numbers read.</summary>
    public string Culture { get; set; } = "en-US";

    public Features.Booking.ClinicCulture CultureFormat =>
        Features.Booking.ClinicCulture.IsValid(Culture) ? Features.Booking.ClinicCulture.For(Culture) : Features.Booking.ClinicCulture.For("en-US");

    /// <summary>How parents enter and staff read weights and volumes: grams and mL, or pounds, ounces and fl oz.</summary>
    public Intake.MeasurementUnits Units { get; set; } = Intake.MeasurementUnits.Metric;

    public TimeSpan SlotStep => TimeSpan.FromMinutes(SlotStepMinutes);
    public TimeSpan MinimumNotice => TimeSpan.FromMinutes(MinimumNoticeMinutes);
    public TimeSpan CancellationWindow => TimeSpan.FromMinutes(CancellationWindowMinutes);
    public TimeSpan IntakeReminderOffset => TimeSpan.FromMinutes(IntakeReminderOffsetMinutes);

    public IReadOnlyList<TimeSpan> ReminderOffsets =>
        ReminderOffsetsMinutes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => TimeSpan.FromMinutes(int.Parse(m, CultureInfo.InvariantCulture))).ToList();

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public ClinicSettings Copy() => (ClinicSettings)MemberwiseClone();
}

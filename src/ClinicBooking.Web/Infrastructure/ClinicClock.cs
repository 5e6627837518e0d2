namespace ClinicBooking.Web.Infrastructure;

/// <summary>The injected clock seen from the clinic's time zone: "today" for a patient is the clinic's today.</summary>
public sealed class ClinicClock(TimeProvider time, ClinicSettingsStore settings)
{
    public TimeZoneInfo Zone => settings.Current.Zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The clinic's wall-clock date and time now (Kind = Unspecified).</summary>
    public DateTime LocalNow => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}

namespace ClinicBooking.Web.Infrastructure;

/// <summary>The injected clock seen from the clinic's time zone: "today" for a patient is the clinic's today.</summary>
public sealed class ClinicClock(TimeProvider time, ClinicSettingsStore settings)
{
    public TimeZoneInfo Zone => settings.Current.Zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}

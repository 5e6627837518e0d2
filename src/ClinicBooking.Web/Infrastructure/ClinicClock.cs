using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>The injected clock seen from the clinic's time zone: "today" for a patient is the clinic's today.</summary>
public sealed class ClinicClock(TimeProvider time, IOptions<ClinicOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Zone));
}

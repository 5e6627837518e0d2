using System.Globalization;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>How times read everywhere (UX.md): weekday, date, time, and the clinic's zone.</summary>
public static class TimeFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"New York time" from "America/New_York".</summary>
    public static string ZoneName(TimeZoneInfo zone) =>
        zone.Id.Contains('/', StringComparison.Ordinal) ? zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ') + " time" : zone.Id;

    /// <summary>"Tue 2 Dec, 10:30 (New York time)".</summary>
    public static string When(DateTime utc, TimeZoneInfo zone) =>
        $"{Local(utc, zone).ToString("ddd d MMM, HH:mm", English)} ({ZoneName(zone)})";

    public static string Day(DateOnly date) => date.ToString("ddd d MMM", English);

    public static string Time(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString("HH:mm", English);

    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>ISO 8601 with the clinic's offset, as in the JSON contract and the booking form.</summary>
    public static string Iso(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone)
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static bool TryParseIso(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrEmpty(text) || text.Length > 40
            || !DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mmzzz", "yyyy-MM-ddTHH:mm:ssZ"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }
}

/// <summary>
/// Formats many instants of one zone like <see cref="TimeFormat.Iso"/>, making the offset's text once per offset (a
/// month of slots has one or two) instead of converting and formatting a DateTimeOffset per slot.
/// </summary>
public sealed class IsoFormatter(TimeZoneInfo zone)
{
    private TimeSpan _offset = TimeSpan.MinValue;
    private string _suffix = "";

    public string Format(DateTime utc)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (offset != _offset)
        {
            _offset = offset;
            _suffix = new DateTimeOffset(2000, 1, 1, 0, 0, 0, offset).ToString("zzz", CultureInfo.InvariantCulture);
        }

        return string.Concat((utc + offset).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), _suffix);
    }
}

using System.Globalization;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// How times, dates and numbers read everywhere (UX.md): weekday, date, time and the clinic's zone, in the clinic's
/// culture (<c>Clinic:Culture</c>): "Wed, Dec 2, 9:00 AM" for en-US, "Wed 2 Dec, 09:00" for en-GB. The one
/// formatting service of the app: pages, emails and exports all go through it. The culture in force is the clinic's,
/// set for each request (<see cref="ClinicCultureMiddleware"/>) and for each batch of emails (<see cref="Use"/>).
/// </summary>
public static class TimeFormat
{
    /// <summary>Used outside a request or email batch (start-up, tests): the shipped default clinic's culture.</summary>
    public static readonly CultureInfo DefaultCulture = CultureInfo.GetCultureInfo("en-US");

    private static readonly AsyncLocal<ClinicCulture?> Ambient = new();

    /// <summary>The clinic culture in force for this request or email batch.</summary>
    public static ClinicCulture Culture => Ambient.Value ?? ClinicCulture.For(DefaultCulture.Name);

    /// <summary>Puts <paramref name="culture"/> in force for the rest of the calling async flow.</summary>
    public static void Use(ClinicCulture culture) => Ambient.Value = culture;

    /// <summary>"New York time" from "America/New_York" ("hora de New York" in Spanish).</summary>
    public static string ZoneName(TimeZoneInfo zone) =>
        zone.Id.Contains('/', StringComparison.Ordinal)
            ? Infrastructure.Text.Get<TimeText>("{0} time", zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' '))
            : zone.Id;

    /// <summary>"Wed, Dec 2, 9:00 AM (New York time)" (en-US) or "Wed 2 Dec, 09:00 (New York time)" (en-GB).</summary>
    public static string When(DateTime utc, TimeZoneInfo zone) => $"{WhenLocal(Local(utc, zone))} ({ZoneName(zone)})";

    /// <summary>A local date and time without the zone: "Wed, Dec 2, 9:00 AM".</summary>
    public static string WhenLocal(DateTime local)
    {
        var c = Culture;
        return $"{local.ToString(c.DayPattern, c.Info)}, {local.ToString(c.TimePattern, c.Info)}";
    }

    /// <summary>"Wed, Dec 2" (en-US), "Wed 2 Dec" (en-GB), "Mi. 2. Dez." (de-DE).</summary>
    public static string Day(DateOnly date) => date.ToString(Culture.DayPattern, Culture.Info);

    /// <summary>"Wednesday, December 2, 2026" (en-US), "Wednesday 2 December 2026" (en-GB).</summary>
    public static string LongDay(DateOnly date) => date.ToString(Culture.LongDayPattern, Culture.Info);

    /// <summary>"9:00 AM" (en-US), "09:00" (en-GB).</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone) => LocalTime(Local(utc, zone));

    public static string LocalTime(DateTime local) => local.ToString(Culture.TimePattern, Culture.Info);

    /// <summary>"24 hours", "2 days", "90 minutes": a span of time as a patient reads it.</summary>
    public static string Span(TimeSpan span) =>
        span.TotalMinutes % (24 * 60) == 0 && span.TotalDays >= 2 ? Infrastructure.Text.Get<TimeText>("{0} days", span.TotalDays.ToString("0", CultureInfo.InvariantCulture))
        : span.TotalMinutes % 60 == 0 ? (span.TotalHours == 1 ? Infrastructure.Text.Get<TimeText>("1 hour")
            : Infrastructure.Text.Get<TimeText>("{0} hours", span.TotalHours.ToString("0", CultureInfo.InvariantCulture)))
        : Infrastructure.Text.Get<TimeText>("{0} minutes", span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture));

    /// <summary>A whole or decimal number in the clinic's culture: "3,300" (en-US), "3.300" (de-DE).</summary>
    public static string Number(decimal value) => value.ToString("#,0.##", Culture.Info);

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

/// <summary>Resource anchor for the words of times and spans ("{0} time", "2 days").</summary>
public sealed class TimeText;

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

/// <summary>
/// A clinic culture and the patterns the app derives from it once: weekday and short date in the culture's own
/// order, its short time (12- or 24-hour), its first day of the week and whether it measures in metric units.
/// </summary>
public sealed class ClinicCulture
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClinicCulture> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cultures the settings page offers (any specific .NET culture name is accepted in configuration).</summary>
    public static readonly IReadOnlyList<string> Offered =
    [
        "en-US", "en-GB", "en-CA", "en-AU", "en-NZ", "en-IE", "es-US", "es-ES", "es-MX", "fr-FR", "fr-CA", "de-DE", "de-AT",
        "de-CH", "nl-NL", "it-IT", "pt-BR", "pt-PT", "sv-SE", "da-DK", "nb-NO", "fi-FI", "pl-PL",
    ];

    private ClinicCulture(CultureInfo info, CultureInfo? region = null)
    {
        region ??= info;
        Info = info;
        var monthDay = info.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
        // Month first (en-US "MMM d") reads "Wed, Dec 2"; day first (en-GB "d MMM") reads "Wed 2 Dec".
        // Spanish abbreviations collide ("mar" is both martes and marzo): the weekday is written out there.
        var weekday = info.TwoLetterISOLanguageName == "es" ? "dddd" : "ddd";
        DayPattern = monthDay.TrimStart().StartsWith('M') ? $"{weekday}, {monthDay}" : $"{weekday} {monthDay}";
        LongDayPattern = info.DateTimeFormat.MonthDayPattern.TrimStart().StartsWith('M')
            ? $"dddd, {info.DateTimeFormat.MonthDayPattern}, yyyy" : $"dddd {info.DateTimeFormat.MonthDayPattern} yyyy";
        // ICU writes a narrow no-break space before AM/PM; a plain no-break space keeps "9:00 AM" together in every
        // email client's fonts too.
        TimePattern = info.DateTimeFormat.ShortTimePattern.Replace('\u202F', '\u00A0');
        FirstDayOfWeek = region.DateTimeFormat.FirstDayOfWeek;
        IsMetric = new RegionInfo(region.Name).IsMetric;
        Region = region;
    }

    /// <summary>The clinic's own culture: its week and units, whatever language the words are in.</summary>
    public CultureInfo Region { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClinicCulture> _languages = new(StringComparer.Ordinal);

    /// <summary>
    /// This clinic's culture for a reader of <paramref name="language"/>: an en-US clinic read in Spanish formats as
    /// es-US ("mié, 2 dic, 9:00 a. m."), keeping the clinic's first day of the week and units. A language with no
    /// variant for the clinic's country takes the language's own patterns.
    /// </summary>
    public ClinicCulture InLanguage(string language)
    {
        if (Info.TwoLetterISOLanguageName == language)
        {
            return this;
        }

        return _languages.GetOrAdd(language, l =>
        {
            var country = new RegionInfo(Region.Name).TwoLetterISORegionName;
            var name = $"{l}-{country}";
            var info = IsValid(name) ? CultureInfo.GetCultureInfo(name, predefinedOnly: true) : CultureInfo.GetCultureInfo(l);
            return new ClinicCulture(info, Region);
        });
    }

    public CultureInfo Info { get; }
    public string Name => Info.Name;
    public string DayPattern { get; }
    public string LongDayPattern { get; }
    public string TimePattern { get; }
    public DayOfWeek FirstDayOfWeek { get; }
    public bool IsMetric { get; }
    public bool TwelveHour => TimePattern.Contains('h', StringComparison.Ordinal);

    /// <summary>The culture by name; throws for a name that is not a specific .NET culture (see <see cref="IsValid"/>).</summary>
    public static ClinicCulture For(string name) => Cache.GetOrAdd(name, n => new ClinicCulture(CultureInfo.GetCultureInfo(n, predefinedOnly: true)));

    /// <summary>A specific culture .NET knows ("en-US", not "en" or "xx-YY").</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 20)
        {
            return false;
        }

        try
        {
            var info = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return !info.IsNeutralCulture && info.Name.Length > 0 && info.Name.Equals(name, StringComparison.OrdinalIgnoreCase);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The first day of the week holding <paramref name="date"/>, in this culture (Sunday in the US, Monday in most of Europe).</summary>
    public DateOnly WeekStartOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek - (int)FirstDayOfWeek + 7) % 7));
}

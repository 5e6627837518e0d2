using System.Globalization;
using System.Text.RegularExpressions;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.Web.Domain.Practice;

public sealed record HoursInterval(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>
/// A practitioner's week as people write it: "09:00-12:00, 13:00-17:00" per weekday, empty for a day off.
/// Parsing and the "would this strand a booked visit?" rule are pure, so they are unit-tested.
/// </summary>
public static partial class WeeklyHours
{
    public const int MaxIntervalsPerDay = 6;

    /// <summary>Monday first, as clinics write their week.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    [GeneratedRegex(@"^(\d{1,2})(?::(\d{2}))?\s*(?:-|–|to)\s*(\d{1,2})(?::(\d{2}))?$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Range();

    /// <summary>Reads one day's text; on failure returns null and a message the person can act on.</summary>
    public static IReadOnlyList<HoursInterval>? TryParse(DayOfWeek day, string? text, out string? error)
    {
        error = null;
        var result = new List<HoursInterval>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        if (text.Length > 200)
        {
            error = "Write at most a few ranges, such as 09:00-12:00, 13:00-17:00.";
            return null;
        }

        foreach (var part in text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Range().Match(part);
            if (!match.Success || !TryTime(match.Groups[1].Value, match.Groups[2].Value, out var start)
                               || !TryTime(match.Groups[3].Value, match.Groups[4].Value, out var end))
            {
                error = $"“{part}” is not a time range. Write it like 09:00-17:00 (24-hour clock).";
                return null;
            }

            if (end <= start)
            {
                error = $"{part}: the end must be after the start. Use the 24-hour clock, like 09:00-17:00.";
                return null;
            }

            // Visits start on the clinic's slot marks; 09:07 would offer 09:07, 09:22… to patients.
            if (start.Minute % 5 != 0 || end.Minute % 5 != 0)
            {
                error = $"{part}: use times on 5-minute marks, like 09:00 or 12:30.";
                return null;
            }

            var interval = new HoursInterval(day, start, end);
            if (result.FirstOrDefault(i => i.Start < end && start < i.End) is { } clash)
            {
                error = $"{Show(clash)} and {Show(interval)} overlap. Join them into one range.";
                return null;
            }

            result.Add(interval);
        }

        if (result.Count > MaxIntervalsPerDay)
        {
            error = $"At most {MaxIntervalsPerDay} ranges a day.";
            return null;
        }

        return result.OrderBy(i => i.Start).ToList();
    }

    public static string Format(IEnumerable<HoursInterval> intervals) =>
        string.Join(", ", intervals.OrderBy(i => i.Start).Select(Show));

    public static string Show(HoursInterval i) =>
        $"{i.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{i.End.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The booked visits that would fall outside the new hours: a visit must start and end inside one interval of
    /// its weekday, in the clinic's local time (as the slot calculator offers them). The buffer after a visit
    /// may run past closing: it is the practitioner's time, not the patient's.
    /// </summary>
    public static IReadOnlyList<Appointment> Stranded(IEnumerable<Appointment> booked, IReadOnlyCollection<HoursInterval> hours,
        TimeZoneInfo zone) =>
        booked.Where(a => a.IsActive && !Fits(a, hours, zone)).OrderBy(a => a.StartUtc).ToList();

    /// <summary>The booked visits that overlap a stretch of time off.</summary>
    public static IReadOnlyList<Appointment> DuringTimeOff(IEnumerable<Appointment> booked, DateTime startUtc, DateTime endUtc) =>
        booked.Where(a => a.IsActive && a.StartUtc < endUtc && startUtc < a.EndUtc).OrderBy(a => a.StartUtc).ToList();

    private static bool Fits(Appointment a, IReadOnlyCollection<HoursInterval> hours, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(a.EndUtc, zone);
        if (end.Date != start.Date && end.TimeOfDay != TimeSpan.Zero)
        {
            return false;
        }

        var startTime = TimeOnly.FromDateTime(start);
        var endTime = end.Date != start.Date ? TimeOnly.MaxValue : TimeOnly.FromDateTime(end);
        return hours.Any(h => h.Day == start.DayOfWeek && h.Start <= startTime && endTime <= h.End);
    }

    private static bool TryTime(string hours, string minutes, out TimeOnly time)
    {
        time = default;
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = minutes.Length == 0 ? 0 : int.Parse(minutes, CultureInfo.InvariantCulture);
        if (h > 23 || m > 59)
        {
            return false;
        }

        time = new TimeOnly(h, m);
        return true;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>Reads a day's hours as a person types them: "09:00-12:00, 13:00-17:00" (or "9-17"); empty means a day off.</summary>
public static partial class WeeklyHours
{
    public const int MaxPerDay = 6;

    /// <summary>Null when the text reads well (the intervals in <paramref name="intervals"/>), else what is wrong.</summary>
    public static string? Parse(string? text, out List<(TimeOnly Start, TimeOnly End)> intervals)
    {
        intervals = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 200)
        {
            return "that is too long; write at most six times like 09:00-12:00.";
        }

        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = IntervalPattern().Match(part);
            if (!match.Success || !TryTime(match.Groups["from"].Value, out var start) || !TryTime(match.Groups["to"].Value, out var end))
            {
                return $"\"{part}\" is not a time range; write it like 09:00-17:00.";
            }

            if (end <= start)
            {
                return $"{part} ends before it starts.";
            }

            if (intervals.Any(i => i.Start < end && start < i.End))
            {
                return $"{part} overlaps another time on the same day.";
            }

            intervals.Add((start, end));
        }

        if (intervals.Count > MaxPerDay)
        {
            return $"at most {MaxPerDay} time ranges a day.";
        }

        intervals.Sort();
        return null;
    }

    /// <summary>Whether one interval on the visit's (clinic-local) day holds it from start to the end of its buffer.</summary>
    public static bool Covers(IEnumerable<(DayOfWeek Day, TimeOnly Start, TimeOnly End)> intervals, DateTime localStart, DateTime localBlockedUntil) =>
        localBlockedUntil.Date == localStart.Date
        && intervals.Any(i => i.Day == localStart.DayOfWeek && i.Start <= TimeOnly.FromDateTime(localStart)
                              && TimeOnly.FromDateTime(localBlockedUntil) <= i.End);

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Length <= 2 ? text + ":00" : text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    [GeneratedRegex(@"^(?<from>\d{1,2}(:\d{2})?)\s*(-|–|to)\s*(?<to>\d{1,2}(:\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex IntervalPattern();
}

namespace ClinicBooking.Web.Domain.Booking;

/// <summary>One later session of a course: the day it is aimed at, the free times near it, and the one proposed.</summary>
/// <param name="Target">The first visit's clinic date plus (session - 1) × the days between.</param>
/// <param name="Options">Free starts (UTC) from <see cref="CoursePlanner.WindowBefore"/> days before the target to
/// <see cref="CoursePlanner.WindowAfter"/> after it, later than the first visit's day; oldest first.</param>
/// <param name="Proposed">On the free day nearest the target (and later than the session before), the free start
/// nearest the first visit's time of day; null when none is free near it.</param>
public sealed record CourseSessionPlan(int Session, DateOnly Target, IReadOnlyList<DateTime> Options, DateTime? Proposed);

public enum CourseChoiceProblem
{
    None,

    /// <summary>No time chosen, or more than the course has sessions left.</summary>
    Count,

    /// <summary>Two sessions on one day, or a session not after the one before it (or not after the first visit's day).</summary>
    Order,
}

/// <summary>
/// Proposes the rest of a treatment course (issue 16) from the practitioner's free times, and checks the times a
/// person chose. Pure: the caller reads the free times once for the whole range (<see cref="Range"/>).
/// </summary>
public static class CoursePlanner
{
    public const int WindowBefore = 2, WindowAfter = 3;

    /// <summary>The clinic dates whose free times the proposals need: the day after the first visit to the last window's end.</summary>
    public static (DateOnly From, DateOnly To) Range(DateOnly firstDate, int sessions, int daysBetween) =>
        (firstDate.AddDays(1), firstDate.AddDays(((sessions - 1) * daysBetween) + WindowAfter));

    public static IReadOnlyList<CourseSessionPlan> Propose(DateTime firstStartUtc, int sessions, int daysBetween,
        IEnumerable<DateTime> freeStartsUtc, TimeZoneInfo zone)
    {
        var firstLocal = TimeZoneInfo.ConvertTimeFromUtc(firstStartUtc, zone);
        var firstDate = DateOnly.FromDateTime(firstLocal);
        var free = freeStartsUtc.Distinct().OrderBy(s => s)
            .Select(s => (Utc: s, Local: TimeZoneInfo.ConvertTimeFromUtc(s, zone)))
            .Where(s => DateOnly.FromDateTime(s.Local) > firstDate).ToList();
        var plans = new List<CourseSessionPlan>();
        var previousDate = firstDate;
        for (var session = 2; session <= sessions; session++)
        {
            var target = firstDate.AddDays((session - 1) * daysBetween);
            var targetLocal = target.ToDateTime(TimeOnly.FromTimeSpan(firstLocal.TimeOfDay));
            var options = free.Where(s => DateOnly.FromDateTime(s.Local) >= target.AddDays(-WindowBefore)
                                          && DateOnly.FromDateTime(s.Local) <= target.AddDays(WindowAfter)).ToList();
            var after = previousDate;
            // The day nearest the target first, then the time nearest the first visit's time of day on it (a
            // weekend target becomes Friday or Monday at the usual time, not Monday at opening), then the earlier.
            var proposed = options.Where(s => DateOnly.FromDateTime(s.Local) > after)
                .OrderBy(s => Math.Abs(DateOnly.FromDateTime(s.Local).DayNumber - target.DayNumber))
                .ThenBy(s => Math.Abs((s.Local.TimeOfDay - targetLocal.TimeOfDay).Ticks)).ThenBy(s => s.Utc)
                .Select(s => (DateTime?)s.Utc).FirstOrDefault();
            if (proposed is { } p)
            {
                previousDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(p, zone));
            }

            plans.Add(new CourseSessionPlan(session, target, options.Select(s => s.Utc).ToList(), proposed));
        }

        return plans;
    }

    /// <summary>
    /// Whether chosen starts (in session order) can make the rest of a course: at least one, at most the sessions left,
    /// each on a later clinic day than the one before and than the first visit. Whether each is still free is for
    /// the booking to check, inside its write lock.
    /// </summary>
    public static CourseChoiceProblem Check(IReadOnlyList<DateTime> chosenUtc, DateTime firstStartUtc, int sessions, TimeZoneInfo zone)
    {
        if (chosenUtc.Count == 0 || chosenUtc.Count > sessions - 1)
        {
            return CourseChoiceProblem.Count;
        }

        var previous = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(firstStartUtc, zone));
        foreach (var start in chosenUtc)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, zone));
            if (date <= previous)
            {
                return CourseChoiceProblem.Order;
            }

            previous = date;
        }

        return CourseChoiceProblem.None;
    }
}

using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.UnitTests.Booking;

/// <summary>Issue 16: the rest of a treatment course, proposed at the spacing from the practitioner's free times.</summary>
public sealed class CoursePlannerTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Monday 2 March 2026, 10:00 in New York (EST, UTC-5).
    private static readonly DateTime First = Utc(new DateOnly(2026, 3, 2), 10);

    private static DateTime Utc(DateOnly date, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute)), NewYork);

    /// <summary>Free every weekday from 9:00 to 16:00 on the hour, for the days after the first visit.</summary>
    private static List<DateTime> Weekdays(int days = 40, Func<DateOnly, int, bool>? taken = null)
    {
        var free = new List<DateTime>();
        for (var d = new DateOnly(2026, 3, 2); d < new DateOnly(2026, 3, 2).AddDays(days); d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var h = 9; h <= 16; h++)
            {
                if (taken?.Invoke(d, h) != true)
                {
                    free.Add(Utc(d, h));
                }
            }
        }

        return free;
    }

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork);

    [Fact]
    public void Each_session_is_proposed_on_its_target_day_at_the_first_visits_time_when_free()
    {
        var plan = CoursePlanner.Propose(First, 5, 3, Weekdays(), NewYork);
        Assert.Equal([2, 3, 4, 5], plan.Select(p => p.Session));
        Assert.Equal([new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 14)], plan.Select(p => p.Target));
        // Thursday 10:00; Sunday's target is a day off, so the nearest is Monday 10:00; Wednesday 10:00; Saturday: Friday 10:00.
        Assert.Equal([new DateTime(2026, 3, 5, 10, 0, 0), new DateTime(2026, 3, 9, 10, 0, 0), new DateTime(2026, 3, 11, 10, 0, 0), new DateTime(2026, 3, 13, 10, 0, 0)],
            plan.Select(p => Local(p.Proposed!.Value)));
    }

    [Fact]
    public void A_taken_time_gives_the_nearest_free_one_and_the_options_are_the_window_round_the_target()
    {
        var plan = CoursePlanner.Propose(First, 3, 4, Weekdays(taken: (d, h) => d == new DateOnly(2026, 3, 6) && h is 9 or 10 or 11), NewYork);
        // Friday 6 March: 9 to 11 taken, so the same day at 12:00 (2 h off the usual time) beats Thursday at 10:00.
        Assert.Equal(new DateTime(2026, 3, 6, 12, 0, 0), Local(plan[0].Proposed!.Value));
        Assert.All(plan[0].Options, o => Assert.InRange(DateOnly.FromDateTime(Local(o)).DayNumber,
            new DateOnly(2026, 3, 4).DayNumber, new DateOnly(2026, 3, 9).DayNumber));
        Assert.DoesNotContain(plan[0].Options, o => Local(o) == new DateTime(2026, 3, 6, 10, 0, 0));
    }

    [Fact]
    public void A_session_is_always_on_a_later_day_than_the_one_before_and_none_is_proposed_when_nothing_is_free()
    {
        // Daily sessions: with Tuesday fully taken, session 2 cannot go back to Monday (the first visit's day).
        var plan = CoursePlanner.Propose(First, 3, 1, Weekdays(taken: (d, _) => d == new DateOnly(2026, 3, 3)), NewYork);
        Assert.Equal(new DateOnly(2026, 3, 4), DateOnly.FromDateTime(Local(plan[0].Proposed!.Value)));
        Assert.True(DateOnly.FromDateTime(Local(plan[1].Proposed!.Value)) > new DateOnly(2026, 3, 4));

        var none = CoursePlanner.Propose(First, 3, 7, [], NewYork);
        Assert.All(none, p => Assert.Null(p.Proposed));
        Assert.All(none, p => Assert.Empty(p.Options));
    }

    [Fact]
    public void The_range_read_covers_every_window_and_starts_after_the_first_visit()
    {
        Assert.Equal((new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2).AddDays(16 + CoursePlanner.WindowAfter)),
            CoursePlanner.Range(new DateOnly(2026, 3, 2), 5, 4));
    }

    [Fact]
    public void Chosen_times_need_one_to_the_sessions_left_each_on_a_later_day()
    {
        var thu = Utc(new DateOnly(2026, 3, 5), 10);
        var mon = Utc(new DateOnly(2026, 3, 9), 10);
        Assert.Equal(CourseChoiceProblem.None, CoursePlanner.Check([thu, mon], First, 5, NewYork));
        Assert.Equal(CourseChoiceProblem.None, CoursePlanner.Check([thu], First, 5, NewYork));
        Assert.Equal(CourseChoiceProblem.Count, CoursePlanner.Check([], First, 5, NewYork));
        Assert.Equal(CourseChoiceProblem.Count, CoursePlanner.Check([thu, mon, mon.AddDays(1), mon.AddDays(2), mon.AddDays(3)], First, 5, NewYork));
        Assert.Equal(CourseChoiceProblem.Order, CoursePlanner.Check([mon, thu], First, 5, NewYork));
        Assert.Equal(CourseChoiceProblem.Order, CoursePlanner.Check([thu, thu.AddHours(2)], First, 5, NewYork));
        Assert.Equal(CourseChoiceProblem.Order, CoursePlanner.Check([First.AddHours(3)], First, 5, NewYork));
    }

    [Fact]
    public void A_service_course_is_2_to_12_sessions_1_to_14_days_apart_or_none()
    {
        var service = new Service("Follow-up", 45, 15, false);
        service.SetCourse(6, 3);
        Assert.True(service.IsCourse);
        service.SetCourse(null, null);
        Assert.False(service.IsCourse);
        Assert.Throws<ArgumentOutOfRangeException>(() => service.SetCourse(13, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.SetCourse(1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.SetCourse(6, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.SetCourse(6, 0));
        Assert.Throws<ArgumentException>(() => service.SetCourse(6, null));
        Assert.False(service.IsCourse);
    }
}

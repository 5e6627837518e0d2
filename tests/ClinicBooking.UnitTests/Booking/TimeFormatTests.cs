using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;

namespace ClinicBooking.UnitTests.Booking;

public sealed class TimeFormatTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void The_fast_formatter_writes_what_TimeFormat_Iso_writes_on_both_sides_of_a_clock_change()
    {
        var iso = new IsoFormatter(NewYork);
        // Every quarter hour across the November 2026 fall-back (1 Nov, 02:00 EDT becomes 01:00 EST) and back again.
        for (var utc = new DateTime(2026, 10, 31, 20, 0, 0, DateTimeKind.Utc); utc < new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc); utc = utc.AddMinutes(15))
        {
            Assert.Equal(TimeFormat.Iso(utc, NewYork), iso.Format(utc));
        }

        Assert.Equal("2026-11-01T01:30:00-04:00", iso.Format(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("2026-11-01T01:30:00-05:00", iso.Format(new DateTime(2026, 11, 1, 6, 30, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void The_week_grid_puts_each_start_once_on_its_local_day_with_the_first_practitioner()
    {
        var monday = new DateOnly(2026, 12, 7);
        var at = (int day, int hour, int practitioner) => new Slot(practitioner,
            TimeZoneInfo.ConvertTimeToUtc(monday.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), NewYork),
            TimeZoneInfo.ConvertTimeToUtc(monday.AddDays(day).ToDateTime(new TimeOnly(hour, 45)), NewYork));
        // 21:00 on Sunday in New York is Monday in UTC: it must stay on Sunday, the seventh day.
        var slots = new[] { at(0, 9, 1), at(0, 9, 2), at(0, 10, 2), at(2, 9, 2), at(6, 21, 1) };

        var grid = WeekGrid.Build(slots, monday, monday, 60, NewYork, s => $"p{s.PractitionerId}", w => "", s => $"with <{s.PractitionerId}> & co");

        Assert.Equal(["p1", "p2"], grid.Days[0].Slots.Select(s => s.Href));
        Assert.Equal(["09:00", "10:00"], grid.Days[0].Slots.Select(s => s.Time));
        Assert.Empty(grid.Days[1].Slots);
        Assert.Equal(["p2"], grid.Days[2].Slots.Select(s => s.Href));
        Assert.Equal(["21:00"], grid.Days[6].Slots.Select(s => s.Time));
        // The links are written once, encoded as Razor would.
        Assert.Equal("<li><a class=\"slot\" href=\"p2\" aria-label=\"with &lt;2&gt; &amp; co\">09:00</a></li>", grid.Days[2].LinksHtml.Value);
    }

    [Fact]
    public void Cached_candidates_give_notice_and_horizon_as_of_the_moment_they_are_read()
    {
        var hours = new List<ClinicBooking.Web.Domain.WorkingInterval> { new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0)) };
        var week = new[] { new PractitionerWeek(1, hours) };
        // Busy 11:00-12:00 New York time on Monday 7 December.
        var busy = new[] { new BusyPeriod(1, new DateTime(2026, 12, 7, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 17, 0, 0, DateTimeKind.Utc)) };
        var rules = new SlotRules(TimeSpan.FromMinutes(15), TimeSpan.FromHours(2), 1);
        var candidates = SlotCalculator.Candidates(week, busy, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(15), rules.Step, NewYork,
            new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 14));
        string Local(Slot s) => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, NewYork).ToString("dd HH:mm");

        // 08:00 in New York on the 7th: two hours' notice leaves 10:00, then 12:00 to 16:00; the 14th is past the horizon.
        var early = SlotCalculator.Within(candidates, rules, new DateTime(2026, 12, 7, 13, 0, 0, DateTimeKind.Utc)).Select(Local).ToList();
        Assert.Equal(18, early.Count);
        Assert.Equal(["07 10:00", "07 12:00"], early.Take(2));
        Assert.Equal("07 16:00", early[^1]);

        // Read again on the evening of the 13th from the same candidates: all of the 14th, nothing of the 7th.
        var later = SlotCalculator.Within(candidates, rules, new DateTime(2026, 12, 13, 23, 0, 0, DateTimeKind.Utc)).Select(Local).ToList();
        Assert.Equal(29, later.Count);
        Assert.All(later, t => Assert.StartsWith("14 ", t));
    }

    [Fact]
    public void A_cached_answer_lasts_until_the_first_time_shown_enters_the_notice_or_a_new_one_enters_the_horizon()
    {
        var hours = new List<ClinicBooking.Web.Domain.WorkingInterval> { new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)) };
        var week = new[] { new PractitionerWeek(1, hours) };
        var rules = new SlotRules(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), 7);
        // Mondays 7, 14 and 21 December, 09:00 and 09:30 New York time (14:00 and 14:30 UTC), a 30-minute visit.
        var candidates = SlotCalculator.Candidates(week, [], TimeSpan.FromMinutes(30), TimeSpan.Zero, rules.Step, NewYork,
            new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 21));
        var now = new DateTime(2026, 12, 7, 11, 0, 0, DateTimeKind.Utc);

        // 09:00 on the 7th enters the two-hour notice just after 12:00 UTC; nothing new enters the week before then.
        var until = SlotCalculator.SameUntil(candidates, rules, now);
        Assert.Equal(new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc).AddTicks(1), until);
        Assert.Equal(SlotCalculator.Within(candidates, rules, now), SlotCalculator.Within(candidates, rules, until.AddTicks(-1)));
        Assert.NotEqual(SlotCalculator.Within(candidates, rules, now), SlotCalculator.Within(candidates, rules, until));

        // Late on the 7th the 14th is shown; the next change is its 09:00 entering the notice (12:00 UTC on the 14th),
        // just before 09:00 on the 21st enters the seven-day horizon (14:00 UTC on the 14th).
        var evening = new DateTime(2026, 12, 7, 22, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 12, 14, 12, 0, 0, DateTimeKind.Utc).AddTicks(1), SlotCalculator.SameUntil(candidates, rules, evening));
        // With a ten-day horizon the 21st comes into it first, at 14:00 UTC on the 11th.
        var longer = rules with { HorizonDays = 10 };
        Assert.Equal(new DateTime(2026, 12, 11, 14, 0, 0, DateTimeKind.Utc), SlotCalculator.SameUntil(candidates, longer, evening));
    }
}

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

        TimeFormat.Use(ClinicCulture.For("en-GB"));
        var grid = WeekGrid.Build(slots, monday, monday, 60, NewYork, s => $"p{s.PractitionerId}", w => "", s => $"with <{s.PractitionerId}> & co");

        Assert.Equal(["p1", "p2"], grid.Days[0].Slots.Select(s => s.Href));
        Assert.Equal(["09:00", "10:00"], grid.Days[0].Slots.Select(s => s.Time));
        Assert.Empty(grid.Days[1].Slots);
        Assert.Equal(["p2"], grid.Days[2].Slots.Select(s => s.Href));
        Assert.Equal(["21:00"], grid.Days[6].Slots.Select(s => s.Time));
        // The links are written once, encoded as Razor would, under the part of the day they fall in.
        Assert.Equal("<div class=\"grid-period\"><h3 class=\"period-name\" id=\"p-20261209-morning\">Morning</h3>"
                     + "<ul class=\"slot-list\" aria-labelledby=\"p-20261209-morning\">"
                     + "<li><a class=\"slot\" href=\"p2\" aria-label=\"with &lt;2&gt; &amp; co\">09:00</a></li></ul></div>",
            grid.Days[2].LinksHtml.Value);
        Assert.Equal(["Evening"], grid.Days[6].Periods.Select(p => p.Name));
    }

    [Fact]
    public void Times_read_in_the_clinics_culture_twelve_hour_in_the_US_and_twenty_four_hour_in_Britain_and_Germany()
    {
        var utc = new DateTime(2026, 12, 2, 14, 0, 0, DateTimeKind.Utc); // 09:00 in New York
        TimeFormat.Use(ClinicCulture.For("en-US"));
        Assert.Equal("Wed, Dec 2, 9:00\u00A0AM (New York time)", TimeFormat.When(utc, NewYork));
        Assert.Equal("Wednesday, December 2, 2026", TimeFormat.LongDay(new DateOnly(2026, 12, 2)));
        Assert.Equal("3,300", TimeFormat.Number(3300));

        TimeFormat.Use(ClinicCulture.For("en-GB"));
        Assert.Equal("Wed 2 Dec, 09:00 (New York time)", TimeFormat.When(utc, NewYork));
        Assert.Equal("Wednesday 2 December 2026", TimeFormat.LongDay(new DateOnly(2026, 12, 2)));

        TimeFormat.Use(ClinicCulture.For("de-DE"));
        Assert.Equal("09:00", TimeFormat.Time(utc, NewYork));
        Assert.Equal("3.300", TimeFormat.Number(3300));
    }

    [Theory]
    [InlineData("en-US", DayOfWeek.Sunday, false)]
    [InlineData("en-GB", DayOfWeek.Monday, true)]
    [InlineData("de-DE", DayOfWeek.Monday, true)]
    public void The_culture_sets_the_first_day_of_the_week_and_whether_the_clinic_measures_in_metric(string name, DayOfWeek first, bool metric)
    {
        var culture = ClinicCulture.For(name);
        Assert.Equal(first, culture.FirstDayOfWeek);
        Assert.Equal(metric, culture.IsMetric);
        // Wednesday 2 December 2026 is in the week that starts on Sunday 29 November (US) or Monday 30 November.
        Assert.Equal(first == DayOfWeek.Sunday ? new DateOnly(2026, 11, 29) : new DateOnly(2026, 11, 30), culture.WeekStartOf(new DateOnly(2026, 12, 2)));
        Assert.Equal(culture.WeekStartOf(new DateOnly(2026, 12, 2)), culture.WeekStartOf(culture.WeekStartOf(new DateOnly(2026, 12, 2))));
    }

    [Theory]
    [InlineData("en-US", true)]
    [InlineData("de-DE", true)]
    [InlineData("en", false)]
    [InlineData("xx-YY", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_specific_culture_is_accepted(string? name, bool valid) => Assert.Equal(valid, ClinicCulture.IsValid(name));

    [Fact]
    public void Units_follow_the_culture_unless_set()
    {
        Assert.Equal(ClinicBooking.Web.Domain.Intake.MeasurementUnits.US, new ClinicBooking.Web.Infrastructure.ClinicOptions { Culture = "en-US" }.EffectiveUnits);
        Assert.Equal(ClinicBooking.Web.Domain.Intake.MeasurementUnits.Metric, new ClinicBooking.Web.Infrastructure.ClinicOptions { Culture = "en-GB" }.EffectiveUnits);
        Assert.Equal(ClinicBooking.Web.Domain.Intake.MeasurementUnits.Metric,
            new ClinicBooking.Web.Infrastructure.ClinicOptions { Culture = "en-US", Units = "Metric" }.EffectiveUnits);
    }

    [Fact]
    public void A_day_groups_its_times_into_morning_afternoon_and_evening_with_four_shown_and_the_rest_behind_more()
    {
        TimeFormat.Use(ClinicCulture.For("en-US"));
        var monday = new DateOnly(2026, 12, 7);
        var slots = Enumerable.Range(0, 10).Select(i => monday.ToDateTime(new TimeOnly(8, 0)).AddMinutes(30 * i)) // 08:00 to 12:30
            .Append(monday.ToDateTime(new TimeOnly(17, 30)))
            .Select(local => TimeZoneInfo.ConvertTimeToUtc(local, NewYork))
            .Select(utc => new Slot(1, utc, utc.AddMinutes(45))).ToList();
        var windowEnds = TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(new TimeOnly(9, 0)), NewYork);

        var grid = WeekGrid.Build(slots, monday, monday, 60, NewYork, s => "x", w => "", s => "label", windowEnds, "24 hours");
        var day = grid.Days[0];

        Assert.Equal(["Morning", "Afternoon", "Evening"], day.Periods.Select(p => p.Name));
        Assert.Equal(["8:00\u00A0AM", "8:30\u00A0AM", "9:00\u00A0AM", "9:30\u00A0AM"], day.Periods[0].Shown.Select(s => s.Time));
        Assert.Equal(4, day.Periods[0].More.Count);
        Assert.Contains("<summary>4 more morning times</summary>", day.LinksHtml.Value);
        Assert.Equal(["12:00\u00A0PM", "12:30\u00A0PM"], day.Periods[1].Shown.Select(s => s.Time));
        // Starts before the end of the change window are marked, for sighted and screen-reader users alike.
        Assert.Equal([true, true, false, false], day.Periods[0].Shown.Select(s => s.InsideChangeWindow));
        Assert.Contains("aria-label=\"8:00&#xA0;AM no online changes: label (cannot be changed online once booked)\">8:00&#xA0;AM<span class=\"slot-note\"> no online changes</span>", day.LinksHtml.Value);
        Assert.True(grid.AnyInsideChangeWindow);
        Assert.Equal([monday], grid.OpenDays.Select(d => d.Date));
        Assert.Equal("Tue, Dec 8; Wed, Dec 9; Thu, Dec 10; Fri, Dec 11; Sat, Dec 12 and Sun, Dec 13", grid.FullDays);
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

    [Theory]
    [InlineData(1440, "24 hours")]
    [InlineData(2880, "2 days")]
    [InlineData(60, "1 hour")]
    [InlineData(90, "90 minutes")]
    public void A_span_reads_as_a_patient_says_it(int minutes, string expected) => Assert.Equal(expected, TimeFormat.Span(TimeSpan.FromMinutes(minutes)));
}

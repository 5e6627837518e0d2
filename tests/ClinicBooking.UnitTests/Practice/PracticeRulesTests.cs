using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Practice;

namespace ClinicBooking.UnitTests.Practice;

public sealed class IntakeBadgeTests
{
    [Theory]
    [InlineData(null, null, null, IntakeState.Missing, null)]
    [InlineData(1, null, null, IntakeState.Submitted, null)]
    [InlineData(1, null, 1, IntakeState.Reviewed, null)]
    [InlineData(2, null, 1, IntakeState.Submitted, null)]
    [InlineData(2, FlagTier.SameDay, 2, IntakeState.Reviewed, FlagTier.SameDay)]
    [InlineData(3, FlagTier.Emergency, 1, IntakeState.Submitted, FlagTier.Emergency)]
    public void The_badge_follows_the_latest_version_and_its_review(int? latest, FlagTier? tier, int? reviewed,
        IntakeState state, FlagTier? expectedTier)
    {
        var badge = IntakeBadge.For(latest, tier, reviewed);
        Assert.Equal(state, badge.State);
        Assert.Equal(expectedTier, badge.Tier);
    }

    [Fact]
    public void A_review_stamp_without_any_version_still_reads_missing()
    {
        Assert.Equal(IntakeState.Missing, IntakeBadge.For(null, null, 4).State);
    }

    [Fact]
    public void The_label_puts_the_red_flag_first_and_the_colour_follows_the_most_urgent_thing()
    {
        var badge = IntakeBadge.For(2, FlagTier.SameDay, 1);
        Assert.Equal("Red flag: Same day · Intake to review", badge.Label);
        Assert.Equal("badge-same-day", badge.Css);
        Assert.Equal("Intake reviewed", IntakeBadge.For(1, null, 1).Label);
        Assert.Equal("badge-missing", IntakeBadge.For(null, null, null).Css);
    }
}

public sealed class OutcomeChartTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 2);

    private static VisitPoint Visit(int day, int? supplement = null, int? weight = null, DateOnly? weighed = null, int? confidence = null) =>
        new(Day1.AddDays(day), new OutcomeFigures(supplement, null, null, null, weight, weighed, confidence));

    [Fact]
    public void A_course_chart_runs_in_session_order_one_even_step_per_session()
    {
        // Session 3 was moved before session 2's day: the chart still reads session 1, 2, 3.
        var series = OutcomeChart.Build([
            Visit(0, supplement: 240) with { Session = 1 }, Visit(9, supplement: 150) with { Session = 2 }, Visit(6, supplement: 100) with { Session = 3 },
        ]).Single(s => s.Name == "Supplement");
        Assert.Equal([1, 2, 3], series.Points.Select(p => p.Session!.Value));
        Assert.Equal([240, 150, 100], series.Points.Select(p => p.Value));
        var xs = OutcomeChart.Layout(series).Points.Select(p => p.X).ToList();
        Assert.Equal(xs[1] - xs[0], xs[2] - xs[1], 1);
        Assert.True(xs[2] > xs[1]);
    }

    [Fact]
    public void Each_measure_is_a_series_in_date_order_without_the_visits_that_did_not_record_it()
    {
        var series = OutcomeChart.Build([Visit(14, supplement: 60), Visit(0, supplement: 240, confidence: 3), Visit(7, confidence: 6)]);

        var supplement = series.Single(s => s.Name == "Supplement");
        Assert.Equal([240, 60], supplement.Points.Select(p => p.Value));
        Assert.Equal([Day1, Day1.AddDays(14)], supplement.Points.Select(p => p.Date));
        Assert.Equal(-180, supplement.Change);
        Assert.Equal(60, supplement.Latest!.Value);

        var confidence = series.Single(s => s.Name == "Parent's confidence");
        Assert.Equal([3, 6], confidence.Points.Select(p => p.Value));
        Assert.Empty(series.Single(s => s.Name == "Feeds").Points);
        Assert.Null(series.Single(s => s.Name == "Feeds").Change);
    }

    [Fact]
    public void A_weight_is_placed_on_the_day_it_was_measured()
    {
        var weight = OutcomeChart.Build([Visit(7, weight: 4100, weighed: Day1.AddDays(5))]).Single(s => s.Name == "Baby's weight");
        Assert.Equal(Day1.AddDays(5), weight.Points.Single().Date);
    }

    [Fact]
    public void The_layout_spaces_points_by_date_and_scales_values_inside_the_padding()
    {
        var series = new ChartSeries("Feeds", "per 24 h",
            [new ChartPoint(Day1, 6), new ChartPoint(Day1.AddDays(2), 9), new ChartPoint(Day1.AddDays(8), 12)], Floor: 0);
        var layout = OutcomeChart.Layout(series, width: 248, height: 148);

        Assert.Equal([24, 74, 224], layout.Points.Select(p => p.X));
        Assert.Equal(0, layout.Low);
        Assert.Equal(12, layout.High);
        Assert.Equal(124 - 50, layout.Points[0].Y);
        Assert.Equal(24, layout.Points[2].Y);
        Assert.Equal("24,74 74,49 224,24", layout.Polyline);
    }

    [Fact]
    public void One_point_sits_in_the_middle_and_equal_values_do_not_divide_by_zero()
    {
        var single = OutcomeChart.Layout(new ChartSeries("Weight", "g", [new ChartPoint(Day1, 4000)]), 248, 148);
        Assert.Equal(124, single.Points.Single().X);
        Assert.True(double.IsFinite(single.Points.Single().Y));

        var sameDay = OutcomeChart.Layout(new ChartSeries("Weight", "g", [new ChartPoint(Day1, 4000), new ChartPoint(Day1, 4000)]), 248, 148);
        Assert.Equal([24, 224], sameDay.Points.Select(p => p.X));
    }
}

public sealed class WeeklyHoursTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("09:00-12:00, 13:00-17:00", "09:00-12:00, 13:00-17:00")]
    [InlineData("13:00 to 17:30;9-12", "09:00-12:00, 13:00-17:30")]
    [InlineData("  ", "")]
    [InlineData("8:30–16:00", "08:30-16:00")]
    public void Hours_are_read_as_people_write_them(string text, string expected)
    {
        var hours = WeeklyHours.TryParse(DayOfWeek.Monday, text, out var error);
        Assert.Null(error);
        Assert.Equal(expected, WeeklyHours.Format(hours!));
    }

    [Theory]
    [InlineData("9am till late", "is not a time range")]
    [InlineData("17:00-09:00", "the end must be after the start")]
    [InlineData("09:00-13:00, 12:00-17:00", "overlap")]
    [InlineData("25:00-26:00", "is not a time range")]
    [InlineData("09:00-09:60", "is not a time range")]
    [InlineData("09:07-17:00", "5-minute marks")]
    [InlineData("9-5", "24-hour clock")]
    public void Nonsense_hours_get_a_message_and_no_intervals(string text, string message)
    {
        Assert.Null(WeeklyHours.TryParse(DayOfWeek.Monday, text, out var error));
        Assert.Contains(message, error);
    }

    private static Appointment Visit(DateTime localStart, int minutes = 45)
    {
        var service = new Service("Follow-up treatment", minutes, 15, requiresIntake: false);
        return new Appointment("p", 1, service, TimeZoneInfo.ConvertTimeToUtc(localStart, NewYork), DateTime.UtcNow);
    }

    [Fact]
    public void A_visit_is_stranded_when_no_interval_of_its_weekday_holds_it_from_start_to_end()
    {
        var monday = new DateTime(2026, 11, 30, 11, 30, 0); // a Monday, 11:30-12:15 local
        var visit = Visit(monday);
        HoursInterval[] morningOnly = [new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0))];
        HoursInterval[] coversIt = [new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 15))];
        HoursInterval[] otherDay = [new(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(17, 0))];

        Assert.Single(WeeklyHours.Stranded([visit], morningOnly, NewYork));
        Assert.Empty(WeeklyHours.Stranded([visit], coversIt, NewYork));
        Assert.Single(WeeklyHours.Stranded([visit], otherDay, NewYork));

        visit.Cancel(DateTime.UtcNow);
        Assert.Empty(WeeklyHours.Stranded([visit], morningOnly, NewYork));
    }

    [Fact]
    public void Time_off_clashes_with_a_visit_only_when_they_overlap()
    {
        var visit = Visit(new DateTime(2026, 11, 30, 10, 0, 0));
        Assert.Single(WeeklyHours.DuringTimeOff([visit], visit.StartUtc.AddMinutes(30), visit.EndUtc.AddHours(2)));
        Assert.Empty(WeeklyHours.DuringTimeOff([visit], visit.EndUtc, visit.EndUtc.AddHours(2)));
        Assert.Empty(WeeklyHours.DuringTimeOff([visit], visit.StartUtc.AddHours(-2), visit.StartUtc));
    }

    [Fact]
    public void Setting_the_week_replaces_every_interval()
    {
        var p = new Practitioner("user-1", "Ana");
        p.AddWorkingInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0));
        p.SetWorkingHours([new(DayOfWeek.Tuesday, new TimeOnly(8, 0), new TimeOnly(12, 0)), new(DayOfWeek.Tuesday, new TimeOnly(13, 0), new TimeOnly(16, 0))]);
        Assert.Equal("08:00-12:00, 13:00-16:00", WeeklyHours.Format(p.WeeklyHours()));
        Assert.DoesNotContain(p.WorkingIntervals, w => w.DayOfWeek == DayOfWeek.Monday);
    }

    [Fact]
    public void An_outcome_can_be_recorded_once_the_visit_has_started_but_never_for_a_cancelled_one()
    {
        var visit = Visit(new DateTime(2026, 11, 30, 10, 0, 0));
        Assert.False(visit.CanRecordOutcome(visit.StartUtc.AddMinutes(-1)));
        Assert.Throws<InvalidOperationException>(() => visit.RecordAttendance(true, visit.StartUtc.AddMinutes(-1)));
        visit.RecordAttendance(false, visit.StartUtc.AddMinutes(5));
        Assert.Equal(AppointmentStatus.NoShow, visit.Status);
        visit.RecordAttendance(true, visit.StartUtc.AddMinutes(30));
        Assert.Equal(AppointmentStatus.Completed, visit.Status);

        var cancelled = Visit(new DateTime(2026, 12, 1, 10, 0, 0));
        cancelled.Cancel(cancelled.StartUtc.AddDays(-3));
        Assert.False(cancelled.CanRecordOutcome(cancelled.StartUtc.AddHours(1)));
    }
}

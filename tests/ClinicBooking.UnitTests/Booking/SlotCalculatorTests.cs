using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.UnitTests.Booking;

public sealed class SlotCalculatorTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly SlotRules Rules = new(TimeSpan.FromMinutes(15), TimeSpan.Zero, 800);
    private static readonly DateTime LongAgo = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private static PractitionerWeek Week(int id, DayOfWeek day, int fromHour, int toHour, int fromMinute = 0, int toMinute = 0) =>
        new(id, [new WorkingInterval(day, new TimeOnly(fromHour, fromMinute), new TimeOnly(toHour, toMinute))]);

    private static IReadOnlyList<Slot> Free(PractitionerWeek week, DateOnly date, int minutes = 45, int buffer = 15,
        IReadOnlyList<BusyPeriod>? busy = null, SlotRules? rules = null, DateTime? now = null, TimeZoneInfo? zone = null) =>
        SlotCalculator.FreeSlots([week], busy ?? [], TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(buffer), rules ?? Rules,
            now ?? LongAgo, zone ?? NewYork, date, date);

    private static IEnumerable<string> LocalTimes(IEnumerable<Slot> slots, TimeZoneInfo zone) =>
        slots.Select(s => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, zone).ToString("HH:mm"));

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Duration_plus_buffer_must_fit_inside_working_hours_on_the_step()
    {
        var monday = new DateOnly(2026, 11, 30);
        var slots = Free(Week(1, DayOfWeek.Monday, 9, 11), monday);
        // 45 + 15 minutes in 09:00-11:00 every 15 minutes: the last start is 10:00.
        Assert.Equal(["09:00", "09:15", "09:30", "09:45", "10:00"], LocalTimes(slots, NewYork));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(45), s.EndUtc - s.StartUtc));
        Assert.Empty(Free(Week(1, DayOfWeek.Tuesday, 9, 11), monday));
    }

    [Fact]
    public void A_different_step_changes_the_grid()
    {
        var slots = Free(Week(1, DayOfWeek.Monday, 9, 11), new DateOnly(2026, 11, 30), rules: Rules with { Step = TimeSpan.FromMinutes(30) });
        Assert.Equal(["09:00", "09:30", "10:00"], LocalTimes(slots, NewYork));
    }

    [Fact]
    public void Adjacent_appointments_are_allowed_and_overlaps_of_any_length_are_not()
    {
        var monday = new DateOnly(2026, 11, 30);
        // Booked 10:00-10:45 + 15 buffer = blocked until 11:00 (New York is UTC-5 in November).
        var busy = new[] { new BusyPeriod(1, Utc(2026, 11, 30, 15, 0), Utc(2026, 11, 30, 16, 0)) };
        var slots = LocalTimes(Free(Week(1, DayOfWeek.Monday, 9, 13), monday, busy: busy), NewYork).ToList();

        Assert.Contains("09:00", slots);   // 09:00-10:00 with buffer ends exactly when the booking starts
        Assert.DoesNotContain("09:15", slots);
        Assert.DoesNotContain("10:30", slots);
        Assert.Contains("11:00", slots);   // starts exactly when the buffer ends
        // A 75-minute service cannot start at 09:00 any more: it would run into the 10:00 booking.
        Assert.DoesNotContain("09:00", LocalTimes(Free(Week(1, DayOfWeek.Monday, 9, 13), monday, 75, 15, busy), NewYork));
    }

    [Fact]
    public void Other_practitioners_appointments_do_not_block()
    {
        var busy = new[] { new BusyPeriod(2, Utc(2026, 11, 30, 14, 0), Utc(2026, 11, 30, 18, 0)) };
        Assert.Equal(5, Free(Week(1, DayOfWeek.Monday, 9, 11), new DateOnly(2026, 11, 30), busy: busy).Count);
    }

    [Fact]
    public void Time_off_blocks_like_an_appointment()
    {
        var busy = new[] { new BusyPeriod(1, Utc(2026, 11, 30, 14, 30), Utc(2026, 11, 30, 15, 0)) }; // 09:30-10:00 local
        Assert.Equal(["10:00"], LocalTimes(Free(Week(1, DayOfWeek.Monday, 9, 11), new DateOnly(2026, 11, 30), busy: busy), NewYork));
    }

    [Fact]
    public void Minimum_notice_and_horizon_are_respected()
    {
        var monday = new DateOnly(2026, 11, 30);
        var now = Utc(2026, 11, 29, 21, 30); // Sunday 16:30 in New York; 17 hours' notice → Monday 09:30
        var withNotice = Free(Week(1, DayOfWeek.Monday, 9, 11), monday, rules: Rules with { MinimumNotice = TimeSpan.FromHours(17) }, now: now);
        Assert.Equal(["09:30", "09:45", "10:00"], LocalTimes(withNotice, NewYork));

        var beyond = Free(Week(1, DayOfWeek.Monday, 9, 11), monday, rules: Rules with { HorizonDays = 0 }, now: now);
        Assert.Empty(beyond);
        Assert.Empty(Free(Week(1, DayOfWeek.Monday, 9, 11), monday, now: Utc(2026, 12, 1, 0, 0)));
    }

    [Fact]
    public void New_York_spring_forward_never_offers_a_time_between_two_and_three()
    {
        var sunday = new DateOnly(2027, 3, 14);
        var slots = LocalTimes(Free(Week(1, DayOfWeek.Sunday, 1, 4), sunday, 30, 0), NewYork).ToList();
        Assert.DoesNotContain(slots, t => t.StartsWith("02:", StringComparison.Ordinal));
        Assert.Contains("01:30", slots);
        Assert.Contains("03:00", slots);
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    [Fact]
    public void New_York_fall_back_offers_half_past_one_once_at_its_first_occurrence()
    {
        var sunday = new DateOnly(2026, 11, 1);
        var slots = Free(Week(1, DayOfWeek.Sunday, 1, 3), sunday, 30, 0);
        var halfPastOne = slots.Where(s => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, NewYork).ToString("HH:mm") == "01:30").ToList();
        var only = Assert.Single(halfPastOne);
        Assert.Equal(Utc(2026, 11, 1, 5, 30), only.StartUtc); // 01:30 EDT (UTC-4), not 01:30 EST
        Assert.Equal(slots.Count, slots.Select(s => s.StartUtc).Distinct().Count());
    }

    [Fact]
    public void Berlin_spring_forward_skips_two_oclock_and_fall_back_offers_half_past_two_once()
    {
        var spring = LocalTimes(Free(Week(1, DayOfWeek.Sunday, 1, 4), new DateOnly(2027, 3, 28), 30, 0, zone: Berlin), Berlin).ToList();
        Assert.DoesNotContain(spring, t => t.StartsWith("02:", StringComparison.Ordinal));
        Assert.Contains("03:00", spring);

        var autumn = Free(Week(1, DayOfWeek.Sunday, 1, 4), new DateOnly(2026, 10, 25), 30, 0, zone: Berlin);
        var halfPastTwo = Assert.Single(autumn, s => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, Berlin).ToString("HH:mm") == "02:30");
        Assert.Equal(Utc(2026, 10, 25, 0, 30), halfPastTwo.StartUtc); // 02:30 CEST (UTC+2)
    }

    [Fact]
    public void An_ordinary_day_converts_with_the_seasons_offset()
    {
        var summer = Free(Week(1, DayOfWeek.Monday, 9, 10), new DateOnly(2027, 7, 5), 45, 15);
        Assert.Equal(Utc(2027, 7, 5, 13, 0), Assert.Single(summer).StartUtc);
        var winter = Free(Week(1, DayOfWeek.Monday, 9, 10), new DateOnly(2027, 1, 4), 45, 15);
        Assert.Equal(Utc(2027, 1, 4, 14, 0), Assert.Single(winter).StartUtc);
    }

    [Fact]
    public void Several_intervals_a_day_are_each_used()
    {
        var week = new PractitionerWeek(1, [
            new WorkingInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)),
            new WorkingInterval(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(15, 0))]);
        Assert.Equal(["09:00", "14:00"], LocalTimes(Free(week, new DateOnly(2026, 11, 30)), NewYork));
    }

    [Fact]
    public void An_appointment_can_be_cancelled_once_and_moved_only_while_booked()
    {
        var service = new Service("Follow-up", 45, 15, false);
        var appointment = new Appointment("p", 1, service, Utc(2026, 12, 1, 15, 0), Utc(2026, 11, 26, 0, 0));
        Assert.Equal(Utc(2026, 12, 1, 16, 0), appointment.BlockedUntilUtc);
        Assert.True(appointment.CanBeChangedByPatient(Utc(2026, 11, 30, 14, 59), TimeSpan.FromDays(1)));
        Assert.False(appointment.CanBeChangedByPatient(Utc(2026, 11, 30, 15, 1), TimeSpan.FromDays(1)));

        appointment.Cancel(Utc(2026, 11, 27, 0, 0));
        Assert.Throws<InvalidOperationException>(() => appointment.Cancel(Utc(2026, 11, 27, 0, 0)));
        Assert.Throws<InvalidOperationException>(() => appointment.MoveTo(Utc(2026, 12, 2, 15, 0), service.Duration, service.Buffer));
    }
}

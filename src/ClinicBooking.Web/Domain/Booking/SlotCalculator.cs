namespace ClinicBooking.Web.Domain.Booking;

public sealed record BusyPeriod(int PractitionerId, DateTime StartUtc, DateTime EndUtc);

public sealed record PractitionerWeek(int PractitionerId, IReadOnlyList<WorkingInterval> Intervals);

public sealed record SlotRules(TimeSpan Step, TimeSpan MinimumNotice, int HorizonDays);

public sealed record Slot(int PractitionerId, DateTime StartUtc, DateTime EndUtc);

/// <summary>
/// Free start times (PRODUCT.md §6), pure. A start is free when the service's duration plus buffer fits inside a
/// working interval, overlaps no busy period (appointments with their buffers, time off), and lies between
/// now + notice and now + horizon.
/// Clock changes (docs/booking-rules.md): working hours are wall-clock times in the clinic's zone. A local time that
/// does not exist (spring forward) is never offered. A local time that happens twice (fall back) is offered once,
/// at its first occurrence (the daylight-saving offset).
/// </summary>
public static class SlotCalculator
{
    public static IReadOnlyList<Slot> FreeSlots(
        IReadOnlyList<PractitionerWeek> practitioners,
        IReadOnlyList<BusyPeriod> busy,
        TimeSpan duration,
        TimeSpan buffer,
        SlotRules rules,
        DateTime nowUtc,
        TimeZoneInfo zone,
        DateOnly from,
        DateOnly to) =>
        Within(Candidates(practitioners, busy, duration, buffer, rules.Step, zone, from, to), rules, nowUtc);

    /// <summary>
    /// Every start that fits the hours and misses the busy periods, whatever the time now: what can be cached until
    /// the appointments, hours or settings change. <see cref="Within"/> then applies notice and horizon.
    /// </summary>
    public static IReadOnlyList<Slot> Candidates(
        IReadOnlyList<PractitionerWeek> practitioners,
        IReadOnlyList<BusyPeriod> busy,
        TimeSpan duration,
        TimeSpan buffer,
        TimeSpan step,
        TimeZoneInfo zone,
        DateOnly from,
        DateOnly to)
    {
        var busyByPractitioner = busy.ToLookup(b => b.PractitionerId);
        var slots = new List<Slot>();
        foreach (var practitioner in practitioners)
        {
            var taken = busyByPractitioner[practitioner.PractitionerId].OrderBy(b => b.StartUtc).ToList();
            var intervalsByDay = practitioner.Intervals.OrderBy(i => i.Start).ToLookup(i => i.DayOfWeek);
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                foreach (var interval in intervalsByDay[date.DayOfWeek])
                {
                    var intervalEndUtc = BoundaryToUtc(date.ToDateTime(interval.End), zone);
                    for (var local = date.ToDateTime(interval.Start); local < date.ToDateTime(interval.End); local += step)
                    {
                        if (StartToUtc(local, zone) is not { } start)
                        {
                            continue;
                        }

                        var blockedUntil = start + duration + buffer;
                        if (blockedUntil > intervalEndUtc || Overlaps(taken, start, blockedUntil))
                        {
                            continue;
                        }

                        slots.Add(new Slot(practitioner.PractitionerId, start, start + duration));
                    }
                }
            }
        }

        slots.Sort(static (a, b) => a.StartUtc != b.StartUtc ? a.StartUtc.CompareTo(b.StartUtc) : a.PractitionerId.CompareTo(b.PractitionerId));
        return slots;
    }

    /// <summary>The candidates that lie between now + notice and now + horizon, in order.</summary>
    public static IReadOnlyList<Slot> Within(IReadOnlyList<Slot> candidates, SlotRules rules, DateTime nowUtc)
    {
        var earliest = nowUtc + rules.MinimumNotice;
        var latest = nowUtc.AddDays(rules.HorizonDays);
        var within = new List<Slot>(candidates.Count);
        foreach (var slot in candidates)
        {
            if (slot.StartUtc >= earliest && slot.StartUtc <= latest)
            {
                within.Add(slot);
            }
        }

        return within;
    }

    /// <summary>
    /// Until when <see cref="Within"/> gives the same slots as it does at <paramref name="nowUtc"/>: the moment the
    /// earliest shown start falls inside the notice, or the next start beyond the horizon comes into it (exclusive).
    /// </summary>
    public static DateTime SameUntil(IReadOnlyList<Slot> candidates, SlotRules rules, DateTime nowUtc)
    {
        var earliest = nowUtc + rules.MinimumNotice;
        var latest = nowUtc.AddDays(rules.HorizonDays);
        var until = DateTime.MaxValue;
        foreach (var slot in candidates)
        {
            if (slot.StartUtc > latest)
            {
                var enters = slot.StartUtc.AddDays(-rules.HorizonDays);
                return enters < until ? enters : until;
            }

            if (slot.StartUtc >= earliest && until == DateTime.MaxValue)
            {
                until = slot.StartUtc - rules.MinimumNotice + TimeSpan.FromTicks(1);
            }
        }

        return until;
    }

    /// <summary>Whether [start, end) meets any of the busy periods, which are sorted by start.</summary>
    private static bool Overlaps(List<BusyPeriod> taken, DateTime start, DateTime end)
    {
        foreach (var b in taken)
        {
            if (b.StartUtc >= end)
            {
                return false;
            }

            if (start < b.EndUtc)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The UTC instant of a local start time: null when it does not exist; the first occurrence when it happens twice.
    /// </summary>
    public static DateTime? StartToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>
    /// The UTC instant of an interval's end. An end inside a gap moves to the end of the gap; an ambiguous end is
    /// taken at its second occurrence, so a working interval is never cut short by a clock change.
    /// </summary>
    private static DateTime BoundaryToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

}

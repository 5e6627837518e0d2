using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Features.Booking;

public abstract record CourseResult
{
    /// <param name="AlreadyExisted">The course was booked before (a repeated submit): nothing new was written.</param>
    public sealed record Booked(int CourseId, IReadOnlyList<Appointment> Sessions, bool AlreadyExisted) : CourseResult;

    /// <summary>The time chosen for this session was taken meanwhile: nothing was booked.</summary>
    public sealed record Taken(int Session) : CourseResult;

    /// <param name="Message">What to tell the reader, in the reader's language.</param>
    public sealed record Refused(string Message) : CourseResult;

    public sealed record LimitReached(int Limit) : CourseResult;
}

/// <summary>What the "book the rest of the course" page shows: the first visit and a proposal for each later session.</summary>
public sealed record CoursePlan(Appointment First, int Sessions, int DaysBetween, IReadOnlyList<CourseSessionPlan> Rest);

/// <summary>
/// Treatment courses (issue 16): after the first visit of a course service is booked, the rest is proposed at the
/// service's spacing with the same practitioner and booked all or none, in one write transaction.
/// </summary>
public sealed class CourseBooking(ClinicDbContext db, BookingService booking, ClinicClock clock, Outbox outbox,
    IOptions<ClinicOptions> options, ILogger<CourseBooking> logger)
{
    /// <summary>
    /// Whether the rest of a course can be booked from this visit: booked, today or later, of a course service, and
    /// not in a course yet. (A visit already in a course answers with its first visit's page instead.)
    /// </summary>
    public bool CanStartFrom(Appointment first) =>
        first.IsActive && first.CourseId is null && first.Service is { IsCourse: true }
        && DateOnly.FromDateTime(clock.ToLocal(first.StartUtc)) >= clock.Today;

    /// <summary>The id of session 1 of a course (where its pages and emails point).</summary>
    public Task<int> FirstOfAsync(int courseId) =>
        db.Appointments.Where(a => a.CourseId == courseId).OrderBy(a => a.CourseSession).Select(a => a.Id).FirstAsync();

    /// <summary>
    /// The chosen starts from the form, in session order; empty choices ("not now") are left out. Null when one cannot
    /// be read or there are more than a course can hold.
    /// </summary>
    public static List<DateTime>? ParseStarts(string?[]? starts)
    {
        if (starts is null || starts.Length > Service.MaxCourseSessions)
        {
            return starts is null ? [] : null;
        }

        var parsed = new List<DateTime>();
        foreach (var start in starts.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            if (!TimeFormat.TryParseIso(start, out var utc))
            {
                return null;
            }

            parsed.Add(utc);
        }

        return parsed;
    }

    /// <summary>Proposals for sessions 2..N from one read of the practitioner's free times over the whole range.</summary>
    public async Task<CoursePlan> PlanAsync(Appointment first)
    {
        var service = first.Service!;
        var sessions = service.CourseSessions!.Value;
        var days = service.CourseDaysBetween!.Value;
        var (from, to) = CoursePlanner.Range(DateOnly.FromDateTime(clock.ToLocal(first.StartUtc)), sessions, days);
        var free = await booking.FreeSlotsAsync(service, first.PractitionerId, from, to);
        return new CoursePlan(first, sessions, days,
            CoursePlanner.Propose(first.StartUtc, sessions, days, free.Select(s => s.StartUtc), clock.Zone));
    }

    /// <summary>
    /// Books the chosen starts (in session order) as sessions 2.. of a course whose session 1 is
    /// <paramref name="first"/>: every one or none. The patient's cap on visits ahead holds for the whole course.
    /// </summary>
    public async Task<CourseResult> BookAsync(Appointment first, IReadOnlyList<DateTime> starts)
    {
        var service = first.Service!;
        switch (CoursePlanner.Check(starts, first.StartUtc, service.CourseSessions!.Value, clock.Zone))
        {
            case CourseChoiceProblem.Count:
                return new CourseResult.Refused(T("Choose a time for at least one session, and at most {0}.", service.CourseSessions.Value - 1));
            case CourseChoiceProblem.Order:
                return new CourseResult.Refused(T("Each session must be on a later day than the one before it. Please choose the times again."));
        }

        if (starts.FirstOrDefault(s => !booking.IsPlausible(s)) is var implausible && implausible != default)
        {
            return new CourseResult.Refused(T("Session {0}: that time is in the past or too far ahead. Please choose one of the times shown.",
                starts.ToList().IndexOf(implausible) + 2));
        }

        var email = await outbox.PatientEmailAsync(first.PatientId);
        var firstDate = DateOnly.FromDateTime(clock.ToLocal(first.StartUtc));
        var lastDate = DateOnly.FromDateTime(clock.ToLocal(starts[^1]));
        CourseResult result;
        try
        {
            result = await db.InWriteTransactionAsync(() => BookInsideAsync(first, service, starts, firstDate, lastDate, email),
                r => r is CourseResult.Booked { AlreadyExisted: false });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The database's last guard: a time taken between the check and the insert. Nothing was kept.
            return new CourseResult.Taken(await FirstTakenAsync(first, service, starts, firstDate, lastDate));
        }
        catch (DbUpdateException e)
        {
            logger.LogError(e, "Booking the course of appointment {AppointmentId} failed in the database", first.Id);
            throw;
        }

        if (result is CourseResult.Booked { AlreadyExisted: false })
        {
            outbox.Kick();
        }

        return result;
    }

    private async Task<CourseResult> BookInsideAsync(Appointment first, Service service, IReadOnlyList<DateTime> starts,
        DateOnly firstDate, DateOnly lastDate, string email)
    {
        // Read again inside the write lock: a repeated submit finds the course the first one made.
        var current = await db.Appointments.AsNoTracking().Where(a => a.Id == first.Id)
            .Select(a => new { a.CourseId, a.Status }).SingleAsync();
        if (current.CourseId is { } existing)
        {
            var sessions = await db.Appointments.AsNoTracking().Where(a => a.CourseId == existing).OrderBy(a => a.CourseSession).ToListAsync();
            return new CourseResult.Booked(existing, sessions, AlreadyExisted: true);
        }

        if (current.Status != AppointmentStatus.Booked)
        {
            return new CourseResult.Refused(T("The first visit of this course is no longer booked."));
        }

        var now = clock.UtcNow;
        var limit = options.Value.MaxUpcomingVisitsPerPatient;
        var ahead = await db.Appointments.CountAsync(a => a.PatientId == first.PatientId && a.Status == AppointmentStatus.Booked && a.StartUtc > now);
        if (ahead + starts.Count > limit)
        {
            return new CourseResult.LimitReached(limit);
        }

        // One fresh read (never the cache) of the practitioner's free times over the whole course.
        var free = (await booking.FreeSlotsAsync(service, first.PractitionerId, firstDate.AddDays(1), lastDate, exceptAppointmentId: 0))
            .Select(s => s.StartUtc).ToHashSet();
        for (var i = 0; i < starts.Count; i++)
        {
            if (!free.Contains(starts[i]))
            {
                return await IsBusyAsync(first.PractitionerId, service, starts[i])
                    ? new CourseResult.Taken(i + 2)
                    : new CourseResult.Refused(T("Session {0}: that time cannot be booked: it is outside the practitioner's hours, too soon, too far ahead, or not a time we offer. Please choose one of the times shown.", i + 2));
            }
        }

        var course = new TreatmentCourse(first.PatientId, service.Id, first.PractitionerId, starts.Count + 1, now);
        db.TreatmentCourses.Add(course);
        await db.SaveChangesAsync();
        var tracked = await db.Appointments.SingleAsync(a => a.Id == first.Id);
        tracked.JoinCourse(course.Id, 1);
        var rest = new List<Appointment>();
        for (var i = 0; i < starts.Count; i++)
        {
            var appointment = new Appointment(first.PatientId, first.PractitionerId, service, starts[i], now);
            appointment.JoinCourse(course.Id, i + 2);
            rest.Add(appointment);
        }

        db.Appointments.AddRange(rest);
        await db.SaveChangesAsync();
        // The confirmation and every session's reminders commit with the sessions, or not at all.
        outbox.QueueCourseBooked(tracked, rest, email);
        await db.SaveChangesAsync();
        return new CourseResult.Booked(course.Id, [tracked, .. rest], AlreadyExisted: false);
    }

    private Task<bool> IsBusyAsync(int practitionerId, Service service, DateTime startUtc)
    {
        var earliest = startUtc - Service.LongestBlock;
        var end = startUtc + service.Duration + service.Buffer;
        return db.Appointments.AnyAsync(a => a.PractitionerId == practitionerId && a.Status == AppointmentStatus.Booked
                                             && a.StartUtc > earliest && a.StartUtc < end && startUtc < a.BlockedUntilUtc);
    }

    /// <summary>After the unique index refused the course: which session's time is gone (read after the rollback).</summary>
    private async Task<int> FirstTakenAsync(Appointment first, Service service, IReadOnlyList<DateTime> starts, DateOnly from, DateOnly to)
    {
        var free = (await booking.FreeSlotsAsync(service, first.PractitionerId, from.AddDays(1), to, exceptAppointmentId: 0))
            .Select(s => s.StartUtc).ToHashSet();
        var index = starts.ToList().FindIndex(s => !free.Contains(s));
        return index < 0 ? 2 : index + 2;
    }

    private static string T(string english, params object[] arguments) => Text.Get<BookingText>(english, arguments);
}

/// <summary>One later session on the course page: its free times near the target day, and the one preselected.</summary>
public sealed record CourseSessionChoice(int Session, DateOnly Target, IReadOnlyList<(string Iso, string When)> Options, string? Selected);

/// <summary>The "book the rest of the course" page, for the patient and for the desk.</summary>
public sealed record CoursePage(Appointment First, int Sessions, int DaysBetween, IReadOnlyList<CourseSessionChoice> Rest, TimeZoneInfo Zone,
    string Action, string Back, string Phone, string? Problem)
{
    public static CoursePage From(CoursePlan plan, TimeZoneInfo zone, string action, string back, string phone, string? problem) =>
        new(plan.First, plan.Sessions, plan.DaysBetween,
            plan.Rest.Select(r => new CourseSessionChoice(r.Session, r.Target,
                // Without the zone in each option (the page names it once): on a phone the option fits.
                r.Options.Select(o => (TimeFormat.Iso(o, zone), TimeFormat.WhenLocal(TimeFormat.Local(o, zone)))).ToList(),
                r.Proposed is { } p ? TimeFormat.Iso(p, zone) : null)).ToList(),
            zone, action, back, phone, problem);

    public bool AnyMissing => Rest.Any(r => r.Selected is null);
}

using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Practice;

public enum ReviewResult
{
    Reviewed,
    AlreadyReviewed,

    /// <summary>The patient sent a newer version after the page was opened: read that first.</summary>
    Stale,
    NoIntake,
}

/// <summary>
/// The practitioner's workspace: their schedule, the intake review before each visit, visit outcomes and their
/// hours. Every query is scoped to one practitioner, so another practitioner's visit is simply not found.
/// </summary>
public sealed class PracticeService(
    ClinicDbContext db,
    ClinicClock clock,
    IntakeAssessor assessor,
    AuditLog audit,
    Intake.UrgentCases urgentCases,
    ClinicSettingsStore settings,
    Microsoft.Extensions.Options.IOptions<ClinicOptions> options,
    Notifications.OutboxSignal outboxSignal)
{
    /// <summary>The signed-in user's practitioner row; its weekly hours only when the page shows or changes them.</summary>
    public Task<Domain.Practitioner?> ForUserAsync(string userId, bool withHours = false) =>
        (withHours ? db.Practitioners.Include(p => p.WorkingIntervals) : db.Practitioners.AsQueryable())
            .SingleOrDefaultAsync(p => p.UserId == userId);

    public async Task<IReadOnlyList<ScheduleDay>> ScheduleAsync(int practitionerId, DateOnly from, DateOnly to)
    {
        var fromUtc = LocalMidnightUtc(from);
        var toUtc = LocalMidnightUtc(to.AddDays(1));
        var rows = await (
                from a in db.Appointments.AsNoTracking().Include(a => a.Service).Include(a => a.Course)
                join u in db.Users on a.PatientId equals u.Id
                where a.PractitionerId == practitionerId && a.Status != AppointmentStatus.Cancelled
                      && a.StartUtc >= fromUtc && a.StartUtc < toUtc
                orderby a.StartUtc
                select new { Appointment = a, u.FullName })
            .ToListAsync();
        var patients = rows.Select(r => r.Appointment.PatientId).Distinct().ToList();
        // The intake's state, red-flag tier and hold are health data: only for patients whose intake this practitioner
        // may read now (the rule of MayReadHealthDataAsync); the rest show the diary entry and "not available".
        var readable = await ReadablePatientsAsync(practitionerId, patients);
        var badges = await BadgesAsync(readable);
        var held = await urgentCases.OpenForAsync(readable);
        var items = rows.Select(r => new ScheduleItem(r.Appointment, r.FullName, r.Appointment.Service!.Name,
            badges.TryGetValue(r.Appointment.PatientId, out var badge)
                ? badge.WithUrgent(held.GetValueOrDefault(r.Appointment.PatientId)?.Tier)
                : IntakeBadge.Closed)).ToList();
        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(i => from.AddDays(i))
            .Select(day => new ScheduleDay(day,
                items.Where(x => DateOnly.FromDateTime(clock.ToLocal(x.Appointment.StartUtc)) == day).ToList()))
            .ToList();
    }

    /// <summary>The first clinic day from <paramref name="from"/> to <paramref name="to"/> (inclusive) with a visit that is not cancelled.</summary>
    public async Task<DateOnly?> FirstDayWithVisitsAsync(int practitionerId, DateOnly from, DateOnly to)
    {
        var fromUtc = LocalMidnightUtc(from);
        var toUtc = LocalMidnightUtc(to.AddDays(1));
        var first = await db.Appointments.AsNoTracking()
            .Where(a => a.PractitionerId == practitionerId && a.Status != AppointmentStatus.Cancelled
                        && a.StartUtc >= fromUtc && a.StartUtc < toUtc)
            .OrderBy(a => a.StartUtc).Select(a => (DateTime?)a.StartUtc).FirstOrDefaultAsync();
        return first is { } utc ? DateOnly.FromDateTime(clock.ToLocal(utc)) : null;
    }

    /// <summary>Each patient's badge from two small queries (latest version and latest review per patient).</summary>
    public async Task<Dictionary<string, IntakeBadge>> BadgesAsync(IReadOnlyCollection<string> patientIds)
    {
        var versions = await db.IntakeVersions.Where(v => patientIds.Contains(v.PatientId))
            .Select(v => new { v.Id, v.PatientId, v.Number, v.Flagged }).ToListAsync();
        var latestIds = versions.GroupBy(v => v.PatientId).Select(g => g.MaxBy(v => v.Number)!).Where(v => v.Flagged).Select(v => v.Id).ToList();
        var tiers = await TiersAsync(latestIds);
        var reviewed = await db.IntakeReviews.Where(r => patientIds.Contains(r.PatientId))
            .GroupBy(r => r.PatientId).Select(g => new { PatientId = g.Key, Number = g.Max(r => r.VersionNumber) })
            .ToDictionaryAsync(r => r.PatientId, r => r.Number);
        return patientIds.ToDictionary(id => id, id =>
        {
            var latest = versions.Where(v => v.PatientId == id).MaxBy(v => v.Number);
            return IntakeBadge.For(latest?.Number, latest is null ? null : tiers.GetValueOrDefault(latest.Id), reviewed.TryGetValue(id, out var n) ? n : null);
        });
    }

    /// <summary>
    /// The most urgent tier each of these versions showed its patient, decrypted in memory for these rows only (the
    /// tier is health data: the database holds it only inside the encrypted assessment).
    /// </summary>
    public async Task<Dictionary<int, FlagTier?>> TiersAsync(IReadOnlyCollection<int> versionIds) =>
        versionIds.Count == 0
            ? []
            : (await db.IntakeVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToListAsync())
            .ToDictionary(v => v.Id, v => v.GivenAssessment(assessor, clock.ToLocal, settings.Current.Units).HighestTier);

    /// <summary>One of this practitioner's own appointments, or null (another's, or unknown).</summary>
    public Task<Appointment?> FindAsync(int practitionerId, int appointmentId) =>
        db.Appointments.Include(a => a.Service).Include(a => a.Practitioner).Include(a => a.Course)
            .SingleOrDefaultAsync(a => a.Id == appointmentId && a.PractitionerId == practitionerId);

    /// <summary>
    /// PRODUCT.md §8, "patients booked with them": a practitioner reads a patient's intake and visit history while
    /// they have a visit booked ahead together, or for <c>Clinic:PractitionerAccessDays</c> after a visit that took
    /// place; not after a cancellation or a no-show alone. A visit left "booked" after its time (no outcome recorded)
    /// counts as having taken place: its access ends the same number of days after it.
    /// </summary>
    public Task<bool> MayReadHealthDataAsync(int practitionerId, string patientId) =>
        db.Appointments.Where(GivesAccess(practitionerId)).AnyAsync(a => a.PatientId == patientId);

    /// <summary>Which of these patients the practitioner may read now (<see cref="MayReadHealthDataAsync"/>), in one query.</summary>
    public async Task<IReadOnlyCollection<string>> ReadablePatientsAsync(int practitionerId, IReadOnlyCollection<string> patientIds) =>
        patientIds.Count == 0
            ? []
            : await db.Appointments.Where(GivesAccess(practitionerId)).Where(a => patientIds.Contains(a.PatientId))
                .Select(a => a.PatientId).Distinct().ToListAsync();

    /// <summary>The visits of this practitioner that open their patient's health data now.</summary>
    private System.Linq.Expressions.Expression<Func<Appointment, bool>> GivesAccess(int practitionerId)
    {
        // A booked visit ahead starts after now, so after `since`; one whose time has passed, booked (no outcome
        // recorded) or completed, opens the data for the access window after it. Cancelled and no-show ones never do.
        var since = clock.UtcNow - TimeSpan.FromDays(options.Value.PractitionerAccessDays);
        return a => a.PractitionerId == practitionerId
                    && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Completed) && a.StartUtc >= since;
    }

    /// <summary>Everything the review page shows. Writes the audit row for this view of the intake.</summary>
    public async Task<ReviewPage> ReviewPageAsync(Appointment appointment, OutcomeInput? input, string? flash)
    {
        var patientId = appointment.PatientId;
        var patient = await db.Users.AsNoTracking().Where(u => u.Id == patientId)
            .Select(u => new { u.FullName, u.Email }).SingleAsync();
        if (!await MayReadHealthDataAsync(appointment.PractitionerId, patientId))
        {
            // The visit's time and the patient's name stay (it is the practitioner's own diary); nothing clinical does.
            await audit.WriteAsync(AuditActions.AppointmentView, nameof(Appointment), appointment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), patientId);
            return new ReviewPage(appointment, patient.FullName, patient.Email ?? "", clock.Zone, IntakeBadge.Closed, null,
                null, null, [], input ?? OutcomeInput.From(appointment, null), false, [], [], flash) { NoAccess = true, AccessDays = options.Value.PractitionerAccessDays };
        }

        var versions = await db.IntakeVersions.AsNoTracking().Where(v => v.PatientId == patientId)
            .OrderByDescending(v => v.Number).ToListAsync();
        var latest = versions.FirstOrDefault();
        var lastReview = await (
                from r in db.IntakeReviews.AsNoTracking()
                join u in db.Users on r.ReviewerUserId equals u.Id
                where r.PatientId == patientId
                orderby r.VersionNumber descending
                select new ReviewStamp(r.VersionNumber, u.FullName, r.ReviewedUtc))
            .FirstOrDefaultAsync();
        var given = latest?.GivenAssessment(assessor, clock.ToLocal, settings.Current.Units);
        var badge = IntakeBadge.For(latest?.Number, given?.HighestTier, lastReview?.VersionNumber);

        // What changed since someone last read it; nothing to mark when the latest version is the one reviewed.
        IReadOnlyList<AnswerChange> changes = [];
        if (latest is not null && lastReview is not null && lastReview.VersionNumber < latest.Number
            && versions.FirstOrDefault(v => v.Number == lastReview.VersionNumber) is { } reviewedVersion)
        {
            changes = IntakeDiff.Between(reviewedVersion.Answers, latest.Answers, settings.Current.Units);
        }

        var visits = await (
                from o in db.VisitOutcomes.AsNoTracking()
                join a in db.Appointments.AsNoTracking() on o.AppointmentId equals a.Id
                join p in db.Practitioners on a.PractitionerId equals p.Id
                where o.PatientId == patientId
                orderby a.StartUtc
                select new { Outcome = o, Appointment = a, PractitionerName = p.DisplayName })
            .ToListAsync();
        var outcome = visits.FirstOrDefault(v => v.Appointment.Id == appointment.Id)?.Outcome;
        // A course visit's chart follows its course (issue 16): that course's sessions, in session order.
        var chart = OutcomeChart.Build(visits.Where(v => appointment.CourseId is null || v.Appointment.CourseId == appointment.CourseId).Select(v =>
            new VisitPoint(DateOnly.FromDateTime(clock.ToLocal(v.Appointment.StartUtc)), v.Outcome.Figures,
                appointment.CourseId is null ? null : v.Appointment.CourseSession)));

        if (latest is not null)
        {
            await audit.WriteAsync(AuditActions.IntakeView, nameof(IntakeVersion), latest.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), patientId);
        }
        else
        {
            await audit.WriteAsync(AuditActions.AppointmentView, nameof(Appointment), appointment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), patientId);
        }

        // What the patient was told when they submitted; a re-assessment today is shown apart, never instead.
        var today = latest is null ? null : assessor.Assess(latest.Answers, clock.LocalNow, settings.Current.Units);
        var givenIds = given?.RedFlags.Select(f => (f.Id, f.Tier)).ToHashSet() ?? [];
        var todayIds = today?.RedFlags.Select(f => (f.Id, f.Tier)).ToHashSet() ?? [];
        var open = await urgentCases.OpenAsync(patientId);
        // Whom to call: the phone from the answers the patient is working on, else from the latest version.
        var phone = open is null ? null
            : (await db.IntakeDrafts.AsNoTracking().Where(d => d.PatientId == patientId).Select(d => d.Answers).SingleOrDefaultAsync())?["contact_phone"]
              ?? latest?.Answers["contact_phone"];
        return new ReviewPage(appointment, patient.FullName, patient.Email ?? "", clock.Zone, badge.WithUrgent(open?.Tier), latest,
            given, lastReview, changes,
            input ?? OutcomeInput.From(appointment, outcome), appointment.CanRecordOutcome(clock.UtcNow), chart,
            visits.Select(v => new PastVisit(v.Appointment, v.PractitionerName, v.Outcome)).ToList(),
            flash)
        {
            TodayAlsoFlags = today?.RedFlags.Where(f => !givenIds.Contains((f.Id, f.Tier))).ToList() ?? [],
            TodayNoLongerFlags = given?.RedFlags.Where(f => !todayIds.Contains((f.Id, f.Tier))).ToList() ?? [],
            Urgent = open,
            UrgentPhone = phone,
            Units = settings.Current.Units,
        };
    }

    /// <summary>Stamps the version the practitioner read. Idempotent; refuses a version that is no longer the latest.</summary>
    public async Task<ReviewResult> MarkReviewedAsync(Appointment appointment, int versionNumber, string reviewerUserId)
    {
        if (!await MayReadHealthDataAsync(appointment.PractitionerId, appointment.PatientId))
        {
            return ReviewResult.NoIntake;
        }

        var latest = await db.IntakeVersions.Where(v => v.PatientId == appointment.PatientId)
            .MaxAsync(v => (int?)v.Number);
        if (latest is null)
        {
            return ReviewResult.NoIntake;
        }

        if (versionNumber != latest)
        {
            return ReviewResult.Stale;
        }

        if (await db.IntakeReviews.AnyAsync(r => r.PatientId == appointment.PatientId && r.VersionNumber == versionNumber))
        {
            return ReviewResult.AlreadyReviewed;
        }

        db.IntakeReviews.Add(new IntakeReview(appointment.PatientId, versionNumber, reviewerUserId, clock.UtcNow));
        audit.Add(AuditActions.IntakeReview, nameof(IntakeVersion), versionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), appointment.PatientId);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A double click: the unique index kept one stamp.
            db.ChangeTracker.Clear();
            return ReviewResult.AlreadyReviewed;
        }

        return ReviewResult.Reviewed;
    }

    public async Task RecordOutcomeAsync(Appointment appointment, OutcomeInput input, string userId)
    {
        var outcome = await db.VisitOutcomes.SingleOrDefaultAsync(o => o.AppointmentId == appointment.Id);
        if (outcome is null)
        {
            outcome = new VisitOutcome(appointment.Id, appointment.PatientId);
            db.VisitOutcomes.Add(outcome);
        }

        appointment.RecordAttendance(input.Attendance == "completed", clock.UtcNow);
        outcome.Record(input.Notes?.Trim() ?? "", input.ToFigures(), userId, clock.UtcNow);
        audit.Add(AuditActions.VisitOutcome, nameof(Appointment), appointment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), appointment.PatientId);
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<TimeOffRow>> UpcomingTimeOffAsync(int practitionerId)
    {
        var now = clock.UtcNow;
        return await db.TimeOff.AsNoTracking().Where(t => t.PractitionerId == practitionerId && t.EndUtc > now)
            .OrderBy(t => t.StartUtc).Select(t => new TimeOffRow(t.Id, t.StartUtc, t.EndUtc)).ToListAsync();
    }

    /// <summary>
    /// Replaces the week's hours unless that would leave a booked visit outside them; then nothing changes and
    /// the visits are returned. Runs in a write transaction so a booking cannot slip in between check and save.
    /// </summary>
    public async Task<IReadOnlyList<Appointment>> SaveHoursAsync(Domain.Practitioner practitioner, IReadOnlyList<HoursInterval> hours,
        string auditAction = AuditActions.AvailabilityChange)
    {
        var result = await db.InWriteTransactionAsync<IReadOnlyList<Appointment>>(async () =>
        {
            var stranded = WeeklyHours.Stranded(await BookedFromNowAsync(practitioner.Id), hours, clock.Zone);
            if (stranded.Count == 0)
            {
                // Replacing the week must see the current rows, or it would add beside them.
                await db.Entry(practitioner).Collection(p => p.WorkingIntervals).LoadAsync();
                practitioner.SetWorkingHours(hours);
                audit.Add(auditAction, "WorkingHours", practitioner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
                // New hours may free times anywhere up to the horizon: the waitlist hears of it with the change.
                var now = clock.UtcNow;
                db.WaitlistSignals.Add(new WaitlistSignal(practitioner.Id, now, now.AddDays(settings.Current.BookingHorizonDays + 1), now));
                await db.SaveChangesAsync();
            }

            return stranded;
        });
        if (result.Count == 0)
        {
            // Offers for the waitlist go out now, not at the next minute's sweep.
            outboxSignal.Wake();
        }

        return result;
    }

    public Task<IReadOnlyList<Appointment>> AddTimeOffAsync(int practitionerId, DateTime startUtc, DateTime endUtc) =>
        db.InWriteTransactionAsync<IReadOnlyList<Appointment>>(async () =>
        {
            var clashes = WeeklyHours.DuringTimeOff(await BookedFromNowAsync(practitionerId), startUtc, endUtc);
            if (clashes.Count == 0)
            {
                db.TimeOff.Add(new TimeOff(practitionerId, startUtc, endUtc));
                audit.Add(AuditActions.AvailabilityChange, nameof(TimeOff), null, null);
                await db.SaveChangesAsync();
            }

            return clashes;
        });

    /// <summary>Removes one of the practitioner's own time-off entries; false when it is not theirs or unknown.</summary>
    public async Task<bool> RemoveTimeOffAsync(int practitionerId, int timeOffId)
    {
        var entry = await db.TimeOff.SingleOrDefaultAsync(t => t.Id == timeOffId && t.PractitionerId == practitionerId);
        if (entry is null)
        {
            return false;
        }

        db.TimeOff.Remove(entry);
        audit.Add(AuditActions.AvailabilityChange, nameof(TimeOff), timeOffId.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        var now = clock.UtcNow;
        if (entry.EndUtc > now)
        {
            db.WaitlistSignals.Add(new WaitlistSignal(practitionerId, entry.StartUtc > now ? entry.StartUtc : now, entry.EndUtc, now));
        }

        await db.SaveChangesAsync();
        outboxSignal.Wake();
        return true;
    }

    /// <summary>The UTC instant of a local clock time, or null when that time does not exist (a spring-forward gap).</summary>
    public DateTime? ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return clock.Zone.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, clock.Zone);
    }

    public DateTime UtcNow => clock.UtcNow;

    private Task<List<Appointment>> BookedFromNowAsync(int practitionerId)
    {
        var now = clock.UtcNow;
        return db.Appointments.Include(a => a.Service)
            .Where(a => a.PractitionerId == practitionerId && a.Status == AppointmentStatus.Booked && a.EndUtc > now)
            .OrderBy(a => a.StartUtc).ToListAsync();
    }

    private DateTime LocalMidnightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (clock.Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, clock.Zone);
    }
}

using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Features.Desk;

/// <summary>What the front desk may know of a patient's intake (PRODUCT.md §1): its state, never its answers or flags.</summary>
public enum DeskIntakeState
{
    None,
    Draft,
    Submitted,
    Reviewed,
}

public sealed record DeskPatientLine(string Id, string Name, string Email, string? Phone);

/// <param name="CourseService">The service is a treatment course (issue 16).</param>
/// <param name="CourseSession">Which session of its course the visit is; null when it is not in a course.</param>
/// <param name="CourseSessions">How many sessions its course was booked with.</param>
public sealed record DeskVisit(int Id, DateTime StartUtc, DateTime EndUtc, string PractitionerName, string ServiceName, AppointmentStatus Status,
    string PatientId, string PatientName, DeskIntakeState Intake, bool Held, bool CourseService = false, int? CourseSession = null,
    int? CourseSessions = null);

public sealed record DeskPatient(DeskPatientLine Person, DeskIntakeState Intake, bool Held, IReadOnlyList<DeskVisit> Upcoming,
    IReadOnlyList<DeskVisit> Past, int NoShows, int NoShowLimit, bool HasPassword)
{
    /// <summary>Whether the patient can no longer book online (they are asked to call; the desk can still book for them).</summary>
    public bool Blocked => NoShowLimit > 0 && NoShows >= NoShowLimit;
}

/// <summary>
/// The front desk (issue 16): find a patient, make an account for a caller, book, move and cancel for them (the
/// same free times as online, but also inside the change window), mark no-shows and lift the no-show block. Every
/// change is audited with who did it and for whom. Nothing here reads intake answers, flags or visit notes.
/// </summary>
public sealed class DeskService(
    ClinicDbContext db,
    UserManager<ApplicationUser> users,
    ClinicClock clock,
    AuditLog audit,
    Outbox outbox,
    IOptions<ClinicOptions> options)
{
    public const int SearchLimit = 25;

    public int NoShowLimit => options.Value.NoShowLimit;

    private IQueryable<ApplicationUser> Patients =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Roles.Patient
        select u;

    /// <summary>Patients whose name, email or phone holds <paramref name="query"/> (letters case-insensitively, a phone by its digits).</summary>
    public async Task<List<DeskPatientLine>> SearchAsync(string query)
    {
        var text = query.Trim();
        var like = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var upper = text.ToUpperInvariant();
        var byPhone = digits.Length >= 3 ? digits : null;
        return await Patients
            .Where(u => EF.Functions.Like(u.FullName, like, "\\") || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper))
                        || (byPhone != null && u.PhoneNumber != null && u.PhoneNumber.Contains(byPhone)))
            .OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Select(u => new DeskPatientLine(u.Id, u.FullName, u.Email ?? "", u.PhoneNumber))
            .Take(SearchLimit).ToListAsync();
    }

    /// <summary>A patient's page for the desk, or null for an id that is not a patient.</summary>
    public async Task<DeskPatient?> PatientAsync(string id)
    {
        var user = await Patients.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return null;
        }

        var (intake, held) = (await IntakeStatesAsync([id]))[id];
        var visits = await VisitsAsync(db.Appointments.Where(a => a.PatientId == id), 200);
        var now = clock.UtcNow;
        var noShows = await NoShowsAsync(user);
        return new DeskPatient(new DeskPatientLine(user.Id, user.FullName, user.Email ?? "", user.PhoneNumber), intake, held,
            visits.Where(v => v.Status == AppointmentStatus.Booked && v.EndUtc > now).OrderBy(v => v.StartUtc).ToList(),
            visits.Where(v => !(v.Status == AppointmentStatus.Booked && v.EndUtc > now)).OrderByDescending(v => v.StartUtc).Take(30).ToList(),
            noShows, NoShowLimit, user.PasswordHash is not null);
    }

    /// <summary>No-shows since staff last lifted the block.</summary>
    public Task<int> NoShowsAsync(ApplicationUser user) => NoShowsAsync(user.Id, user.NoShowsLiftedUtc);

    private Task<int> NoShowsAsync(string patientId, DateTime? liftedUtc)
    {
        var since = liftedUtc ?? DateTime.MinValue;
        return db.Appointments.CountAsync(a => a.PatientId == patientId && a.Status == AppointmentStatus.NoShow && a.StartUtc > since);
    }

    /// <summary>Whether this patient may still book online (Clinic:NoShowLimit).</summary>
    public async Task<bool> MayBookOnlineAsync(string patientId)
    {
        if (NoShowLimit == 0)
        {
            return true;
        }

        var lifted = await db.Users.Where(u => u.Id == patientId).Select(u => u.NoShowsLiftedUtc).SingleOrDefaultAsync();
        return await NoShowsAsync(patientId, lifted) < NoShowLimit;
    }

    /// <summary>Every practitioner's visits on one clinic day, with each patient's intake state and hold.</summary>
    public async Task<List<DeskVisit>> DayAsync(DateOnly date)
    {
        var fromUtc = Admin.AdminText.DayStartUtc(date, clock.Zone);
        var toUtc = Admin.AdminText.DayStartUtc(date.AddDays(1), clock.Zone);
        return (await VisitsAsync(db.Appointments.Where(a => a.Status != AppointmentStatus.Cancelled && a.StartUtc >= fromUtc && a.StartUtc < toUtc), 500))
            .OrderBy(v => v.StartUtc).ThenBy(v => v.PractitionerName).ToList();
    }

    private async Task<List<DeskVisit>> VisitsAsync(IQueryable<Appointment> appointments, int limit)
    {
        var rows = await (from a in appointments.AsNoTracking()
                join u in db.Users on a.PatientId equals u.Id
                orderby a.StartUtc descending
                select new
                {
                    a.Id, a.StartUtc, a.EndUtc, Practitioner = a.Practitioner!.DisplayName, Service = a.Service!.Name, a.Status, a.PatientId, u.FullName,
                    CourseService = a.Service.CourseSessions != null, a.CourseSession, CourseSessions = (int?)a.Course!.Sessions,
                })
            .Take(limit).ToListAsync();
        var states = await IntakeStatesAsync(rows.Select(r => r.PatientId).Distinct().ToList());
        return rows.Select(r => new DeskVisit(r.Id, r.StartUtc, r.EndUtc, r.Practitioner, r.Service, r.Status, r.PatientId, r.FullName,
            states[r.PatientId].State, states[r.PatientId].Held, r.CourseService, r.CourseSession, r.CourseSession is null ? null : r.CourseSessions)).ToList();
    }

    /// <summary>
    /// None, draft, submitted or reviewed, and whether the patient's visits are held after urgent guidance: read from
    /// the rows' existence and version numbers only, never from answers or assessments.
    /// </summary>
    public async Task<Dictionary<string, (DeskIntakeState State, bool Held)>> IntakeStatesAsync(IReadOnlyCollection<string> patientIds)
    {
        var latest = await db.IntakeVersions.Where(v => patientIds.Contains(v.PatientId))
            .GroupBy(v => v.PatientId).Select(g => new { PatientId = g.Key, Number = g.Max(v => v.Number) })
            .ToDictionaryAsync(r => r.PatientId, r => r.Number);
        var reviewed = await db.IntakeReviews.Where(r => patientIds.Contains(r.PatientId))
            .GroupBy(r => r.PatientId).Select(g => new { PatientId = g.Key, Number = g.Max(r => r.VersionNumber) })
            .ToDictionaryAsync(r => r.PatientId, r => r.Number);
        var drafts = (await db.IntakeDrafts.Where(d => patientIds.Contains(d.PatientId)).Select(d => d.PatientId).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var held = (await db.UrgentCases.Where(c => patientIds.Contains(c.PatientId) && c.ClearedUtc == null).Select(c => c.PatientId).ToListAsync())
            .ToHashSet(StringComparer.Ordinal);
        return patientIds.ToDictionary(id => id, id =>
        {
            var state = latest.TryGetValue(id, out var number)
                ? reviewed.TryGetValue(id, out var r) && r >= number ? DeskIntakeState.Reviewed : DeskIntakeState.Submitted
                : drafts.Contains(id) ? DeskIntakeState.Draft : DeskIntakeState.None;
            return (state, held.Contains(id));
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// An account for a caller: their name, email and phone, the Patient role, confirmed (the clinic has spoken to
    /// them), no password. The "set your password" email is made when it is sent (no link is stored). One write
    /// transaction, so a double-clicked submit finds the first one's account.
    /// </summary>
    public async Task<string?> CreatePatientAsync(NewPatientInput input, ModelStateDictionary errors)
    {
        var email = input.Email!.Trim();
        try
        {
            var created = await db.InWriteTransactionAsync(async () =>
            {
                if (await users.FindByEmailAsync(email) is not null)
                {
                    errors.AddModelError(nameof(input.Email), DeskText.EmailTaken);
                    return null;
                }

                var user = new ApplicationUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, FullName = input.FullName!.Trim(),
                    PhoneNumber = NewPatientInput.NormalisePhone(input.Phone), PreferredLanguage = Languages.Normalise(input.Language) ?? Languages.English,
                };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    errors.AddModelError(nameof(input.Email), result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                        ? DeskText.EmailTaken : DeskText.EmailRefused);
                    return null;
                }

                var role = await users.AddToRoleAsync(user, Roles.Patient);
                if (!role.Succeeded)
                {
                    throw new InvalidOperationException("Could not give the new account the Patient role.");
                }

                audit.Add(DeskActions.PatientCreate, "Patient", user.Id, user.Id);
                outbox.QueuePatientInvitation(email);
                await db.SaveChangesAsync();
                return user.Id;
            });
            if (created is not null)
            {
                outbox.Kick();
            }

            return created;
        }
        catch (DbUpdateException)
        {
            errors.AddModelError(nameof(input.Email), DeskText.EmailTaken);
            return null;
        }
    }

    public Task<Appointment?> FindVisitAsync(int id) =>
        db.Appointments.Include(a => a.Practitioner).Include(a => a.Service).SingleOrDefaultAsync(a => a.Id == id);

    /// <summary>Marks a visit that has started as a no-show; audited. False when it cannot be (not started, cancelled).</summary>
    public async Task<bool> MarkNoShowAsync(Appointment appointment)
    {
        if (!appointment.CanRecordOutcome(clock.UtcNow) || appointment.Status == AppointmentStatus.NoShow)
        {
            return false;
        }

        appointment.RecordAttendance(attended: false, clock.UtcNow);
        audit.Add(DeskActions.NoShow, nameof(Appointment), appointment.Id.ToString(CultureInfo.InvariantCulture), appointment.PatientId);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Lets the patient book online again: no-shows until now stop counting. Audited.</summary>
    public async Task LiftNoShowBlockAsync(string patientId)
    {
        var user = await db.Users.SingleAsync(u => u.Id == patientId);
        user.NoShowsLiftedUtc = clock.UtcNow;
        audit.Add(DeskActions.NoShowLift, "Patient", patientId, patientId);
        await db.SaveChangesAsync();
    }

    /// <summary>Audits a booking, move or cancellation the desk made for a patient.</summary>
    public Task AuditAsync(string action, Appointment appointment) =>
        audit.WriteAsync(action, nameof(Appointment), appointment.Id.ToString(CultureInfo.InvariantCulture), appointment.PatientId);

    /// <summary>Audits the rest of a course the desk booked for a patient (one row: the course, for whom).</summary>
    public Task AuditCourseAsync(int courseId, string patientId) =>
        audit.WriteAsync(DeskActions.BookCourse, nameof(TreatmentCourse), courseId.ToString(CultureInfo.InvariantCulture), patientId);

    public Task AuditPatientViewAsync(string patientId) => audit.WriteAsync(DeskActions.PatientView, "Patient", patientId, patientId);
}

/// <summary>The audit actions of the front desk: who (the actor) did what for whom (the subject).</summary>
public static class DeskActions
{
    public const string PatientView = "desk.patient.view";
    public const string PatientCreate = "desk.patient.create";
    public const string Book = "desk.appointment.book";
    public const string BookCourse = "desk.course.book";
    public const string Move = "desk.appointment.move";
    public const string Cancel = "desk.appointment.cancel";
    public const string NoShow = "desk.appointment.noshow";
    public const string NoShowLift = "desk.patient.noshow-lift";
}

using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Intake;

/// <summary>One open urgent case as the staff page lists it: who to call, how, and what they were told.</summary>
public sealed record UrgentLine(
    UrgentCase Case,
    string PatientName,
    string PatientEmail,
    string? Phone,
    bool Submitted,
    IReadOnlyList<UrgentVisit> Visits);

public sealed record UrgentVisit(int AppointmentId, DateTime StartUtc, string PractitionerName, int PractitionerId);

/// <summary>
/// Urgent answers reach a person (issue 12): every time a patient is shown Emergency or Same-day guidance, from a
/// saved step or a submit, an audit row names the tier and rule (never the answer), the patient's open case is
/// extended, and an alert to <c>Clinic:AlertEmail</c> is queued when the case opens or its tier rises. All in the
/// caller's unit of work, so the alert commits with the answers that raised it.
/// </summary>
public sealed class UrgentCases(
    ClinicDbContext db,
    AuditLog audit,
    ClinicClock clock,
    Notifications.Outbox outbox,
    ClinicSettingsStore clinic,
    ILogger<UrgentCases> logger)
{
    /// <summary>Adds the audit rows, the case change and any alert to the pending changes. True when an alert was queued.</summary>
    public async Task<bool> ShownAsync(string patientId, IReadOnlyCollection<RedFlag> urgent)
    {
        if (urgent.Count == 0)
        {
            return false;
        }

        var open = await OpenAsync(patientId, tracked: true);
        if (open is null)
        {
            open = new UrgentCase(patientId, clock.UtcNow);
            db.UrgentCases.Add(open);
        }

        foreach (var flag in urgent)
        {
            audit.Add(AuditActions.UrgentGuidanceShown, "UrgentGuidance", $"{flag.Tier}:{flag.Id}", patientId);
        }

        if (!open.Shown(urgent, clock.UtcNow))
        {
            return false;
        }

        var to = clinic.Current.AlertEmail;
        if (string.IsNullOrWhiteSpace(to))
        {
            // Only possible outside Production (where the app refuses to start without it).
            logger.LogError("A patient was shown urgent guidance but Clinic:AlertEmail is not set: no one was alerted.");
            return false;
        }

        outbox.QueuePlain(Domain.Notifications.OutboxKind.UrgentIntakeAlert, to);
        return true;
    }

    public Task<UrgentCase?> OpenAsync(string patientId, bool tracked = false) =>
        (tracked ? db.UrgentCases : db.UrgentCases.AsNoTracking())
        .SingleOrDefaultAsync(c => c.PatientId == patientId && c.ClearedUtc == null);

    /// <summary>A patient's bookings are held ("the clinic will call you first") while they have an open case.</summary>
    public Task<bool> IsHeldAsync(string patientId) =>
        db.UrgentCases.AnyAsync(c => c.PatientId == patientId && c.ClearedUtc == null);

    /// <summary>Which of these patients are held, in one query (schedules, lists).</summary>
    public async Task<Dictionary<string, UrgentCase>> OpenForAsync(IReadOnlyCollection<string> patientIds) =>
        patientIds.Count == 0
            ? []
            : await db.UrgentCases.AsNoTracking().Where(c => patientIds.Contains(c.PatientId) && c.ClearedUtc == null)
                .ToDictionaryAsync(c => c.PatientId);

    /// <summary>"Called, OK to proceed" from the list of patients to call (a patient with no visit has no visit page).</summary>
    public async Task<bool> ClearCaseAsync(int caseId, string practitionerUserId) =>
        await db.UrgentCases.AsNoTracking().Where(c => c.Id == caseId && c.ClearedUtc == null).Select(c => c.PatientId).SingleOrDefaultAsync()
            is { } patientId && await ClearAsync(patientId, practitionerUserId);

    /// <summary>"Called, OK to proceed": closes the open case and lifts the holds. False when none was open.</summary>
    public async Task<bool> ClearAsync(string patientId, string practitionerUserId)
    {
        if (await OpenAsync(patientId, tracked: true) is not { } open)
        {
            return false;
        }

        open.Clear(practitionerUserId, clock.UtcNow);
        audit.Add(AuditActions.UrgentCleared, nameof(UrgentCase), open.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), patientId);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        return true;
    }

    /// <summary>Every open case, most urgent first, with how to reach the patient and their coming visits.</summary>
    public async Task<List<UrgentLine>> OpenCasesAsync()
    {
        var cases = await db.UrgentCases.AsNoTracking().Where(c => c.ClearedUtc == null).ToListAsync();
        var ids = cases.Select(c => c.PatientId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.FullName, u.Email }).ToDictionaryAsync(u => u.Id);
        var drafts = await db.IntakeDrafts.AsNoTracking().Where(d => ids.Contains(d.PatientId)).ToDictionaryAsync(d => d.PatientId);
        var versions = (await db.IntakeVersions.AsNoTracking().Where(v => ids.Contains(v.PatientId)).ToListAsync())
            .GroupBy(v => v.PatientId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
        var now = clock.UtcNow;
        var visits = (await (
                    from a in db.Appointments.AsNoTracking()
                    join p in db.Practitioners on a.PractitionerId equals p.Id
                    where ids.Contains(a.PatientId) && a.Status == AppointmentStatus.Booked && a.StartUtc > now
                    select new { a.PatientId, Visit = new UrgentVisit(a.Id, a.StartUtc, p.DisplayName, p.Id) })
                .ToListAsync())
            .GroupBy(v => v.PatientId).ToDictionary(g => g.Key, g => g.Select(v => v.Visit).OrderBy(v => v.StartUtc).ToList());
        return cases.OrderByDescending(c => c.Tier).ThenBy(c => c.OpenedUtc).Select(c =>
        {
            var user = users.GetValueOrDefault(c.PatientId);
            var answers = drafts.GetValueOrDefault(c.PatientId)?.Answers ?? versions.GetValueOrDefault(c.PatientId)?.Answers;
            var phone = answers?["contact_phone"];
            return new UrgentLine(c, user?.FullName ?? "", user?.Email ?? "", string.IsNullOrWhiteSpace(phone) ? null : phone,
                versions.ContainsKey(c.PatientId), visits.GetValueOrDefault(c.PatientId) ?? []);
        }).ToList();
    }
}

using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Intake;

public sealed record SubmitOutcome(IntakeVersion? Version, IReadOnlyList<FieldError> Missing);

/// <summary>A patient's intake: the draft they are filling, their submitted versions, and what submitting does.</summary>
public sealed class IntakeService(
    ClinicDbContext db,
    AuditLog audit,
    ClinicClock clock,
    IntakeAssessor assessor,
    ClinicBooking.Web.Features.Notifications.Outbox outbox,
    ClinicSettingsStore clinic,
    ILogger<IntakeService> logger)
{
    public Task<IntakeDraft?> DraftAsync(string patientId) =>
        db.IntakeDrafts.SingleOrDefaultAsync(d => d.PatientId == patientId);

    public Task<IntakeVersion?> LatestAsync(string patientId) =>
        db.IntakeVersions.Where(v => v.PatientId == patientId).OrderByDescending(v => v.Number).FirstOrDefaultAsync();

    public Task<List<IntakeVersion>> VersionsAsync(string patientId) =>
        db.IntakeVersions.Where(v => v.PatientId == patientId).OrderBy(v => v.Number).ToListAsync();

    /// <summary>The booking flow's gate: has this patient submitted an intake at least once?</summary>
    public Task<bool> HasSubmittedAsync(string patientId) => db.IntakeVersions.AnyAsync(v => v.PatientId == patientId);

    /// <summary>What the form shows: the draft, else the latest submitted answers (to update them), else nothing.</summary>
    public async Task<IntakeAnswers> CurrentAnswersAsync(string patientId) =>
        (await DraftAsync(patientId))?.Answers ?? (await LatestAsync(patientId))?.Answers ?? IntakeAnswers.Empty;

    public Task AuditViewAsync(string patientId, string what) =>
        audit.WriteAsync(AuditActions.IntakeView, what, null, patientId);

    public Task AuditExportAsync(string patientId) =>
        audit.WriteAsync(AuditActions.IntakeExport, "IntakeExport", null, patientId);

    public async Task SaveSectionAsync(string patientId, string sectionKey, IReadOnlyDictionary<string, string> values)
    {
        var draft = await DraftAsync(patientId);
        if (draft is null)
        {
            draft = new IntakeDraft(patientId, (await LatestAsync(patientId))?.Answers ?? IntakeAnswers.Empty, clock.UtcNow);
            db.IntakeDrafts.Add(draft);
        }

        draft.Save(values, clock.UtcNow);
        audit.Add(AuditActions.IntakeSave, "IntakeDraft", sectionKey, patientId);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Turns the draft into the next version. Without a draft there is nothing new to submit (a repeated click
    /// lands here) and the latest version is returned unchanged.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(string patientId)
    {
        var draft = await DraftAsync(patientId);
        if (draft is null)
        {
            return new SubmitOutcome(await LatestAsync(patientId), []);
        }

        var missing = IntakeValidator.Missing(draft.Answers, clock.Today);
        if (missing.Count > 0)
        {
            return new SubmitOutcome(null, missing);
        }

        var assessment = assessor.Assess(draft.Answers, clock.LocalNow);
        var number = (await db.IntakeVersions.Where(v => v.PatientId == patientId).MaxAsync(v => (int?)v.Number) ?? 0) + 1;
        var version = new IntakeVersion(patientId, number, draft.Answers, clock.UtcNow, assessment.HighestTier);
        db.IntakeVersions.Add(version);
        db.IntakeDrafts.Remove(draft);
        audit.Add(AuditActions.IntakeSubmit, "IntakeVersion", number.ToString(System.Globalization.CultureInfo.InvariantCulture), patientId);
        var alert = assessment.NeedsUrgentAction && QueueAlert();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another submit of the same draft won the race and made this version; show that one.
            db.ChangeTracker.Clear();
            return new SubmitOutcome(await LatestAsync(patientId), []);
        }

        if (alert)
        {
            outbox.Kick();
        }

        return new SubmitOutcome(version, []);
    }

    /// <summary>
    /// Tells the clinic an intake needs urgent review: an outbox row committed with the version, whose email holds
    /// a link only (no health data, no name).
    /// </summary>
    private bool QueueAlert()
    {
        var to = clinic.Current.AlertEmail;
        if (string.IsNullOrWhiteSpace(to))
        {
            logger.LogWarning("An intake needs urgent review but Clinic:AlertEmail is not set.");
            return false;
        }

        outbox.QueuePlain(ClinicBooking.Web.Domain.Notifications.OutboxKind.UrgentIntakeAlert, to);
        return true;
    }
}

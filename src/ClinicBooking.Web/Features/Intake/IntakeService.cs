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
    UrgentCases urgent,
    ClinicSettingsStore clinic)
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

    /// <summary>
    /// Saves one step of the draft. Returns the Emergency and Same-day flags this step raised (not raised before it),
    /// which the patient is shown at once; they are audited, open or extend the patient's urgent case and, when the
    /// case opens or its tier rises, queue the clinic's alert, all committed with the answers.
    /// </summary>
    public async Task<IReadOnlyList<RedFlag>> SaveSectionAsync(string patientId, string sectionKey, IReadOnlyDictionary<string, string> values)
    {
        var (raised, alerted) = await db.InWriteTransactionAsync(async () =>
        {
            var draft = await DraftAsync(patientId);
            if (draft is null)
            {
                draft = new IntakeDraft(patientId, (await LatestAsync(patientId))?.Answers ?? IntakeAnswers.Empty, clock.UtcNow);
                db.IntakeDrafts.Add(draft);
            }

            var before = Urgent(assessor.Assess(draft.Answers, clock.LocalNow, clinic.Current.Units)).Select(f => f.Id).ToHashSet();
            draft.Save(values, clock.UtcNow);
            var newlyRaised = Urgent(assessor.Assess(draft.Answers, clock.LocalNow, clinic.Current.Units)).Where(f => !before.Contains(f.Id)).ToList();
            audit.Add(AuditActions.IntakeSave, "IntakeDraft", sectionKey, patientId);
            var alert = await urgent.ShownAsync(patientId, newlyRaised);
            await db.SaveChangesAsync();
            return ((IReadOnlyList<RedFlag>)newlyRaised, alert);
        });

        if (alerted)
        {
            outbox.Kick();
        }

        return raised;
    }

    /// <summary>
    /// Turns the draft into the next version, with the assessment the patient is shown kept beside it. Without a
    /// draft there is nothing new to submit (a repeated click lands here) and the latest version is returned unchanged.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(string patientId)
    {
        var (outcome, alerted) = await db.InWriteTransactionAsync(async () =>
        {
            var draft = await DraftAsync(patientId);
            if (draft is null)
            {
                return (new SubmitOutcome(await LatestAsync(patientId), []), false);
            }

            var missing = IntakeValidator.Missing(draft.Answers, clock.Today);
            if (missing.Count > 0)
            {
                return (new SubmitOutcome(null, missing), false);
            }

            var assessment = assessor.Assess(draft.Answers, clock.LocalNow, clinic.Current.Units);
            var number = (await db.IntakeVersions.Where(v => v.PatientId == patientId).MaxAsync(v => (int?)v.Number) ?? 0) + 1;
            var version = new IntakeVersion(patientId, number, draft.Answers, clock.UtcNow, assessment);
            db.IntakeVersions.Add(version);
            db.IntakeDrafts.Remove(draft);
            audit.Add(AuditActions.IntakeSubmit, "IntakeVersion", number.ToString(System.Globalization.CultureInfo.InvariantCulture), patientId);
            // The submitted page shows every urgent flag again: that is guidance shown, and may raise the tier.
            var alert = await urgent.ShownAsync(patientId, Urgent(assessment));
            await db.SaveChangesAsync();
            return (new SubmitOutcome(version, []), alert);
        });

        if (alerted)
        {
            outbox.Kick();
        }

        return outcome;
    }

    private static List<RedFlag> Urgent(IntakeAssessment assessment) =>
        assessment.RedFlags.Where(f => f.Tier >= FlagTier.SameDay).ToList();
}

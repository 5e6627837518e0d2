namespace ClinicBooking.Web.Domain.Intake;

/// <summary>The answers a patient is still working on: one per patient, changed section by section.</summary>
public class IntakeDraft
{
    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";
    public IntakeAnswers Answers { get; private set; } = IntakeAnswers.Empty;
    public DateTime UpdatedUtc { get; private set; }

    private IntakeDraft()
    {
    }

    public IntakeDraft(string patientId, IntakeAnswers startingPoint, DateTime nowUtc)
    {
        PatientId = patientId;
        Answers = startingPoint;
        UpdatedUtc = nowUtc;
    }

    public void Save(IReadOnlyDictionary<string, string> sectionValues, DateTime nowUtc)
    {
        Answers = Answers.With(sectionValues);
        UpdatedUtc = nowUtc;
    }
}

/// <summary>
/// A submitted intake. Never changed once written (a database trigger refuses updates): an update after
/// submitting is a new version, so the practitioner can see what changed.
/// </summary>
public class IntakeVersion
{
    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";
    public int Number { get; private set; }
    public IntakeAnswers Answers { get; private set; } = IntakeAnswers.Empty;
    public DateTime SubmittedUtc { get; private set; }

    /// <summary>
    /// Whether the patient was shown any red flag at submission: a coarse marker lists can filter on in SQL. The
    /// tier itself is health data and lives only in the encrypted <see cref="Assessment"/>.
    /// </summary>
    public bool Flagged { get; private set; }

    /// <summary>
    /// The assessment the patient was given when they submitted (flags, guidance, factors, figures), kept so the
    /// practitioner reads what the patient was told, not a re-assessment at a later date. Null for versions
    /// submitted before it was kept: those are re-assessed at their submission time.
    /// </summary>
    public IntakeAssessment? Assessment { get; private set; }

    private IntakeVersion()
    {
    }

    /// <summary>The assessment the patient was given: the kept one, or (versions from before it was kept) the answers assessed at submission.</summary>
    public IntakeAssessment GivenAssessment(IntakeAssessor assessor, Func<DateTime, DateTime> toLocal, MeasurementUnits units) =>
        Assessment ?? assessor.Assess(Answers, toLocal(SubmittedUtc), units);

    public IntakeVersion(string patientId, int number, IntakeAnswers answers, DateTime submittedUtc, IntakeAssessment assessment)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        PatientId = patientId;
        Number = number;
        Answers = answers;
        SubmittedUtc = submittedUtc;
        Assessment = assessment;
        Flagged = assessment.RedFlags.Count > 0;
    }
}

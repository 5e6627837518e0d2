namespace ClinicBooking.Web.Domain.Practice;

/// <summary>
/// What happened at a visit, recorded by the practitioner: the figures a course of treatment is judged on and
/// short notes only practitioners see. One per appointment; recording again replaces it.
/// </summary>
public class VisitOutcome
{
    public const int NotesMaxLength = 1000;

    public int Id { get; private set; }
    public int AppointmentId { get; private set; }
    public string PatientId { get; private set; } = "";
    public string Notes { get; private set; } = "";
    public int? SupplementMl24h { get; private set; }
    public int? ExpressedMl24h { get; private set; }
    public int? Feeds24h { get; private set; }
    public int? WetDiapers24h { get; private set; }
    public int? BabyWeightGrams { get; private set; }
    public DateOnly? BabyWeightDate { get; private set; }
    public int? Confidence { get; private set; }
    public string RecordedByUserId { get; private set; } = "";
    public DateTime RecordedUtc { get; private set; }

    private VisitOutcome()
    {
    }

    public VisitOutcome(int appointmentId, string patientId)
    {
        AppointmentId = appointmentId;
        PatientId = patientId;
    }

    /// <summary>The figures as one value (stored as columns, so they can be queried and charted).</summary>
    public OutcomeFigures Figures =>
        new(SupplementMl24h, ExpressedMl24h, Feeds24h, WetDiapers24h, BabyWeightGrams, BabyWeightDate, Confidence);

    public void Record(string notes, OutcomeFigures figures, string userId, DateTime nowUtc)
    {
        if (notes.Length > NotesMaxLength)
        {
            throw new ArgumentException($"Notes are at most {NotesMaxLength} characters.", nameof(notes));
        }

        Notes = notes;
        (SupplementMl24h, ExpressedMl24h, Feeds24h, WetDiapers24h, BabyWeightGrams, BabyWeightDate, Confidence) = figures;
        RecordedByUserId = userId;
        RecordedUtc = nowUtc;
    }
}

/// <summary>The measured figures of one visit; any may be left out.</summary>
public sealed record OutcomeFigures(
    int? SupplementMl24h,
    int? ExpressedMl24h,
    int? Feeds24h,
    int? WetDiapers24h,
    int? BabyWeightGrams,
    DateOnly? BabyWeightDate,
    int? Confidence)
{
    public static readonly OutcomeFigures None = new(null, null, null, null, null, null, null);
}

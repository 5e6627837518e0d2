namespace ClinicBooking.Web.Domain.Practice;

/// <summary>
/// "I have read this intake": who read which submitted version of a patient's intake, and when. A newer version
/// has no review until someone reads it, so the stamp clears itself when the patient updates their answers.
/// </summary>
public class IntakeReview
{
    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";
    public int VersionNumber { get; private set; }
    public string ReviewerUserId { get; private set; } = "";
    public DateTime ReviewedUtc { get; private set; }

    private IntakeReview()
    {
    }

    public IntakeReview(string patientId, int versionNumber, string reviewerUserId, DateTime reviewedUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(versionNumber);
        PatientId = patientId;
        VersionNumber = versionNumber;
        ReviewerUserId = reviewerUserId;
        ReviewedUtc = reviewedUtc;
    }
}

namespace ClinicBooking.Web.Domain.Booking;

/// <summary>
/// A course of treatment booked in one step (issue 16): the first visit and the rest, with one practitioner. Each
/// appointment of it carries its session number; cancelling or moving one keeps the others (and the numbers).
/// </summary>
public class TreatmentCourse
{
    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";
    public int ServiceId { get; private set; }
    public int PractitionerId { get; private set; }

    /// <summary>How many sessions the course was booked with (the service's count may change later).</summary>
    public int Sessions { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    private TreatmentCourse()
    {
    }

    public TreatmentCourse(string patientId, int serviceId, int practitionerId, int sessions, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, Service.MinCourseSessions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sessions, Service.MaxCourseSessions);
        PatientId = patientId;
        ServiceId = serviceId;
        PractitionerId = practitionerId;
        Sessions = sessions;
        CreatedUtc = nowUtc;
    }

    /// <summary>The patient deleted their account: the course follows its visits to the placeholder account.</summary>
    public void HandToDeletedPatient(string placeholderPatientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placeholderPatientId);
        PatientId = placeholderPatientId;
    }
}

namespace ClinicBooking.Web.Domain.Booking;

public enum AppointmentStatus
{
    Booked,
    Cancelled,
    Completed,
    NoShow,
}

/// <summary>
/// A booked visit. Times are UTC. <see cref="BlockedUntilUtc"/> is the end plus the service's buffer, fixed at
/// booking time, so a later change to the service never moves existing visits.
/// </summary>
public class Appointment
{
    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";
    public int PractitionerId { get; private set; }
    public int ServiceId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public DateTime BlockedUntilUtc { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }

    /// <summary>The calendar revision (iCalendar SEQUENCE): each move or cancellation raises it so calendars update.</summary>
    public int Sequence { get; private set; }

    /// <summary>The treatment course this visit belongs to (issue 16), and which session of it: null for a single visit.</summary>
    public int? CourseId { get; private set; }

    public int? CourseSession { get; private set; }

    public Practitioner? Practitioner { get; private set; }
    public Service? Service { get; private set; }
    public TreatmentCourse? Course { get; private set; }

    private Appointment()
    {
    }

    public Appointment(string patientId, int practitionerId, Service service, DateTime startUtc, DateTime nowUtc)
    {
        PatientId = patientId;
        PractitionerId = practitionerId;
        ServiceId = service.Id;
        StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        EndUtc = StartUtc + service.Duration;
        BlockedUntilUtc = EndUtc + service.Buffer;
        Status = AppointmentStatus.Booked;
        CreatedUtc = nowUtc;
    }

    public bool IsActive => Status == AppointmentStatus.Booked;

    /// <summary>Makes this visit session <paramref name="session"/> of a course. Moving or cancelling it later keeps the number.</summary>
    public void JoinCourse(int courseId, int session)
    {
        if (CourseId is not null)
        {
            throw new InvalidOperationException($"Appointment {Id} is already in course {CourseId}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(session, 1);
        CourseId = courseId;
        CourseSession = session;
    }

    /// <summary>The length it was booked with (the service's duration may have changed since).</summary>
    public int DurationMinutes => (int)(EndUtc - StartUtc).TotalMinutes;

    /// <summary>Whether a patient may still change it themselves: booked, and not inside the cancellation window.</summary>
    public bool CanBeChangedByPatient(DateTime nowUtc, TimeSpan cancellationWindow) =>
        Status == AppointmentStatus.Booked && StartUtc - nowUtc >= cancellationWindow;

    public void Cancel(DateTime nowUtc)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new InvalidOperationException($"A {Status} appointment cannot be cancelled.");
        }

        Status = AppointmentStatus.Cancelled;
        CancelledUtc = nowUtc;
        Sequence++;
    }

    /// <summary>Whether the practitioner can say how it went: it was not cancelled, and it has started.</summary>
    public bool CanRecordOutcome(DateTime nowUtc) => Status != AppointmentStatus.Cancelled && nowUtc >= StartUtc;

    /// <summary>Completed or no-show; can be corrected later (a no-show who arrived late becomes completed).</summary>
    public void RecordAttendance(bool attended, DateTime nowUtc)
    {
        if (!CanRecordOutcome(nowUtc))
        {
            throw new InvalidOperationException($"A {Status} appointment starting {StartUtc:O} cannot have an outcome yet.");
        }

        Status = attended ? AppointmentStatus.Completed : AppointmentStatus.NoShow;
    }

    /// <summary>
    /// The patient deleted their account: the visit stays in the clinic's schedule history, now belonging to the
    /// placeholder "deleted patient" account, so nothing on it points at the person any more.
    /// </summary>
    public void HandToDeletedPatient(string placeholderPatientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placeholderPatientId);
        PatientId = placeholderPatientId;
    }

    public void MoveTo(DateTime newStartUtc, TimeSpan duration, TimeSpan buffer)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new InvalidOperationException($"A {Status} appointment cannot be moved.");
        }

        StartUtc = DateTime.SpecifyKind(newStartUtc, DateTimeKind.Utc);
        EndUtc = StartUtc + duration;
        BlockedUntilUtc = EndUtc + buffer;
        Sequence++;
    }
}

/// <summary>A practitioner's absence, in UTC.</summary>
public class TimeOff
{
    public int Id { get; private set; }
    public int PractitionerId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }

    /// <summary>The longest time off (the form's limit): busy time never has to be read further back than this.</summary>
    public static readonly TimeSpan LongestSpan = TimeSpan.FromDays(366);

    private TimeOff()
    {
    }

    public TimeOff(int practitionerId, DateTime startUtc, DateTime endUtc)
    {
        if (endUtc <= startUtc)
        {
            throw new ArgumentException("Time off must end after it starts.", nameof(endUtc));
        }

        if (endUtc - startUtc > LongestSpan)
        {
            throw new ArgumentException("Time off lasts at most a year.", nameof(endUtc));
        }

        PractitionerId = practitionerId;
        StartUtc = startUtc;
        EndUtc = endUtc;
    }
}

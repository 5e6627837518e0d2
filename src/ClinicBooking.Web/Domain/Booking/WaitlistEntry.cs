namespace ClinicBooking.Web.Domain.Booking;

public enum WaitlistStatus
{
    /// <summary>Waiting for a time (until <see cref="WaitlistEntry.ExpiresUtc"/>).</summary>
    Waiting,

    /// <summary>The patient booked this service since joining: the wait is over.</summary>
    Booked,

    /// <summary>The patient left the waitlist.</summary>
    Left,
}

/// <summary>Parts of the day a waiter can choose (clinic-local start times): before noon, noon to 5 PM, from 5 PM.</summary>
[Flags]
public enum WaitlistTimes
{
    Any = 0,
    Morning = 1,
    Afternoon = 2,
    Evening = 4,
}

/// <summary>
/// A patient waiting for a time (issue 16): a service, optionally one practitioner, and the weekdays and parts of
/// the day that suit them. When a matching time frees up, every matching waiter is offered it by email, in the order
/// they joined (<see cref="WaitlistOffer"/>). Expires after <c>Clinic:WaitlistDays</c>.
/// </summary>
public class WaitlistEntry
{
    public const int MaxActivePerPatient = 5;

    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";
    public int ServiceId { get; private set; }

    /// <summary>Null: any practitioner.</summary>
    public int? PractitionerId { get; private set; }

    /// <summary>Weekdays that suit, as bits (1 &lt;&lt; (int)DayOfWeek); 0: any day.</summary>
    public int Days { get; private set; }

    public WaitlistTimes Times { get; private set; }
    public WaitlistStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }

    /// <summary>Who put the patient on the list when it was not the patient (the front desk), for the list's column.</summary>
    public string? AddedById { get; private set; }

    public Service? Service { get; private set; }
    public Practitioner? Practitioner { get; private set; }

    private WaitlistEntry()
    {
    }

    public WaitlistEntry(string patientId, int serviceId, int? practitionerId, IEnumerable<DayOfWeek> days, WaitlistTimes times,
        DateTime nowUtc, TimeSpan keepFor, string? addedById = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        PatientId = patientId;
        ServiceId = serviceId;
        PractitionerId = practitionerId;
        Days = DaysMask(days);
        Times = times & (WaitlistTimes.Morning | WaitlistTimes.Afternoon | WaitlistTimes.Evening);
        Status = WaitlistStatus.Waiting;
        CreatedUtc = nowUtc;
        ExpiresUtc = nowUtc + keepFor;
        AddedById = addedById;
    }

    /// <summary>New days and times for the same wait; its place in the queue and its end stay.</summary>
    public void Change(IEnumerable<DayOfWeek> days, WaitlistTimes times)
    {
        Days = DaysMask(days);
        Times = times & (WaitlistTimes.Morning | WaitlistTimes.Afternoon | WaitlistTimes.Evening);
    }

    public static int DaysMask(IEnumerable<DayOfWeek> days)
    {
        var mask = days.Aggregate(0, (m, d) => m | (1 << (int)d));
        return mask == 0x7F ? 0 : mask;
    }

    public IReadOnlyList<DayOfWeek> DayList =>
        Days == 0 ? [] : Enum.GetValues<DayOfWeek>().Where(d => (Days & (1 << (int)d)) != 0).ToList();

    public bool IsWaiting(DateTime nowUtc) => Status == WaitlistStatus.Waiting && nowUtc < ExpiresUtc;

    /// <summary>Whether a start (in clinic-local time) suits this waiter: the weekday and the part of the day.</summary>
    public bool Suits(DateTime localStart) =>
        (Days == 0 || (Days & (1 << (int)localStart.DayOfWeek)) != 0)
        && (Times == WaitlistTimes.Any || (Times & PartOfDay(localStart)) != 0);

    public static WaitlistTimes PartOfDay(DateTime localStart) =>
        localStart.Hour < 12 ? WaitlistTimes.Morning : localStart.Hour < 17 ? WaitlistTimes.Afternoon : WaitlistTimes.Evening;

    public void Leave(DateTime nowUtc) => Close(WaitlistStatus.Left, nowUtc);

    public void MarkBooked(DateTime nowUtc) => Close(WaitlistStatus.Booked, nowUtc);

    private void Close(WaitlistStatus status, DateTime nowUtc)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            return;
        }

        Status = status;
        ClosedUtc = nowUtc;
    }
}

/// <summary>A free time offered to one waiter (one email); never offered to the same waiter twice.</summary>
public class WaitlistOffer
{
    public int Id { get; private set; }
    public int EntryId { get; private set; }
    public int PractitionerId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    public WaitlistEntry? Entry { get; private set; }

    private WaitlistOffer()
    {
    }

    public WaitlistOffer(WaitlistEntry entry, int practitionerId, DateTime startUtc, DateTime nowUtc)
    {
        Entry = entry;
        EntryId = entry.Id;
        PractitionerId = practitionerId;
        StartUtc = startUtc;
        CreatedUtc = nowUtc;
    }
}

/// <summary>
/// "Time may have come free for this practitioner between these instants": written in the same transaction as the
/// cancellation, move or change of hours that freed it, and turned into offers by the outbox dispatcher (so an
/// offer is never lost to a crash between the two, and never made twice).
/// </summary>
public class WaitlistSignal
{
    public long Id { get; private set; }
    public int PractitionerId { get; private set; }
    public DateTime FromUtc { get; private set; }
    public DateTime ToUtc { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    private WaitlistSignal()
    {
    }

    public WaitlistSignal(int practitionerId, DateTime fromUtc, DateTime toUtc, DateTime nowUtc)
    {
        PractitionerId = practitionerId;
        FromUtc = fromUtc;
        ToUtc = toUtc;
        CreatedUtc = nowUtc;
    }
}

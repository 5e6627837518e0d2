using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.Web.Domain.Practice;

/// <summary>
/// A patient who was shown Emergency or Same-day guidance, from the moment the step that raised it was saved (a
/// draft is enough) until a practitioner records "called, OK to proceed". While it is open the clinic is alerted
/// once per rise in tier, the patient is at the top of the red-flag lists, and their bookings are held.
/// At most one open case per patient (a unique index); a later urgent answer after clearing opens a new one.
/// </summary>
public class UrgentCase
{
    public int Id { get; private set; }
    public string PatientId { get; private set; } = "";

    /// <summary>The most urgent tier shown while the case is open; the clinic has been alerted for it.</summary>
    public FlagTier Tier { get; private set; }

    /// <summary>
    /// Every urgent flag shown while open, as the patient saw it (rule and guidance), in the order first shown.
    /// Health data: encrypted at rest.
    /// </summary>
    public IReadOnlyList<RedFlag> Flags { get; private set; } = [];

    public DateTime OpenedUtc { get; private set; }
    public DateTime LastShownUtc { get; private set; }

    /// <summary>How many times urgent guidance was shown while open (each saved step or submit that showed it).</summary>
    public int TimesShown { get; private set; }

    /// <summary>Alerts queued for this case: one when it opened, one more for each rise in tier.</summary>
    public int AlertsQueued { get; private set; }

    public DateTime? ClearedUtc { get; private set; }
    public string? ClearedByUserId { get; private set; }

    public bool IsOpen => ClearedUtc is null;

    private UrgentCase()
    {
    }

    public UrgentCase(string patientId, DateTime nowUtc)
    {
        PatientId = patientId;
        OpenedUtc = nowUtc;
        LastShownUtc = nowUtc;
    }

    /// <summary>
    /// Records urgent guidance shown now. Returns true when the clinic must be alerted: the first urgent answer of
    /// the case, or one more urgent than any alerted before. Others are listed on the page the first alert opens.
    /// </summary>
    public bool Shown(IReadOnlyCollection<RedFlag> urgent, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("A cleared case records nothing more; open a new one.");
        }

        if (urgent.Count == 0 || urgent.Any(f => f.Tier < FlagTier.SameDay))
        {
            throw new ArgumentException("Only Emergency and Same-day flags open or extend an urgent case.", nameof(urgent));
        }

        // A new list, so the change is seen and saved.
        Flags = [.. Flags, .. urgent.Where(f => Flags.All(known => known.Id != f.Id)).DistinctBy(f => f.Id)];
        TimesShown++;
        LastShownUtc = nowUtc;
        var highest = urgent.Max(f => f.Tier);
        if (AlertsQueued > 0 && highest <= Tier)
        {
            return false;
        }

        Tier = highest;
        AlertsQueued++;
        return true;
    }

    /// <summary>A practitioner called the patient and it is OK to proceed: the holds lift.</summary>
    public void Clear(string practitionerUserId, DateTime nowUtc)
    {
        if (IsOpen)
        {
            ClearedUtc = nowUtc;
            ClearedByUserId = practitionerUserId;
        }
    }
}

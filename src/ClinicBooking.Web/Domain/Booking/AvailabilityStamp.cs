namespace ClinicBooking.Web.Domain.Booking;

/// <summary>
/// A version number that changes, in the same transaction, with every write that can change free times: one row per
/// practitioner (their appointments and time off) and row <see cref="Clinic"/> for what concerns everyone (services,
/// practitioners and their hours, the clinic's settings). Cached free times are keyed by these numbers, so a cache in
/// any instance is stale the moment the database says so. A missing row is version 0.
/// </summary>
public class AvailabilityStamp
{
    /// <summary>The row for changes that concern every practitioner.</summary>
    public const int Clinic = 0;

    public int PractitionerId { get; private set; }
    public long Version { get; private set; }

    private AvailabilityStamp()
    {
    }
}

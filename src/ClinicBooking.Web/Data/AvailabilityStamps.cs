using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClinicBooking.Web.Data;

/// <summary>Which availability stamps a save must bump, and the bump itself (an atomic increment, upserted).</summary>
internal static class AvailabilityStamps
{
    /// <summary>
    /// The stamps touched by the pending changes: a practitioner's for their appointments and time off, the clinic's
    /// for services, practitioners, working hours and settings.
    /// </summary>
    public static SortedSet<int> Touched(ChangeTracker tracker)
    {
        var touched = new SortedSet<int>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Appointment appointment:
                    touched.Add(appointment.PractitionerId);
                    touched.Add(entry.Property(nameof(Appointment.PractitionerId)).OriginalValue is int before ? before : appointment.PractitionerId);
                    break;
                case TimeOff timeOff:
                    touched.Add(timeOff.PractitionerId);
                    break;
                case Service or Practitioner or WorkingInterval or ClinicSettings:
                    touched.Add(AvailabilityStamp.Clinic);
                    break;
            }
        }

        return touched;
    }

    private const string BumpSql =
        "INSERT INTO \"AvailabilityStamps\" (\"PractitionerId\", \"Version\") VALUES ({0}, 1) " +
        "ON CONFLICT (\"PractitionerId\") DO UPDATE SET \"Version\" = \"AvailabilityStamps\".\"Version\" + 1";

    public static async Task BumpAsync(DbContext db, IEnumerable<int> stamps, CancellationToken cancellationToken)
    {
        foreach (var id in stamps)
        {
            await db.Database.ExecuteSqlRawAsync(BumpSql, [id], cancellationToken);
        }
    }

    public static void Bump(DbContext db, IEnumerable<int> stamps)
    {
        foreach (var id in stamps)
        {
            db.Database.ExecuteSqlRaw(BumpSql, id);
        }
    }
}

using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// The availability queries, compiled once per host (a compiled query belongs to one EF model, and each host has its
/// own): EF neither rebuilds nor looks up their SQL per call. "No appointment to ignore" is id 0 (ids start at 1), so
/// the SQL never changes shape with a null.
/// </summary>
public sealed class AvailabilityQueries
{
    /// <summary>One row of busy time, from an appointment (with its buffer) or from time off.</summary>
    public sealed class BusyRow
    {
        public int PractitionerId { get; init; }
        public DateTime Start { get; init; }
        public DateTime End { get; init; }
    }

    public readonly Func<ClinicDbContext, IAsyncEnumerable<AvailabilityStamp>> Stamps =
        EF.CompileAsyncQuery((ClinicDbContext db) => db.AvailabilityStamps.AsNoTracking());

    public readonly Func<ClinicDbContext, IAsyncEnumerable<Practitioner>> Practitioners =
        EF.CompileAsyncQuery((ClinicDbContext db) =>
            db.Practitioners.AsNoTracking().Where(p => p.IsActive).Include(p => p.WorkingIntervals));

    public readonly Func<ClinicDbContext, int, IAsyncEnumerable<Practitioner>> OnePractitioner =
        EF.CompileAsyncQuery((ClinicDbContext db, int id) =>
            db.Practitioners.AsNoTracking().Where(p => p.IsActive && p.Id == id).Include(p => p.WorkingIntervals));

    public readonly Func<ClinicDbContext, int, int, DateTime, DateTime, DateTime, DateTime, IAsyncEnumerable<BusyRow>> BusyOfOne =
        EF.CompileAsyncQuery((ClinicDbContext db, int practitionerId, int except, DateTime appointmentsFrom, DateTime timeOffFrom,
                DateTime rangeStart, DateTime rangeEnd) =>
            db.Appointments.AsNoTracking()
                .Where(a => a.PractitionerId == practitionerId && a.Status == AppointmentStatus.Booked
                            && a.StartUtc >= appointmentsFrom && a.StartUtc < rangeEnd && a.BlockedUntilUtc > rangeStart && a.Id != except)
                .Select(a => new BusyRow { PractitionerId = a.PractitionerId, Start = a.StartUtc, End = a.BlockedUntilUtc })
                .Concat(db.TimeOff.AsNoTracking()
                    .Where(t => t.PractitionerId == practitionerId && t.StartUtc >= timeOffFrom && t.StartUtc < rangeEnd && t.EndUtc > rangeStart)
                    .Select(t => new BusyRow { PractitionerId = t.PractitionerId, Start = t.StartUtc, End = t.EndUtc })));

    public readonly Func<ClinicDbContext, int, DateTime, DateTime, DateTime, DateTime, IAsyncEnumerable<BusyRow>> BusyOfAll =
        EF.CompileAsyncQuery((ClinicDbContext db, int except, DateTime appointmentsFrom, DateTime timeOffFrom,
                DateTime rangeStart, DateTime rangeEnd) =>
            db.Appointments.AsNoTracking()
                .Where(a => a.Status == AppointmentStatus.Booked
                            && a.StartUtc >= appointmentsFrom && a.StartUtc < rangeEnd && a.BlockedUntilUtc > rangeStart && a.Id != except)
                .Select(a => new BusyRow { PractitionerId = a.PractitionerId, Start = a.StartUtc, End = a.BlockedUntilUtc })
                .Concat(db.TimeOff.AsNoTracking()
                    .Where(t => t.StartUtc >= timeOffFrom && t.StartUtc < rangeEnd && t.EndUtc > rangeStart)
                    .Select(t => new BusyRow { PractitionerId = t.PractitionerId, Start = t.StartUtc, End = t.EndUtc })));
}

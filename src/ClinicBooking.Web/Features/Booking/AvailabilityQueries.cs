using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// The availability queries, compiled once per EF model (a compiled query belongs to one model; each host has its
/// own, see <see cref="For"/>): EF neither rebuilds nor looks up their SQL per call. "No appointment to ignore" is id 0 (ids start at 1), so
/// the SQL never changes shape with a null.
/// </summary>
public sealed class AvailabilityQueries(ClinicDatabase database)
{
    /// <summary>
    /// The stamps, read with one plain command on a pooled connection of the clinic database: this runs on every
    /// availability request, and EF's own overhead would be most of its cost. Read-only, outside any transaction.
    /// </summary>
    public async Task<List<(int PractitionerId, long Version)>> ReadStampsAsync()
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"PractitionerId\", \"Version\" FROM \"AvailabilityStamps\" ORDER BY \"PractitionerId\"";
        var stamps = new List<(int, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stamps.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        Interlocked.Increment(ref _stampReads);
        return stamps;
    }

    private long _stampReads;

    /// <summary>How many times the stamps were read (tests count the queries of a request with it).</summary>
    public long StampReads => Interlocked.Read(ref _stampReads);

    /// <summary>One row of busy time, from an appointment (with its buffer) or from time off.</summary>
    public sealed class BusyRow
    {
        public int PractitionerId { get; init; }
        public DateTime Start { get; init; }
        public DateTime End { get; init; }
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Compiled> _compiled = new();

    /// <summary>
    /// The queries compiled for this context's model. A compiled query belongs to the model it first ran with, and one
    /// host normally has one model; but EF keeps models in a size-limited cache shared by every host in the process, so
    /// where many hosts run (the test suite) a host's model can be evicted and rebuilt, and a query compiled for the
    /// old one would throw. Compiling per model keeps them right; in production this is one entry.
    /// </summary>
    public Compiled For(ClinicDbContext db) => _compiled.GetValue(db.Model, _ => new Compiled());

    /// <summary>The availability queries, compiled for one model.</summary>
    public sealed class Compiled
    {
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
}

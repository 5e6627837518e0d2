using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using Microsoft.Extensions.Caching.Memory;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>What a cached range holds: the free starts whatever the time now, and the practitioners' names.</summary>
public sealed record AvailabilityEntry(IReadOnlyList<Slot> Candidates, IReadOnlyDictionary<int, string> Names);

/// <summary>
/// Free times computed for a service, a practitioner (or all) and a range of dates, kept in memory under the
/// availability stamps they were read with (<see cref="AvailabilityStamp"/>). A write that changes free times bumps a
/// stamp in the same transaction, so the next request reads a new key and recomputes: correct with any number of
/// instances, because the stamps are read from the database on every request. Bounded by entry count; old keys age out.
/// </summary>
public sealed class AvailabilityCache : IDisposable
{
    /// <summary>At most this many ranges are kept (a week or a month each: a few hundred slots).</summary>
    public const int Capacity = 2_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    /// <summary>Looks up anything kept under availability stamps; <paramref name="key"/> must include them.</summary>
    public bool TryGet<T>(object key, out T? value) => _cache.TryGetValue(key, out value);

    public void Set(object key, object value) =>
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Dispose() => _cache.Dispose();
}

/// <summary>What one request read of the availability stamps: the cache key for its range, and the clinic-wide version.</summary>
public sealed record Stamps(string Key, long Clinic);

/// <summary>The active services and practitioners, as of a clinic-wide stamp.</summary>
public sealed record Catalogue(IReadOnlyList<Service> Services, IReadOnlyList<Practitioner> Practitioners)
{
    public Service? ActiveService(int id) => Services.FirstOrDefault(s => s.Id == id);

    public Practitioner? ActivePractitioner(int id) => Practitioners.FirstOrDefault(p => p.Id == id);
}

/// <summary>
/// Everything a cached range depends on: the service's length, the range, the practitioner (0 for all) and the
/// stamps that cover them (the clinic's, and the practitioner's or everyone's).
/// </summary>
public readonly record struct AvailabilityKey(int ServiceId, int DurationMinutes, int BufferMinutes, int PractitionerId,
    DateOnly From, DateOnly To, string Stamps);

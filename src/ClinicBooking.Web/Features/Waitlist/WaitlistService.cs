using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Features.Waitlist;

/// <summary>What became of a request to join the waitlist.</summary>
public enum JoinResult
{
    Joined,
    Updated,
    TooMany,
    NotBookable,
}

/// <summary>
/// The waitlist (issue 16). A patient waits for a service, optionally one practitioner, on the weekdays and parts
/// of the day that suit them, for <c>Clinic:WaitlistDays</c>. A cancellation, a move or new hours write a
/// <see cref="WaitlistSignal"/> in their own transaction; the outbox dispatcher turns signals into offers: each
/// matching waiter, in the order they joined, is offered the free time nearest the freed start that suits them
/// and that they have not been offered before, by email, all at once. The first to book it has it (the booking
/// rules decide); the others find the next free times on the offer's page.
/// </summary>
public sealed class WaitlistService(
    ClinicDbContext db,
    BookingService booking,
    ClinicClock clock,
    ClinicSettingsStore settings,
    IOptions<ClinicOptions> options,
    ILogger<WaitlistService> logger)
{
    public TimeSpan KeepFor => TimeSpan.FromDays(options.Value.WaitlistDays);

    /// <param name="addedById">The front desk member who added the patient (a caller), or null when patients join themselves.</param>
    public async Task<JoinResult> JoinAsync(string patientId, int serviceId, int? practitionerId, IReadOnlyCollection<DayOfWeek> days,
        WaitlistTimes times, string? addedById = null)
    {
        var stamps = await booking.ReadStampsAsync(practitionerId);
        var catalogue = await booking.CatalogueAsync(stamps);
        if (catalogue.ActiveService(serviceId) is null || (practitionerId is { } p && catalogue.ActivePractitioner(p) is null))
        {
            return JoinResult.NotBookable;
        }

        var now = clock.UtcNow;
        return await db.InWriteTransactionAsync(async () =>
        {
            var waiting = await db.WaitlistEntries.Where(e => e.PatientId == patientId && e.Status == WaitlistStatus.Waiting && e.ExpiresUtc > now)
                .ToListAsync();
            if (waiting.FirstOrDefault(e => e.ServiceId == serviceId && e.PractitionerId == practitionerId) is { } same)
            {
                // The same wait again: its days and times are replaced, its place in the queue kept.
                same.Change(days, times);
                await db.SaveChangesAsync();
                return JoinResult.Updated;
            }

            if (waiting.Count >= WaitlistEntry.MaxActivePerPatient)
            {
                return JoinResult.TooMany;
            }

            db.WaitlistEntries.Add(new WaitlistEntry(patientId, serviceId, practitionerId, days, times, now, KeepFor, addedById));
            await db.SaveChangesAsync();
            return JoinResult.Joined;
        });
    }

    /// <summary>Leaves one of the patient's own places; false when it is not theirs.</summary>
    public async Task<bool> LeaveAsync(string patientId, int entryId)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.PatientId == patientId);
        if (entry is null)
        {
            return false;
        }

        entry.Leave(clock.UtcNow);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The front desk takes a place off the list (the caller asked, or has found a time by phone); the caller saves.</summary>
    public async Task<WaitlistEntry?> RemoveAsync(int entryId)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == entryId);
        entry?.Leave(clock.UtcNow);
        return entry;
    }

    public Task<List<WaitlistEntry>> ForPatientAsync(string patientId) =>
        db.WaitlistEntries.AsNoTracking().Include(e => e.Service).Include(e => e.Practitioner)
            .Where(e => e.PatientId == patientId).OrderByDescending(e => e.CreatedUtc).ThenByDescending(e => e.Id).Take(50).ToListAsync();

    /// <summary>Everyone waiting now, in the order they joined, with their names and how many times they were offered.</summary>
    public async Task<IReadOnlyList<WaitlistLine>> WaitingAsync()
    {
        var now = clock.UtcNow;
        return await (from e in db.WaitlistEntries.AsNoTracking()
                      where e.Status == WaitlistStatus.Waiting && e.ExpiresUtc > now
                      join u in db.Users on e.PatientId equals u.Id
                      orderby e.CreatedUtc, e.Id
                      select new WaitlistLine(e.Id, e.PatientId, u.FullName, e.Service!.Name, e.Practitioner == null ? null : e.Practitioner.DisplayName,
                          e.Days, e.Times, e.CreatedUtc, e.ExpiresUtc, db.WaitlistOffers.Count(o => o.EntryId == e.Id)))
            .Take(500).ToListAsync();
    }

    /// <summary>The earliest free times that suit a waiter, from now to the horizon (their offer's page; "free now" on their list).</summary>
    public async Task<IReadOnlyList<Slot>> SuitingAsync(WaitlistEntry entry, int count)
    {
        var service = entry.Service ?? await db.Services.AsNoTracking().SingleAsync(s => s.Id == entry.ServiceId);
        if (!service.IsActive)
        {
            return [];
        }

        var today = clock.Today;
        var free = await booking.FreeSlotsAsync(service, entry.PractitionerId, today, today.AddDays(settings.Current.BookingHorizonDays));
        return free.Where(s => entry.Suits(clock.ToLocal(s.StartUtc))).Take(count).ToList();
    }

    /// <summary>Whether a time is still free for the service with that practitioner.</summary>
    public async Task<bool> IsFreeAsync(Service service, int practitionerId, DateTime startUtc)
    {
        var day = DateOnly.FromDateTime(clock.ToLocal(startUtc));
        return (await booking.FreeSlotsAsync(service, practitionerId, day, day)).Any(s => s.StartUtc == startUtc);
    }

    /// <summary>
    /// Turns the signals written since the last run into offers and their emails, in one write transaction with the
    /// signals' removal: each signal is acted on once, whatever crashes. Returns how many offers it made.
    /// </summary>
    public async Task<int> OfferFreedTimesAsync()
    {
        if (!await db.WaitlistSignals.AnyAsync())
        {
            return 0;
        }

        var made = await db.InWriteTransactionAsync(async () =>
        {
            var signals = await db.WaitlistSignals.OrderBy(s => s.Id).Take(100).ToListAsync();
            if (signals.Count == 0)
            {
                return 0;
            }

            var now = clock.UtcNow;
            var entries = await db.WaitlistEntries.Include(e => e.Service)
                .Where(e => e.Status == WaitlistStatus.Waiting && e.ExpiresUtc > now)
                .OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id).ToListAsync();
            var offers = entries.Count == 0 ? [] : await OffersForAsync(signals, entries, now);
            if (offers.Count > 0)
            {
                db.WaitlistOffers.AddRange(offers);
                await db.SaveChangesAsync();
                var patients = offers.Select(o => o.Entry!.PatientId).Distinct().ToList();
                var emails = await db.Users.Where(u => patients.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "");
                foreach (var offer in offers)
                {
                    db.Outbox.Add(OutboxMessage.ForWaitlistOffer(emails.GetValueOrDefault(offer.Entry!.PatientId) ?? "", offer.Id,
                        offer.PractitionerId, offer.StartUtc, now));
                }
            }

            db.WaitlistSignals.RemoveRange(signals);
            await db.SaveChangesAsync();
            return offers.Count;
        });
        if (made > 0)
        {
            logger.LogInformation("Waitlist: {Count} offers made", made);
        }

        return made;
    }

    /// <summary>
    /// For each signal, the free times of each waited-for service that overlap the freed range; each waiter (in the
    /// order they joined) gets the one nearest the freed start that suits them and was never offered to them. One offer a waiter a run.
    /// </summary>
    private async Task<List<WaitlistOffer>> OffersForAsync(IReadOnlyList<WaitlistSignal> signals, IReadOnlyList<WaitlistEntry> entries, DateTime now)
    {
        var ids = entries.Select(e => e.Id).ToList();
        var offered = (await db.WaitlistOffers.AsNoTracking().Where(o => ids.Contains(o.EntryId))
                .Select(o => new { o.EntryId, o.PractitionerId, o.StartUtc }).ToListAsync())
            .Select(o => (o.EntryId, o.PractitionerId, o.StartUtc)).ToHashSet();
        var served = new HashSet<int>();
        var offers = new List<WaitlistOffer>();
        foreach (var signal in signals)
        {
            var waiting = entries.Where(e => !served.Contains(e.Id) && e.Service is { IsActive: true }
                                             && (e.PractitionerId is null || e.PractitionerId == signal.PractitionerId)).ToList();
            foreach (var group in waiting.GroupBy(e => e.ServiceId))
            {
                var service = group.First().Service!;
                var block = service.Duration + service.Buffer;
                var from = DateOnly.FromDateTime(clock.ToLocal(signal.FromUtc - block));
                var to = DateOnly.FromDateTime(clock.ToLocal(signal.ToUtc));
                // Nearest the freed start first: a cancelled 10:00 is offered as 10:00, not as the 9:15 it also frees.
                var freed = (await booking.FreeSlotsAsync(service, signal.PractitionerId, from, to))
                    .Where(s => s.StartUtc < signal.ToUtc && s.StartUtc + block > signal.FromUtc)
                    .OrderBy(s => (s.StartUtc - signal.FromUtc).Duration()).ThenBy(s => s.StartUtc).ToList();
                foreach (var entry in group)
                {
                    var slot = freed.FirstOrDefault(s => entry.Suits(clock.ToLocal(s.StartUtc)) && !offered.Contains((entry.Id, s.PractitionerId, s.StartUtc)));
                    if (slot is null)
                    {
                        continue;
                    }

                    offers.Add(new WaitlistOffer(entry, slot.PractitionerId, slot.StartUtc, now));
                    offered.Add((entry.Id, slot.PractitionerId, slot.StartUtc));
                    served.Add(entry.Id);
                }
            }
        }

        // Emailed in the order the waiters joined (the outbox sends in id order).
        return offers.OrderBy(o => o.Entry!.CreatedUtc).ThenBy(o => o.EntryId).ToList();
    }
}

/// <summary>One waiter on the staff's list.</summary>
public sealed record WaitlistLine(int Id, string PatientId, string PatientName, string Service, string? Practitioner, int Days,
    WaitlistTimes Times, DateTime JoinedUtc, DateTime ExpiresUtc, int Offers);

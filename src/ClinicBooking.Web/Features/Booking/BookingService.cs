using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Infrastructure;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Booking;

public abstract record BookingResult
{
    public sealed record Booked(Appointment Appointment, bool AlreadyExisted) : BookingResult;

    /// <summary>The time was free when shown but someone else took it; here are the nearest free ones.</summary>
    public sealed record Taken(IReadOnlyList<Slot> Nearest) : BookingResult;

    /// <param name="Message">What to tell the patient, in their language.</param>
    public sealed record Refused(string Message) : BookingResult;

    /// <summary>The patient already has as many visits ahead as one account may hold (Clinic:MaxUpcomingVisitsPerPatient).</summary>
    public sealed record LimitReached(int Limit) : BookingResult;
}

/// <summary>Free times, and booking, moving and cancelling appointments without ever double-booking.</summary>
public sealed class BookingService(ClinicDbContext db, ClinicSettingsStore settings, ClinicClock clock, Outbox outbox,
    AvailabilityCache cache, AvailabilityQueries queries, ILogger<BookingService> logger, Microsoft.Extensions.Options.IOptions<ClinicOptions> options,
    ClinicMetrics metrics)
{
    private ClinicSettings Settings => settings.Current;

    private SlotRules Rules => new(Settings.SlotStep, Settings.MinimumNotice, Settings.BookingHorizonDays);

    public Task<List<Service>> ActiveServicesAsync() =>
        db.Services.AsNoTracking().Where(s => s.IsActive).OrderByDescending(s => s.RequiresIntake).ThenBy(s => s.Name).ToListAsync();

    public Task<List<Practitioner>> ActivePractitionersAsync() =>
        db.Practitioners.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.DisplayName).ToListAsync();

    /// <summary>
    /// Free starts for a service between two clinic-local dates, for one practitioner or all. From the cache when the
    /// availability stamps have not moved (one plain read), else two queries more whatever the range: the practitioners with their
    /// hours, and the busy time (appointments and time off) of the range only, never the whole history.
    /// </summary>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(Service service, int? practitionerId, DateOnly from, DateOnly to,
        int? exceptAppointmentId = null)
    {
        var entry = exceptAppointmentId is null
            ? (await AvailabilityAsync([service], practitionerId, from, to))[0]
            : Compute(await LoadAsync(practitionerId, from, to, exceptAppointmentId.Value), service, from, to);
        return SlotCalculator.Within(entry.Candidates, Rules, clock.UtcNow);
    }

    /// <summary>The first free start of each service (null when none) between two dates: none to two queries in all.</summary>
    public async Task<IReadOnlyList<Slot?>> FirstFreeAsync(IReadOnlyList<Service> services, DateOnly from, DateOnly to, Stamps stamps)
    {
        var now = clock.UtcNow;
        return (await AvailabilityAsync(services, null, from, to, stamps))
            .Select(e => SlotCalculator.Within(e.Candidates, Rules, now).FirstOrDefault()).ToList();
    }

    /// <summary>
    /// The candidates (free starts whatever the time now) of each service, from the cache where the stamps match.
    /// The stamps are read before anything else: a write that commits in between can only make what is cached under
    /// them newer, never older, than they say.
    /// </summary>
    private async Task<IReadOnlyList<AvailabilityEntry>> AvailabilityAsync(IReadOnlyList<Service> services, int? practitionerId,
        DateOnly from, DateOnly to, Stamps? stamps = null)
    {
        stamps ??= await ReadStampsAsync(practitionerId);
        var entries = new AvailabilityEntry[services.Count];
        Inputs? inputs = null;
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var key = Key(service, practitionerId, from, to, stamps);
            if (!cache.TryGet(key, out entries[i]!))
            {
                inputs ??= await LoadAsync(practitionerId, from, to, exceptAppointmentId: 0);
                entries[i] = Compute(inputs, service, from, to);
                cache.Set(key, entries[i]);
            }
        }

        return entries;
    }

    private static AvailabilityKey Key(Service service, int? practitionerId, DateOnly from, DateOnly to, Stamps stamps) =>
        new(service.Id, service.DurationMinutes, service.BufferMinutes, practitionerId ?? 0, from, to, stamps.Key);

    /// <summary>
    /// Reads the availability stamps (one small query): the key for a practitioner's (or everyone's) free times, with
    /// the settings that shape them, and the clinic-wide version that covers services and practitioners. Read it
    /// first, before anything it is used to look up.
    /// </summary>
    public async Task<Stamps> ReadStampsAsync(int? practitionerId)
    {
        var key = new System.Text.StringBuilder();
        key.Append(Settings.Zone.Id).Append('|').Append(Settings.SlotStep.Ticks);
        long clinic = 0;
        foreach (var (id, version) in await queries.ReadStampsAsync())
        {
            if (id == AvailabilityStamp.Clinic)
            {
                clinic = version;
            }

            if (practitionerId is null || id == practitionerId || id == AvailabilityStamp.Clinic)
            {
                key.Append('|').Append(id).Append(':').Append(version);
            }
        }

        return new Stamps(key.ToString(), clinic);
    }

    /// <summary>
    /// The active services and practitioners, kept under the clinic-wide stamp (any change to either bumps it): the
    /// public pages and the API look them up without a query.
    /// </summary>
    public async Task<Catalogue> CatalogueAsync(Stamps stamps)
    {
        var key = (nameof(Catalogue), stamps.Clinic);
        if (!cache.TryGet(key, out Catalogue? catalogue))
        {
            catalogue = new Catalogue(await ActiveServicesAsync(), await ActivePractitionersAsync());
            cache.Set(key, catalogue);
        }

        return catalogue!;
    }

    /// <summary>
    /// Something made from the free times of a range (the API's JSON, a week grid), kept while the stamps stand and
    /// until the moment notice or horizon would change which times it shows; made afresh otherwise.
    /// </summary>
    /// <param name="markedWithin">
    /// When the view marks the starts closer than this to now (the change window), it is kept only until the next start
    /// crosses into it.
    /// </param>
    public async Task<T> ViewAsync<T>(string view, Service service, int? practitionerId, DateOnly from, DateOnly to, Stamps stamps,
        Func<IReadOnlyList<Slot>, IReadOnlyDictionary<int, string>, T> make, TimeSpan? markedWithin = null) where T : class
    {
        var now = clock.UtcNow;
        var key = (view, Key(service, practitionerId, from, to, stamps));
        if (cache.TryGet(key, out CachedView<T>? cached) && cached!.From <= now && now < cached.Until)
        {
            return cached.Value;
        }

        var entry = (await AvailabilityAsync([service], practitionerId, from, to, stamps))[0];
        var rules = Rules;
        var shown = SlotCalculator.Within(entry.Candidates, rules, now);
        var value = make(shown, entry.Names);
        var until = SlotCalculator.SameUntil(entry.Candidates, rules, now);
        if (markedWithin is { } window && shown.FirstOrDefault(s => s.StartUtc >= now + window) is { } next && next.StartUtc - window < until)
        {
            until = next.StartUtc - window + TimeSpan.FromTicks(1);
        }

        cache.Set(key, new CachedView<T>(value, now, until));
        return value;
    }

    private sealed record CachedView<T>(T Value, DateTime From, DateTime Until);

    private sealed record Inputs(IReadOnlyList<PractitionerWeek> Weeks, IReadOnlyList<BusyPeriod> Busy, IReadOnlyDictionary<int, string> Names);

    private AvailabilityEntry Compute(Inputs inputs, Service service, DateOnly from, DateOnly to) =>
        new(SlotCalculator.Candidates(inputs.Weeks, inputs.Busy, service.Duration, service.Buffer, Settings.SlotStep, Settings.Zone, from, to),
            inputs.Names);

    /// <summary>
    /// The practitioners with their hours, and the busy time that can touch the range: appointments that start at most
    /// <see cref="Service.LongestBlock"/> before it and time off that starts at most <see cref="TimeOff.LongestSpan"/>
    /// before it, both read through an index on their start, so the cost follows the range, not the history.
    /// </summary>
    private async Task<Inputs> LoadAsync(int? practitionerId, DateOnly from, DateOnly to, int exceptAppointmentId)
    {
        var rangeStart = (SlotCalculator.StartToUtc(from.ToDateTime(TimeOnly.MinValue), Settings.Zone) ?? from.ToDateTime(TimeOnly.MinValue)).AddDays(-1);
        var rangeEnd = to.AddDays(2).ToDateTime(TimeOnly.MinValue);
        var practitioners = new List<Practitioner>();
        var compiled = queries.For(db);
        await foreach (var p in practitionerId is { } one ? compiled.OnePractitioner(db, one) : compiled.Practitioners(db))
        {
            practitioners.Add(p);
        }

        var busy = new List<BusyPeriod>();
        var appointmentsFrom = rangeStart - Service.LongestBlock;
        var timeOffFrom = rangeStart - TimeOff.LongestSpan;
        await foreach (var b in practitionerId is { } id
                           ? compiled.BusyOfOne(db, id, exceptAppointmentId, appointmentsFrom, timeOffFrom, rangeStart, rangeEnd)
                           : compiled.BusyOfAll(db, exceptAppointmentId, appointmentsFrom, timeOffFrom, rangeStart, rangeEnd))
        {
            busy.Add(new BusyPeriod(b.PractitionerId, b.Start, b.End));
        }

        return new Inputs(practitioners.Select(p => new PractitionerWeek(p.Id, p.WorkingIntervals.ToList())).ToList(), busy,
            practitioners.ToDictionary(p => p.Id, p => p.DisplayName));
    }

    /// <summary>
    /// Books a time inside one write transaction (BEGIN IMMEDIATE: SQLite's writers queue, so the check and the
    /// insert cannot interleave with another booking). The unique index on practitioner + start for active rows is
    /// the last guard. A repeated submit by the same patient returns the appointment it already made.
    /// </summary>
    /// <param name="catalogue">The active services and practitioners, when the caller has read them already.</param>
    public async Task<BookingResult> BookAsync(string patientId, int serviceId, int practitionerId, DateTime startUtc, Catalogue? catalogue = null)
    {
        catalogue ??= await CatalogueAsync(await ReadStampsAsync(practitionerId));
        if (catalogue.ActiveService(serviceId) is not { } service)
        {
            return new BookingResult.Refused(Text.Get<BookingText>("That service is not available to book. Please choose another."));
        }

        if (catalogue.ActivePractitioner(practitionerId) is null)
        {
            return new BookingResult.Refused(Text.Get<BookingText>("That practitioner is not available to book. Please choose another."));
        }

        if (!IsPlausible(startUtc))
        {
            return new BookingResult.Refused(Text.Get<BookingText>(NotOffered));
        }

        // Read before the write lock, which every booking waits for: the address the confirmation goes to, and whether
        // the patient is on the waitlist (most are not: then the booking writes nothing more inside the lock).
        var email = await outbox.PatientEmailAsync(patientId);
        var waiting = await db.WaitlistEntries.AnyAsync(e => e.PatientId == patientId && e.ServiceId == serviceId && e.Status == WaitlistStatus.Waiting);
        return await InWriteTransactionAsync(async () =>
        {
            // The patient's visits ahead, in one query (at most the cap, through the patient's index): a repeated
            // submit finds its own visit among them, and the count is taken inside the write lock, so a burst of
            // parallel bookings cannot pass the cap together. One account cannot fill a practitioner's fortnight.
            var now = clock.UtcNow;
            var earliest = now.AddDays(-1);
            var ahead = await db.Appointments.AsNoTracking()
                .Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.StartUtc > earliest).ToListAsync();
            if (ahead.FirstOrDefault(a => a.PractitionerId == practitionerId && a.ServiceId == serviceId && a.StartUtc == startUtc) is { } mine)
            {
                return new BookingResult.Booked(mine, AlreadyExisted: true);
            }

            var limit = options.Value.MaxUpcomingVisitsPerPatient;
            if (ahead.Count(a => a.StartUtc > now) >= limit)
            {
                return new BookingResult.LimitReached(limit);
            }

            var outcome = await CheckFreeAsync(service, practitionerId, startUtc, ignoring: null);
            if (outcome is not null)
            {
                return outcome;
            }

            var appointment = new Appointment(patientId, practitionerId, service, startUtc, clock.UtcNow);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            // The confirmation and reminders commit with the appointment, or not at all.
            await outbox.QueueBookedAsync(appointment, service.RequiresIntake, email);
            await db.SaveChangesAsync();
            // A visit of this service ends the patient's wait for one (one statement, through the patient's index).
            if (waiting)
            {
                await db.WaitlistEntries.Where(e => e.PatientId == patientId && e.ServiceId == serviceId && e.Status == WaitlistStatus.Waiting)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, WaitlistStatus.Booked).SetProperty(e => e.ClosedUtc, (DateTime?)now));
            }
            return new BookingResult.Booked(appointment, AlreadyExisted: false);
        }, service, practitionerId, startUtc);
    }

    public async Task<BookingResult> RescheduleAsync(Appointment appointment, DateTime newStartUtc)
    {
        var service = await db.Services.SingleAsync(s => s.Id == appointment.ServiceId);
        if (!IsPlausible(newStartUtc))
        {
            return new BookingResult.Refused(Text.Get<BookingText>(NotOffered));
        }

        if (newStartUtc == appointment.StartUtc)
        {
            return new BookingResult.Booked(appointment, AlreadyExisted: true);
        }

        return await InWriteTransactionAsync(async () =>
        {
            var outcome = await CheckFreeAsync(service, appointment.PractitionerId, newStartUtc, ignoring: appointment.Id);
            if (outcome is not null)
            {
                return outcome;
            }

            // The old time is free again: the waitlist hears of it in this transaction (WaitlistService).
            db.WaitlistSignals.Add(new WaitlistSignal(appointment.PractitionerId, appointment.StartUtc, appointment.BlockedUntilUtc, clock.UtcNow));
            appointment.MoveTo(newStartUtc, service.Duration, service.Buffer);
            await outbox.QueueMovedAsync(appointment, service.RequiresIntake);
            await db.SaveChangesAsync();
            return new BookingResult.Booked(appointment, AlreadyExisted: false);
        }, service, appointment.PractitionerId, newStartUtc);
    }

    /// <summary>
    /// Whether the start is one of the free times (on the grid, inside working hours, clear of other visits and
    /// time off, between notice and horizon, not in a clock-change gap); null when it is.
    /// </summary>
    private async Task<BookingResult?> CheckFreeAsync(Service service, int practitionerId, DateTime startUtc, int? ignoring)
    {
        var localDate = DateOnly.FromDateTime(clock.ToLocal(startUtc));
        // Read afresh inside the write lock, never from the cache. When moving, the appointment's own current time does
        // not block its new one (no appointment has id 0).
        var free = await FreeSlotsAsync(service, practitionerId, localDate, localDate, exceptAppointmentId: ignoring ?? 0);
        if (free.Any(s => s.PractitionerId == practitionerId && s.StartUtc == startUtc))
        {
            return null;
        }

        // Bounded like every busy-time read: an appointment that could overlap starts at most the longest block before.
        var earliest = startUtc - Service.LongestBlock;
        var overlapping = await db.Appointments.AnyAsync(a => a.PractitionerId == practitionerId && a.Id != ignoring
            && a.Status == AppointmentStatus.Booked && a.StartUtc > earliest && a.StartUtc < startUtc + service.Duration + service.Buffer
            && startUtc < a.BlockedUntilUtc);
        // The nearest free times are looked up after the transaction, not while holding everyone's write lock.
        return overlapping ? new BookingResult.Taken([]) : new BookingResult.Refused(Text.Get<BookingText>(NotOffered));
    }

    private const string NotOffered =
        "That time cannot be booked: it is outside the practitioner's hours, too soon, too far ahead, or not a time we offer. Please choose one of the times shown.";

    /// <summary>Whether a requested start is near enough to now to be worth checking (and safe to do date arithmetic on).</summary>
    public bool IsPlausible(DateTime startUtc) =>
        startUtc > clock.UtcNow.AddDays(-1) && startUtc < clock.UtcNow.AddDays(Settings.BookingHorizonDays + 2);

    public async Task<IReadOnlyList<Slot>> NearestAsync(Service service, int? practitionerId, DateTime aroundUtc, int count = 6)
    {
        var date = DateOnly.FromDateTime(clock.ToLocal(aroundUtc));
        var free = await FreeSlotsAsync(service, practitionerId, date.AddDays(-3), date.AddDays(7));
        return free.OrderBy(s => Math.Abs((s.StartUtc - aroundUtc).Ticks)).Take(count).OrderBy(s => s.StartUtc).ToList();
    }

    public async Task CancelAsync(Appointment appointment)
    {
        appointment.Cancel(clock.UtcNow);
        db.WaitlistSignals.Add(new WaitlistSignal(appointment.PractitionerId, appointment.StartUtc, appointment.BlockedUntilUtc, clock.UtcNow));
        await outbox.QueueCancelledAsync(appointment);
        await db.SaveChangesAsync();
        outbox.Kick();
    }

    public Task<Appointment?> FindForPatientAsync(string patientId, int id) =>
        db.Appointments.Include(a => a.Practitioner).Include(a => a.Service).Include(a => a.Course)
            .SingleOrDefaultAsync(a => a.Id == id && a.PatientId == patientId);

    public Task<List<Appointment>> ForPatientAsync(string patientId) =>
        db.Appointments.AsNoTracking().Include(a => a.Practitioner).Include(a => a.Service)
            .Where(a => a.PatientId == patientId).OrderBy(a => a.StartUtc).ToListAsync();

    /// <summary>
    /// Runs a booking or a move in the shared write transaction; commits only a new or moved visit. The unique index
    /// on practitioner + start catches what the check inside could not see, and that alone is "just taken": the
    /// transaction is already rolled back and detached when the nearest free times are read. Any other failure
    /// (a foreign key, a check) is a fault, logged with its cause and answered 500, never passed off as "taken".
    /// </summary>
    private async Task<BookingResult> InWriteTransactionAsync(Func<Task<BookingResult>> work, Service service, int practitionerId, DateTime startUtc)
    {
        BookingResult result;
        try
        {
            result = await db.InWriteTransactionAsync(work, r => r is BookingResult.Booked { AlreadyExisted: false });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            metrics.BookingConflict();
            return new BookingResult.Taken(await NearestAsync(service, practitionerId, startUtc));
        }
        catch (DbUpdateException e)
        {
            logger.LogError(e, "Booking practitioner {PractitionerId} at {StartUtc:o} failed in the database", practitionerId, startUtc);
            throw;
        }

        if (result is BookingResult.Booked { AlreadyExisted: false })
        {
            metrics.Booked();
            outbox.Kick();
        }
        else if (result is BookingResult.Taken)
        {
            metrics.BookingConflict();
        }

        return result is BookingResult.Taken ? new BookingResult.Taken(await NearestAsync(service, practitionerId, startUtc)) : result;
    }
}

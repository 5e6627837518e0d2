using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

BenchmarkSwitcher.FromAssembly(typeof(AvailabilityBenchmarks).Assembly).Run(args,
    DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15)));

/// <summary>
/// A month of availability (docs/performance.md) on a real SQLite file holding 2,000 booked appointments around the
/// month asked for and 0 or 50,000 past ones, for one practitioner and for all: computed (an empty cache each call)
/// and from the cache. Run: dotnet run -c Release --project tests/ClinicBooking.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    /// <summary>Booked visits before the 2,000 near the month: a clinic's history, which must not slow free times down.</summary>
    [Params(0, 50_000)]
    public int Past { get; set; }

    private string _folder = "";
    private ClinicDbContext _db = null!;
    private BookingService _booking = null!;
    private ClinicSettingsStore _settings = null!;
    private ClinicClock _clock = null!;
    private AvailabilityQueries _queries = null!;
    private Service _service = null!;
    private DateOnly _from;
    private readonly CommandCounter _counter = new();

    /// <summary>BookingService counts bookings; here nobody listens (the gauge is never read).</summary>
    private static readonly ClinicMetrics Metrics = MetricsFromContainer();

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("clinicbooking-bench-").FullName;
        var options = new DbContextOptionsBuilder<ClinicDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "clinic.db")}")
            .AddInterceptors(_counter)
            .Options;
        _db = new ClinicDbContext(options, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        _db.Database.Migrate();

        var settings = _settings = new ClinicSettingsStore(Options.Create(new ClinicOptions()));
        var clock = _clock = new ClinicClock(TimeProvider.System, settings);
        _service = new Service("Follow-up treatment", 45, 15, false);
        _db.Services.Add(_service);
        var practitioners = new List<Practitioner>();
        for (var p = 0; p < 4; p++)
        {
            var user = new ApplicationUser { Id = $"p{p}", UserName = $"p{p}@x.test", Email = $"p{p}@x.test" };
            _db.Users.Add(user);
            var practitioner = new Practitioner(user.Id, $"Practitioner {p}");
            for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
            {
                practitioner.AddWorkingInterval(day, new TimeOnly(9, 0), new TimeOnly(17, 0));
            }

            practitioners.Add(practitioner);
            _db.Practitioners.Add(practitioner);
        }

        var patient = new ApplicationUser { Id = "patient", UserName = "patient@x.test", Email = "patient@x.test" };
        _db.Users.Add(patient);
        _db.SaveChanges();

        // 2,000 booked visits, 500 per practitioner: five hourly visits every weekday morning from 60 days ago,
        // so the month being asked for is about half booked, as in a busy clinic.
        var zone = settings.Current.Zone;
        _from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var date = _from.AddDays(-60);
        var made = 0;
        while (made < 2000)
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                foreach (var practitioner in practitioners)
                {
                    for (var hour = 9; hour < 14 && made < 2000; hour++)
                    {
                        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), zone);
                        _db.Appointments.Add(new Appointment(patient.Id, practitioner.Id, _service, startUtc, DateTime.UtcNow));
                        made++;
                    }
                }
            }

            date = date.AddDays(1);
        }

        _db.SaveChanges();
        _db.ChangeTracker.Clear();

        // The history: eight visits a weekday per practitioner, going back from before the 2,000 (years of it).
        date = _from.AddDays(-61);
        made = 0;
        while (made < Past)
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                foreach (var practitioner in practitioners)
                {
                    for (var hour = 9; hour < 17 && made < Past; hour++)
                    {
                        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), zone);
                        _db.Appointments.Add(new Appointment(patient.Id, practitioner.Id, _service, startUtc, DateTime.UtcNow));
                        made++;
                    }
                }
            }

            date = date.AddDays(-1);
            if (made % 10_000 < 32)
            {
                _db.SaveChanges();
                _db.ChangeTracker.Clear();
            }
        }

        _db.SaveChanges();
        _db.ChangeTracker.Clear();
        // Compiled queries belong to one model, and each setup builds its own.
        _queries = new AvailabilityQueries(new ClinicDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "clinic.db")}"));
        _booking = Booking(new AvailabilityCache());

        _counter.Reset();
        var count = _booking.FreeSlotsAsync(_service, practitioners[0].Id, _from, _from.AddDays(30)).GetAwaiter().GetResult().Count;
        Console.WriteLine($"// One practitioner, a month: {count} free starts from {_counter.Count} SQL queries.");
        _counter.Reset();
        count = _booking.FreeSlotsAsync(_service, null, _from, _from.AddDays(30)).GetAwaiter().GetResult().Count;
        Console.WriteLine($"// All practitioners, a month: {count} free starts from {_counter.Count} SQL queries.");
    }

    /// <summary>Availability never queues email; the outbox is there only because BookingService also books.</summary>
    private BookingService Booking(AvailabilityCache cache) =>
        new(_db, _settings, _clock, new Outbox(_db, _settings, _clock, new OutboxSignal()), cache, _queries,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BookingService>.Instance,
            Microsoft.Extensions.Options.Options.Create(new ClinicOptions()), Metrics);

    private static ClinicMetrics MetricsFromContainer()
    {
        var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new ClinicMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), provider.GetRequiredService<IServiceScopeFactory>());
    }

    [Benchmark(Description = "Month, one practitioner, computed")]
    public Task<IReadOnlyList<Slot>> OnePractitioner() => Booking(new AvailabilityCache()).FreeSlotsAsync(_service, 1, _from, _from.AddDays(30));

    [Benchmark(Description = "Month, all practitioners, computed")]
    public Task<IReadOnlyList<Slot>> AllPractitioners() => Booking(new AvailabilityCache()).FreeSlotsAsync(_service, null, _from, _from.AddDays(30));

    [Benchmark(Description = "Month, one practitioner, cached")]
    public Task<IReadOnlyList<Slot>> OnePractitionerCached() => _booking.FreeSlotsAsync(_service, 1, _from, _from.AddDays(30));

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }
}

public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    public void Reset() => _count = 0;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

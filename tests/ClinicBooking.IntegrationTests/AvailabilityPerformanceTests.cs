using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Notifications;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// What the performance work must keep correct (issue 14): busy time is read through an index from a lower bound,
/// so history costs nothing; cached free times change the moment a write changes them, in any instance; a booking's
/// email goes out without Hangfire; a batch of emails is claimed once. Speed itself is measured by scripts/bench.sh.
/// </summary>
public sealed class AvailabilityPerformanceTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();
    private readonly SqlCapture _sql = new();

    public AvailabilityPerformanceTests() => _app.DbInterceptors.Add(_sql);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Busy_time_is_read_through_an_index_on_start_bounded_on_both_sides_for_one_practitioner_and_for_all()
    {
        var client = _app.CreateBrowserlikeClient();
        var day = BookingKit.FutureWeekday(_app);
        foreach (int? practitioner in new int?[] { BookingKit.Ana, null })
        {
            _sql.Clear();
            await client.FreeAsync(BookingKit.FollowUp, practitioner, day, day.AddDays(30));
            var busy = Assert.Single(_sql.Commands, c => c.Text.Contains("UNION ALL", StringComparison.Ordinal));
            var plan = await ExplainAsync(busy);
            // One line per table: SEARCH through an index, with the start bounded from below and above.
            var appointments = Assert.Single(plan, l => l.Contains("Appointments", StringComparison.Ordinal) || l.Contains(" a ", StringComparison.Ordinal));
            Assert.StartsWith("SEARCH", appointments);
            Assert.Contains("StartUtc>? AND StartUtc<?", appointments);
            var timeOff = Assert.Single(plan, l => l.Contains("TimeOff", StringComparison.Ordinal) || l.Contains(" t ", StringComparison.Ordinal));
            Assert.StartsWith("SEARCH", timeOff);
            Assert.Contains("StartUtc>? AND StartUtc<?", timeOff);
            Assert.DoesNotContain(plan, l => l.StartsWith("SCAN", StringComparison.Ordinal) && !l.Contains("SUBQUERY", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Years_of_past_visits_change_nothing_while_a_long_time_off_that_began_months_ago_still_blocks()
    {
        var client = _app.CreateBrowserlikeClient();
        var day = BookingKit.FutureWeekday(_app);
        var before = await client.FreeAsync(BookingKit.FollowUp, null, day, day.AddDays(13));
        var patient = await _app.SeedPatientWithIntakeAsync("history@example.com", "Patient History", IntakeKit.CalmAnswers(_app.Today()));
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        await _app.QueryAsync(async db =>
        {
            var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
            // Two years of Ana's past visits, booked and never closed, as a real clinic's history would be.
            for (var d = 1; d <= 730; d++)
            {
                var start = now.Date.AddDays(-d).AddHours(15);
                db.Appointments.Add(new Appointment(patient, BookingKit.Ana, service, start, start.AddDays(-7)));
            }

            // Ben's sabbatical began 300 days ago and ends in a fortnight: its start is far outside any range asked for.
            db.TimeOff.Add(new TimeOff(BookingKit.Ben, now.AddDays(-300), now.AddDays(day.DayNumber - _app.Today().DayNumber + 14)));
            return await db.SaveChangesAsync();
        });

        var after = await client.FreeAsync(BookingKit.FollowUp, null, day, day.AddDays(13));
        Assert.DoesNotContain(after, s => s.PractitionerId == BookingKit.Ben);
        Assert.Equal(before.Where(s => s.PractitionerId == BookingKit.Ana).Select(s => s.Start), after.Where(s => s.PractitionerId == BookingKit.Ana).Select(s => s.Start));
    }

    [Fact]
    public async Task A_month_costs_the_stamps_alone_from_the_cache_and_the_services_page_and_week_grid_too()
    {
        var client = _app.CreateBrowserlikeClient();
        var counter = _app.Services.GetRequiredService<QueryCounter>();
        var stamps = _app.Services.GetRequiredService<AvailabilityQueries>();
        var day = BookingKit.FutureWeekday(_app);
        // EF queries, and reads of the stamps (one plain command each), of one request.
        async Task<(int Queries, long StampReads)> CostAsync(Func<Task> request)
        {
            counter.Reset();
            var before = stamps.StampReads;
            await request();
            return (counter.Count, stamps.StampReads - before);
        }

        // Computed: the active services and practitioners (once per clinic-wide stamp), the practitioners with their
        // hours, the busy time; then from the cache: the stamps only.
        Assert.Equal((4, 1), await CostAsync(() => client.FreeAsync(BookingKit.FollowUp, null, day, day.AddDays(30))));
        List<FreeSlot> again = [];
        Assert.Equal((0, 1), await CostAsync(async () => again = await client.FreeAsync(BookingKit.FollowUp, null, day, day.AddDays(30))));
        // Ana's own range is computed once (her hours, her busy time), and agrees with everyone's.
        Assert.Equal((2, 1), await CostAsync(() => client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day, day.AddDays(30))));
        Assert.Equal(again.Where(s => s.PractitionerId == BookingKit.Ana), await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day, day.AddDays(30)));

        // The services page and a week's grid: computed once (a fixed few whatever the number of services), then the stamps only.
        foreach (var page in new[] { "/book", $"/book?serviceId={BookingKit.FollowUp}&practitionerId=any&week={day:yyyy-MM-dd}" })
        {
            var first = await CostAsync(async () => Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode));
            Assert.InRange(first.Queries, 0, 2);
            Assert.Equal((0, 1), await CostAsync(async () => Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode)));
        }
    }

    [Fact]
    public async Task A_cached_answer_drops_a_time_the_moment_it_falls_inside_the_notice()
    {
        var client = _app.CreateBrowserlikeClient();
        var today = _app.Today();
        var first = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, today, today.AddDays(7)))[0];
        var notice = TimeSpan.FromHours(12); // Clinic:MinimumNotice in Development
        // Just before its notice begins it is still offered; one minute later it is not, though nothing was written.
        var justBefore = DateTimeOffset.Parse(first.Start) - notice - TimeSpan.FromMinutes(1);
        if (justBefore > _app.Clock.GetUtcNow())
        {
            _app.Clock.SetUtcNow(justBefore);
        }

        Assert.Equal(first, (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, today, today.AddDays(7)))[0]);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, today, today.AddDays(7)), s => s.Start == first.Start);
    }

    [Fact]
    public async Task Cached_free_times_change_at_once_when_another_instance_books_cancels_takes_time_off_or_changes_a_service()
    {
        await using var other = SecondInstance();
        var here = _app.CreateBrowserlikeClient();
        var day = BookingKit.FutureWeekday(_app);
        var first = await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day);
        Assert.Equal(first.Select(s => s.Start), (await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).Select(s => s.Start));

        // Booked there: gone here.
        var patient = other.CreateBrowserlikeClient();
        await patient.SignInAsync("pat@clinic.test");
        Assert.Equal(HttpStatusCode.Redirect, (await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ana, first[0].Start)).StatusCode);
        var afterBooking = await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day);
        Assert.DoesNotContain(afterBooking, s => s.Start == first[0].Start);

        // Cancelled there: back here.
        var id = await other.QueryAsync(db => db.Appointments.Where(a => a.PractitionerId == BookingKit.Ana).Select(a => a.Id).SingleAsync());
        await other.QueryAsync(async db =>
        {
            var appointment = await db.Appointments.SingleAsync(a => a.Id == id);
            appointment.Cancel(_app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        Assert.Contains(await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day), s => s.Start == first[0].Start);

        // Time off there: the day is empty here.
        var dayStartUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), BookingKit.Zone);
        await other.QueryAsync(async db =>
        {
            db.TimeOff.Add(new TimeOff(BookingKit.Ana, dayStartUtc, dayStartUtc.AddDays(1)));
            return await db.SaveChangesAsync();
        });
        Assert.Empty(await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day));

        // A longer service there: Ben's starts here follow the new length (45 + 15 min became 105 + 15: fewer starts fit).
        var benBefore = await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day);
        await other.QueryAsync(async db =>
        {
            var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
            service.Update(service.Name, 105, 15, service.RequiresIntake);
            return await db.SaveChangesAsync();
        });
        var benAfter = await here.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, day);
        Assert.True(benAfter.Count < benBefore.Count, $"{benAfter.Count} starts after, {benBefore.Count} before");
        Assert.All(benAfter, s => Assert.Equal(TimeSpan.FromMinutes(105), DateTimeOffset.Parse(s.End) - DateTimeOffset.Parse(s.Start)));
    }

    [Fact]
    public async Task The_stamp_moves_in_the_same_transaction_as_the_write_and_not_at_all_when_the_write_fails()
    {
        async Task<long> StampAsync(int id) =>
            await _app.QueryAsync(db => db.AvailabilityStamps.Where(s => s.PractitionerId == id).Select(s => s.Version).SingleOrDefaultAsync());

        var ana = await StampAsync(BookingKit.Ana);
        var clinic = await StampAsync(AvailabilityStamp.Clinic);
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        await _app.QueryAsync(async db =>
        {
            db.TimeOff.Add(new TimeOff(BookingKit.Ana, now.AddDays(20), now.AddDays(21)));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(ana + 1, await StampAsync(BookingKit.Ana));
        Assert.Equal(clinic, await StampAsync(AvailabilityStamp.Clinic));

        // A save that fails (time off for a practitioner who does not exist breaks a foreign key) leaves the stamp.
        await Assert.ThrowsAsync<DbUpdateException>(() => _app.QueryAsync(async db =>
        {
            db.TimeOff.Add(new TimeOff(BookingKit.Ana, now.AddDays(30), now.AddDays(31)));
            db.TimeOff.Add(new TimeOff(999, now.AddDays(30), now.AddDays(31)));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(ana + 1, await StampAsync(BookingKit.Ana));
        Assert.Equal(1, await _app.QueryAsync(db => db.TimeOff.CountAsync(t => t.PractitionerId == BookingKit.Ana)));
    }

    [Fact]
    public async Task A_booking_confirmation_reaches_the_mail_server_without_Hangfire_and_writes_no_job()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Hangfire:PollInterval"] = "00:10:00" } };
        var client = app.CreateBrowserlikeClient();
        // Only the in-process pump can send now: the minute sweep is removed, and Hangfire would not look for ten minutes.
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(OutboxDispatcher.RecurringJobId);
        var jobs = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobsBefore = jobs.GetStatistics();

        var patient = client;
        await patient.SignInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(app);
        // Three visits two hours apart (a follow-up blocks an hour).
        var slots = (await patient.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))
            .Where(s => DateTimeOffset.Parse(s.Start).Minute == 0 && DateTimeOffset.Parse(s.Start).Hour % 2 == 0).Take(3).ToList();
        foreach (var slot in slots)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await patient.BookAsync(BookingKit.FollowUp, BookingKit.Ana, slot.Start)).StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (app.Smtp.Messages.Count(m => m.Subject?.StartsWith("Your visit is booked", StringComparison.Ordinal) == true) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(3, app.Smtp.Messages.Count(m => m.Subject?.StartsWith("Your visit is booked", StringComparison.Ordinal) == true));
        var jobsAfter = jobs.GetStatistics();
        Assert.Equal(jobsBefore.Enqueued + jobsBefore.Scheduled + jobsBefore.Succeeded + jobsBefore.Processing,
            jobsAfter.Enqueued + jobsAfter.Scheduled + jobsAfter.Succeeded + jobsAfter.Processing);
    }

    [Fact]
    public async Task Two_instances_dispatching_the_same_outbox_at_once_send_every_email_exactly_once()
    {
        await using var other = SecondInstance();
        _ = other.Services; // started
        const int count = 300;
        await _app.QueryAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.Outbox.Add(OutboxMessage.Plain(OutboxKind.UrgentIntakeAlert, $"alert{i}@clinic.test", _app.Clock.GetUtcNow().UtcDateTime,
                    _app.Clock.GetUtcNow().UtcDateTime));
            }

            return await db.SaveChangesAsync();
        });

        async Task<int> DispatchAsync(ClinicAppFactory app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        await Task.WhenAll(DispatchAsync(_app), DispatchAsync(other), DispatchAsync(_app), DispatchAsync(other));
        var alerts = _app.Smtp.Messages.Where(m => m.To.ToString().StartsWith("alert", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, alerts.Count);
        Assert.Equal(count, alerts.Select(m => m.To.ToString()).Distinct().Count());
        Assert.Equal(count, await _app.QueryAsync(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent && o.Kind == OutboxKind.UrgentIntakeAlert)));
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_busy_timeout_foreign_keys_and_full_sync_when_handed_out_again()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(5000L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            // Every commit is synced to disk (FULL): a booking the patient was told about survives a power cut.
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, await command.ExecuteScalarAsync());
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A second instance of the app on the same clinic database (its own Hangfire file: one server per file).</summary>
    private ClinicAppFactory SecondInstance() => new(_app.DataDirectory, _app.Clock, _app.Smtp)
    {
        Settings = { ["Hangfire:Database"] = Path.Combine(_app.DataDirectory, "hangfire-other.db") },
    };

    private async Task<List<string>> ExplainAsync(CapturedCommand command)
    {
        await using var connection = new SqliteConnection($"Data Source={_app.ClinicDatabasePath}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    private sealed record CapturedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

    /// <summary>Keeps the SQL (and parameters) of every query the app runs, to ask SQLite how it would run it.</summary>
    private sealed class SqlCapture : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<CapturedCommand> _commands = new();

        public IReadOnlyList<CapturedCommand> Commands => _commands.ToList();

        public void Clear() => _commands.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>
    /// EF keeps models in one size-limited cache for every host in the process; where many hosts run, a host's model
    /// can be evicted and rebuilt. The compiled availability queries must then still answer (CI met "executed with a
    /// different model than it was compiled against" as a 500 on /book).
    /// </summary>
    [Fact]
    public async Task The_availability_queries_answer_for_a_context_whose_model_was_rebuilt()
    {
        var queries = _app.Services.GetRequiredService<AvailabilityQueries>();
        var options = _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<ClinicBooking.Web.Data.ClinicDbContext>>();
        await using var host = new ClinicBooking.Web.Data.ClinicDbContext(options,
            _app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        await using var rebuilt = new ClinicBooking.Web.Data.ClinicDbContext(options, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Assert.NotSame(host.Model, rebuilt.Model);
        foreach (var db in new[] { host, rebuilt, host })
        {
            var count = 0;
            await foreach (var _ in queries.For(db).Practitioners(db))
            {
                count++;
            }

            Assert.True(count >= 2);
        }
    }
}

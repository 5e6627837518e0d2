using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 18: new patients who signed up through the pages race for one time, then for four overlapping times.
/// Every round has exactly one booking; everyone else hears "just taken" with the nearest free times; no 5xx.
/// </summary>
public sealed class BookingRaceTests
{
    private const int Patients = 16;
    private const int RoundsOfEachKind = 20;

    [Fact]
    public async Task New_patients_racing_in_process_get_one_booking_a_round_and_409s_with_nearest_times_also_after_50000_past_visits()
    {
        await using var app = new ClinicAppFactory();
        var clients = await RaceKit.NewPatientsThroughThePagesAsync(() => app.CreateBrowserlikeClient(), app.Smtp, Patients, "racer");
        var from = BookingKit.FutureWeekday(app, 2);
        await RunRoundsAsync(clients, from, app.ClinicDatabasePath);

        // First use again, now with a long history: 16 more patients who have never booked.
        RaceKit.SeedPastAppointments(app.ClinicDatabasePath, app.Clock.GetUtcNow().UtcDateTime, 50_000);
        var newcomers = await RaceKit.NewPatientsThroughThePagesAsync(() => app.CreateBrowserlikeClient(), app.Smtp, Patients, "later");
        await RunRoundsAsync(newcomers, from.AddDays(21), app.ClinicDatabasePath);
        Assert.DoesNotContain(app.Logs.Lines, DatabaseFault);
    }

    [Fact]
    public async Task New_patients_racing_against_the_app_as_a_process_get_one_booking_a_round_also_after_50000_past_visits()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = await BlackBoxApp.StartAsync(smtp, new Dictionary<string, string>
        {
            ["RateLimits:SignIn:PermitLimit"] = "100000",
            ["RateLimits:SignUp:PermitLimit"] = "100000",
            ["RateLimits:Booking:PermitLimit"] = "100000",
            // One patient may win many of the 80 rounds.
            ["Clinic:MaxUpcomingVisitsPerPatient"] = "100",
        });
        var clients = await RaceKit.NewPatientsThroughThePagesAsync(app.CreateClient, smtp, Patients, "outside");
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, BookingKit.Zone)).AddDays(2);
        await RunRoundsAsync(clients, from, app.ClinicDatabasePath);

        RaceKit.SeedPastAppointments(app.ClinicDatabasePath, DateTime.UtcNow, 50_000);
        var newcomers = await RaceKit.NewPatientsThroughThePagesAsync(app.CreateClient, smtp, Patients, "outlater");
        await RunRoundsAsync(newcomers, from.AddDays(21), app.ClinicDatabasePath);
        // The app's own log: no database error behind any answer (a foreign key, a detached transaction).
        Assert.DoesNotContain(app.Output, DatabaseFault);
        foreach (var client in clients.Concat(newcomers))
        {
            client.Dispose();
        }
    }

    private static bool DatabaseFault(string line) =>
        line.Contains("FOREIGN KEY", StringComparison.Ordinal) || line.Contains("SqliteException", StringComparison.Ordinal)
        || line.Contains("DbUpdateException", StringComparison.Ordinal) || line.Contains("not associated with the same connection", StringComparison.Ordinal);

    private static async Task RunRoundsAsync(List<HttpClient> clients, DateOnly from, string databasePath)
    {
        var free = await clients[0].FreeAsync(BookingKit.FollowUp, BookingKit.Ana, from, from.AddDays(20));
        var (singles, overlapping) = PlanRounds(free);
        // Each patient's token from the confirm page of the first time, as a patient booking it would have.
        var tokens = await Task.WhenAll(clients.Select(async c => (await c.GetDocumentAsync(
            $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&start={Uri.EscapeDataString(singles[0])}")).AntiforgeryToken()));

        foreach (var start in singles)
        {
            await RaceKit.RaceAsync(clients, tokens, BookingKit.FollowUp, BookingKit.Ana, [start], databasePath);
        }

        foreach (var starts in overlapping)
        {
            await RaceKit.RaceAsync(clients, tokens, BookingKit.FollowUp, BookingKit.Ana, starts, databasePath);
        }

        Assert.Equal(0, RaceKit.OverlappingBookedPairs(databasePath));
    }

    /// <summary>
    /// Starts that do not touch each other between rounds: single rounds take whole hours (a follow-up blocks 60
    /// minutes) on some days; overlapping rounds take :00, :15, :30 and :45 of every other hour on other days.
    /// </summary>
    private static (List<string> Singles, List<string[]> Overlapping) PlanRounds(List<FreeSlot> free)
    {
        var days = free.GroupBy(s => s.Start[..10]).Select(g => g.ToDictionary(s => s.Start[11..16], s => s.Start)).ToList();
        var singles = new List<string>();
        var overlapping = new List<string[]>();
        foreach (var day in days)
        {
            if (singles.Count < RoundsOfEachKind)
            {
                singles.AddRange(Enumerable.Range(9, 8).Select(h => $"{h:00}:00").Where(day.ContainsKey).Select(t => day[t])
                    .Take(RoundsOfEachKind - singles.Count));
                continue;
            }

            foreach (var hour in new[] { 9, 11, 13, 15 })
            {
                var times = new[] { 0, 15, 30, 45 }.Select(m => $"{hour:00}:{m:00}").ToList();
                if (overlapping.Count < RoundsOfEachKind && times.All(day.ContainsKey))
                {
                    overlapping.Add(times.Select(t => day[t]).ToArray());
                }
            }
        }

        Assert.Equal(RoundsOfEachKind, singles.Count);
        Assert.Equal(RoundsOfEachKind, overlapping.Count);
        return (singles, overlapping);
    }
}

/// <summary>What happens when the database itself refuses the insert, made to happen on purpose.</summary>
public sealed class BookingInsertFailureTests : IAsyncLifetime
{
    private readonly DisturbAppointmentInsert _disturb = new();
    private readonly ClinicAppFactory _app;

    public BookingInsertFailureTests()
    {
        _app = new ClinicAppFactory();
        _app.DbInterceptors.Add(_disturb);
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task When_the_unique_index_catches_a_booking_the_check_missed_the_answer_is_409_with_the_nearest_times()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var start = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var before = await DatabaseCountsAsync();

        _disturb.Mode = DisturbAppointmentInsert.Kind.SameRowFirst;
        var response = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("These are the nearest free times:", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DatabaseCountsAsync());
        _disturb.Mode = DisturbAppointmentInsert.Kind.None;
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start)).StatusCode);
    }

    [Fact]
    public async Task A_foreign_key_failure_is_a_logged_500_not_just_taken_and_changes_nothing()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        var day = BookingKit.FutureWeekday(_app);
        var start = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var before = await DatabaseCountsAsync();

        _disturb.Mode = DisturbAppointmentInsert.Kind.UnknownPatient;
        var response = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start);

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("just taken", await response.Content.ReadAsStringAsync());
        Assert.Contains(_app.Logs.Lines, l => l.Contains("failed in the database", StringComparison.Ordinal) && l.Contains("FOREIGN KEY", StringComparison.Ordinal));
        Assert.Equal(before, await DatabaseCountsAsync());
        Assert.Contains(await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day), s => s.Start == start);
    }

    private async Task<(int Appointments, int Outbox)> DatabaseCountsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicBooking.Web.Data.ClinicDbContext>();
        return (await db.Appointments.CountAsync(), await db.Outbox.CountAsync());
    }

    /// <summary>
    /// Disturbs the next INSERT into Appointments inside the app: either runs the same insert once first (so the real
    /// one meets the unique index, as a booking the check could not see would), or points it at a patient who does
    /// not exist (a foreign key failure).
    /// </summary>
    private sealed class DisturbAppointmentInsert : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public enum Kind { None, SameRowFirst, UnknownPatient }

        public volatile Kind Mode;

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"Appointments\"", StringComparison.Ordinal))
            {
                switch (Mode)
                {
                    case Kind.SameRowFirst:
                        await using (var twin = command.Connection!.CreateCommand())
                        {
                            twin.Transaction = command.Transaction;
                            twin.CommandText = command.CommandText;
                            foreach (System.Data.Common.DbParameter p in command.Parameters)
                            {
                                var copy = twin.CreateParameter();
                                copy.ParameterName = p.ParameterName;
                                copy.Value = p.Value;
                                twin.Parameters.Add(copy);
                            }

                            await using var reader = await twin.ExecuteReaderAsync(cancellationToken);
                        }

                        break;
                    case Kind.UnknownPatient:
                        foreach (System.Data.Common.DbParameter p in command.Parameters)
                        {
                            if (p.Value is string s && Guid.TryParse(s, out _))
                            {
                                p.Value = "no-such-patient";
                            }
                        }

                        break;
                }
            }

            return result;
        }
    }
}

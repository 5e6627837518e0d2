using System.Collections.Concurrent;
using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data.PostgreSql;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 17: two app processes (started the README's way, each its own Kestrel, Hangfire server and outbox sender)
/// on one PostgreSQL database, behind no shared memory at all: what one instance does, the other must see, and the
/// database is what keeps them honest.
/// </summary>
public sealed class ScaleOutTests
{
    private const int Racers = 32;

    private static Dictionary<string, string> Settings(string database, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Clinic"] = database,
            ["RateLimits:SignIn:PermitLimit"] = "100000",
            ["RateLimits:SignUp:PermitLimit"] = "100000",
            ["RateLimits:Booking:PermitLimit"] = "100000",
            ["Clinic:MaxUpcomingVisitsPerPatient"] = "100",
            // The intake answers below are in grams and mL.
            ["Clinic:Units"] = "Metric",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Both instances start together on an empty database (one migrates and seeds, the other waits its turn).</summary>
    private static async Task<(BlackBoxApp A, BlackBoxApp B)> StartTwoAsync(TestSmtpServer smtp, Dictionary<string, string> settings)
    {
        var started = await Task.WhenAll(BlackBoxApp.StartAsync(smtp, settings), BlackBoxApp.StartAsync(smtp, settings));
        return (started[0], started[1]);
    }

    [Fact]
    public async Task Patients_signed_in_on_one_instance_race_through_both_for_one_time_and_exactly_one_books_and_an_intake_saved_on_one_is_read_on_the_other()
    {
        var database = PostgresKit.NewDatabase("scaleout");
        await using var smtp = new TestSmtpServer();
        var (a, b) = await StartTwoAsync(smtp, Settings(database));
        try
        {
            // Everyone signs up, confirms and signs in on A; their cookies then go to B as well.
            var jars = new ConcurrentDictionary<HttpClient, CookieContainer>();
            var onA = await RaceKit.NewPatientsThroughThePagesAsync(() =>
            {
                var jar = new CookieContainer();
                var client = a.CreateClient(jar);
                jars[client] = jar;
                return client;
            }, smtp, Racers, "scale");
            var onB = onA.Select(client => b.CreateClient(jars[client])).ToList();

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, BookingKit.Zone));
            var start = (await onB[0].FreeAsync(BookingKit.FollowUp, BookingKit.Ana, today.AddDays(2), today.AddDays(9)))[0].Start;
            // Half book through A, half through B; each takes its form's token from the instance it posts to, and B has
            // never seen these people sign in.
            var racers = onA.Select((client, i) => i % 2 == 0 ? client : onB[i]).ToList();
            var tokens = await Task.WhenAll(racers.Select(async c => (await c.GetDocumentAsync("/appointments")).AntiforgeryToken()));
            var answers = await Task.WhenAll(racers.Select((c, i) => c.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start, tokens[i])));

            Assert.All(answers, r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode} from the race"));
            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Redirect);
            Assert.Equal(Racers - 1, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            Assert.Equal(1L, await PostgresKit.ScalarAsync(database, "SELECT count(*) FROM \"Appointments\" WHERE \"Status\" = 'Booked'"));

            // The winner opens the visit on the other instance.
            var winner = answers.Select((r, i) => (r, i)).Single(x => x.r.StatusCode == HttpStatusCode.Redirect).i;
            var visit = answers[winner].Headers.Location!.ToString();
            var other = winner % 2 == 0 ? onB[winner] : onA[winner];
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(visit)).StatusCode);

            // An intake saved through A is read through B (encrypted with a key only the database holds).
            var intakeJar = new CookieContainer();
            var patOnA = a.CreateClient(intakeJar);
            await patOnA.SignInAsync("pat@clinic.test");
            var answersToSave = new Dictionary<string, string>(IntakeKit.CalmAnswers(today));
            var field = IntakeForm.Sections.SelectMany(s => s.Fields).First(f => f.Kind == FieldKind.Text).Key;
            answersToSave[field] = "QZSCALEOUTPLUM";
            await patOnA.FillAllAsync(answersToSave);
            Assert.Equal(HttpStatusCode.Redirect, (await patOnA.SubmitIntakeAsync()).StatusCode);
            Assert.Contains("QZSCALEOUTPLUM", await b.CreateClient(intakeJar).GetStringAsync("/intake/export"));
            Assert.StartsWith("CfDJ8", (string)(await PostgresKit.ScalarAsync(database, "SELECT \"Answers\" FROM \"IntakeVersions\""))!);

            foreach (var log in new[] { a.Output, b.Output })
            {
                Assert.DoesNotContain(log, l => l.Contains("PostgresException", StringComparison.Ordinal) || l.Contains("DbUpdateException", StringComparison.Ordinal));
            }
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            PostgresKit.DropDatabase(database);
        }
    }

    [Fact]
    public async Task Five_hundred_due_reminders_with_both_instances_sending_go_out_once_each_even_when_one_instance_is_killed_mid_burst()
    {
        const int Reminders = 500;
        var database = PostgresKit.NewDatabase("scaleout");
        // A mail server that answers as fast as a real one, so the senders, not the sink, set the pace.
        await using var smtp = new TestSmtpServer(noDelay: true);
        var (a, b) = await StartTwoAsync(smtp, Settings(database, new Dictionary<string, string>
        {
            // Both instances look for due rows every half second (besides Hangfire's minute sweep on one of them), and
            // a claim whose sender died may be taken over after eight seconds.
            ["Outbox:PollInterval"] = "00:00:00.5",
            ["Outbox:ClaimTimeout"] = "00:00:08",
        }));
        try
        {
            await using (var db = PostgreSqlClinicDbContext.Create(database))
            {
                // Only plain columns are read or written here: this context's keys are not the app's.
                var patientId = await db.Users.Where(u => u.Email == "pat@clinic.test").Select(u => u.Id).SingleAsync();
                var service = await db.Services.SingleAsync(s => s.Id == BookingKit.FollowUp);
                var now = DateTime.UtcNow;
                var visits = Enumerable.Range(0, Reminders)
                    .Select(i => new Appointment(patientId, i % 2 == 0 ? BookingKit.Ana : BookingKit.Ben, service, now.Date.AddDays(3 + i / 2).AddHours(14), now))
                    .ToList();
                db.Appointments.AddRange(visits);
                await db.SaveChangesAsync();
                // All due now, committed together: both instances find them on their next look.
                db.Outbox.AddRange(visits.Select(v => OutboxMessage.ForAppointment(OutboxKind.Reminder, "pat@clinic.test", v.Id, v.StartUtc, now, now, 1440)));
                await db.SaveChangesAsync();
            }

            // Kill A once the burst is well under way (and before it is over).
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Reminded(smtp).Count < Reminders / 4 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            var atKill = Reminded(smtp).Count;
            await a.KillAsync();
            Assert.InRange(atKill, Reminders / 4, Reminders - 1);

            // B finishes, A's unfinished claims included once they have expired.
            deadline = DateTime.UtcNow.AddSeconds(90);
            while (Reminded(smtp).Select(m => m.MessageId).Distinct().Count() < Reminders && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var received = Reminded(smtp);
            var ids = received.Select(m => m.MessageId).ToList();
            Assert.Equal(Reminders, ids.Distinct().Count());
            Assert.Equal(Reminders, await PostgresKit.ScalarAsync(database, "SELECT count(*) FROM \"Outbox\" WHERE \"Kind\" = 'Reminder' AND \"Status\" = 'Sent'") is long sent ? (int)sent : -1);
            // Each reminder went out once. The one exception SMTP cannot rule out: the single email A had handed to
            // the mail server when it was killed, accepted there but not yet recorded; it goes again with the same
            // Message-ID, so a mail client shows it once.
            Assert.InRange(ids.Count - ids.Distinct().Count(), 0, 1);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            PostgresKit.DropDatabase(database);
        }
    }

    private static List<MimeKit.MimeMessage> Reminded(TestSmtpServer smtp) =>
        smtp.Messages.Where(m => m.Subject is { } s && s.StartsWith("Reminder", StringComparison.Ordinal)).ToList();
}

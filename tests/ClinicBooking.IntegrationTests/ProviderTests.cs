using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Data.PostgreSql;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Email;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 17: the booking, intake encryption and outbox paths on both engines (Database:Provider Sqlite and
/// PostgreSql), each on a real database: a SQLite file, or a new database in the throwaway PostgreSQL cluster.
/// </summary>
public sealed class ProviderTests
{
    public static TheoryData<DatabaseProvider> Engines => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Fact]
    public async Task Each_engine_has_migrations_for_every_change_to_the_model()
    {
        // The contexts the app itself builds (Identity's key lengths come from its options), on each engine.
        var migrations = new List<List<string>>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            await using var app = new ClinicAppFactory { Provider = engine };
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            Assert.Equal(engine == DatabaseProvider.PostgreSql ? typeof(PostgreSqlClinicDbContext) : typeof(ClinicDbContext), db.GetType());
            Assert.False(db.Database.HasPendingModelChanges(), engine == DatabaseProvider.PostgreSql
                ? "The model has changes with no PostgreSQL migration: see PostgreSqlClinicDbContext for the command."
                : "The model has changes with no SQLite migration: dotnet ef migrations add Name --context ClinicDbContext --output-dir Data/Migrations");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            migrations.Add(db.Database.GetMigrations().ToList());
        }

        // Two separate sets: neither engine runs the other's migrations.
        Assert.All(migrations, Assert.NotEmpty);
        Assert.Empty(migrations[0].Intersect(migrations[1]));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Patients_racing_for_one_time_get_one_booking_and_everyone_else_hears_it_was_taken(DatabaseProvider engine)
    {
        await using var app = new ClinicAppFactory { Provider = engine };
        var emails = await app.CreatePatientsAsync(12, "racer");
        var clients = await Task.WhenAll(emails.Select(async e =>
        {
            var client = app.CreateBrowserlikeClient();
            await client.SignInAsync(e);
            return client;
        }));
        var day = BookingKit.FutureWeekday(app);
        var start = (await clients[0].FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0].Start;
        var tokens = await Task.WhenAll(clients.Select(async c => (await c.GetDocumentAsync("/appointments")).AntiforgeryToken()));

        var answers = await Task.WhenAll(clients.Select((c, i) => c.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start, tokens[i])));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(clients.Length - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked)));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Exception", StringComparison.Ordinal) && l.Contains("fail", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Intake_answers_are_ciphertext_in_the_database_and_read_back_in_the_clear(DatabaseProvider engine)
    {
        await using var app = new ClinicAppFactory { Provider = engine };
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        var answers = new Dictionary<string, string>(IntakeKit.CalmAnswers(today));
        var field = IntakeForm.Sections.SelectMany(s => s.Fields).First(f => f.Kind == FieldKind.Text).Key;
        answers[field] = "QZCANARYPLUM";
        await client.FillAllAsync(answers);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitIntakeAsync()).StatusCode);

        // Below the app, as a copy of the database would be read.
        var stored = await RawAsync(app, "SELECT \"Answers\" FROM \"IntakeVersions\"");
        Assert.StartsWith(Web.Data.Protection.HealthDataProtection.ProtectedPrefix, stored);
        Assert.DoesNotContain("QZCANARY", stored, StringComparison.Ordinal);
        Assert.Contains("QZCANARYPLUM", await client.GetStringAsync("/intake/export"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_booking_confirmation_is_sent_once_and_its_message_id_names_its_outbox_row(DatabaseProvider engine)
    {
        await using var app = new ClinicAppFactory { Provider = engine };
        var pat = app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        var start = (await pat.FreeAsync(BookingKit.FollowUp, BookingKit.Ben, BookingKit.FutureWeekday(app)))[0].Start;
        Assert.Equal(HttpStatusCode.Redirect, (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ben, start)).StatusCode);

        var mail = await app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
        await DispatchAsync(app);
        var row = await app.QueryAsync(db => db.Outbox.SingleAsync(o => o.Kind == OutboxKind.BookingConfirmation));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.StartsWith($"outbox-{row.Id}.", mail.MessageId);
        Assert.Single(app.Smtp.Messages, m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_sender_whose_claim_was_taken_over_leaves_the_row_to_the_new_owner(DatabaseProvider engine)
    {
        await using var app = new TakeoverApp { Provider = engine };
        var rowId = await app.QueryAsync(async db =>
        {
            var row = OutboxMessage.Stored(OutboxKind.Account, "someone@example.com", "A subject", "<p>Hello</p>", app.Clock.GetUtcNow().UtcDateTime);
            db.Outbox.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        // While this sender is at the mail server, another instance claims the row again (as it would once this
        // sender's claim had expired).
        app.Takeover = async () => await app.QueryAsync(db => db.Outbox.Where(o => o.Id == rowId)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimToken, "another-instance")));
        await DispatchAsync(app);

        var after = await app.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == rowId));
        Assert.Equal(OutboxStatus.Sending, after.Status);
        Assert.Equal("another-instance", after.ClaimToken);
        Assert.Null(after.SentUtc);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Outbox row {rowId} was claimed again by another sender", StringComparison.Ordinal));
    }

    private static async Task<int> DispatchAsync(ClinicAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private static async Task<string> RawAsync(ClinicAppFactory app, string sql)
    {
        await using var connection = app.Services.GetRequiredService<ClinicDatabase>().CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The app with a mail transport that lets a test act while a message is being sent.</summary>
    private sealed class TakeoverApp : ClinicAppFactory
    {
        public Func<Task>? Takeover { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IEmailTransport>();
                services.AddSingleton<IEmailTransport>(sp => new Interrupted(sp.GetRequiredService<SmtpEmailTransport>(), this));
            });
        }

        private sealed class Interrupted(IEmailTransport inner, TakeoverApp app) : IEmailTransport
        {
            public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<int, Task>? accepted = null,
                CancellationToken cancellationToken = default)
            {
                if (app.Takeover is { } takeover)
                {
                    await takeover();
                }

                return await inner.SendAsync(messages, accepted, cancellationToken);
            }
        }
    }
}

using System.Net;
using System.Text.Json;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Domain.Practice;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>A patient downloads their data and deletes their account (PRODUCT.md §8), even after booking and visits.</summary>
public sealed class SecurityAccountDeletionTests : IAsyncLifetime
{
    private const string Email = "zed.leaving@example.com";
    private const string Name = "Zed Quillfeather";
    private const string IntakeCanary = "QZLEAVINGCANARY";
    private const string NotesCanary = "QZNOTESCANARY";
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Arranged(string UserId, HttpClient Client, int Past, int Future);

    /// <summary>A patient with a submitted intake, a past visit with a recorded outcome, a future visit and a sent reset email.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers["medications_text"] = IntakeCanary;
        var userId = await _app.SeedPatientWithIntakeAsync(Email, Name, answers);
        var past = await _app.VisitAtAsync(userId, BookingKit.Ana, _app.Clock.GetUtcNow().UtcDateTime.AddDays(-3));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var anaUser = await db.Practitioners.Where(p => p.Id == BookingKit.Ana).Select(p => p.UserId).SingleAsync();
            var appointment = await db.Appointments.SingleAsync(a => a.Id == past);
            appointment.RecordAttendance(true, _app.Clock.GetUtcNow().UtcDateTime);
            var outcome = new VisitOutcome(past, userId);
            outcome.Record(NotesCanary, OutcomeFigures.None with { Feeds24h = 9 }, anaUser, _app.Clock.GetUtcNow().UtcDateTime);
            db.VisitOutcomes.Add(outcome);
            await db.SaveChangesAsync();
        }

        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(Email);
        var future = await client.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app, 9));
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal));

        var forgot = await _app.CreateBrowserlikeClient().SubmitFormAsync("/Identity/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = Email });
        Assert.Equal(HttpStatusCode.Redirect, forgot.StatusCode);
        await _app.Smtp.WaitForMessageAsync(m => m.Subject!.Contains("Reset", StringComparison.OrdinalIgnoreCase));
        await DispatchAsync();
        return new Arranged(userId, client, past, future);
    }

    private async Task DispatchAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private int MessagesTo(string address) =>
        _app.Smtp.Messages.Count(m => m.To.Mailboxes.Any(x => x.Address.Equals(address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Every text value in every table of the clinic database that contains <paramref name="needle"/>.</summary>
    private List<string> TextCellsContaining(string needle)
    {
        var hits = new List<string>();
        using var connection = new SqliteConnection($"Data Source={_app.ClinicDatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("Outbox", tables);
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string text && text.Contains(needle, StringComparison.OrdinalIgnoreCase))
                    {
                        hits.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return hits;
    }

    [Fact]
    public async Task A_patient_who_booked_submitted_an_intake_and_had_a_visit_deletes_their_account_and_nothing_personal_is_left()
    {
        var arranged = await ArrangeAsync();
        Assert.NotEmpty(TextCellsContaining(Email)); // the scan finds them before
        Assert.NotEmpty(TextCellsContaining(Name));
        var sentToThemBefore = MessagesTo(Email);

        var page = await arranged.Client.GetDocumentAsync("/Identity/Account/Manage/DeletePersonalData");
        Assert.Contains("cannot be undone", page.Body!.TextContent);
        var response = await arranged.Client.SubmitFormAsync("/Identity/Account/Manage/DeletePersonalData",
            new Dictionary<string, string> { ["Input.Password"] = Accounts.DemoPassword }, "#delete-user");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await _app.QueryAsync(db => db.Users.AnyAsync(u => u.Id == arranged.UserId)));

        // The past visit stays in the schedule, as the placeholder; the future one is cancelled.
        var past = await _app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == arranged.Past));
        var future = await _app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == arranged.Future));
        Assert.Equal(AppointmentStatus.Completed, past.Status);
        Assert.Equal(AppointmentStatus.Cancelled, future.Status);
        Assert.Equal(past.PatientId, future.PatientId);
        var placeholder = await _app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == past.PatientId));
        Assert.Equal("Deleted patient", placeholder.FullName);
        Assert.Null(placeholder.Email);
        Assert.Null(placeholder.PasswordHash);
        Assert.True(placeholder.LockoutEnd > _app.Clock.GetUtcNow());
        Assert.False(await _app.QueryAsync(db => db.UserRoles.AnyAsync(r => r.UserId == placeholder.Id)));

        // Health data and everything else about them is gone.
        Assert.Equal(0, await _app.QueryAsync(db => db.IntakeVersions.CountAsync(v => v.PatientId == arranged.UserId)));
        Assert.Equal(0, await _app.QueryAsync(db => db.IntakeDrafts.CountAsync(v => v.PatientId == arranged.UserId)));
        Assert.Equal(0, await _app.QueryAsync(db => db.VisitOutcomes.CountAsync(o => o.AppointmentId == arranged.Past)));

        // The practitioner is told when, not who; the patient hears nothing more, even once reminders fall due.
        var notice = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("A visit was cancelled", StringComparison.Ordinal));
        Assert.Equal("ana@clinic.test", notice.To.Mailboxes.Single().Address);
        Assert.DoesNotContain(Name, notice.TextBody);
        Assert.DoesNotContain(Email, notice.TextBody);
        for (var day = 0; day < 10; day++)
        {
            _app.Clock.Advance(TimeSpan.FromDays(1));
            await DispatchAsync();
        }

        await Task.Delay(500);
        Assert.Equal(sentToThemBefore, MessagesTo(Email));
        Assert.Equal(0, await _app.QueryAsync(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending && o.AppointmentId == arranged.Future
                                                                              && o.Kind != OutboxKind.PractitionerCancellation)));

        // No row anywhere holds their address (nor its hash) or their name; the deletion is audited without them.
        Assert.Empty(TextCellsContaining(Email));
        Assert.Empty(TextCellsContaining(OutboxMessage.HashRecipient(Email)));
        Assert.Empty(TextCellsContaining(Name));
        Assert.Empty(TextCellsContaining("Quillfeather"));
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccountDelete && a.SubjectId == arranged.UserId)));

        Assert.Equal(HttpStatusCode.BadRequest, (await _app.CreateBrowserlikeClient().PostLoginAsync(Email, Accounts.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Download_my_data_holds_the_intake_the_visits_and_the_emails_sent_and_is_audited()
    {
        var arranged = await ArrangeAsync();
        // Changes begun after submitting are a draft beside the version.
        var draftAnswers = IntakeKit.CalmAnswers(_app.Today());
        draftAnswers["medications_text"] = "QZDRAFTCANARY";
        var section = ClinicBooking.Web.Domain.Intake.IntakeForm.Sections.First(s => s.Fields.Any(f => f.Key == "medications_text")).Key;
        Assert.Equal(HttpStatusCode.Redirect, (await arranged.Client.SaveStepAsync(section, draftAnswers)).StatusCode);
        var page = await arranged.Client.GetDocumentAsync("/Identity/Account/Manage/PersonalData");
        var token = page.AntiforgeryToken();

        var response = await arranged.Client.PostAsync("/Identity/Account/Manage/DownloadPersonalData",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(Name, root.GetProperty("profile").GetProperty("fullName").GetString());
        Assert.Equal(Email, root.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(IntakeCanary, root.GetProperty("intakeVersions")[0].GetProperty("answers").GetProperty("medications_text").GetString());
        Assert.Equal("QZDRAFTCANARY", root.GetProperty("intakeDraft").GetProperty("answers").GetProperty("medications_text").GetString());
        var visits = root.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal([arranged.Past, arranged.Future], visits.Select(v => v.GetProperty("id").GetInt32()));
        Assert.All(visits, v => Assert.StartsWith("Ana", v.GetProperty("practitioner").GetString()));
        Assert.Equal("Completed", visits[0].GetProperty("status").GetString());
        Assert.Equal("Booked", visits[1].GetProperty("status").GetString());
        var emails = root.GetProperty("emails").EnumerateArray().ToList();
        Assert.Contains(emails, e => e.GetProperty("subject").GetString()!.Contains("Reset", StringComparison.OrdinalIgnoreCase)
                                     && e.GetProperty("sentUtc").ValueKind == JsonValueKind.String);
        Assert.Contains(emails, e => e.GetProperty("kind").GetString() == "Booking confirmation" && e.GetProperty("status").GetString() == "Sent");
        // Notes are for practitioners only (PRODUCT.md §8), and no other patient's data is in it.
        Assert.DoesNotContain(NotesCanary, json.RootElement.GetRawText());
        Assert.DoesNotContain("pat@clinic.test", json.RootElement.GetRawText());
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PersonalDataExport && a.SubjectId == arranged.UserId)));
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing_and_staff_cannot_delete_their_account_here()
    {
        var arranged = await ArrangeAsync();
        var wrong = await arranged.Client.SubmitFormAsync("/Identity/Account/Manage/DeletePersonalData",
            new Dictionary<string, string> { ["Input.Password"] = "not my password" }, "#delete-user");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("has not been deleted", await wrong.Content.ReadAsStringAsync());
        Assert.True(await _app.QueryAsync(db => db.Users.AnyAsync(u => u.Id == arranged.UserId)));
        Assert.Equal(AppointmentStatus.Booked, await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == arranged.Future).Select(a => a.Status).SingleAsync()));

        var ana = await _app.StaffAsync("ana@clinic.test");
        var token = (await ana.GetDocumentAsync("/Identity/Account/Manage/DeletePersonalData")).AntiforgeryToken();
        var refused = await ana.PostAsync("/Identity/Account/Manage/DeletePersonalData", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = Accounts.DemoPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(await _app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "ana@clinic.test")));
    }
}

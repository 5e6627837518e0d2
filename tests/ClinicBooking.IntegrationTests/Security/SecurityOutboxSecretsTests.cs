using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer.Protocol;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// No recoverable secret at rest: the one-time links of account emails are encrypted in the outbox and gone once
/// sent; reset links expire after 2 hours and work once, confirmation links last 24 hours.
/// </summary>
public sealed partial class SecurityOutboxSecretsTests : IAsyncLifetime
{
    private const string Patient = "pat@clinic.test";
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex(@"http://localhost/Identity/Account/ResetPassword\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"http://localhost/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.Latin1);
        return reader.ReadToEnd();
    }

    private string RawDatabase() => ReadShared(_app.ClinicDatabasePath) + ReadShared(_app.ClinicDatabasePath + "-wal");

    private async Task RequestResetAsync(string email)
    {
        var client = _app.CreateBrowserlikeClient();
        var response = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<OutboxMessage> ResetRowAsync() => await _app.QueryAsync(db =>
        db.Outbox.AsNoTracking().Where(o => o.Kind == OutboxKind.PasswordResetRequested).OrderByDescending(o => o.Id).FirstAsync());

    private async Task<OutboxMessage> AccountRowAsync() => await _app.QueryAsync(db =>
        db.Outbox.AsNoTracking().Where(o => o.Kind == OutboxKind.Account).OrderByDescending(o => o.Id).FirstAsync());

    private async Task<OutboxMessage> WhenFailedAsync(Func<Task<OutboxMessage>> read)
    {
        var row = await read();
        for (var i = 0; i < 100 && (row = await read()).Status != OutboxStatus.Failed; i++)
        {
            await Task.Delay(100);
        }

        return row;
    }

    private async Task DispatchAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private static Task<HttpResponseMessage> ResetAsync(HttpClient client, string link, string email, string password) =>
        client.SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });

    private async Task<string> ResetLinkSentAsync(int nth = 1)
    {
        var emails = new List<MimeKit.MimeMessage>();
        await _app.Smtp.WaitForMessageAsync(m => m.Subject is not null && m.Subject.Contains("Reset", StringComparison.OrdinalIgnoreCase)
                                                  && _app.Smtp.Messages.Count(x => x.Subject == m.Subject) >= nth);
        var link = _app.Smtp.Messages.Where(m => m.Subject!.Contains("Reset", StringComparison.OrdinalIgnoreCase))
            .Select(m => ResetLink().Match(m.TextBody!).Value).ElementAt(nth - 1);
        Assert.False(string.IsNullOrEmpty(link));
        return link;
    }

    [Fact]
    public async Task A_reset_link_is_never_stored_neither_while_the_request_is_queued_nor_after_sending()
    {
        // The mail server is down: the request waits in the outbox, holding the address only.
        await _app.Smtp.PauseAsync();
        await RequestResetAsync(Patient);
        var queued = await ResetRowAsync();
        Assert.Null(queued.HtmlBody);
        Assert.Equal(Patient, queued.Recipient);
        var raw = RawDatabase();
        Assert.Contains(OutboxMessage.ResetSubject, raw, StringComparison.Ordinal); // the subject is kept in clear: the read works
        Assert.DoesNotContain("ResetPassword?code=", raw, StringComparison.Ordinal);

        await _app.Smtp.ResumeAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await DispatchAsync();
        var link = await ResetLinkSentAsync();
        var code = link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..];

        var sent = await _app.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == queued.Id));
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Null(sent.HtmlBody);
        Assert.NotNull(sent.SentUtc);
        Assert.Equal(queued.Subject, sent.Subject);
        Assert.Equal(OutboxMessage.HashRecipient(Patient), sent.Recipient);
        var rawAfter = RawDatabase();
        Assert.DoesNotContain(code, rawAfter, StringComparison.Ordinal);
        Assert.DoesNotContain("ResetPassword?code=", rawAfter, StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent && o.HtmlBody != null)));

        // The admin still sees that it went, to whom in masked form only.
        var admin = await _app.StaffAsync("admin@clinic.test");
        var line = (await admin.GetDocumentAsync("/admin/outbox?status=Sent&kind=PasswordResetRequested")).QuerySelector($"#row-{queued.Id}")!;
        Assert.Contains("address removed", line.TextContent);
        Assert.DoesNotContain(Patient, line.TextContent);

        // The link, made when the email was sent five minutes later, works (once).
        var client = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(client, link, Patient, "a fresh pass phrase")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_older_than_two_hours_is_refused_with_a_clear_message_and_a_newer_one_works()
    {
        await RequestResetAsync(Patient);
        var old = await ResetLinkSentAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(110));
        await RequestResetAsync(Patient);
        var recent = await ResetLinkSentAsync(2);
        _app.Clock.Advance(TimeSpan.FromMinutes(15));

        var client = _app.CreateBrowserlikeClient();
        var refused = await ResetAsync(client, old, Patient, "an expired attempt");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("This link has expired or was already used", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostLoginAsync(Patient, "an expired attempt")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(client, recent, Patient, "a timely new phrase")).StatusCode);
        await _app.CreateBrowserlikeClient().SignInAsync(Patient, "a timely new phrase");
    }

    [Fact]
    public async Task A_used_reset_link_is_refused_the_second_time()
    {
        await RequestResetAsync(Patient);
        var link = await ResetLinkSentAsync();
        var client = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(client, link, Patient, "the first new phrase")).StatusCode);

        var again = await ResetAsync(_app.CreateBrowserlikeClient(), link, Patient, "a replayed phrase");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This link has expired or was already used", await again.Content.ReadAsStringAsync());
        await _app.CreateBrowserlikeClient().SignInAsync(Patient, "the first new phrase");
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.CreateBrowserlikeClient().PostLoginAsync(Patient, "a replayed phrase")).StatusCode);
    }

    [Fact]
    public async Task A_confirmation_link_works_for_a_day_not_longer_and_using_it_twice_does_no_harm()
    {
        var client = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostRegisterAsync("Dana Day", "dana@example.com", "a long enough phrase")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostRegisterAsync("Late Lee", "late@example.com", "a long enough phrase")).StatusCode);
        var dana = ConfirmLink().Match((await _app.Smtp.WaitForMessageToAsync("dana@example.com")).TextBody!).Value;
        var late = ConfirmLink().Match((await _app.Smtp.WaitForMessageToAsync("late@example.com")).TextBody!).Value;

        // Longer than a reset link lives: confirmation has its own, longer lifespan.
        _app.Clock.Advance(TimeSpan.FromHours(23));
        var first = await _app.CreateBrowserlikeClient().GetAsync(new Uri(dana).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Thank you for confirming your email", await first.Content.ReadAsStringAsync());
        var second = await _app.CreateBrowserlikeClient().GetAsync(new Uri(dana).PathAndQuery);
        Assert.True(second.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest);
        Assert.DoesNotContain(second.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal));
        Assert.True(await _app.QueryAsync(db => db.Users.Where(u => u.Email == "dana@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
        await _app.CreateBrowserlikeClient().SignInAsync("dana@example.com", "a long enough phrase");

        _app.Clock.Advance(TimeSpan.FromHours(2));
        var expired = await _app.CreateBrowserlikeClient().GetAsync(new Uri(late).PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.False(await _app.QueryAsync(db => db.Users.Where(u => u.Email == "late@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task A_failed_account_email_keeps_its_encrypted_body_and_a_failed_reset_request_its_address_until_links_would_have_expired()
    {
        // A confirmation email (the reset email's link is made only when it is sent, so it has no body to keep).
        const string newcomer = "kept@example.com";
        _app.Smtp.FailNext(1, (SmtpReplyCode)550);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowserlikeClient().PostRegisterAsync("Kept Body", newcomer, "a long enough phrase")).StatusCode);
        var row = await WhenFailedAsync(AccountRowAsync);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.NotNull(row.HtmlBody);
        Assert.Equal(newcomer, row.Recipient);

        // A reset request that failed keeps its address (no body) so that "Retry now" can make a fresh link.
        _app.Smtp.FailNext(1, (SmtpReplyCode)550);
        await RequestResetAsync(Patient);
        var reset = await WhenFailedAsync(ResetRowAsync);
        Assert.Equal(OutboxStatus.Failed, reset.Status);
        Assert.Null(reset.HtmlBody);
        Assert.Equal(Patient, reset.Recipient);

        _app.Clock.Advance(TimeSpan.FromHours(25));
        await DispatchAsync();

        var given = await _app.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == row.Id));
        Assert.Equal(OutboxStatus.Skipped, given.Status);
        Assert.Null(given.HtmlBody);
        Assert.Equal(OutboxMessage.HashRecipient(newcomer), given.Recipient);
        Assert.Contains("expired", given.LastError);
        var givenReset = await _app.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == reset.Id));
        Assert.Equal(OutboxStatus.Skipped, givenReset.Status);
        Assert.Equal(OutboxMessage.HashRecipient(Patient), givenReset.Recipient);
    }

    [Fact]
    public async Task Links_stored_in_clear_before_this_change_are_withdrawn_at_start_up_and_sent_rows_lose_their_address()
    {
        _ = _app.Services; // the first host creates the database
        var due = _app.Clock.GetUtcNow().UtcDateTime.AddDays(1).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_app.ClinicDatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText =
                "INSERT INTO Outbox (Kind, Recipient, DueUtc, Status, Attempts, NextAttemptUtc, CreatedUtc, Subject, HtmlBody, SentUtc) VALUES " +
                "('Account', 'old@example.com', $due, 'Pending', 0, $due, $due, 'Reset Password', 'Reset <a href=\"http://localhost/Identity/Account/ResetPassword?code=QZOLDCODE\">here</a>', NULL), " +
                "('Account', 'Sent@Example.com', $due, 'Sent', 1, $due, $due, 'Reset Password', 'Reset <a href=\"http://localhost/Identity/Account/ResetPassword?code=QZSENTCODE\">here</a>', $due)";
            insert.Parameters.AddWithValue("$due", due);
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        await using var restarted = new ClinicAppFactory(_app.DataDirectory, _app.Clock, _app.Smtp);
        _ = restarted.Services;
        await using (var scope = restarted.Services.CreateAsyncScope())
        {
            _app.Clock.Advance(TimeSpan.FromDays(2));
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(); // reads every row without failing
        }

        var rows = await restarted.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Subject == "Reset Password").OrderBy(o => o.Id).ToListAsync());
        Assert.All(rows, r => Assert.Null(r.HtmlBody));
        Assert.Equal(OutboxStatus.Skipped, rows[0].Status);
        Assert.Equal(OutboxMessage.HashRecipient("old@example.com"), rows[0].Recipient);
        Assert.Equal(OutboxStatus.Sent, rows[1].Status);
        Assert.Equal(OutboxMessage.HashRecipient("sent@example.com"), rows[1].Recipient);
        Assert.DoesNotContain(_app.Smtp.Messages, m => m.To.ToString().Contains("old@example.com", StringComparison.Ordinal));
    }
}

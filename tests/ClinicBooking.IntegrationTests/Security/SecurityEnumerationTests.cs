using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// Issue 13.3: whether an address has an account here (so: is a patient of this clinic) cannot be told from the
/// sign-in, register or reset pages: the same words, and the same work (one password hash, counted here rather
/// than timed, so the test cannot be flaky), for known and unknown addresses.
/// </summary>
public sealed class SecurityEnumerationTests
{
    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        Forms.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task Sign_in_answers_unknown_wrong_unconfirmed_and_locked_alike_after_one_password_hash_each()
    {
        await using var app = new CountingAppFactory();
        var client = app.CreateBrowserlikeClient();
        await client.PostRegisterAsync("Una Confirmed", "una@example.com", "a long enough phrase");
        for (var i = 0; i < 5; i++)
        {
            await client.PostLoginAsync("ben@clinic.test", "not the password");
        }

        var cases = new[]
        {
            ("nobody@example.com", "a long enough phrase"), // no account
            ("pat@clinic.test", "not the password"), // wrong password
            ("una@example.com", "a long enough phrase"), // right password, address not confirmed
            ("ben@clinic.test", Accounts.DemoPassword), // right password, locked out
        };
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (email, password) in cases)
        {
            app.Hashes.Reset();
            var response = await client.PostLoginAsync(email, password);
            answers.Add((response.StatusCode, (await ErrorsAsync(response)).Replace(email, "", StringComparison.Ordinal)));
            Assert.True(app.Hashes.Verified == 1, $"{email}: {app.Hashes.Verified} password checks");
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.BadRequest, answers[0].Item1);
    }

    [Fact]
    public async Task Register_looks_the_same_for_a_taken_address_hashes_once_and_emails_the_owner_instead()
    {
        await using var app = new CountingAppFactory();
        var client = app.CreateBrowserlikeClient();
        app.Hashes.Reset();
        var fresh = await client.PostRegisterAsync("New Person", "new@example.com", "a long enough phrase");
        var freshHashes = app.Hashes.Hashed;
        app.Hashes.Reset();
        var taken = await client.PostRegisterAsync("Someone Else", "pat@clinic.test", "a long enough phrase");

        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        Assert.Equal(freshHashes, app.Hashes.Hashed);
        var owner = await app.Smtp.WaitForMessageToAsync("pat@clinic.test");
        Assert.Contains("already", owner.TextBody ?? owner.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_failed_sign_in_makes_one_durable_write_whether_or_not_the_address_has_an_account()
    {
        // A wrong password for a real account writes its failed-attempt count (a commit with a full sync, milliseconds);
        // an unknown address, an unconfirmed or a locked account must write as much.
        var writes = new WriteCounter();
        await using var app = new ClinicAppFactory();
        app.DbInterceptors.Add(writes);
        var setup = app.CreateBrowserlikeClient();
        await setup.PostRegisterAsync("Una Confirmed", "una@example.com", "a long enough phrase");
        for (var i = 0; i < 5; i++)
        {
            await setup.PostLoginAsync("ben@clinic.test", "not the password");
        }

        var client = app.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Add(WriteCounter.Header, "1");
        foreach (var (email, password) in new[]
                 {
                     ("pat@clinic.test", "not the password"), // wrong password: Identity counts the failure
                     ("nobody@example.com", "a long enough phrase"), // no account
                     ("una@example.com", "a long enough phrase"), // unconfirmed
                     ("ben@clinic.test", Accounts.DemoPassword), // locked out
                     ("ana@clinic.test", "not the password"), // a fifth wrong password is not the fourth's double
                 })
        {
            if (email == "ana@clinic.test")
            {
                for (var i = 0; i < 4; i++)
                {
                    await setup.PostLoginAsync(email, password);
                }
            }

            writes.Reset();
            var response = await client.PostLoginAsync(email, password);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(writes.Commits == 1, $"{email}: {writes.Commits} durable writes ({string.Join("; ", writes.Statements)})");
        }
    }

    [Fact]
    public async Task Register_makes_one_durable_write_for_a_new_address_and_for_a_taken_one()
    {
        var writes = new WriteCounter();
        await using var app = new ClinicAppFactory();
        app.DbInterceptors.Add(writes);
        var client = app.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Add(WriteCounter.Header, "1");

        writes.Reset();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostRegisterAsync("New Person", "new@example.com", "a long enough phrase")).StatusCode);
        var fresh = (writes.Commits, writes.Statements);
        writes.Reset();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostRegisterAsync("Someone Else", "pat@clinic.test", "a long enough phrase")).StatusCode);
        var taken = (writes.Commits, writes.Statements);

        Assert.True(fresh.Commits == 1, $"new address: {fresh.Commits} durable writes ({string.Join("; ", fresh.Statements)})");
        Assert.True(taken.Commits == 1, $"taken address: {taken.Commits} durable writes ({string.Join("; ", taken.Statements)})");
        // The new account is whole: its role and its confirmation email committed with it.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("new@example.com"))!, ClinicBooking.Web.Domain.Roles.Patient));
        await app.Smtp.WaitForMessageToAsync("new@example.com");
    }

    [Fact]
    public async Task A_made_up_reset_code_gets_the_same_answer_for_a_known_and_an_unknown_address()
    {
        await using var app = new ClinicAppFactory();
        var client = app.CreateBrowserlikeClient();
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("made-up-code"u8.ToArray());
        async Task<(HttpStatusCode, string)> ResetAsync(string email)
        {
            var response = await client.SubmitFormAsync($"/Identity/Account/ResetPassword?code={code}", new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = "a new long phrase", ["Input.ConfirmPassword"] = "a new long phrase",
            }, "main form[method=post]");
            return (response.StatusCode, await ErrorsAsync(response));
        }

        var known = await ResetAsync("pat@clinic.test");
        var unknown = await ResetAsync("nobody@example.com");
        Assert.Equal(known, unknown);
        Assert.Contains("has expired or was already used", known.Item2);
    }

    [Fact]
    public async Task Forgot_password_answers_and_writes_alike_for_every_address_and_only_a_confirmed_account_gets_a_working_link()
    {
        var writes = new WriteCounter();
        await using var app = new ClinicAppFactory();
        app.DbInterceptors.Add(writes);
        await app.CreateBrowserlikeClient().PostRegisterAsync("Una Confirmed", "una@example.com", "a long enough phrase");
        await app.Smtp.WaitForMessageToAsync("una@example.com"); // the confirmation email, left unopened

        async Task<(HttpStatusCode Status, string? Location, int Rows, int Commits)> ForgotAsync(string email)
        {
            var client = app.CreateBrowserlikeClient();
            client.DefaultRequestHeaders.Add(WriteCounter.Header, "1");
            var rowsBefore = await app.QueryAsync(db => db.Outbox.CountAsync());
            writes.Reset();
            var response = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
            var commits = writes.Commits;
            return (response.StatusCode, response.Headers.Location?.OriginalString,
                await app.QueryAsync(db => db.Outbox.CountAsync()) - rowsBefore, commits);
        }

        var known = await ForgotAsync("pat@clinic.test");
        var unknown = await ForgotAsync("nobody@example.com");
        var unconfirmed = await ForgotAsync("una@example.com");

        // One answer, one outbox row and one durable write each: nothing tells the three apart.
        Assert.Equal((HttpStatusCode.Redirect, "/Identity/Account/ForgotPasswordConfirmation", 1, 1), known);
        Assert.Equal(known, unknown);
        Assert.Equal(known, unconfirmed);
        var rows = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == ClinicBooking.Web.Domain.Notifications.OutboxKind.PasswordResetRequested).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Null(r.HtmlBody));

        // The dispatcher decides when it sends: the known address gets a working link, the others nothing.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClinicBooking.Web.Features.Notifications.OutboxDispatcher>().DispatchDueAsync();
        }

        var email = await app.Smtp.WaitForMessageToAsync("pat@clinic.test");
        var link = System.Text.RegularExpressions.Regex.Match(email.TextBody!, @"http://localhost/Identity/Account/ResetPassword\?code=[A-Za-z0-9_\-]+").Value;
        Assert.NotEmpty(link);
        var reset = await app.CreateBrowserlikeClient().SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "pat@clinic.test", ["Input.Password"] = "a reset pass phrase", ["Input.ConfirmPassword"] = "a reset pass phrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await app.CreateBrowserlikeClient().SignInAsync("pat@clinic.test", "a reset pass phrase");

        Assert.DoesNotContain(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "nobody@example.com"));
        Assert.DoesNotContain(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "una@example.com")
                                                      && m.Subject!.Contains("Reset", StringComparison.OrdinalIgnoreCase));
        var settled = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == ClinicBooking.Web.Domain.Notifications.OutboxKind.PasswordResetRequested)
            .OrderBy(o => o.Id).Select(o => new { o.Status, o.Recipient }).ToListAsync());
        Assert.Equal(ClinicBooking.Web.Domain.Notifications.OutboxStatus.Sent, settled[0].Status);
        Assert.Equal([ClinicBooking.Web.Domain.Notifications.OutboxStatus.Skipped, ClinicBooking.Web.Domain.Notifications.OutboxStatus.Skipped], settled.Skip(1).Select(r => r.Status));
        // No address stays in clear once a row is settled, sent or not.
        Assert.All(settled, r => Assert.StartsWith("sha256:", r.Recipient));
    }

    [Fact]
    public async Task Resending_the_confirmation_answers_and_writes_alike_for_every_address_and_only_an_unconfirmed_account_gets_a_link()
    {
        var writes = new WriteCounter();
        await using var app = new ClinicAppFactory();
        app.DbInterceptors.Add(writes);
        await app.CreateBrowserlikeClient().PostRegisterAsync("Una Confirmed", "una@example.com", "a long enough phrase");
        await app.Smtp.WaitForMessageToAsync("una@example.com"); // the first confirmation email, lost

        async Task<(HttpStatusCode Status, string Text, int Rows, int Commits)> ResendAsync(string email)
        {
            var client = app.CreateBrowserlikeClient();
            client.DefaultRequestHeaders.Add(WriteCounter.Header, "1");
            var rowsBefore = await app.QueryAsync(db => db.Outbox.CountAsync());
            writes.Reset();
            var response = await client.SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", new Dictionary<string, string> { ["Input.Email"] = email });
            var commits = writes.Commits;
            return (response.StatusCode, (await ErrorsAsync(response)).Replace(email, "", StringComparison.Ordinal),
                await app.QueryAsync(db => db.Outbox.CountAsync()) - rowsBefore, commits);
        }

        var unconfirmed = await ResendAsync("una@example.com");
        var unknown = await ResendAsync("nobody@example.com");
        var confirmed = await ResendAsync("pat@clinic.test");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.Status);
        Assert.Contains("we have emailed it a new link", unconfirmed.Text);
        Assert.Equal((1, 1), (unconfirmed.Rows, unconfirmed.Commits));
        Assert.Equal(unconfirmed, unknown);
        Assert.Equal(unconfirmed, confirmed);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClinicBooking.Web.Features.Notifications.OutboxDispatcher>().DispatchDueAsync();
        }

        await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == "una@example.com")
                                                && app.Smtp.Messages.Count(x => x.To.Mailboxes.Any(a => a.Address == "una@example.com")) == 2);
        var again = app.Smtp.Messages.Last(m => m.To.Mailboxes.Any(a => a.Address == "una@example.com"));
        var link = System.Text.RegularExpressions.Regex.Match(again.TextBody!, @"http://localhost/Identity/Account/ConfirmEmail\?\S+").Value;
        var confirm = await app.CreateBrowserlikeClient().GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        await app.CreateBrowserlikeClient().SignInAsync("una@example.com", "a long enough phrase");
        Assert.DoesNotContain(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address is "nobody@example.com" or "pat@clinic.test"));
        var rows = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == ClinicBooking.Web.Domain.Notifications.OutboxKind.ConfirmationRequested)
            .OrderBy(o => o.Id).Select(o => new { o.Status, o.HtmlBody }).ToListAsync());
        Assert.Equal([ClinicBooking.Web.Domain.Notifications.OutboxStatus.Sent, ClinicBooking.Web.Domain.Notifications.OutboxStatus.Skipped,
            ClinicBooking.Web.Domain.Notifications.OutboxStatus.Skipped], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Null(r.HtmlBody));
    }

    /// <summary>Counts password hashes and checks made by the app's real hasher.</summary>
    public sealed class HashCounter
    {
        private int _hashed;
        private int _verified;

        public int Hashed => _hashed;
        public int Verified => _verified;

        public void Reset()
        {
            _hashed = 0;
            _verified = 0;
        }

        public void CountHash() => Interlocked.Increment(ref _hashed);

        public void CountVerify() => Interlocked.Increment(ref _verified);
    }

    private sealed class CountingHasher(HashCounter counter) : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();

        public string HashPassword(ApplicationUser user, string password)
        {
            counter.CountHash();
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            counter.CountVerify();
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class CountingAppFactory : ClinicAppFactory
    {
        public HashCounter Hashes { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IPasswordHasher<ApplicationUser>>();
                services.AddSingleton(Hashes);
                services.AddScoped<IPasswordHasher<ApplicationUser>, CountingHasher>();
            });
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Issue 13.13: staff sign in in two steps (an authenticator app), and are sent to set it up first.</summary>
public sealed class SecurityStaffTwoFactorTests
{
    /// <summary>RFC 6238 (what an authenticator app computes): HMAC-SHA1 over 30-second steps, six digits.</summary>
    private static string Totp(string base32Secret, DateTimeOffset at)
    {
        var key = Base32(base32Secret);
        var step = at.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not ' ' and not '='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public async Task A_practitioner_without_two_step_sign_in_is_sent_to_set_it_up_and_then_signs_in_with_a_code_or_a_recovery_code()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Security:RequireStaffTwoFactor"] = "true" } };
        var ana = await app.StaffAsync("ana@clinic.test");
        var schedule = await ana.GetAsync("/practitioner");
        Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", schedule.Headers.Location!.OriginalString);
        // A patient is not asked.
        var pat = app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("/appointments")).StatusCode);

        var setup = await ana.GetDocumentAsync("/Identity/Account/Manage/EnableAuthenticator");
        // Showing the page keeps a pending key only: nothing is switched on before a code is confirmed.
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Email == "ana@clinic.test").Select(u => u.TwoFactorEnabled).SingleAsync()));
        var uri = setup.QuerySelector("#qrCodeData")!.GetAttribute("data-url")!;
        var secret = System.Web.HttpUtility.ParseQueryString(new Uri(uri).Query)["secret"]!;
        var enabled = await ana.SubmitFormAsync("/Identity/Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp(secret, DateTimeOffset.UtcNow) }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var codes = await ana.GetDocumentAsync(enabled.Headers.Location!.OriginalString);
        var recovery = codes.QuerySelectorAll("code").Select(c => c.TextContent.Trim()).Where(c => c.Length > 0).ToList();
        Assert.NotEmpty(recovery);
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync("/practitioner")).StatusCode);

        // Next time: the password alone is not enough.
        var next = app.CreateBrowserlikeClient();
        var step1 = await next.PostLoginAsync("ana@clinic.test", Accounts.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, step1.StatusCode);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", step1.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await next.GetAsync("/practitioner")).StatusCode);
        var wrong = await next.SubmitFormAsync(step1.Headers.Location.OriginalString, new Dictionary<string, string> { ["Input.TwoFactorCode"] = "000000" }, "main form[method=post]");
        Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        var step2 = await next.SubmitFormAsync(step1.Headers.Location.OriginalString,
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp(secret, DateTimeOffset.UtcNow) }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, step2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/practitioner")).StatusCode);

        // A lost phone: a recovery code works once.
        var lost = app.CreateBrowserlikeClient();
        await lost.PostLoginAsync("ana@clinic.test", Accounts.DemoPassword);
        var withRecovery = await lost.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = recovery[0] }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lost.GetAsync("/practitioner")).StatusCode);

        // ...once only: the same code again is refused, and the next one still works.
        var replay = app.CreateBrowserlikeClient();
        await replay.PostLoginAsync("ana@clinic.test", Accounts.DemoPassword);
        var reused = await replay.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = recovery[0] }, "main form[method=post]");
        Assert.NotEqual(HttpStatusCode.Redirect, reused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await replay.GetAsync("/practitioner")).StatusCode);
        var fresh = await replay.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = recovery[1] }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/practitioner")).StatusCode);
    }

    /// <summary>Sets up the authenticator on a signed-in client's account; returns the shared key and the recovery codes.</summary>
    private static async Task<(string Secret, List<string> Recovery)> EnableAuthenticatorAsync(HttpClient client)
    {
        var setup = await client.GetDocumentAsync(StaffSetup);
        var uri = setup.QuerySelector("#qrCodeData")!.GetAttribute("data-url")!;
        var secret = System.Web.HttpUtility.ParseQueryString(new Uri(uri).Query)["secret"]!;
        var enabled = await client.SubmitFormAsync(StaffSetup,
            new Dictionary<string, string> { ["Input.Code"] = Totp(secret, DateTimeOffset.UtcNow) }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var codes = await client.GetDocumentAsync(enabled.Headers.Location!.OriginalString);
        return (secret, codes.QuerySelectorAll("code").Select(c => c.TextContent.Trim()).Where(c => c.Length > 0).ToList());
    }

    private const string StaffSetup = "/Identity/Account/Manage/EnableAuthenticator";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_without_the_setting_a_practitioner_and_an_admin_are_sent_to_set_it_up(string environment)
    {
        await using var app = new ClinicAppFactory
        {
            EnvironmentName = environment,
            Settings = { ["Seed:AdminEmail"] = "boss@clinic.example", ["Seed:AdminPassword"] = "a first admin phrase" },
        };
        Assert.False(app.Settings.ContainsKey("Security:RequireStaffTwoFactor"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = "dee@clinic.example", Email = "dee@clinic.example", EmailConfirmed = true, FullName = "Dee Doctor" };
            Assert.True((await users.CreateAsync(user, "a practitioner phrase")).Succeeded);
            await users.AddToRoleAsync(user, ClinicBooking.Web.Domain.Roles.Practitioner);
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            db.Practitioners.Add(new ClinicBooking.Web.Domain.Practitioner(user.Id, "Dee Doctor", "Acupuncturist."));
            await db.SaveChangesAsync();
        }

        foreach (var (email, password, page) in new[]
                 {
                     ("dee@clinic.example", "a practitioner phrase", "/practitioner"),
                     ("boss@clinic.example", "a first admin phrase", "/admin"),
                 })
        {
            var client = app.CreateBrowserlikeClient(https: true);
            await client.SignInAsync(email, password);
            var staffPage = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
            Assert.Equal(StaffSetup, staffPage.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task An_admin_without_two_step_sign_in_is_sent_to_set_it_up_and_then_reaches_the_admin_pages()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Security:RequireStaffTwoFactor"] = "true" } };
        var admin = await app.StaffAsync("admin@clinic.test");
        var page = await admin.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(StaffSetup, page.Headers.Location!.OriginalString);

        await EnableAuthenticatorAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_patient_may_opt_in_and_then_needs_the_code_to_sign_in()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Security:RequireStaffTwoFactor"] = "true" } };
        var pat = app.CreateBrowserlikeClient();
        await pat.SignInAsync("pat@clinic.test");
        var (secret, _) = await EnableAuthenticatorAsync(pat);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == "pat@clinic.test").Select(u => u.TwoFactorEnabled).SingleAsync()));

        var next = app.CreateBrowserlikeClient();
        var step1 = await next.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, step1.StatusCode);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", step1.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await next.GetAsync("/appointments")).StatusCode);
        var step2 = await next.SubmitFormAsync(step1.Headers.Location.OriginalString,
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp(secret, DateTimeOffset.UtcNow) }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, step2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/appointments")).StatusCode);
    }
}

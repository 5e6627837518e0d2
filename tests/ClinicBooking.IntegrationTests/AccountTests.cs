using System.Net;
using System.Text.RegularExpressions;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

public sealed partial class AccountTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sign_up_sends_a_confirmation_email_whose_link_confirms_and_then_sign_in_works()
    {
        var client = _app.CreateBrowserlikeClient();
        var response = await client.PostRegisterAsync("Robin Example", "robin@example.com", "a long enough phrase");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("RegisterConfirmation", response.Headers.Location!.ToString());

        var email = await _app.Smtp.WaitForMessageToAsync("robin@example.com");
        Assert.Equal("Confirm your email address", email.Subject);
        Assert.NotNull(email.TextBody);
        Assert.NotNull(email.HtmlBody);
        var link = ConfirmLink().Match(email.TextBody).Value;
        Assert.StartsWith("http://localhost/Identity/Account/ConfirmEmail?", link);

        var confirm = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Thank you for confirming your email", await confirm.Content.ReadAsStringAsync());

        await client.SignInAsync("robin@example.com", "a long enough phrase");
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("robin@example.com");
        Assert.True(await users.IsInRoleAsync(user!, "Patient"));
        Assert.Equal("Robin Example", user!.FullName);
    }

    [Fact]
    public async Task A_spoofed_host_header_cannot_point_an_emailed_reset_link_at_another_site()
    {
        // Password-reset poisoning: the attacker asks for the victim's reset email with their own Host header.
        var attacker = _app.CreateBrowserlikeClient();
        var page = await attacker.GetDocumentAsync("/Identity/Account/ForgotPassword");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "pat@clinic.test", ["__RequestVerificationToken"] = page.AntiforgeryToken(),
            }),
        };
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.SendAsync(request)).StatusCode);

        var email = await _app.Smtp.WaitForMessageToAsync("pat@clinic.test");
        Assert.DoesNotContain("evil.example", email.HtmlBody);
        Assert.DoesNotContain("evil.example", email.TextBody);
        var link = ResetLink().Match(email.TextBody!).Value;
        Assert.StartsWith("http://localhost/Identity/Account/ResetPassword?", link);

        // The page behind the link states the real rule and keeps it.
        var reset = _app.CreateBrowserlikeClient();
        Assert.Contains("At least 10 characters", await reset.GetStringAsync(new Uri(link).PathAndQuery));
        var tooShort = await reset.SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "pat@clinic.test", ["Input.Password"] = "short1", ["Input.ConfirmPassword"] = "short1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 10 characters", await tooShort.Content.ReadAsStringAsync());
        var saved = await reset.SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "pat@clinic.test", ["Input.Password"] = "a brand new phrase", ["Input.ConfirmPassword"] = "a brand new phrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Your password is saved", await reset.GetStringAsync(saved.Headers.Location!.ToString()));
        await reset.SignInAsync("pat@clinic.test", "a brand new phrase");
    }

    [GeneratedRegex(@"http://\S+/Identity/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task Signing_in_before_confirming_the_email_is_refused_with_a_clear_message()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.PostRegisterAsync("Sam Unconfirmed", "sam@example.com", "another long phrase");

        var response = await client.PostLoginAsync("sam@example.com", "another long phrase");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The same words as any failed sign-in (an unconfirmed account must not be told apart), with the way on.
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("New here? Open the link in the email we sent you first", body);
        Assert.Contains("Send the confirmation email again", body);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [],
            cookie => cookie.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var client = _app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostLoginAsync("pat@clinic.test", "not the password");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var refused = await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("signing in pauses for 15 minutes", await refused.Content.ReadAsStringAsync());

        _app.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillRefused = await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword);
        Assert.Equal(HttpStatusCode.BadRequest, stillRefused.StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        await client.SignInAsync("pat@clinic.test");
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var client = _app.CreateBrowserlikeClient();
        for (var i = 0; i < 4; i++)
        {
            await client.PostLoginAsync("ana@clinic.test", "not the password");
        }

        await client.SignInAsync("ana@clinic.test");
    }

    [Theory]
    [InlineData("admin@clinic.test")]
    [InlineData("ana@clinic.test")]
    [InlineData("ben@clinic.test")]
    [InlineData("pat@clinic.test")]
    public async Task Every_demo_account_signs_in(string email)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        var home = await client.GetStringAsync("/");
        Assert.Contains("Sign out", home);
    }

    [Fact]
    public async Task The_nav_shows_the_admin_area_only_to_admins()
    {
        var admin = _app.CreateBrowserlikeClient();
        await admin.SignInAsync("admin@clinic.test");
        Assert.Contains("href=\"/hangfire\"", await admin.GetStringAsync("/"));

        var patient = _app.CreateBrowserlikeClient();
        await patient.SignInAsync("pat@clinic.test");
        Assert.DoesNotContain("href=\"/hangfire\"", await patient.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_password_shorter_than_ten_characters_is_refused_but_no_composition_rules_apply()
    {
        var client = _app.CreateBrowserlikeClient();
        var tooShort = await client.PostRegisterAsync("Short Pw", "short@example.com", "abcdefghi");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 10 characters", await tooShort.Content.ReadAsStringAsync());

        var lowercaseOnly = await client.PostRegisterAsync("Plain Pw", "plain@example.com", "abcdefghij");
        Assert.Equal(HttpStatusCode.Redirect, lowercaseOnly.StatusCode);
    }

    [GeneratedRegex(@"http://localhost/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}

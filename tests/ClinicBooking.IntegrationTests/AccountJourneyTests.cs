using System.Net;
using System.Text.RegularExpressions;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

/// <summary>The account pages a patient meets after sign-up: sign-out, password reset, broken links.</summary>
public sealed partial class AccountJourneyTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_sign_out_button_in_the_header_signs_out()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");

        var response = await client.SubmitFormAsync("/", new Dictionary<string, string>(),
            "form[action^='/Identity/Account/Logout']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Sign in", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Resetting_the_password_ends_a_lockout()
    {
        var client = _app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostLoginAsync("ben@clinic.test", "not the password");
        }

        await client.SubmitFormAsync("/Identity/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = "ben@clinic.test" });
        var email = await _app.Smtp.WaitForMessageToAsync("ben@clinic.test");
        var link = new Uri(ResetLink().Match(email.TextBody!).Value);
        var reset = await client.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "ben@clinic.test",
            ["Input.Password"] = "a brand new phrase",
            ["Input.ConfirmPassword"] = "a brand new phrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await client.SignInAsync("ben@clinic.test", "a brand new phrase");
    }

    [Fact]
    public async Task Account_emails_carry_the_link_on_its_own_line_and_as_a_button()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.PostRegisterAsync("Lee Example", "lee@example.com", "a long enough phrase");
        var email = await _app.Smtp.WaitForMessageToAsync("lee@example.com");

        var lines = email.TextBody!.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("http://localhost/Identity/Account/ConfirmEmail?", StringComparison.Ordinal) && !l.TrimEnd().EndsWith('.'));
        Assert.Contains("Confirm your email address</a>", email.HtmlBody);
        Assert.DoesNotContain("Lee Example", email.TextBody!);
    }

    [Theory]
    [InlineData("/Identity/Account/ConfirmEmail")]
    [InlineData("/Identity/Account/ConfirmEmail?userId=nobody&code=abc")]
    [InlineData("/Identity/Account/ResetPassword?code=%%%not-base64")]
    [InlineData("/Identity/Account/ResetPassword?code=not-base64.")]
    public async Task Broken_account_links_get_a_friendly_4xx_page(string url)
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync(url);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("<h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_mangled_confirmation_code_is_a_400_not_a_500()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.PostRegisterAsync("Kim Example", "kim@example.com", "a long enough phrase");
        var email = await _app.Smtp.WaitForMessageToAsync("kim@example.com");
        var link = ConfirmLink().Match(email.TextBody!).Value;

        var mangled = Regex.Replace(link, "code=[^&]+", m => m.Value[..^3] + ".x!");
        var response = await client.GetAsync(new Uri(mangled).PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That link did not work", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Identity/Account/Manage/ExternalLogins", HttpStatusCode.NotFound)]
    [InlineData("/Identity/Account/ExternalLogin", HttpStatusCode.NotFound)]
    [InlineData("/Identity/Account/Manage/TwoFactorAuthentication", HttpStatusCode.OK)]
    [InlineData("/Identity/Account/Manage/EnableAuthenticator", HttpStatusCode.OK)]
    public async Task External_logins_are_not_offered_and_a_patient_may_opt_in_to_two_step_sign_in(string url, HttpStatusCode expected)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        Assert.Equal(expected, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task The_book_page_lists_the_services_and_how_to_book()
    {
        var body = await _app.CreateBrowserlikeClient().GetStringAsync("/book");
        Assert.Contains("Initial consultation and treatment", body);
        Assert.Contains("tel:", body);
    }

    [GeneratedRegex(@"http://localhost/Identity/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"http://localhost/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}

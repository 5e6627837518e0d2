using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Signing out ends the session on the server's side, not only in the browser that signed out.</summary>
public sealed class SecuritySignOutTests
{
    [Fact]
    public async Task A_cookie_captured_before_sign_out_goes_to_sign_in_once_the_stamp_check_runs()
    {
        await using var app = new ClinicAppFactory();
        var client = app.CreateBrowserlikeClient();
        var cookie = CookieReplay.AuthCookie(await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, (await CookieReplay.ReplayAsync(app, cookie, "/appointments")).StatusCode);

        var signOut = await client.SubmitFormAsync("/Identity/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location!.ToString());

        var interval = app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        Assert.True(interval <= TimeSpan.FromMinutes(5));
        app.Clock.Advance(interval + TimeSpan.FromSeconds(1));
        var replayed = await CookieReplay.ReplayAsync(app, cookie, "/appointments");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", replayed.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Without_a_sign_out_the_same_cookie_keeps_working_after_the_stamp_check()
    {
        // The control for the test above: the clock alone does not end a session.
        await using var app = new ClinicAppFactory();
        var client = app.CreateBrowserlikeClient();
        var cookie = CookieReplay.AuthCookie(await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await CookieReplay.ReplayAsync(app, cookie, "/appointments")).StatusCode);
    }
}

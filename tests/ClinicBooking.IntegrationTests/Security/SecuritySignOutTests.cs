using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Signing out ends the session on the server's side, not only in the browser that signed out.</summary>
public sealed class SecuritySignOutTests
{
    private static string AuthCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task<HttpResponseMessage> ReplayAsync(ClinicAppFactory app, string cookie, string path)
    {
        var replay = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await replay.SendAsync(request);
    }

    [Fact]
    public async Task A_cookie_captured_before_sign_out_goes_to_sign_in_once_the_stamp_check_runs()
    {
        await using var app = new ClinicAppFactory();
        var client = app.CreateBrowserlikeClient();
        var cookie = AuthCookie(await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(app, cookie, "/appointments")).StatusCode);

        var signOut = await client.SubmitFormAsync("/Identity/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location!.ToString());

        var interval = app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        Assert.True(interval <= TimeSpan.FromMinutes(5));
        app.Clock.Advance(interval + TimeSpan.FromSeconds(1));
        var replayed = await ReplayAsync(app, cookie, "/appointments");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", replayed.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Without_a_sign_out_the_same_cookie_keeps_working_after_the_stamp_check()
    {
        // The control for the test above: the clock alone does not end a session.
        await using var app = new ClinicAppFactory();
        var client = app.CreateBrowserlikeClient();
        var cookie = AuthCookie(await client.PostLoginAsync("pat@clinic.test", Accounts.DemoPassword));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(app, cookie, "/appointments")).StatusCode);
    }
}

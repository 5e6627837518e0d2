using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>A captured sign-in cookie, sent again by a client that keeps no cookies (as a thief would).</summary>
public static class CookieReplay
{
    public static string AuthCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal)).Split(';')[0];

    public static async Task<HttpResponseMessage> ReplayAsync(ClinicAppFactory app, string cookie, string path)
    {
        var replay = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await replay.SendAsync(request);
    }
}

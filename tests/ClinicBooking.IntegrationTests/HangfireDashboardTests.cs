using System.Net;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

public sealed class HangfireDashboardTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("pat@clinic.test")]
    [InlineData("ana@clinic.test")]
    public async Task Patients_and_practitioners_are_refused(string email)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        foreach (var url in new[] { "/hangfire", "/hangfire/jobs/enqueued", "/hangfire/stats" })
        {
            var response = await client.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound,
                $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_request_from_loopback_is_not_enough_without_the_admin_role()
    {
        // The test server's requests come from a local address, like every request behind a reverse proxy.
        var client = _app.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        var response = await client.GetAsync("/hangfire");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_admin_opens_the_dashboard()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("admin@clinic.test");
        var response = await client.GetAsync("/hangfire");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        Assert.Contains("Hangfire", body);
    }
}

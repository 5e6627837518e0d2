using System.Net;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// Hangfire's dashboard writes its own inline script and style: /hangfire (and only it) gets a policy that lets it
/// work; every other page keeps the strict one.
/// </summary>
public sealed class SecurityDashboardPolicyTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);

    [Fact]
    public async Task The_dashboard_pages_get_a_policy_their_inline_script_and_style_can_run_under()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("admin@clinic.test");
        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded", "/hangfire/servers" })
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var document = Forms.Parse(body);
            var directives = Directives(response);
            // Its script (jQuery, Bootstrap, Chart.js) writes inline style and script: the policy lets them run.
            Assert.Contains("'unsafe-inline'", directives["script-src"]);
            Assert.Contains("'unsafe-inline'", directives["style-src"]);
            Assert.DoesNotContain("'unsafe-eval'", directives["script-src"]);
            Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
            // Its files come from itself: nothing else is allowed in.
            Assert.All(document.QuerySelectorAll("script[src], link[rel=stylesheet]"), e =>
                Assert.StartsWith("/hangfire/", e.GetAttribute("src") ?? e.GetAttribute("href")));
            Assert.DoesNotContain("*", directives["default-src"]);
        }
    }

    [Fact]
    public async Task Every_other_page_keeps_the_strict_policy_even_one_that_starts_with_hangfire()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("admin@clinic.test");
        foreach (var path in new[] { "/", "/admin", "/services", "/hangfire-x", "/hangfirex", "/error/404", "/Identity/Account/Manage" })
        {
            var response = await client.GetAsync(path);
            var directives = Directives(response);
            Assert.Equal("script-src 'self'", directives["script-src"]);
            Assert.Equal("style-src 'self'", directives["style-src"]);
        }

        var dashboard = Directives(await client.GetAsync("/hangfire"));
        var home = Directives(await client.GetAsync("/"));
        Assert.NotEqual(home["script-src"], dashboard["script-src"]);
    }
}

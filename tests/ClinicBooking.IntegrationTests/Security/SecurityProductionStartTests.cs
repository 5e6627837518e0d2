using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>Issue 13.8, 13.10, 13.11, 13.12: a production start stays production, and trusts only what it should.</summary>
public sealed class SecurityProductionStartTests
{
    [Fact]
    public async Task Dotnet_run_with_ASPNETCORE_ENVIRONMENT_Production_runs_as_production_without_demo_accounts_or_the_mail_viewer()
    {
        await using var smtp = new TestSmtpServer();
        // `dotnet run` applies the launch profile: the variable must still win.
        await using var app = await BlackBoxApp.StartAsync(smtp, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Clinic:AlertEmail"] = "alerts@clinic.example",
        });

        Assert.True(app.Output.Any(line => line.Contains("starting in the Production environment", StringComparison.Ordinal)), string.Join("\n", app.Output));
        var client = app.CreateClient();
        // Plain HTTP: pages move to HTTPS, a form post is refused with a message, never a 500.
        var login = await client.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.PermanentRedirect, login.StatusCode);
        Assert.StartsWith("https://", login.Headers.Location!.ToString());
        var post = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "admin@clinic.test" }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("HTTPS", await post.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/dev/mail")).StatusCode);

        await using var connection = new SqliteConnection($"Data Source={app.ClinicDatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE '%@clinic.test'";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task In_development_a_named_first_admin_means_no_demo_accounts()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Seed:AdminEmail"] = "boss@clinic.example", ["Seed:AdminPassword"] = "a first admin phrase" } };
        Assert.Equal(["boss@clinic.example"], await app.QueryAsync(db => db.Users.Select(u => u.Email).ToListAsync()));
    }

    [Fact]
    public async Task The_mail_viewer_answers_only_requests_from_this_machine()
    {
        await using var app = new AddressedAppFactory();
        var local = app.CreateBrowserlikeClient();
        local.DefaultRequestHeaders.Add("X-Test-Client-Address", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/dev/mail")).StatusCode);
        var lan = app.CreateBrowserlikeClient();
        lan.DefaultRequestHeaders.Add("X-Test-Client-Address", "192.168.1.20");
        Assert.Equal(HttpStatusCode.NotFound, (await lan.GetAsync("/dev/mail")).StatusCode);
    }

    [Fact]
    public async Task A_spoofed_host_is_refused_in_production()
    {
        await using var app = new ClinicAppFactory { EnvironmentName = "Production" };
        var client = app.CreateBrowserlikeClient(https: true);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
        spoofed.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(spoofed)).StatusCode);
    }

    [Theory]
    [InlineData(null, "203.0.113.9", "127.0.0.1")]
    [InlineData("127.0.0.1", "198.51.100.7, 203.0.113.9", "203.0.113.9")]
    public async Task X_Forwarded_For_is_believed_only_from_a_known_proxy_and_only_its_rightmost_untrusted_address(
        string? knownProxy, string forwardedFor, string expected)
    {
        await using var app = new AddressedAppFactory { EnvironmentName = "Production" };
        if (knownProxy is not null)
        {
            app.Settings["ForwardedHeaders:KnownProxies:0"] = knownProxy;
        }

        var email = (await app.CreatePatientsAsync(1, "forwarded")).Single();
        var client = app.CreateBrowserlikeClient(https: true);
        client.DefaultRequestHeaders.Add("X-Test-Client-Address", "127.0.0.1");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        await client.SignInAsync(email);
        await client.GetAsync("/intake");

        var addresses = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == ClinicBooking.Web.Domain.AuditActions.IntakeView)
            .Select(a => a.IpAddress).ToListAsync());
        Assert.Equal([expected], addresses.Distinct().ToList());
    }

    /// <summary>
    /// Chains as a real deployment sends them (documentation addresses only: nothing is contacted, the in-process test
    /// server takes the connection's address from a header). The middleware walks right to left while the sender is
    /// trusted; the first untrusted address is the client, and whatever stands left of it was written by the client.
    /// </summary>
    [Theory]
    // Two trusted proxies (the connection's and the one it names) and the client behind them.
    [InlineData("127.0.0.1;192.0.2.10", "", "127.0.0.1", "198.51.100.7, 192.0.2.10", "198.51.100.7")]
    // The same, with a leftmost address the client made up itself: ignored.
    [InlineData("127.0.0.1;192.0.2.10", "", "127.0.0.1", "203.0.113.66, 198.51.100.7, 192.0.2.10", "198.51.100.7")]
    // A proxy known by its network (CIDR).
    [InlineData("", "192.0.2.0/24", "192.0.2.5", "198.51.100.7", "198.51.100.7")]
    // Two hops inside the known network, a made-up leftmost address ignored.
    [InlineData("", "192.0.2.0/24", "192.0.2.5", "203.0.113.66, 198.51.100.7, 192.0.2.20", "198.51.100.7")]
    // A sender outside the known network is the client itself: its header is not believed.
    [InlineData("", "192.0.2.0/24", "198.51.100.99", "203.0.113.66", "198.51.100.99")]
    public async Task Forwarded_chains_through_known_proxies_and_networks_yield_the_rightmost_untrusted_address(
        string proxies, string networks, string connection, string forwardedFor, string expected)
    {
        await using var app = new AddressedAppFactory { EnvironmentName = "Production" };
        foreach (var (proxy, i) in proxies.Split(';', StringSplitOptions.RemoveEmptyEntries).Select((p, i) => (p, i)))
        {
            app.Settings[$"ForwardedHeaders:KnownProxies:{i}"] = proxy;
        }

        foreach (var (network, i) in networks.Split(';', StringSplitOptions.RemoveEmptyEntries).Select((n, i) => (n, i)))
        {
            app.Settings[$"ForwardedHeaders:KnownNetworks:{i}"] = network;
        }

        var email = (await app.CreatePatientsAsync(1, "chain")).Single();
        var client = app.CreateBrowserlikeClient(https: true);
        client.DefaultRequestHeaders.Add("X-Test-Client-Address", connection);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        await client.SignInAsync(email);
        await client.GetAsync("/intake");

        var addresses = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == ClinicBooking.Web.Domain.AuditActions.IntakeView)
            .Select(a => a.IpAddress).ToListAsync());
        Assert.Equal([expected], addresses.Distinct().ToList());
    }
}

using System.Net;
using System.Text.Json;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClinicBooking.IntegrationTests;

/// <summary>/health (as before), /health/live (the process) and /health/ready (database, Hangfire storage, outbox backlog).</summary>
public sealed class HealthCheckTests
{
    private static readonly string[] Paths = ["/health", "/health/live", "/health/ready"];

    internal static async Task<(HttpStatusCode Status, JsonElement Json, string Body)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), body);
    }

    internal static Dictionary<string, string> Checks(JsonElement json) =>
        json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    /// <summary>A Pending email whose time came <paramref name="ago"/> before now, written straight to the outbox.</summary>
    private static async Task OverdueEmailAsync(ClinicAppFactory app, TimeSpan ago)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(OutboxMessage.Plain(OutboxKind.PractitionerDigest, "someone@example.com", now - ago, now - ago));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Live_answers_Healthy_as_plain_text()
    {
        await using var app = new ClinicAppFactory();
        var live = await app.CreateBrowserlikeClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", live.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ready_lists_the_database_hangfire_and_outbox_checks_as_json_and_names_no_path_or_connection_string()
    {
        await using var app = new ClinicAppFactory();
        var (status, json, body) = await ReadyAsync(app.CreateBrowserlikeClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var checks = Checks(json);
        Assert.Equal(["database", "hangfire", "outbox"], checks.Keys.Order());
        Assert.All(checks.Values, s => Assert.Equal("Healthy", s));
        Assert.DoesNotContain(app.DataDirectory, body);
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_outbox_backlog_past_its_thresholds_makes_ready_degraded_then_unhealthy_503_while_health_and_live_stay_200()
    {
        // No dispatcher runs (it would send the row): the backlog stays as arranged. /health/live still answers 200 while
        // ready is Unhealthy: it runs no check.
        await using var app = new ClinicAppFactory { HangfireServer = false };
        var client = app.CreateBrowserlikeClient();
        Assert.Empty(app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers());
        await OverdueEmailAsync(app, TimeSpan.FromMinutes(4));
        var (status, json, _) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", Checks(json)["outbox"]);

        app.Clock.Advance(TimeSpan.FromMinutes(2)); // 6 minutes past due: past the default 5
        (status, json, _) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", json.GetProperty("status").GetString());
        Assert.Equal("Degraded", Checks(json)["outbox"]);
        Assert.Equal("Healthy", Checks(json)["database"]);

        app.Clock.Advance(TimeSpan.FromMinutes(25)); // 31 minutes: past the default 30
        (status, json, var body) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Checks(json)["outbox"]);
        // Statuses only: the check's own description (with its numbers) is for the log.
        Assert.DoesNotContain("waited", body, StringComparison.Ordinal);
        Assert.DoesNotContain("someone@example.com", body, StringComparison.Ordinal);

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_backlog_thresholds_come_from_configuration_and_a_row_not_yet_due_or_already_sent_is_no_backlog()
    {
        await using var app = new ClinicAppFactory
        {
            HangfireServer = false,
            Settings = { ["Health:OutboxBacklogDegraded"] = "00:00:10", ["Health:OutboxBacklogUnhealthy"] = "00:01:00" },
        };
        var client = app.CreateBrowserlikeClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Outbox.Add(OutboxMessage.Plain(OutboxKind.PractitionerDigest, "later@example.com", now.AddMinutes(1), now));
            var sent = OutboxMessage.Plain(OutboxKind.PractitionerDigest, "sent@example.com", now.AddHours(-2), now.AddHours(-2));
            sent.MarkSent(now.AddHours(-2), "<id@clinic.test>");
            db.Outbox.Add(sent);
            await db.SaveChangesAsync();
        }

        Assert.Equal("Healthy", Checks((await ReadyAsync(client)).Json)["outbox"]);

        await OverdueEmailAsync(app, TimeSpan.FromSeconds(30));
        Assert.Equal("Degraded", Checks((await ReadyAsync(client)).Json)["outbox"]);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadyAsync(client)).Status);
    }

    [Fact]
    public async Task The_hangfire_check_is_unhealthy_when_the_storage_cannot_be_reached()
    {
        var check = new HangfireStorageHealthCheck(new UnreachableStorage());
        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("hangfire", check, HealthStatus.Unhealthy, null),
        });
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Every_health_endpoint_is_anonymous_get_and_head_only_and_never_rate_limited()
    {
        await using var app = new ClinicAppFactory();
        var endpoints = EndpointInventory.All(app);
        foreach (var path in Paths)
        {
            var endpoint = Assert.Single(endpoints, e => "/" + e.RoutePattern.RawText?.TrimStart('/') == path);
            Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Empty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
            Assert.Equal(["GET", "HEAD"], EndpointInventory.Methods(endpoint)!.Order());
            Assert.NotNull(endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>());
        }

        var client = app.CreateBrowserlikeClient();
        foreach (var path in Paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode);
            // Another method finds only the fallback's 404, as /health always did.
            var post = await client.PostAsync(path, new StringContent(""));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.DoesNotContain("Healthy", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Outside_development_the_health_endpoints_answer_over_plain_http_for_the_load_balancer()
    {
        await using var app = new ClinicAppFactory { EnvironmentName = "Production" };
        var client = app.CreateBrowserlikeClient();
        foreach (var path in Paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }
    }

    private sealed class UnreachableStorage : JobStorage
    {
        public override Hangfire.Storage.IMonitoringApi GetMonitoringApi() => throw new InvalidOperationException("unreachable");

        public override Hangfire.Storage.IStorageConnection GetConnection() =>
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
    }
}

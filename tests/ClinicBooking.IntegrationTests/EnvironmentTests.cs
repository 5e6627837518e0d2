using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

public sealed class EnvironmentTests
{
    [Fact]
    public async Task Without_an_smtp_host_mail_goes_to_the_pickup_folder_and_dev_mail_shows_a_working_link()
    {
        await using var app = new ClinicAppFactory { UseSmtp = false };
        var client = app.CreateBrowserlikeClient();
        await client.PostRegisterAsync("Dev Mail", "devmail@example.com", "a long enough phrase");

        // The outbox sends in the background: wait for the file.
        for (var i = 0; i < 150 && !(Directory.Exists(app.MailDirectory) && Directory.GetFiles(app.MailDirectory, "*.eml").Length > 0); i++)
        {
            await Task.Delay(100);
        }

        Assert.Single(Directory.GetFiles(app.MailDirectory, "*.eml"));
        var list = await client.GetDocumentAsync("/dev/mail");
        var item = list.QuerySelectorAll("a").Single(a => a.TextContent == "Confirm your email address");
        var message = await client.GetDocumentAsync(item.GetAttribute("href")!);
        var link = message.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!)
            .Single(h => h.Contains("/Identity/Account/ConfirmEmail", StringComparison.Ordinal));

        var confirm = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        await client.SignInAsync("devmail@example.com", "a long enough phrase");
    }

    [Fact]
    public async Task Dev_mail_refuses_names_outside_the_pickup_folder()
    {
        await using var app = new ClinicAppFactory { UseSmtp = false };
        var client = app.CreateBrowserlikeClient();
        foreach (var name in new[] { "..%2F..%2Fappsettings.json", "x.txt", "..%2Fclinic.db", "missing.eml" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/dev/mail/{name}")).StatusCode);
        }
    }

    [Fact]
    public async Task Production_seeds_only_the_first_admin_from_configuration_and_hides_dev_mail()
    {
        await using var app = new ClinicAppFactory { EnvironmentName = "Production" };
        app.Settings["Seed:AdminEmail"] = "boss@clinic.example";
        app.Settings["Seed:AdminPassword"] = "a first admin phrase";
        // Outside Development cookies are Secure-only, so the app is reached over HTTPS as in production.
        var client = app.CreateBrowserlikeClient(https: true);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mail")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        Assert.Equal(["boss@clinic.example"], await db.Users.Select(u => u.Email).ToListAsync());
        Assert.Empty(await db.Services.ToListAsync());
        Assert.Equal(ClinicBooking.Web.Domain.Roles.All.Count, await db.Roles.CountAsync()); // Patient, Practitioner, Reception, Admin

        var response = await client.PostLoginAsync("boss@clinic.example", "a first admin phrase");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Outside Development the auth cookie is Secure-only.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ClinicBooking.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    public async Task Production_refuses_to_start_without_an_alert_address(string alertEmail)
    {
        await using var app = new ClinicAppFactory { EnvironmentName = "Production", Settings = { ["Clinic:AlertEmail"] = alertEmail } };
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Clinic:AlertEmail must be set", error.ToString());
    }

    [Fact]
    public async Task Production_error_pages_are_generic_with_a_reference()
    {
        await using var app = new ClinicAppFactory { EnvironmentName = "Production" };
        var response = await app.CreateBrowserlikeClient(https: true).GetAsync("/error/500");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Reference:", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task The_database_is_created_migrated_in_wal_mode_with_demo_data()
    {
        await using var app = new ClinicAppFactory();
        _ = app.Services; // starts the host, which migrates and seeds
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add one.");
        Assert.Equal(["Follow-up treatment", "Initial consultation and treatment"],
            await db.Services.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync());
        var practitioners = await db.Practitioners.Include(p => p.WorkingIntervals).ToListAsync();
        Assert.Equal(2, practitioners.Count);
        Assert.All(practitioners, p => Assert.Equal(5, p.WorkingIntervals.Count));

        await using var connection = new SqliteConnection($"Data Source={app.ClinicDatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Production_refuses_to_start_without_a_public_url(string publicUrl)
    {
        await using var app = new ClinicAppFactory { EnvironmentName = "Production", Settings = { ["App:PublicUrl"] = publicUrl } };
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("App:PublicUrl must be set outside Development", error.ToString());
    }

    [Fact]
    public async Task Development_starts_without_a_public_url_and_logs_the_demo_accounts()
    {
        await using var app = new ClinicAppFactory { Settings = { ["App:PublicUrl"] = "" } };
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var banner = Assert.Single(app.Logs.Lines, l => l.Contains("Demo accounts (Development only)", StringComparison.Ordinal));
        Assert.Contains("ClinicDemo-2026", banner);
        // Every seeded account is named (the list cannot drift from the seed).
        foreach (var email in await db.Users.Select(u => u.Email!).ToListAsync())
        {
            Assert.Contains(email, banner);
        }

        Assert.Contains("/dev/mail", banner);
    }

    [Fact]
    public async Task Outside_development_or_with_a_named_first_admin_the_demo_accounts_are_not_logged()
    {
        await using var app = new ClinicAppFactory { Settings = { ["Seed:AdminEmail"] = "boss@clinic.example", ["Seed:AdminPassword"] = "a first admin phrase" } };
        _ = app.Services;
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Demo accounts", StringComparison.Ordinal) || l.Contains("ClinicDemo-2026", StringComparison.Ordinal));
        await using var production = new ClinicAppFactory { EnvironmentName = "Production" };
        _ = production.Services;
        Assert.DoesNotContain(production.Logs.Lines, l => l.Contains("Demo accounts", StringComparison.Ordinal));
    }
}

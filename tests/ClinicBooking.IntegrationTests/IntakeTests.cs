using System.Net;
using System.Text.Json;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

public sealed class IntakeTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new() { Settings = { ["Clinic:AlertEmail"] = "alerts@clinic.test" } };
    private DateOnly _today;

    public Task InitializeAsync()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(_app.Clock.GetUtcNow().UtcDateTime, zone));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> PatientAsync()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        return client;
    }

    private async Task<T> DbAsync<T>(Func<ClinicDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ClinicDbContext>());
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await _app.CreateBrowserlikeClient().GetAsync("/intake");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("ana@clinic.test")]
    [InlineData("admin@clinic.test")]
    public async Task Practitioners_and_admins_have_no_patient_intake_form(string email)
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync(email);
        foreach (var url in new[] { "/intake", "/intake/baby", "/intake/review", "/intake/export" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_saved_step_comes_back_when_the_patient_returns()
    {
        var client = await PatientAsync();
        var answers = IntakeKit.CalmAnswers(_today);
        var saved = await client.SaveStepAsync("baby", answers);
        Assert.Equal("/intake/feeding", saved.Headers.Location!.ToString());

        var page = await client.GetDocumentAsync("/intake/baby");
        Assert.Equal("3400", page.QuerySelector("#f_birth_weight_g")!.GetAttribute("value"));
        Assert.Equal(answers["baby_dob"], page.QuerySelector("#f_baby_dob")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=jaundice][value=no][checked]"));
        Assert.Contains("Step 2 of 11", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_contract_route_POST_intake_saves_the_step_named_in_the_form()
    {
        var client = await PatientAsync();
        var token = (await client.GetDocumentAsync("/intake/diapers")).AntiforgeryToken();
        var response = await client.PostAsync("/intake", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Section"] = "diapers", ["wet_diapers_24h"] = "6", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var draft = await DbAsync(db => db.IntakeDrafts.SingleAsync());
        Assert.Equal("6", draft.Answers["wet_diapers_24h"]);
    }

    [Fact]
    public async Task A_validation_error_keeps_every_typed_value_and_stores_nothing()
    {
        var client = await PatientAsync();
        var answers = IntakeKit.CalmAnswers(_today);
        answers["birth_weight_g"] = "-5";
        answers["gestation_weeks"] = "39";

        var response = await client.SaveStepAsync("baby", answers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Forms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter the weight in grams, like 3400.", page.QuerySelector("#f_birth_weight_g_error")!.TextContent);
        Assert.Equal("-5", page.QuerySelector("#f_birth_weight_g")!.GetAttribute("value"));
        Assert.Equal("39", page.QuerySelector("#f_gestation_weeks")!.GetAttribute("value"));
        Assert.Equal(answers["baby_dob"], page.QuerySelector("#f_baby_dob")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#f_birth_weight_g']"));
        Assert.Equal(0, await DbAsync(db => db.IntakeDrafts.CountAsync()));
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "baby", "birth_weight_g", "-100", "Enter the weight in grams" },
        { "baby", "latest_weight_g", "100000", "Enter a weight from 400 g to 15000 g" },
        { "baby", "baby_dob", "2999-01-01", "in the future" },
        { "baby", "jaundice", "purple", "one of the options" },
        { "health", "medications_text", new string('x', 100 * 1024), "" },
        // ASP.NET Core's form reader refuses NUL itself: a 400 with the friendly error page.
        { "health", "medications_text", "Iron\0 tablets", "Something in that request was not right" },
        { "health", "conditions", "martian", "Choose from the options" },
        { "feeding", "feeds_24h", "eight", "whole number" },
        { "feeding", "longest_gap_hours", "3.25", "like 3 or 3.5" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_field_message_or_a_4xx_and_changes_nothing_stored(
        string section, string key, string value, string message)
    {
        var client = await PatientAsync();
        await client.SaveStepAsync(section, IntakeKit.CalmAnswers(_today));
        var before = await DbAsync(db => db.IntakeDrafts.AsNoTracking().SingleAsync());

        var response = await client.SaveStepAsync(section, new Dictionary<string, string>(IntakeKit.CalmAnswers(_today)) { [key] = value });

        Assert.InRange((int)response.StatusCode, 400, 499);
        if (message.Length > 0)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync());
        }

        var after = await DbAsync(db => db.IntakeDrafts.AsNoTracking().SingleAsync());
        Assert.Equal(before.Answers.Values, after.Answers.Values);
        Assert.Equal(before.UpdatedUtc, after.UpdatedUtc);
    }

    [Fact]
    public async Task Submitting_without_consent_is_refused()
    {
        var client = await PatientAsync();
        await client.FillAllAsync(IntakeKit.CalmAnswers(_today));

        var response = await client.SubmitIntakeAsync(consent: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please tick the box to agree", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await DbAsync(db => db.IntakeVersions.CountAsync()));
    }

    [Fact]
    public async Task Submitting_with_required_answers_missing_lists_them()
    {
        var client = await PatientAsync();
        await client.SaveStepAsync("about", IntakeKit.CalmAnswers(_today));
        var response = await client.SubmitIntakeAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please answer: Baby&#x27;s date of birth", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await DbAsync(db => db.IntakeVersions.CountAsync()));
    }

    [Fact]
    public async Task A_submitted_intake_is_kept_when_updated_and_the_update_is_a_new_version()
    {
        var client = await PatientAsync();
        var answers = IntakeKit.CalmAnswers(_today);
        await client.FillAllAsync(answers);
        var first = await client.SubmitIntakeAsync();
        Assert.Equal("/intake/submitted", first.Headers.Location!.ToString());
        var thanks = await client.GetStringAsync("/intake/submitted");
        Assert.Contains("Thank you, your intake is sent", thanks);
        Assert.DoesNotContain("role=\"alert\"", thanks);

        // The form now starts from the submitted answers; changing one step and submitting makes version 2.
        var page = await client.GetDocumentAsync("/intake/feeding");
        Assert.Equal("9", page.QuerySelector("#f_feeds_24h")!.GetAttribute("value"));
        await client.SaveStepAsync("feeding", new Dictionary<string, string>(answers) { ["feeds_24h"] = "11" });
        await client.SubmitIntakeAsync();

        var versions = await DbAsync(db => db.IntakeVersions.OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal("9", versions[0].Answers["feeds_24h"]);
        Assert.Equal("11", versions[1].Answers["feeds_24h"]);
        Assert.Equal(["feeds_24h"], IntakeDiff.Between(versions[0].Answers, versions[1].Answers).Select(c => c.Key));
    }

    [Fact]
    public async Task A_double_submit_makes_one_version()
    {
        var client = await PatientAsync();
        await client.FillAllAsync(IntakeKit.CalmAnswers(_today));
        var review = await client.GetDocumentAsync("/intake/review");
        var form = new Dictionary<string, string> { ["consent"] = "true", ["__RequestVerificationToken"] = review.AntiforgeryToken() };

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            client.PostAsync("/intake/submit", new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await DbAsync(db => db.IntakeVersions.CountAsync()));
    }

    [Fact]
    public async Task A_same_day_flag_shows_guidance_at_once_and_alerts_the_clinic_without_health_data()
    {
        var client = await PatientAsync();
        await client.FillAllAsync(new Dictionary<string, string>(IntakeKit.CalmAnswers(_today))
        {
            ["wet_diapers_24h"] = "2", ["medications_text"] = "CANARY-MEDS-7731",
        });
        await client.SubmitIntakeAsync();

        var page = Forms.Parse(await client.GetStringAsync("/intake/submitted"));
        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("Please contact your baby's doctor or midwife today", alert.TextContent);
        Assert.Contains("2 wet diapers in 24 hours; at least 6 expected", alert.TextContent);

        var email = await _app.Smtp.WaitForMessageToAsync("alerts@clinic.test");
        Assert.Equal("A patient needs a call from the clinic now", email.Subject);
        foreach (var body in new[] { email.TextBody!, email.HtmlBody! })
        {
            Assert.DoesNotContain("CANARY-MEDS-7731", body);
            Assert.DoesNotContain("diaper", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Pat", body);
            Assert.Contains("http://localhost/practitioner/urgent", body);
        }

        Assert.Equal(FlagTier.SameDay, (await DbAsync(db => db.IntakeVersions.SingleAsync())).Assessment!.HighestTier);
    }

    [Fact]
    public async Task Thoughts_of_self_harm_show_crisis_guidance_with_the_emergency_number()
    {
        var client = await PatientAsync();
        await client.FillAllAsync(new Dictionary<string, string>(IntakeKit.CalmAnswers(_today)) { ["harm_thoughts"] = "yes" });
        await client.SubmitIntakeAsync();

        var alert = Forms.Parse(await client.GetStringAsync("/intake/submitted")).QuerySelector("[role=alert]")!;
        Assert.Contains("You are not alone: help is available now", alert.TextContent);
        Assert.NotNull(alert.QuerySelector("a[href='tel:988']"));
        Assert.NotNull(alert.QuerySelector("a[href='sms:988']"));
        Assert.NotNull(alert.QuerySelector("a[href='tel:911']"));
        await _app.Smtp.WaitForMessageToAsync("alerts@clinic.test");
    }

    [Fact]
    public async Task An_answer_that_needs_help_now_shows_the_guidance_right_after_its_step()
    {
        var client = await PatientAsync();
        var response = await client.SaveStepAsync("baby", new Dictionary<string, string>(IntakeKit.CalmAnswers(_today))
        {
            ["baby_emergency_signs"] = "yes",
        });

        Assert.Equal("/intake/urgent?next=%2Fintake%2Ffeeding", response.Headers.Location!.ToString());
        var page = await client.GetDocumentAsync(response.Headers.Location.ToString());
        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("Please get help now: call 911", alert.TextContent);
        Assert.NotNull(alert.QuerySelector("a[href='tel:911']"));
        Assert.Equal("/intake/feeding", page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Carry on", StringComparison.Ordinal)).GetAttribute("href"));

        // The same answer saved again does not interrupt a second time.
        var again = await client.SaveStepAsync("baby", new Dictionary<string, string>(IntakeKit.CalmAnswers(_today)) { ["baby_emergency_signs"] = "yes" });
        Assert.Equal("/intake/feeding", again.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Script_typed_into_a_free_text_field_is_shown_as_text()
    {
        var client = await PatientAsync();
        await client.SaveStepAsync("health", new Dictionary<string, string>(IntakeKit.CalmAnswers(_today))
        {
            ["medications_text"] = "<script>alert(1)</script>",
        });
        var review = await client.GetStringAsync("/intake/review");
        Assert.DoesNotContain("<script>alert(1)</script>", review);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", review);
    }

    [Fact]
    public async Task Export_gives_every_version_as_json()
    {
        var client = await PatientAsync();
        var answers = IntakeKit.CalmAnswers(_today);
        await client.FillAllAsync(answers);
        await client.SubmitIntakeAsync();
        await client.SaveStepAsync("wellbeing", new Dictionary<string, string>(answers) { ["stress_level"] = "8" });
        await client.SubmitIntakeAsync();

        var response = await client.GetAsync("/intake/export");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var versions = json.RootElement.GetProperty("versions");
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal("4", versions[0].GetProperty("answers").GetProperty("stress_level").GetString());
        Assert.Equal("8", versions[1].GetProperty("answers").GetProperty("stress_level").GetString());
    }

    [Fact]
    public async Task Views_saves_submits_and_exports_are_audited_and_audit_rows_cannot_be_changed()
    {
        var client = await PatientAsync();
        await client.FillAllAsync(IntakeKit.CalmAnswers(_today));
        await client.SubmitIntakeAsync();
        await client.GetAsync("/intake/export");

        var rows = await DbAsync(db => db.AuditEntries.ToListAsync());
        var patientId = await DbAsync(db => db.Users.Where(u => u.Email == "pat@clinic.test").Select(u => u.Id).SingleAsync());
        Assert.All(rows, r => Assert.Equal(patientId, r.SubjectId));
        Assert.All(rows, r => Assert.Equal(patientId, r.ActorId));
        Assert.Equal(IntakeForm.Sections.Count, rows.Count(r => r.Action == AuditActions.IntakeSave));
        Assert.Single(rows, r => r.Action == AuditActions.IntakeSubmit);
        Assert.Single(rows, r => r.Action == AuditActions.IntakeExport);
        Assert.Contains(rows, r => r.Action == AuditActions.IntakeView);
        Assert.DoesNotContain(rows, r => (r.RecordId ?? "").Contains("555-0111", StringComparison.Ordinal));

        await using var connection = new SqliteConnection($"Data Source={_app.ClinicDatabasePath}");
        await connection.OpenAsync();
        foreach (var (sql, reason) in new[]
                 {
                     ("UPDATE AuditEntries SET Action = 'x'", "append-only"), ("DELETE FROM AuditEntries", "append-only"),
                     ("UPDATE IntakeVersions SET Number = 99", "immutable"),
                 })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
    }
}

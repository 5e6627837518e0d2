using System.Net;
using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

/// <summary>The admin sees which intakes wait for review and which carry red flags, never the answers themselves.</summary>
public sealed class AdminReviewTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_intake_waits_on_the_overview_until_its_practitioner_marks_it_reviewed_and_the_admin_never_sees_its_answers()
    {
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers["medications_text"] = "CANARY-ADMIN-MEDS";
        answers["baby_sleepy_feeds"] = "yes";
        var patientId = await _app.SeedPatientWithIntakeAsync("rio@example.com", "Rio Waiting", answers);
        var visit = await _app.VisitAtAsync(patientId, BookingKit.Ana, _app.Clock.GetUtcNow().UtcDateTime.AddDays(3));
        var admin = await _app.StaffAsync("admin@clinic.test");

        var overview = await admin.GetStringAsync("/admin");
        Assert.Contains("Rio Waiting", overview);
        Assert.Contains($"/admin/appointments/{visit}", overview);
        var page = await admin.GetDocumentAsync($"/admin/appointments/{visit}");
        Assert.Contains("Red flag: Same day", page.QuerySelector(".intake-badge")!.TextContent);
        Assert.Contains("Ana", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("CANARY-ADMIN-MEDS", page.Source.Text);
        Assert.DoesNotContain("CANARY-ADMIN-MEDS", overview);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/practitioner/appointments/{visit}")).StatusCode);

        var ana = await _app.StaffAsync("ana@clinic.test");
        var marked = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>(),
            $"form[action='/practitioner/appointments/{visit}/review']");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);

        var awaiting = (await admin.GetDocumentAsync("/admin")).QuerySelector("#awaiting-review")?.ParentElement?.TextContent
                       ?? throw new InvalidOperationException("The overview has no 'awaiting review' section");
        Assert.DoesNotContain("Rio Waiting", awaiting);
        Assert.Contains("Intake reviewed", (await admin.GetDocumentAsync($"/admin/appointments/{visit}")).QuerySelector(".intake-badge")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/appointments/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"/admin/appointments/{visit}")).StatusCode);
        var patient = await _app.StaffAsync("rio@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/admin/appointments/{visit}")).StatusCode);
    }
}

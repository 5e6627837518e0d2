using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 12: an urgent answer reaches a person at the moment it is saved (a draft is enough), once per rise in tier,
/// the practitioner sees what the patient was told, and bookings are held until a practitioner has called.
/// </summary>
public sealed class UrgentCaseTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Dictionary<string, string> Calm(params (string Key, string Value)[] changes)
    {
        var answers = IntakeKit.CalmAnswers(_app.Today());
        foreach (var (key, value) in changes)
        {
            answers[key] = value;
        }

        return answers;
    }

    private Task<int> AlertsAsync() =>
        _app.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == OutboxKind.UrgentIntakeAlert));

    [Fact]
    public async Task A_crisis_answer_in_a_draft_alerts_the_clinic_at_once_and_exactly_once_over_repeated_saves_and_submits()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("crisis");
        var answers = Calm(("harm_thoughts", "yes"), ("medications_text", "CANARY-MEDS-5521"));

        // Only the crisis step is saved: no intake is submitted, and the patient may never come back.
        var saved = await patient.SaveStepAsync("wellbeing", answers);
        Assert.StartsWith("/intake/urgent", saved.Headers.Location!.OriginalString);
        Assert.Equal(0, await _app.QueryAsync(db => db.IntakeVersions.CountAsync()));

        var alert = await _app.Smtp.WaitForMessageToAsync("alerts@clinic.test");
        Assert.Equal("A patient needs a call from the clinic now", alert.Subject);
        foreach (var body in new[] { alert.TextBody!, alert.HtmlBody! })
        {
            Assert.Contains("http://localhost/practitioner/urgent", body);
            Assert.DoesNotContain("harm", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("CANARY", body);
            Assert.DoesNotContain(email, body);
        }

        // The audit names the tier and rule, never the answer.
        var audit = await _app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.UrgentGuidanceShown).ToListAsync());
        var row = Assert.Single(audit);
        Assert.Equal($"{FlagTier.Emergency}:{RuleIds.HarmThoughts}", row.RecordId);

        // The same step again, another emergency answer, then the whole intake submitted ten times at once: no more alerts.
        await patient.SaveStepAsync("wellbeing", answers);
        await patient.SaveStepAsync("baby", Calm(("baby_emergency_signs", "yes")));
        await patient.FillAllAsync(answers);
        var review = await patient.GetDocumentAsync("/intake/review");
        var form = new Dictionary<string, string> { ["consent"] = "true", ["__RequestVerificationToken"] = review.AntiforgeryToken() };
        var submits = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => patient.PostAsync("/intake/submit", new FormUrlEncodedContent(form))));
        Assert.All(submits, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        // A changed answer and a new version: still the same open case, still no new alert.
        await patient.SaveStepAsync("visit", Calm(("accessibility_needs", "A pram ramp")));
        Assert.Equal(HttpStatusCode.Redirect, (await patient.SubmitIntakeAsync()).StatusCode);

        Assert.Equal(2, await _app.QueryAsync(db => db.IntakeVersions.CountAsync()));
        Assert.Equal(1, await AlertsAsync());
        var urgentCase = await _app.QueryAsync(db => db.UrgentCases.SingleAsync());
        Assert.Equal(FlagTier.Emergency, urgentCase.Tier);
        Assert.Contains(urgentCase.Flags, f => f.Id == RuleIds.HarmThoughts);
        Assert.True(urgentCase.TimesShown >= 3, $"shown {urgentCase.TimesShown} times");
        Assert.Equal(1, urgentCase.AlertsQueued);
    }

    [Fact]
    public async Task A_rise_from_same_day_to_emergency_alerts_again_and_a_call_recorded_closes_the_case()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("rise");
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));

        // The diaper minimum depends on baby's age, from the step before.
        await patient.SaveStepAsync("baby", Calm());
        Assert.Equal(0, await AlertsAsync());
        await patient.SaveStepAsync("diapers", Calm(("wet_diapers_24h", "1")));
        Assert.Equal(1, await AlertsAsync());
        Assert.Equal(FlagTier.SameDay, (await _app.QueryAsync(db => db.UrgentCases.SingleAsync())).Tier);

        await patient.SaveStepAsync("wellbeing", Calm(("harm_thoughts", "yes")));
        Assert.Equal(2, await AlertsAsync());

        // The practitioner of the visit sees the draft's urgent guidance as the patient saw it, and the hold.
        var ana = await _app.StaffAsync("ana@clinic.test");
        var page = await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        var urgent = page.QuerySelector(".urgent-case")!;
        Assert.Contains("Held: call", urgent.TextContent);
        Assert.Contains("still in a draft", urgent.TextContent);
        Assert.Equal(2, urgent.QuerySelectorAll(".flag").Length);
        Assert.Contains("Held: call the patient first", (await ana.GetStringAsync($"/practitioner?view=week&date={BookingKit.FutureWeekday(_app):yyyy-MM-dd}")));

        // The alert's link opens for a practitioner and an admin alike; not for a patient.
        var list = await ana.GetDocumentAsync("/practitioner/urgent");
        Assert.Contains(email, list.QuerySelector("main")!.TextContent);
        Assert.NotEmpty(list.QuerySelectorAll(".urgent-case .flag"));
        var admin = await _app.StaffAsync("admin@clinic.test");
        var adminList = await admin.GetAsync("/practitioner/urgent");
        Assert.Equal(HttpStatusCode.OK, adminList.StatusCode);
        Assert.Contains(email, await adminList.Content.ReadAsStringAsync());
        Assert.Contains(email, Forms.Parse(await admin.GetStringAsync("/admin")).QuerySelector("#red-flags")!.ParentElement!.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, (await patient.GetAsync("/practitioner/urgent")).StatusCode);

        var called = await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>(),
            $"form[action='/practitioner/appointments/{visit}/called']");
        Assert.Equal(HttpStatusCode.Redirect, called.StatusCode);
        Assert.Null((await ana.GetDocumentAsync($"/practitioner/appointments/{visit}")).QuerySelector(".urgent-case"));
        Assert.DoesNotContain(email, (await ana.GetDocumentAsync("/practitioner/urgent")).QuerySelector("main")!.TextContent);
        Assert.Single(await _app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.UrgentCleared).ToListAsync()));

        // After the call, a new urgent answer is a new case and alerts again.
        await patient.SaveStepAsync("baby", Calm(("baby_emergency_signs", "yes")));
        Assert.Equal(3, await AlertsAsync());
    }

    [Fact]
    public async Task A_patient_with_no_visit_is_cleared_from_the_list_of_patients_to_call_by_a_practitioner_not_an_admin()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("novisit");
        await patient.SaveStepAsync("wellbeing", Calm(("harm_thoughts", "yes")));
        var caseId = await _app.QueryAsync(db => db.UrgentCases.Select(c => c.Id).SingleAsync());

        var admin = await _app.StaffAsync("admin@clinic.test");
        var adminPage = await admin.GetDocumentAsync("/practitioner/urgent");
        Assert.Null(adminPage.QuerySelector($"form[action='/practitioner/urgent/{caseId}/called']"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/practitioner/urgent/{caseId}/called",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = adminPage.AntiforgeryToken() }))).StatusCode);

        var ben = await _app.StaffAsync("ben@clinic.test");
        var called = await ben.SubmitFormAsync("/practitioner/urgent", new Dictionary<string, string>(), $"form[action='/practitioner/urgent/{caseId}/called']");
        Assert.Equal(HttpStatusCode.Redirect, called.StatusCode);
        var after = await ben.GetDocumentAsync("/practitioner/urgent");
        Assert.Contains("no longer held", after.QuerySelector("[role=status]")!.TextContent);
        Assert.DoesNotContain(email, after.QuerySelector("main")!.TextContent);
        Assert.NotNull(await _app.QueryAsync(db => db.UrgentCases.Where(c => c.Id == caseId).Select(c => c.ClearedUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_booking_after_urgent_guidance_is_held_says_so_and_is_released_when_the_practitioner_has_called()
    {
        var (patient, email) = await _app.PatientWithIntakeAsync("held", Calm(("baby_emergency_signs", "yes")));
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));

        var mine = await patient.GetDocumentAsync($"/appointments/{visit}");
        Assert.Contains("Held: the clinic will call you first", mine.QuerySelector(".callout-held")!.TextContent);
        var confirmation = await _app.Smtp.WaitForMessageAsync(m => m.To.ToString().Contains(email, StringComparison.Ordinal)
                                                                    && (m.Subject ?? "").StartsWith("Your visit is booked", StringComparison.Ordinal));
        Assert.Contains("the clinic will call you first", confirmation.Subject);
        Assert.Contains("held", confirmation.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("emergency", confirmation.TextBody, StringComparison.OrdinalIgnoreCase);

        var ana = await _app.StaffAsync("ana@clinic.test");
        // Whom to call, and how: the phone the patient gave.
        var held = (await ana.GetDocumentAsync($"/practitioner/appointments/{visit}")).QuerySelector(".urgent-case")!;
        Assert.NotNull(held.QuerySelector("a[href='tel:555-0111']"));
        await ana.SubmitFormAsync($"/practitioner/appointments/{visit}", new Dictionary<string, string>(),
            $"form[action='/practitioner/appointments/{visit}/called']");
        Assert.Null((await patient.GetDocumentAsync($"/appointments/{visit}")).QuerySelector(".callout-held"));

        // Only the visit's own practitioner can record the call from it.
        var ben = await _app.StaffAsync("ben@clinic.test");
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostAsync($"/practitioner/appointments/{visit}/called",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = (await ben.GetDocumentAsync("/practitioner")).AntiforgeryToken() }))).StatusCode);
    }

    [Fact]
    public async Task The_practitioner_reads_the_assessment_the_patient_was_given_and_today_s_differences_apart()
    {
        // Fever at 80 days old is an emergency; the same answers re-assessed a month later are not.
        var answers = Calm(("baby_fever", "yes"), ("baby_dob", _app.Today().AddDays(-80).ToString("yyyy-MM-dd")));
        var (patient, _) = await _app.PatientWithIntakeAsync("stored", answers);
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app, 40));
        var version = await _app.QueryAsync(db => db.IntakeVersions.SingleAsync());
        var given = Assert.IsType<IntakeAssessment>(version.Assessment);
        var fever = Assert.Single(given.RedFlags, f => f.Tier == FlagTier.Emergency);

        _app.Clock.Advance(TimeSpan.FromDays(30));
        var ana = await _app.StaffAsync("ana@clinic.test");
        var page = await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");

        var flags = page.QuerySelector("[aria-labelledby=flags-title]")!;
        Assert.Contains(fever.Rule, flags.QuerySelector(".flag-list")!.TextContent);
        Assert.Contains(fever.Rule, page.QuerySelector("#today-no-longer")!.TextContent);
    }

    [Fact]
    public async Task A_flag_that_today_s_re_assessment_adds_is_shown_apart_as_today_this_would_also_flag()
    {
        // Born at 35 weeks, 20 days old, a little yellow: nothing yet (jaundice counts as prolonged after 21 days preterm).
        var (patient, _) = await _app.PatientWithIntakeAsync("today-also", Calm(("gestation_weeks", "35"), ("jaundice", "mild")));
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app, 10));
        var given = Assert.IsType<IntakeAssessment>((await _app.QueryAsync(db => db.IntakeVersions.SingleAsync())).Assessment);
        Assert.DoesNotContain(given.RedFlags, f => f.Id == RuleIds.JaundiceProlonged);

        var ana = await _app.StaffAsync("ana@clinic.test");
        Assert.Null((await ana.GetDocumentAsync($"/practitioner/appointments/{visit}")).QuerySelector("#today-also"));

        // Two days on, the baby is 22 days old: re-assessed today, the jaundice is prolonged.
        _app.Clock.Advance(TimeSpan.FromDays(2));
        ana = await _app.StaffAsync("ana@clinic.test");
        var page = await ana.GetDocumentAsync($"/practitioner/appointments/{visit}");
        var flags = page.QuerySelector("[aria-labelledby=flags-title]")!;
        var heading = flags.QuerySelector("#today-also")!;
        Assert.Equal("Today this would also flag", heading.TextContent.Trim());
        var lists = flags.QuerySelectorAll(".flag-list");
        Assert.Equal(2, lists.Length);
        Assert.DoesNotContain("Jaundice still present", lists[0].TextContent);   // what the patient was shown
        Assert.Contains("Jaundice still present at 22 days old", lists[1].TextContent);
        Assert.True(heading.CompareDocumentPosition(lists[1]).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Null(page.QuerySelector("#today-no-longer"));
    }

    [Fact]
    public async Task The_visit_page_lists_answers_no_rule_acts_on_under_also_reported()
    {
        var (patient, _) = await _app.PatientWithIntakeAsync("also", Calm(("conditions", "anaemia"), ("has_ibclc", "no")));
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));

        var page = await (await _app.StaffAsync("ana@clinic.test")).GetDocumentAsync($"/practitioner/appointments/{visit}");
        var also = page.QuerySelector("section.also-reported")!;
        Assert.Equal("Also reported", also.QuerySelector("h2")!.TextContent.Trim());
        var anaemia = also.QuerySelector("dd[data-key=conditions]")!;
        Assert.Equal("Yes", anaemia.TextContent.Trim());
        Assert.Equal("Anaemia", anaemia.PreviousElementSibling!.TextContent.Trim());
        Assert.NotNull(also.QuerySelector("dd[data-key=has_ibclc]"));
        Assert.Equal("Vitamin D", also.QuerySelector("dd[data-key=medications_text]")!.TextContent.Trim());
        // Answers a rule or factor acts on are not repeated here.
        Assert.Null(also.QuerySelector("dd[data-key=gestation_weeks]"));
    }

    [Fact]
    public async Task After_called_ok_to_proceed_a_new_submission_that_shows_urgent_guidance_again_opens_a_new_case_and_alerts_once()
    {
        var (patient, _) = await _app.PatientWithIntakeAsync("again", Calm(("baby_dry_mouth", "yes")));
        Assert.Equal(1, await AlertsAsync());
        var first = await _app.QueryAsync(db => db.UrgentCases.SingleAsync());
        var ben = await _app.StaffAsync("ben@clinic.test");
        await ben.SubmitFormAsync("/practitioner/urgent", new Dictionary<string, string>(), $"form[action='/practitioner/urgent/{first.Id}/called']");
        Assert.False(await _app.QueryAsync(db => db.UrgentCases.AnyAsync(c => c.ClearedUtc == null)));

        // An unrelated change is saved: the step shows nothing new (the same answer was there before), so nothing opens.
        await patient.SaveStepAsync("visit", Calm(("accessibility_needs", "A pram ramp")));
        Assert.False(await _app.QueryAsync(db => db.UrgentCases.AnyAsync(c => c.ClearedUtc == null)));
        Assert.Equal(1, await AlertsAsync());

        // Submitting shows the urgent guidance again: a new case, held again, and one alert. A repeated submit adds none.
        Assert.Equal(HttpStatusCode.Redirect, (await patient.SubmitIntakeAsync()).StatusCode);
        await patient.PostAsync("/intake/submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["consent"] = "true", ["__RequestVerificationToken"] = (await patient.GetDocumentAsync("/intake/review")).AntiforgeryToken(),
        }));
        var second = await _app.QueryAsync(db => db.UrgentCases.SingleAsync(c => c.ClearedUtc == null));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(FlagTier.SameDay, second.Tier);
        Assert.Contains(second.Flags, f => f.Id == RuleIds.DryMouthOrSunkenFontanelle);
        Assert.Equal(1, second.AlertsQueued);
        Assert.Equal(2, await AlertsAsync());
        Assert.Equal(2, await _app.QueryAsync(db => db.IntakeVersions.CountAsync()));
    }

    [Fact]
    public async Task With_US_units_set_by_the_admin_parents_give_pounds_and_fl_oz_stored_as_grams_and_shown_in_both()
    {
        var admin = await _app.StaffAsync("admin@clinic.test");
        var saved = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Units"] = "US" }, "main form[method=post]");
        Assert.Equal("/admin/settings", saved.Headers.Location!.OriginalString);
        var bad = await admin.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Units"] = "imperial" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(ClinicBooking.Web.Domain.Intake.MeasurementUnits.US, await _app.QueryAsync(db => db.ClinicSettings.Select(c => c.Units).SingleAsync()));

        var (patient, _) = await _app.PatientWithIntakeAsync("units");
        var answers = Calm(("birth_weight_g", "7 lb 8 oz"), ("lowest_weight_g", "7 lb 1 oz"), ("latest_weight_g", "8 lb 2 oz"));
        Assert.Equal(HttpStatusCode.Redirect, (await patient.SaveStepAsync("baby", answers)).StatusCode);
        // A bare number is fluid ounces at a US clinic.
        Assert.Equal(HttpStatusCode.Redirect, (await patient.SaveStepAsync("supplements", Calm(("supplement_ml_24h", "4 fl oz"), ("expressed_ml_24h", "2")))).StatusCode);
        var refused = await patient.SaveStepAsync("baby", Calm(("birth_weight_g", "seven pounds")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // A bare weight is pounds up to 40; grams without a unit are refused with a way to write them.
        var bare = await patient.SaveStepAsync("baby", Calm(("birth_weight_g", "3300"), ("lowest_weight_g", "7"), ("latest_weight_g", "8 lb 2 oz")));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Add a unit, like 7 lb 4 oz or 3300 g.", Forms.Parse(await bare.Content.ReadAsStringAsync()).QuerySelector("#f_birth_weight_g_error")!.TextContent);
        Assert.StartsWith("In pounds and ounces", (await patient.GetDocumentAsync("/intake/baby")).QuerySelector("#f_birth_weight_g_hint")!.TextContent);

        var draft = await _app.QueryAsync(db => db.IntakeDrafts.SingleAsync());
        Assert.Equal("3402", draft.Answers["birth_weight_g"]);
        Assert.Equal("118", draft.Answers["supplement_ml_24h"]);
        Assert.Equal("59", draft.Answers["expressed_ml_24h"]);
        // The form gives the parent's units back, and the review shows both.
        var step = await patient.GetDocumentAsync("/intake/baby");
        Assert.Equal("7 lb 8 oz", step.QuerySelector("[name=birth_weight_g]")!.GetAttribute("value"));
        var review = (await patient.GetDocumentAsync("/intake/review")).QuerySelector("main")!.TextContent;
        Assert.Contains("7 lb 8 oz (3402 g)", review);
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15: a parent whose browser asks for Spanish fills the whole intake in Spanish, and urgent guidance says the
/// same action, urgency and number as in English; the clinic is alerted as before and staff read the stored English.
/// </summary>
public sealed class SpanishIntakeTests : IAsyncLifetime
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

    private async Task<(HttpClient Client, string Email)> SpanishPatientAsync(string prefix)
    {
        var email = (await _app.CreatePatientsAsync(1, prefix)).Single();
        var client = _app.Client();
        await client.SignInAsync(email);
        return (client, email);
    }

    /// <summary>
    /// The page's own words have no English left. The layout around them (the header's account links, the footer with
    /// the clinic's name and address, the clinic's name after the title) is shared by every page and is checked with
    /// the layout, so it is left out here.
    /// </summary>
    private static void AssertNoEnglish(IHtmlDocument page, string name)
    {
        var clinic = page.QuerySelector(".navbar-brand")?.TextContent.Trim();
        page.QuerySelector("body > header")?.Remove();
        page.QuerySelector("body > footer")?.Remove();
        if (!string.IsNullOrEmpty(clinic))
        {
            page.Title = page.Title?.Replace(" · " + clinic, "", StringComparison.Ordinal);
        }

        Spanish.AssertNoEnglish(page, name);
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return Forms.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_Spanish_speaking_parent_reads_every_step_the_review_and_the_thank_you_page_in_Spanish()
    {
        var (patient, _) = await SpanishPatientAsync("es-walk");

        var start = await PageAsync(patient, "/intake");
        AssertNoEnglish(start, "the intake overview");
        Assert.Contains("Su cuestionario inicial", start.QuerySelector("h1")!.TextContent);
        Assert.Equal("Empezar", start.QuerySelector("a.btn-primary")!.TextContent.Trim());

        // Before any answer, the review lists every required question by its Spanish name.
        var empty = await PageAsync(patient, "/intake/review");
        AssertNoEnglish(empty, "the review with every answer missing");
        Assert.Contains("Por favor, responda: Fecha de nacimiento del bebé", empty.QuerySelector(".error-summary")!.TextContent);

        // Two referrals, so the thank-you page has its "we also recommend" box; a typed note that stays the parent's.
        var answers = Calm(("tongue_tie", "diagnosed"), ("breast_surgery", "augmentation,piercing"), ("accessibility_needs", "Necesito rampa"));
        for (var i = 0; i < IntakeForm.Sections.Count; i++)
        {
            var section = IntakeForm.Sections[i];
            var step = await PageAsync(patient, $"/intake/{section.Key}");
            AssertNoEnglish(step, $"step {section.Key} (empty)");
            Assert.Contains($"Paso {i + 1} de {IntakeForm.Sections.Count}", step.QuerySelector(".step-count")!.TextContent);
            Assert.Equal("Guardar y continuar", step.QuerySelector("button[value=continue]")!.TextContent.Trim());
            // Form field names and values are never translated.
            Assert.All(section.Fields, f => Assert.NotEmpty(step.QuerySelectorAll($"[name={f.Key}]")));

            var saved = await patient.SaveStepAsync(section.Key, answers);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.DoesNotContain("/intake/urgent", saved.Headers.Location!.OriginalString);

            AssertNoEnglish(await PageAsync(patient, $"/intake/{section.Key}"), $"step {section.Key} (answered)");
        }

        var review = await PageAsync(patient, "/intake/review");
        AssertNoEnglish(review, "the review");
        var baby = review.QuerySelector("section[aria-labelledby=r_baby]")!;
        Assert.Equal("Su bebé", baby.QuerySelector("h2")!.TextContent);
        Assert.Contains("Tiene el frenillo corto, sin tratar", baby.TextContent);
        Assert.Contains("Cambiar «su bebé»", baby.TextContent);
        // What the parent typed is marked as theirs, not to be translated.
        Assert.Contains("Necesito rampa", review.QuerySelectorAll("dd[translate=no]").Select(d => d.TextContent));

        // Submitting without agreeing says so in Spanish.
        var refused = await patient.SubmitIntakeAsync(consent: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = Forms.Parse(await refused.Content.ReadAsStringAsync());
        AssertNoEnglish(refusedPage, "the review without consent");
        Assert.Contains("Por favor, marque la casilla para aceptar antes de enviar.", refusedPage.QuerySelector("#consent_error")!.TextContent);

        var submitted = await patient.SubmitIntakeAsync();
        Assert.Equal("/intake/submitted", submitted.Headers.Location!.OriginalString);
        var thanks = await PageAsync(patient, "/intake/submitted");
        AssertNoEnglish(thanks, "the thank-you page");
        Assert.Contains("Gracias, su cuestionario fue enviado", thanks.QuerySelector("h1")!.TextContent);
        var recommend = thanks.QuerySelector("[aria-labelledby=refer-title]")!.TextContent;
        Assert.Contains("Frenillo de la lengua corto, sin tratar", recommend);
        Assert.Contains("Cirugía o tratamiento previo en los senos o pezones (aumento, perforación del pezón (piercing))", recommend);
        Assert.Contains("asesora de lactancia (IBCLC)", recommend);

        AssertNoEnglish(await PageAsync(patient, "/intake"), "the intake overview after submitting");

        // What is stored stays English, whatever language the parent read.
        var version = await _app.QueryAsync(db => db.IntakeVersions.SingleAsync());
        Assert.Contains(version.Assessment!.RedFlags, f => f.Rule == "Tongue-tie found and not treated");
        Assert.Equal("Necesito rampa", version.Answers["accessibility_needs"]);
    }

    [Fact]
    public async Task Mistakes_and_missing_answers_are_explained_in_Spanish_and_English_readers_still_get_English()
    {
        var (patient, _) = await SpanishPatientAsync("es-errors");

        var wrong = await patient.SaveStepAsync("baby", Calm(("birth_weight_g", "-5"), ("gestation_weeks", "60"), ("baby_emergency_signs", "")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var page = Forms.Parse(await wrong.Content.ReadAsStringAsync());
        AssertNoEnglish(page, "the baby step with mistakes");
        Assert.Contains("Por favor, revise estas respuestas", page.QuerySelector("#error-summary-title")!.TextContent);
        Assert.Equal("Escriba el peso en gramos, como 3400.", page.QuerySelector("#f_birth_weight_g_error")!.TextContent);
        Assert.Equal("Escriba un número del 22 al 44 (semanas).", page.QuerySelector("#f_gestation_weeks_error")!.TextContent);
        Assert.Contains("necesitan ayuda de inmediato", page.QuerySelector("#f_baby_emergency_signs_error")!.TextContent);
        Assert.Equal("-5", page.QuerySelector("#f_birth_weight_g")!.GetAttribute("value"));

        // A step saved with a required answer left for later: the next page says so, in Spanish.
        var saved = await patient.SaveStepAsync("feeding", Calm(("feeds_24h", "")));
        Assert.Equal("/intake/supplements", saved.Headers.Location!.OriginalString);
        var next = await PageAsync(patient, "/intake/supplements");
        AssertNoEnglish(next, "the step after one left incomplete");
        var notice = next.QuerySelector("#step-notice")!;
        Assert.Contains("Al paso 3 de 11, «La alimentación en las últimas 24 horas», le falta una respuesta", notice.TextContent);
        Assert.Equal("¿Cuántas veces comió el bebé en las últimas 24 horas?", notice.QuerySelector("a")!.TextContent);

        // The same pages for an English browser are as they were.
        var english = _app.CreateBrowserlikeClient();
        await english.SignInAsync((await _app.CreatePatientsAsync(1, "en-errors")).Single());
        var englishWrong = Forms.Parse(await (await english.SaveStepAsync("baby", Calm(("birth_weight_g", "-5")))).Content.ReadAsStringAsync());
        Assert.StartsWith("en", englishWrong.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Enter the weight in grams, like 3400.", englishWrong.QuerySelector("#f_birth_weight_g_error")!.TextContent);
        Assert.Contains("Your baby", englishWrong.QuerySelector("h1")!.TextContent);
        Assert.Contains("Please check this answer", englishWrong.QuerySelector("#error-summary-title")!.TextContent);
    }

    [Fact]
    public async Task Emergency_guidance_in_a_draft_is_in_Spanish_with_the_emergency_number_the_clinic_is_alerted_and_staff_read_English()
    {
        var (patient, _) = await SpanishPatientAsync("es-urgent");
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));

        var saved = await patient.SaveStepAsync("baby", Calm(("baby_emergency_signs", "yes")));
        Assert.Equal("/intake/urgent?next=%2Fintake%2Ffeeding", saved.Headers.Location!.OriginalString);
        var urgent = await PageAsync(patient, saved.Headers.Location!.OriginalString);
        AssertNoEnglish(urgent, "the urgent guidance");
        var box = urgent.QuerySelector("[role=alert]")!;
        Assert.Equal("Por favor, busque ayuda ahora: llame al 911", box.QuerySelector("h1")!.TextContent);
        Assert.Contains("Llame al 911 ahora o vaya a la sala de emergencias más cercana.", box.TextContent);
        Assert.Contains("Al bebé le cuesta mucho despertarse", box.TextContent);
        Assert.Equal("Llamar al 911", box.QuerySelector("a[href='tel:911']")!.TextContent);
        Assert.Equal("/intake/feeding", urgent.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Seguir con el cuestionario", StringComparison.Ordinal)).GetAttribute("href"));

        // The clinic is alerted at once, exactly as for an English reader, in the clinic's own words.
        Assert.Equal(1, await _app.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == OutboxKind.UrgentIntakeAlert)));
        var alert = await _app.Smtp.WaitForMessageToAsync("alerts@clinic.test");
        Assert.Equal("A patient needs a call from the clinic now", alert.Subject);
        var stored = await _app.QueryAsync(db => db.UrgentCases.SingleAsync());
        var flag = Assert.Single(stored.Flags);
        Assert.Equal("Baby very hard to wake, floppy, struggling to breathe, blue or grey, or having a seizure", flag.Rule);
        Assert.Equal("Call 911 now, or go to the nearest emergency department.", flag.Guidance);

        // The practitioner of the visit reads what the parent was told, in English.
        var ana = await _app.StaffAsync("ana@clinic.test");
        var held = (await ana.GetDocumentAsync($"/practitioner/appointments/{visit}")).QuerySelector(".urgent-case")!;
        Assert.Contains(flag.Rule, held.TextContent);
        Assert.Contains(flag.Guidance, held.TextContent);
        Assert.DoesNotContain("bebé", held.TextContent);

        // A crisis answer: the crisis line's call and text buttons and the emergency number, in Spanish.
        var crisis = await patient.SaveStepAsync("wellbeing", Calm(("harm_thoughts", "yes")));
        var help = await PageAsync(patient, crisis.Headers.Location!.OriginalString);
        AssertNoEnglish(help, "the crisis guidance");
        var crisisBox = help.QuerySelector("[role=alert]")!;
        Assert.Equal("Llamar al 988", crisisBox.QuerySelector("a[href='tel:988']")!.TextContent);
        Assert.Equal("Enviar un mensaje de texto al 988", crisisBox.QuerySelector("a[href='sms:988']")!.TextContent);
        Assert.Contains("llame al 911. También puede comunicarse con la Línea 988 de Prevención del Suicidio y Crisis", crisisBox.TextContent);
        Assert.Contains("a cualquier hora", crisisBox.TextContent);
    }

    [Fact]
    public async Task A_submitted_intake_with_an_emergency_shows_Spanish_guidance_and_the_visit_page_keeps_the_English_flag()
    {
        var (patient, _) = await SpanishPatientAsync("es-submitted");
        var visit = await patient.BookFirstFreeAsync(BookingKit.Ana, BookingKit.FutureWeekday(_app));
        // Fever at 20 days old is an emergency; fewer wet diapers than expected is a same-day finding.
        await patient.FillAllAsync(Calm(("baby_fever", "yes"), ("wet_diapers_24h", "2")));
        Assert.Equal(HttpStatusCode.Redirect, (await patient.SubmitIntakeAsync()).StatusCode);

        var thanks = await PageAsync(patient, "/intake/submitted");
        AssertNoEnglish(thanks, "the thank-you page with urgent guidance");
        var box = thanks.QuerySelector("[role=alert]")!;
        Assert.Equal("Por favor, busque ayuda ahora: llame al 911", box.QuerySelector("h1")!.TextContent);
        Assert.Contains("Temperatura de 38 °C (100.4 °F) o más en las últimas 24 horas, en un bebé de menos de 3 meses", box.TextContent);
        Assert.Contains("2 pañales mojados en 24 horas; lo mínimo esperado con 20 días de vida es 6", box.TextContent);
        Assert.Contains("Comuníquese hoy con el médico de su bebé o con la partera.", box.TextContent);
        Assert.NotNull(box.QuerySelector("a[href='tel:911']"));

        var version = await _app.QueryAsync(db => db.IntakeVersions.SingleAsync());
        var fever = Assert.Single(version.Assessment!.RedFlags, f => f.Tier == FlagTier.Emergency);
        var ana = await _app.StaffAsync("ana@clinic.test");
        var flags = (await ana.GetDocumentAsync($"/practitioner/appointments/{visit}")).QuerySelector("[aria-labelledby=flags-title]")!;
        Assert.Contains(fever.Rule, flags.TextContent);
        Assert.Contains("2 wet diapers in 24 hours; at least 6 expected at 20 days old", flags.TextContent);
        Assert.DoesNotContain("pañales", flags.TextContent);
    }
}

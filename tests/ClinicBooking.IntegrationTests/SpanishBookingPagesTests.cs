using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15: the booking path and the visit pages read in Spanish for a browser that asks for it, from the list of
/// services to a cancelled visit, with every problem and error page on the way; and a booking made in Spanish is a
/// booking like any other. English is unchanged (the English test classes, and the checks here, say so).
/// </summary>
/// <remarks>
/// The clinic is named without English words here: its name is data the layout shows in the title and header
/// (the layout's own marks are checked with the layout), so this class reads the booking pages' own words only.
/// The clock is Monday 1 March 2027, 10:00 in New York: Tuesday morning is inside the 24-hour change window.
/// </remarks>
public sealed partial class SpanishBookingPagesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 15, 0, 0, TimeSpan.Zero);
    private const string Later = "2027-03-03T10:00:00-05:00"; // Wednesday: changeable online
    private const string Soon = "2027-03-02T09:00:00-05:00"; // Tuesday: inside the change window
    private const string MoveTo = "2027-03-04T11:00:00-05:00";

    private readonly ClinicAppFactory _app = new()
    {
        Settings = { ["Clinic:Name"] = "Clínica Riverside", ["Clinic:MaxUpcomingVisitsPerPatient"] = "2" },
    };

    public Task InitializeAsync()
    {
        _app.Clock.SetUtcNow(Now);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Confirm(int service, int practitioner, string start) =>
        $"/book/confirm?serviceId={service}&practitionerId={practitioner}&start={Uri.EscapeDataString(start)}";

    private static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return Forms.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string MainText(IHtmlDocument page) => Regex.Replace(page.QuerySelector("main")!.TextContent, @"\s+", " ");

    [Fact]
    public async Task The_services_practitioners_and_week_grid_read_in_Spanish_and_the_signed_out_confirm_goes_to_sign_in()
    {
        // English first, so the cached grid of that week exists in English when the Spanish reader asks for it.
        var english = _app.CreateBrowserlikeClient();
        var englishGrid = await english.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId=any");
        Assert.Equal("Morning", englishGrid.QuerySelector(".period-name")!.TextContent);
        Assert.StartsWith("Follow-up treatment with any practitioner", englishGrid.QuerySelector(".step-count")!.TextContent);

        var visitor = _app.Client();
        var services = await visitor.GetDocumentAsync("/book");
        Spanish.AssertNoEnglish(services, "the services page");
        Assert.Equal(["Consulta inicial y tratamiento", "Tratamiento de seguimiento"], services.QuerySelectorAll(".choice-card h2").Select(h => h.TextContent).ToArray());
        Assert.Contains("Elegir tratamiento de seguimiento", MainText(services));
        Assert.Contains("Unos 45 minutos, con 15 minutos después", MainText(services));
        Assert.Equal("no", services.QuerySelector("main a[href^='tel:']")!.GetAttribute("translate"));

        var practitioners = await visitor.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}");
        Spanish.AssertNoEnglish(practitioners, "the practitioners page");
        Assert.Contains("exenfermero de posparto", MainText(practitioners));
        Assert.Contains("Ver horarios con Ana Alvarez", MainText(practitioners));
        Assert.All(practitioners.QuerySelectorAll(".choice-card h2[translate=no]"), h => Assert.Matches("^(Ana Alvarez|Ben Brooks)$", h.TextContent));

        var grid = await visitor.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId=any");
        Spanish.AssertNoEnglish(grid, "the week grid");
        Assert.Equal("Tratamiento de seguimiento con cualquier profesional", grid.QuerySelector(".step-count")!.TextContent);
        Assert.StartsWith("Elija un horario: Tratamiento de seguimiento", grid.Title);
        Assert.StartsWith("del domingo 28 de feb al sábado 6 de mar", grid.QuerySelector(".week-label")!.TextContent);
        Assert.Equal(["Mañana", "Tarde"], grid.QuerySelectorAll(".grid-day")[0].QuerySelectorAll(".period-name").Select(h => h.TextContent).ToArray());
        Assert.Matches(@"^\d+ horarios más por la mañana$", grid.QuerySelector("details.more-times summary")!.TextContent);
        Assert.Contains("Faltan menos de 24 horas para los horarios marcados sin cambios en línea", grid.QuerySelector(".window-note")!.TextContent);
        var marked = grid.QuerySelectorAll("a.slot-window").Select(a => a.GetAttribute("aria-label")!).ToList();
        Assert.Equal(4, marked.Count); // Tuesday 9:00 to 9:45
        Assert.All(marked, l => Assert.EndsWith("con Ana Alvarez (una vez reservado, no se puede cambiar en línea)", l));
        Assert.Contains("Sin horarios libres: lunes 1 de mar y sábado 6 de mar.", grid.QuerySelector(".day-full")!.TextContent);
        // The English reader's grid was not served to the Spanish one, nor the other way round.
        Assert.Equal("Morning", (await english.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId=any")).QuerySelector(".period-name")!.TextContent);

        // A week with no free time offers the next one that has some.
        await _app.QueryAsync(async db =>
        {
            db.TimeOff.Add(new TimeOff(BookingKit.Ana, new DateTime(2027, 3, 14, 4, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 21, 4, 0, 0, DateTimeKind.Utc)));
            return await db.SaveChangesAsync();
        });
        var empty = await visitor.GetDocumentAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&week=2027-03-14");
        Spanish.AssertNoEnglish(empty, "an empty week");
        Assert.Contains("No hay horarios libres esta semana.", MainText(empty));
        Assert.Contains("Ver la próxima semana con horarios libres", empty.QuerySelector(".empty-week a")!.TextContent);
        Assert.Contains("Tratamiento de seguimiento con Ana Alvarez", MainText(empty));
        Assert.Equal("Ana Alvarez", empty.QuerySelector(".step-count [translate=no]")!.TextContent);

        // Picking a time signed out asks to sign in and comes back to it; what the sign-in page says it is booking reads in Spanish.
        var challenge = await visitor.GetAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, Later));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", challenge.Headers.Location!.PathAndQuery);
        Assert.Equal("Tratamiento de seguimiento con Ana Alvarez, miércoles 3 de mar, 10:00\u00A0a.\u00A0m. (hora de New York)",
            await DescribeAsync("es", Confirm(BookingKit.FollowUp, BookingKit.Ana, Later)));
        Assert.Equal("Follow-up treatment with Ana Alvarez, Wed, Mar 3, 10:00\u00A0AM (New York time)",
            await DescribeAsync("en", Confirm(BookingKit.FollowUp, BookingKit.Ana, Later)));
    }

    private async Task<string?> DescribeAsync(string language, string returnUrl)
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            Languages.Use(language);
            TimeFormat.Use(ClinicCulture.For("en-US").InLanguage(language));
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BookingIntent>().DescribeAsync(returnUrl);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task A_visit_booked_moved_and_cancelled_in_Spanish_works_and_every_page_on_the_way_reads_in_Spanish()
    {
        var pat = _app.Client();
        await pat.SignInAsync("pat@clinic.test");

        var home = await pat.GetDocumentAsync("/appointments");
        Spanish.AssertNoEnglish(home, "the patient's home before a visit");
        Assert.Contains("Complete su cuestionario inicial: 11 pasos cortos", MainText(home));
        Assert.Contains("Reserve su primera visita", MainText(home));

        var confirm = await pat.GetDocumentAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, Later));
        Spanish.AssertNoEnglish(confirm, "the confirm page");
        Assert.Contains("Puede cambiar o cancelar en línea hasta 24 horas antes de su visita.", MainText(confirm));
        Assert.Null(confirm.QuerySelector("main p.alert-warning"));
        Assert.Equal("Ana Alvarez", confirm.QuerySelector("dd[translate=no]")!.TextContent);
        var soon = await pat.GetDocumentAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, Soon));
        Spanish.AssertNoEnglish(soon, "the confirm page of a time inside the change window");
        Assert.Contains("no se puede cambiar ni cancelar en línea", soon.QuerySelector("main p.alert-warning")!.TextContent);

        // Booking from the Spanish confirm page's own form.
        var booked = await pat.SubmitFormAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, Later), new Dictionary<string, string>(), "main form[action='/book']");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var id = int.Parse(booked.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        var stored = await _app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((BookingKit.Ana, BookingKit.FollowUp, AppointmentStatus.Booked), (stored.PractitionerId, stored.ServiceId, stored.Status));
        Assert.Equal(DateTimeOffset.Parse(Later, CultureInfo.InvariantCulture).UtcDateTime, stored.StartUtc);

        var visit = await pat.GetDocumentAsync($"/appointments/{id}");
        Spanish.AssertNoEnglish(visit, "the visit page");
        Assert.Equal("Su visita está reservada. Le enviamos los detalles por correo electrónico.", visit.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal("Reservada", visit.QuerySelectorAll("dt").Single(d => d.TextContent == "Estado").NextElementSibling!.TextContent);
        Assert.Contains("Qué traer", MainText(visit));
        Assert.Contains("Cancelar esta visita", MainText(visit));
        Assert.Equal("12 Harbour Street, Springfield", visit.QuerySelector("dd [translate=no]")!.TextContent);

        // Going back to the confirm page of the time just booked.
        var back = await pat.GetAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, Later));
        Assert.Equal($"/appointments/{id}", back.Headers.Location!.OriginalString);
        Assert.Equal("Ya reservó este horario.", (await pat.GetDocumentAsync($"/appointments/{id}")).QuerySelector(".alert-success")!.TextContent);

        home = await pat.GetDocumentAsync("/appointments");
        Spanish.AssertNoEnglish(home, "the patient's home with a visit");
        Assert.Contains("Su próxima visita: miércoles 3 de mar, 10:00", MainText(home));
        Assert.Contains("Tratamiento de seguimiento con Ana Alvarez", MainText(home));

        var cancel = await pat.GetDocumentAsync($"/appointments/{id}/cancel");
        Spanish.AssertNoEnglish(cancel, "the cancel page");
        Assert.StartsWith("Tratamiento de seguimiento con Ana Alvarez el miércoles 3 de mar", cancel.QuerySelector(".lead-text")!.TextContent);

        var move = await pat.GetDocumentAsync($"/appointments/{id}/reschedule");
        Spanish.AssertNoEnglish(move, "the move page");
        Assert.StartsWith("Su visita está reservada para el miércoles 3 de mar", move.QuerySelector(".lead-text")!.TextContent);
        var chosen = await pat.GetDocumentAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(MoveTo)}");
        Spanish.AssertNoEnglish(chosen, "the move page with a new time chosen");
        Assert.Contains("¿Cambiar su visita al jueves 4 de mar, 11:00", MainText(chosen));
        var moved = await pat.SubmitFormAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(MoveTo)}", new Dictionary<string, string>(),
            $"form[action='/appointments/{id}/reschedule']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(DateTimeOffset.Parse(MoveTo, CultureInfo.InvariantCulture).UtcDateTime,
            await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.StartUtc).SingleAsync()));
        Assert.StartsWith("Su visita ahora es el jueves 4 de mar, 11:00", (await pat.GetDocumentAsync($"/appointments/{id}")).QuerySelector(".alert-success")!.TextContent);

        // A visit inside the change window: the visit page says to call, and cancelling or moving it is "too late".
        var soonId = (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, Soon)).Headers.Location!.OriginalString.Split('/').Last();
        var soonVisit = await pat.GetDocumentAsync($"/appointments/{soonId}");
        Spanish.AssertNoEnglish(soonVisit, "a visit inside the change window");
        Assert.Contains("Faltan menos de 24 horas para esta visita, así que ya no se puede cambiar en línea.", MainText(soonVisit));
        foreach (var url in new[] { $"/appointments/{soonId}/cancel", $"/appointments/{soonId}/reschedule" })
        {
            var tooLate = await DocumentAsync(await pat.GetAsync(url), HttpStatusCode.BadRequest);
            Spanish.AssertNoEnglish(tooLate, "the too-late page");
            Assert.Contains("Llame a la clínica al 555-0100 y le ayudaremos.", MainText(tooLate));
        }

        // Cancelling through the Spanish page's own form.
        var cancelled = await pat.SubmitFormAsync($"/appointments/{id}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{id}/cancel']");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(AppointmentStatus.Cancelled, await _app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        var after = await pat.GetDocumentAsync($"/appointments/{id}");
        Spanish.AssertNoEnglish(after, "a cancelled visit");
        Assert.Equal("Su visita está cancelada. Le enviamos un correo electrónico para confirmarlo.", after.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains("Su visita (cancelada)", MainText(after));
        Assert.Equal($"/book?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}",
            after.QuerySelectorAll("main a").Single(a => a.TextContent == "Reservar de nuevo").GetAttribute("href"));

        home = await pat.GetDocumentAsync("/appointments");
        Spanish.AssertNoEnglish(home, "the patient's home with a cancelled visit");
        Assert.Equal("Cancelada", home.QuerySelector(".status-badge")!.TextContent);
    }

    [Fact]
    public async Task Every_problem_and_error_page_on_the_booking_path_reads_in_Spanish()
    {
        var pat = _app.Client();
        await pat.SignInAsync("pat@clinic.test");

        var unreadable = await DocumentAsync(await pat.GetAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, "nonsense")), HttpStatusCode.BadRequest);
        Spanish.AssertNoEnglish(unreadable, "the problem page for an unreadable time");
        Assert.Equal("No se puede reservar ese horario", unreadable.QuerySelector("h1")!.TextContent);
        Assert.Contains("No pudimos leer ese horario.", MainText(unreadable));
        Assert.Contains("Ver todos los horarios libres", MainText(unreadable));

        var past = await DocumentAsync(await pat.GetAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, "0001-01-01T00:00:00Z")), HttpStatusCode.BadRequest);
        Spanish.AssertNoEnglish(past, "the problem page for a time in the past");

        var garbled = await DocumentAsync(await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, "garbage"), HttpStatusCode.BadRequest);
        Spanish.AssertNoEnglish(garbled, "the problem page for a garbled booking");
        Assert.Contains("Algo en esa reserva no estaba bien.", MainText(garbled));

        var notOffered = await DocumentAsync(await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, "2027-03-03T03:00:00-05:00"), HttpStatusCode.BadRequest);
        Spanish.AssertNoEnglish(notOffered, "the problem page for a time not offered");
        Assert.Contains("está fuera del horario del profesional", MainText(notOffered));

        // The intake gate's notice, shown on the intake page (whose own words are the intake's).
        var gate = await pat.GetAsync(Confirm(BookingKit.Initial, BookingKit.Ana, Later));
        Assert.Equal("/intake", gate.Headers.Location!.OriginalString);
        Assert.Contains("Antes de su primera visita necesitamos su cuestionario inicial. Recordamos en este dispositivo el horario que eligió, miércoles 3 de mar",
            MainText(await pat.GetDocumentAsync("/intake")));

        // Taken: another patient books the time first.
        var other = _app.Client();
        await other.SignInAsync((await _app.CreatePatientsAsync(1, "otra"))[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await other.BookAsync(BookingKit.FollowUp, BookingKit.Ana, Later)).StatusCode);
        var taken = await DocumentAsync(await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ana, Later), HttpStatusCode.Conflict);
        Spanish.AssertNoEnglish(taken, "the problem page for a time just taken");
        Assert.Equal("Alguien acaba de reservar ese horario", taken.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(taken.QuerySelectorAll("main a.slot"));
        var takenConfirm = await DocumentAsync(await pat.GetAsync(Confirm(BookingKit.FollowUp, BookingKit.Ana, Later)), HttpStatusCode.Conflict);
        Spanish.AssertNoEnglish(takenConfirm, "the confirm page of a time just taken");

        // Moving to a taken, unreadable or not-offered time.
        var id = (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ben, MoveTo)).Headers.Location!.OriginalString.Split('/').Last();
        var token = (await pat.GetDocumentAsync($"/appointments/{id}/reschedule")).AntiforgeryToken();
        async Task<IHtmlDocument> MoveAsync(string start, HttpStatusCode status) => await DocumentAsync(await pat.PostAsync($"/appointments/{id}/reschedule",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Start"] = start, ["__RequestVerificationToken"] = token })), status);
        Spanish.AssertNoEnglish(await MoveAsync("garbage", HttpStatusCode.BadRequest), "the move problem page for an unreadable time");
        Spanish.AssertNoEnglish(await MoveAsync("2027-03-03T03:00:00-05:00", HttpStatusCode.BadRequest), "the move problem page for a time not offered");
        Assert.Equal(HttpStatusCode.Redirect, (await other.BookAsync(BookingKit.FollowUp, BookingKit.Ben, Later)).StatusCode);
        Spanish.AssertNoEnglish(await MoveAsync(Later, HttpStatusCode.Conflict), "the move problem page for a time just taken");

        // The limit of visits ahead (two in this clinic).
        Assert.Equal(HttpStatusCode.Redirect, (await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ben, "2027-03-04T14:00:00-05:00")).StatusCode);
        var limit = await DocumentAsync(await pat.BookAsync(BookingKit.FollowUp, BookingKit.Ben, "2027-03-05T14:00:00-05:00"), HttpStatusCode.Conflict);
        Spanish.AssertNoEnglish(limit, "the limit page");
        Assert.Contains("Ya tiene 2 visitas reservadas", MainText(limit));
        Assert.Equal("Sus visitas", limit.QuerySelector("main a.btn")!.TextContent);

        // Error pages: a missing page, someone else's or no visit, and input our forms never send.
        foreach (var url in new[] { "/no-such-page", "/appointments/999", "/book?serviceId=99" })
        {
            var missing = await DocumentAsync(await pat.GetAsync(url), HttpStatusCode.NotFound);
            Spanish.AssertNoEnglish(missing, $"the 404 page ({url})");
            Assert.Equal("No encontramos esa página", missing.QuerySelector("h1")!.TextContent);
            Assert.Matches(@"Referencia: \S+ \(error 404\)\.", MainText(missing));
        }

        var bad = await DocumentAsync(await _app.Client().GetAsync("/book?serviceId=a%01b"), HttpStatusCode.BadRequest);
        Spanish.AssertNoEnglish(bad, "the bad-input page");
        Assert.Equal("Algo en esa solicitud no estaba bien", bad.QuerySelector("h1")!.TextContent);
        Assert.Contains("Parte de lo enviado tiene caracteres ocultos", MainText(bad));
        var englishBad = await DocumentAsync(await _app.CreateBrowserlikeClient().GetAsync("/book?serviceId=a%01b"), HttpStatusCode.BadRequest);
        Assert.Contains("Some of what was sent has hidden characters, line breaks or repeated fields", MainText(englishBad));
    }

    [Fact]
    public async Task An_intake_in_progress_reads_in_Spanish_on_the_patients_home()
    {
        var patient = _app.Client();
        await patient.SignInAsync((await _app.CreatePatientsAsync(1, "borrador"))[0]);
        await patient.SaveStepAsync("baby", IntakeKit.CalmAnswers(new DateOnly(2027, 3, 1)));
        var home = await patient.GetDocumentAsync("/appointments");
        Spanish.AssertNoEnglish(home, "the patient's home with an intake in progress");
        Assert.Contains($"Termine su cuestionario inicial (1 de {IntakeForm.Sections.Count} pasos hechos).", MainText(home));
        Assert.Contains("Seguir con su cuestionario", MainText(home));
        Assert.Equal(["Sus citas", "Su cuestionario"], home.QuerySelectorAll("header .navbar-nav.me-auto a").Skip(2).Select(a => a.TextContent).ToArray());
        Assert.Equal(["Su cuenta", "Cerrar sesión"], home.QuerySelectorAll("header .navbar-nav:not(.me-auto) .nav-link").Select(a => a.TextContent).ToArray());
    }

    /// <summary>The error pages no test reaches from outside (403, 413, 429, 500) have Spanish titles and advice too.</summary>
    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(429)]
    [InlineData(500)]
    public void Every_error_page_has_a_Spanish_title_and_advice(int status)
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            Languages.Use("en");
            var english = new ClinicBooking.Web.Features.Error.ErrorViewModel(status, "ref");
            var (title, advice) = (english.Title, english.Advice);
            Languages.Use("es");
            var spanish = new ClinicBooking.Web.Features.Error.ErrorViewModel(status, "ref");
            Assert.NotEqual(title, spanish.Title);
            Assert.NotEqual(advice, spanish.Advice);
            Assert.Empty(Spanish.EnglishLeftIn(Forms.Parse($"<html><body><h1>{spanish.Title}</h1><p>{spanish.Advice}</p></body></html>")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>
    /// A translation that loses or adds a {0} would fail only when that sentence is shown (a FormatException, or a
    /// number missing from the sentence): every sentence of these pages keeps exactly the placeholders of its English.
    /// </summary>
    [Theory]
    [InlineData("Features.Booking.BookingText")]
    [InlineData("Features.Booking.ServiceText")]
    [InlineData("Features.Booking.Services")]
    [InlineData("Features.Booking.Practitioners")]
    [InlineData("Features.Booking.Grid")]
    [InlineData("Features.Booking._WeekGrid")]
    [InlineData("Features.Booking.Confirm")]
    [InlineData("Features.Appointments.Index")]
    [InlineData("Features.Appointments.Show")]
    [InlineData("Features.Appointments.Cancel")]
    [InlineData("Features.Appointments.Reschedule")]
    [InlineData("Features.Appointments.TooLate")]
    [InlineData("Features.Shared._LoginPartial")]
    [InlineData("Features.Shared._RoleNav")]
    [InlineData("Features.Shared._ErrorSummary")]
    [InlineData("Features.Error.Error")]
    [InlineData("Features.Error.ErrorText")]
    [InlineData("Features.Information.Index")]
    public void Every_Spanish_sentence_keeps_the_placeholders_of_its_English(string resource)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");
            var sentences = factory.Create(resource, "ClinicBooking.Web").GetAllStrings(includeParentCultures: false).ToList();
            Assert.NotEmpty(sentences);
            Assert.All(sentences, s =>
            {
                Assert.False(string.IsNullOrWhiteSpace(s.Value), s.Name);
                Assert.NotEqual(s.Name, s.Value);
                Assert.Equal(Placeholders(s.Name), Placeholders(s.Value));
            });
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static string[] Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}

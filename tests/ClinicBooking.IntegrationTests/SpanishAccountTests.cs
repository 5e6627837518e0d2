using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Booking;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Ical.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Issue 15: the account pages and every email a patient receives, in Spanish for a Spanish reader (the browser's
/// language on the pages, the account's language in the emails), and unchanged in English for everyone else.
/// </summary>
public sealed partial class SpanishAccountTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Anonymous = "anonymous";
    private const string SignedIn = "signed in";

    /// <summary>Each account page: (who, address, status, a sentence the English page shows, one the Spanish page shows).</summary>
    public static TheoryData<string, string, int, string, string> Pages => new()
    {
        { Anonymous, "/Identity/Account/Login", 200, "New here? Create an account", "¿Primera vez aquí? Cree una cuenta" },
        { Anonymous, "/Identity/Account/Register", 200, "You need an account to book", "Necesita una cuenta para reservar" },
        { Anonymous, "/Identity/Account/RegisterConfirmation", 200, "Check your email", "Revise su correo" },
        { Anonymous, "/Identity/Account/ConfirmEmail", 400, "That link did not work", "Ese enlace no funcionó" },
        { Anonymous, "/Identity/Account/ForgotPassword", 200, "Email me a link", "Enviarme un enlace" },
        { Anonymous, "/Identity/Account/ForgotPasswordConfirmation", 200, "Please check your email to reset your password.", "Revise su correo electrónico para restablecer su contraseña." },
        { Anonymous, "/Identity/Account/ResendEmailConfirmation", 200, "The new link works for 24 hours.", "El enlace nuevo funciona durante 24 horas." },
        { Anonymous, "/Identity/Account/ResetPassword?code=bm90LWEtcmVhbC10b2tlbg", 200, "Save my password", "Guardar mi contraseña" },
        { Anonymous, "/Identity/Account/ResetPasswordConfirmation", 200, "You can sign in with it now.", "Ya puede iniciar sesión con ella." },
        { SignedIn, "/Identity/Account/Logout", 200, "Signing out ends your session", "Al cerrar sesión" },
        { SignedIn, "/Identity/Account/Manage", 200, "Manage your account", "Administrar su cuenta" },
        { SignedIn, "/Identity/Account/Manage/Email", 200, "Change email", "Cambiar el correo electrónico" },
        { SignedIn, "/Identity/Account/Manage/ChangePassword", 200, "Update password", "Cambiar la contraseña" },
        { SignedIn, "/Identity/Account/Manage/TwoFactorAuthentication", 200, "Add authenticator app", "Agregar una aplicación de autenticación" },
        { SignedIn, "/Identity/Account/Manage/EnableAuthenticator", 200, "Turn on two-step sign-in", "Activar la verificación en dos pasos" },
        { SignedIn, "/Identity/Account/Manage/PersonalData", 200, "This page allows you to download or delete that data.", "En esta página puede descargarlos o eliminarlos." },
        { SignedIn, "/Identity/Account/Manage/DeletePersonalData", 200, "Delete my data and close my account", "Eliminar mis datos y cerrar mi cuenta" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_account_page_is_Spanish_for_a_Spanish_browser_and_English_for_an_English_one(
        string who, string url, int status, string english, string spanish)
    {
        var (spanishClient, englishClient) = who == SignedIn
            ? (await SignedInAsync(_app.Client(), await PatientAsync("es-page", Languages.Spanish)), await _app.StaffAsync("pat@clinic.test"))
            : (_app.Client(), _app.CreateBrowserlikeClient());

        var inSpanish = await PageAsync(spanishClient, url, status);
        Spanish.AssertNoEnglish(inSpanish, url);
        Assert.Contains(spanish, inSpanish.Body!.TextContent);

        var inEnglish = await PageAsync(englishClient, url, status);
        Assert.Equal("en-US", inEnglish.DocumentElement.GetAttribute("lang"));
        Assert.Contains(english, inEnglish.Body!.TextContent);
        Assert.DoesNotContain(spanish, inEnglish.Body!.TextContent);
    }

    [Fact]
    public async Task The_sign_in_and_sign_up_pages_say_in_Spanish_which_time_is_being_booked()
    {
        var day = BookingKit.FutureWeekday(_app);
        var slot = (await _app.Client().FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day))[0];
        var returnUrl = $"/book/confirm?serviceId={BookingKit.FollowUp}&practitionerId={BookingKit.Ana}&start={Uri.EscapeDataString(slot.Start)}";
        var when = When(DateTimeOffset.Parse(slot.Start, CultureInfo.InvariantCulture).UtcDateTime, Languages.Spanish);

        var login = await PageAsync(_app.Client(), "/Identity/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), 200);
        Spanish.AssertNoEnglish(login, "sign-in with a time picked");
        var banner = login.QuerySelector(".booking-intent")!.TextContent;
        Assert.Contains("Inicie sesión o cree una cuenta para reservar", banner);
        Assert.Contains(when, banner);

        var register = await PageAsync(_app.Client(), "/Identity/Account/Register?returnUrl=" + Uri.EscapeDataString(returnUrl), 200);
        Spanish.AssertNoEnglish(register, "sign-up with a time picked");
        Assert.Contains("Está reservando", register.QuerySelector(".booking-intent")!.TextContent);
        Assert.Contains(when, register.QuerySelector(".booking-intent strong")!.TextContent);
    }

    [Fact]
    public async Task Form_errors_on_the_sign_in_sign_up_and_reset_pages_are_Spanish()
    {
        var client = _app.Client();
        var login = await client.PostLoginAsync("nobody@example.com", "not the password");
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        var loginPage = Forms.Parse(await login.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(loginPage, "failed sign-in");
        Assert.Contains("No pudimos iniciar su sesión", loginPage.QuerySelector(".error-summary")!.TextContent);

        var register = await client.PostRegisterAsync("", "not an address", "short", "other");
        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        var registerPage = Forms.Parse(await register.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(registerPage, "sign-up with every field wrong");
        var messages = registerPage.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Escriba su nombre.", messages);
        Assert.Contains("Escriba un correo electrónico como nombre@ejemplo.com.", messages);
        Assert.Contains("Elija una contraseña de al menos 10 caracteres (como máximo 200).", messages);
        Assert.Contains("Las dos contraseñas no coinciden.", messages);

        var reset = await client.SubmitFormAsync("/Identity/Account/ResetPassword?code=bm90LWEtcmVhbC10b2tlbg", new Dictionary<string, string>
        {
            ["Input.Email"] = "pat@clinic.test", ["Input.Password"] = "a brand new phrase", ["Input.ConfirmPassword"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        var resetPage = Forms.Parse(await reset.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(resetPage, "reset with the confirmation left empty");
        Assert.Contains("El campo Repita la nueva contraseña es obligatorio.", resetPage.Body!.TextContent);

        var expired = await client.SubmitFormAsync("/Identity/Account/ResetPassword?code=bm90LWEtcmVhbC10b2tlbg", new Dictionary<string, string>
        {
            ["Input.Email"] = "pat@clinic.test", ["Input.Password"] = "a brand new phrase", ["Input.ConfirmPassword"] = "a brand new phrase",
        });
        var expiredPage = Forms.Parse(await expired.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(expiredPage, "reset with a link that does not work");
        Assert.Contains("Este enlace venció o ya se usó", expiredPage.Body!.TextContent);
    }

    [Fact]
    public async Task The_account_pages_answer_in_Spanish_after_a_change_and_Identitys_own_errors_are_translated()
    {
        var email = await PatientAsync("es-manage", Languages.Spanish);
        var client = await SignedInAsync(_app.Client(), email);

        var wrong = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "not my password", ["Input.NewPassword"] = "a brand new phrase", ["Input.ConfirmPassword"] = "a brand new phrase",
        }, "form#change-password-form");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongPage = Forms.Parse(await wrong.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(wrongPage, "change password with a wrong current password");
        Assert.Contains("La contraseña no es correcta.", wrongPage.QuerySelector(".error-summary")!.TextContent);

        var changed = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = Accounts.DemoPassword, ["Input.NewPassword"] = "a brand new phrase", ["Input.ConfirmPassword"] = "a brand new phrase",
        }, "form#change-password-form");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await client.GetDocumentAsync(changed.Headers.Location!.OriginalString);
        Spanish.AssertNoEnglish(after, "change password, done");
        Assert.Contains("Su contraseña se cambió.", after.QuerySelector("[role=alert]")!.TextContent);

        var saved = await client.SubmitFormAsync("/Identity/Account/Manage", new Dictionary<string, string> { ["Input.PhoneNumber"] = "555-0123" }, "form#profile-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var profile = await client.GetDocumentAsync("/Identity/Account/Manage");
        Spanish.AssertNoEnglish(profile, "profile, saved");
        Assert.Contains("Su perfil se actualizó", profile.QuerySelector("[role=alert]")!.TextContent);

        var badPhone = await client.SubmitFormAsync("/Identity/Account/Manage", new Dictionary<string, string> { ["Input.PhoneNumber"] = "twelve" }, "form#profile-form");
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Contains("El campo Número de teléfono no es un número de teléfono válido.",
            Forms.Parse(await badPhone.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent);

        var notDeleted = await client.SubmitFormAsync("/Identity/Account/Manage/DeletePersonalData", new Dictionary<string, string> { ["Input.Password"] = "not my password" },
            "form#delete-user");
        Assert.Equal(HttpStatusCode.BadRequest, notDeleted.StatusCode);
        var notDeletedPage = Forms.Parse(await notDeleted.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(notDeletedPage, "delete account with a wrong password");
        Assert.Contains("Esa contraseña no es correcta. Su cuenta no se eliminó.", notDeletedPage.Body!.TextContent);

        // A change of address: the page and the email to the new address, both in Spanish.
        var token = (await client.GetDocumentAsync("/Identity/Account/Manage/Email")).AntiforgeryToken();
        var moved = await client.PostAsync("/Identity/Account/Manage/Email?handler=ChangeEmail", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.NewEmail"] = "es-new@example.com", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var emailPage = await client.GetDocumentAsync("/Identity/Account/Manage/Email");
        Spanish.AssertNoEnglish(emailPage, "email, change asked for");
        Assert.Contains("Le enviamos un enlace para confirmar el cambio de correo.", emailPage.QuerySelector("[role=alert]")!.TextContent);
        var confirmChange = await _app.Smtp.WaitForMessageToAsync("es-new@example.com");
        Assert.Equal("Confirme su correo electrónico", confirmChange.Subject);
        AssertSpanishEmail(confirmChange, "the change-of-address email");
        Assert.Contains("/Identity/Account/ConfirmEmailChange?", confirmChange.TextBody);
    }

    [Fact]
    public async Task Sign_up_in_Spanish_sends_a_Spanish_confirmation_email_whose_link_works()
    {
        var client = _app.Client();
        var registered = await client.PostRegisterAsync("Lucía Pérez", "lucia@example.com", "una frase bastante larga");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Spanish.AssertNoEnglish(await client.GetDocumentAsync(registered.Headers.Location!.OriginalString), "after sign-up");

        var email = await _app.Smtp.WaitForMessageToAsync("lucia@example.com");
        Assert.Equal("Confirme su correo electrónico", email.Subject);
        AssertSpanishEmail(email, "the sign-up confirmation");
        Assert.Contains("Le damos la bienvenida. Confirme su correo electrónico", email.TextBody);
        Assert.Equal("Confirme su correo electrónico", Forms.Parse(email.HtmlBody!).QuerySelector("a")!.TextContent);
        Assert.DoesNotContain("Lucía", email.TextBody);

        var link = ConfirmLink().Match(email.TextBody!).Value;
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var page = Forms.Parse(await confirmed.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(page, "email confirmed");
        Assert.Contains("Correo electrónico confirmado", page.QuerySelector("h1")!.TextContent);
        await client.SignInAsync("lucia@example.com", "una frase bastante larga");

        // The same sign-up from an English browser is as it always was.
        var english = _app.CreateBrowserlikeClient();
        await english.PostRegisterAsync("Lee Example", "lee-en@example.com", "a long enough phrase");
        var englishEmail = await _app.Smtp.WaitForMessageToAsync("lee-en@example.com");
        Assert.Equal("Confirm your email address", englishEmail.Subject);
        Assert.Contains("Welcome. Please confirm your email address", englishEmail.TextBody);
        Assert.Contains("<html lang=\"en\">", englishEmail.HtmlBody);
        Assert.Contains("If you did not ask for this email, you can ignore it.", englishEmail.TextBody);
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_is_told_in_its_owners_language_while_the_visitor_reads_their_own()
    {
        var owner = await PatientAsync("es-owner", Languages.Spanish);
        var visitor = _app.CreateBrowserlikeClient();
        var response = await visitor.PostRegisterAsync("Someone Else", owner, "a long enough phrase");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await visitor.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Check your email", page.Body!.TextContent);

        var email = await _app.Smtp.WaitForMessageToAsync(owner);
        Assert.Equal("Alguien intentó crear una cuenta con su correo electrónico", email.Subject);
        AssertSpanishEmail(email, "the address-taken email");
        Assert.Contains("/Identity/Account/ForgotPassword", email.TextBody);
    }

    [Fact]
    public async Task A_password_reset_and_a_new_confirmation_link_are_sent_in_the_accounts_language_and_work()
    {
        var email = await PatientAsync("es-reset", Languages.Spanish);
        var client = _app.Client();
        var asked = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Spanish.AssertNoEnglish(await client.GetDocumentAsync(asked.Headers.Location!.OriginalString), "reset asked for");

        var message = await _app.Smtp.WaitForMessageToAsync(email);
        Assert.Equal("Restablezca su contraseña", message.Subject);
        AssertSpanishEmail(message, "the password reset");
        Assert.Contains("Alguien, quizá usted, pidió restablecer la contraseña de su cuenta.", message.TextBody);
        Assert.Contains("Elegir una nueva contraseña:", message.TextBody);

        var link = new Uri(ResetLink().Match(message.TextBody!).Value);
        var resetPage = await client.GetDocumentAsync(link.PathAndQuery);
        Spanish.AssertNoEnglish(resetPage, "reset page from the email");
        var saved = await client.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "una frase nueva y larga", ["Input.ConfirmPassword"] = "una frase nueva y larga",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var done = await client.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Spanish.AssertNoEnglish(done, "password saved");
        Assert.Contains("Su contraseña está guardada", done.QuerySelector("h1")!.TextContent);
        await client.SignInAsync(email, "una frase nueva y larga");

        // An account still waiting for its confirmation asks for a new link: in its own language too.
        var waiting = await PatientAsync("es-waiting", Languages.Spanish, confirmed: false);
        var resent = await _app.Client().SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", new Dictionary<string, string> { ["Input.Email"] = waiting });
        var resentPage = Forms.Parse(await resent.Content.ReadAsStringAsync());
        Spanish.AssertNoEnglish(resentPage, "confirmation sent again");
        Assert.Contains("le enviamos un enlace nuevo", resentPage.QuerySelector("#status-message")!.TextContent);
        var again = await _app.Smtp.WaitForMessageToAsync(waiting);
        Assert.Equal("Confirme su correo electrónico", again.Subject);
        AssertSpanishEmail(again, "the confirmation sent again");
        Assert.Contains("Funciona durante 24 horas.", again.TextBody);
    }

    [Fact]
    public async Task A_Spanish_patients_booking_reminder_move_and_cancellation_emails_and_calendar_are_Spanish_with_es_US_times()
    {
        var email = await PatientAsync("es-visit", Languages.Spanish);
        var client = await SignedInAsync(_app.Client(), email);
        var (id, start) = await BookAsync(client, 5, "T10:00");
        var startUtc = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).UtcDateTime;

        var booked = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Su visita está reservada: ", StringComparison.Ordinal));
        Assert.Equal($"Su visita está reservada: {When(startUtc, Languages.Spanish)}", booked.Subject);
        Assert.Matches(@"10:00\sa\.\s?m\.", booked.Subject);
        AssertSpanishEmail(booked, "the booking confirmation");
        foreach (var words in new[] { "Cuándo:", "Con:", "Duración: unos", "Dónde:", "Para cambiar o cancelar", "Ver o cambiar su visita:" })
        {
            Assert.Contains(words, booked.TextBody);
        }

        var calendar = CalendarOf(booked);
        Assert.Equal(startUtc, calendar.Start!.AsUtc);
        Assert.StartsWith("Visita en ", calendar.Summary);
        Assert.StartsWith("Con Ana Alvarez. Para cambiar o cancelar: http://localhost/appointments/", calendar.Description);
        Assert.Contains(" o llame al ", calendar.Description);

        var day = BookingKit.FutureWeekday(_app, 8);
        var newStart = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).First(s => s.Start.Contains("T15:00", StringComparison.Ordinal)).Start;
        var moved = await client.SubmitFormAsync($"/appointments/{id}/reschedule?start={Uri.EscapeDataString(newStart)}",
            new Dictionary<string, string>(), $"form[action='/appointments/{id}/reschedule']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var movedEmail = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Su visita cambió de hora: ", StringComparison.Ordinal));
        Assert.Matches(@"3:00\sp\.\s?m\.", movedEmail.Subject);
        AssertSpanishEmail(movedEmail, "the move confirmation");
        Assert.StartsWith("Visita en ", CalendarOf(movedEmail).Summary);

        var cancelled = await client.SubmitFormAsync($"/appointments/{id}/cancel", new Dictionary<string, string>(), $"form[action='/appointments/{id}/cancel']");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var cancelEmail = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Su visita está cancelada: ", StringComparison.Ordinal));
        AssertSpanishEmail(cancelEmail, "the cancellation");
        Assert.Contains("Estaba reservada para:", cancelEmail.TextBody);
        Assert.Contains("Reservar otra visita:", cancelEmail.TextBody);
        Assert.Equal("CANCELLED", CalendarOf(cancelEmail).Status);

        // A reminder, for another visit (the clock moves to a day before it).
        var (_, second) = await BookAsync(client, 10, "T10:00");
        MoveClockTo(DateTimeOffset.Parse(second, CultureInfo.InvariantCulture) - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await DispatchAsync();
        var reminder = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Recordatorio: su visita: ", StringComparison.Ordinal));
        AssertSpanishEmail(reminder, "the reminder");
        Assert.Contains("Le recordamos su visita. Esperamos verle pronto.", reminder.TextBody);

        // None of it went out in English.
        Assert.DoesNotContain(_app.Smtp.Messages, m => m.Subject!.StartsWith("Your visit", StringComparison.Ordinal) || m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_English_patients_emails_and_calendar_stay_English_with_en_US_times()
    {
        var client = await _app.StaffAsync("pat@clinic.test");
        var (_, start) = await BookAsync(client, 5, "T10:00");
        var startUtc = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).UtcDateTime;

        var booked = await _app.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked: ", StringComparison.Ordinal));
        Assert.Equal($"Your visit is booked: {When(startUtc, Languages.English)}", booked.Subject);
        Assert.Contains("10:00\u00A0AM", booked.Subject);
        Assert.Contains("<html lang=\"en\">", booked.HtmlBody);
        Assert.StartsWith("Your visit is booked.\nWhen: ", booked.TextBody);
        Assert.Matches(@"How long: about \d+ minutes", booked.TextBody);
        Assert.Contains("To change or cancel, use the link below or call 555-0100.", booked.TextBody);
        Assert.Contains("Manage your visit:\nhttp://localhost/appointments/", booked.TextBody);
        var calendar = CalendarOf(booked);
        Assert.Equal("Visit at Riverside Acupuncture for New Parents", calendar.Summary);
        Assert.StartsWith("With Ana Alvarez. To change or cancel: http://localhost/appointments/", calendar.Description);
    }

    [Fact]
    public async Task A_batch_finds_every_recipients_language_in_its_three_queries_and_staff_emails_in_it_stay_English()
    {
        var counter = _app.Services.GetRequiredService<QueryCounter>();
        var day = BookingKit.FutureWeekday(_app, 6);
        var firstVisit = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), BookingKit.Zone);
        var rows = new List<OutboxMessage>();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 6; i++)
        {
            var language = i % 2 == 0 ? Languages.Spanish : Languages.English;
            var email = await PatientAsync($"batch{i}-{language}", language);
            var patientId = await _app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            var startUtc = firstVisit.AddHours(i);
            var id = await _app.VisitAtAsync(patientId, BookingKit.Ben, startUtc);
            rows.Add(OutboxMessage.ForAppointment(i < 4 ? OutboxKind.BookingConfirmation : OutboxKind.IntakeMissingReminder, email, id, startUtc, now, now));
        }

        foreach (var batch in new[] { rows.Take(2).ToList(), rows })
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var renderer = scope.ServiceProvider.GetRequiredService<EmailRenderer>();
            counter.Reset();
            await renderer.PrepareAsync(batch);
            var messages = new List<MimeMessage>();
            foreach (var row in batch)
            {
                messages.Add((await renderer.RenderAsync(row)).Message!);
            }

            Assert.Equal(3, counter.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var spanish = batch[i].Recipient.Contains("-es@", StringComparison.Ordinal);
                var subject = batch[i].Kind == OutboxKind.BookingConfirmation
                    ? spanish ? "Su visita está reservada: " : "Your visit is booked: "
                    : spanish ? "Complete su cuestionario antes de su visita" : "Please fill in your questionnaire before your visit";
                Assert.StartsWith(subject, messages[i].Subject);
                Assert.Contains(spanish ? "<html lang=\"es\">" : "<html lang=\"en\">", messages[i].HtmlBody);
                if (spanish)
                {
                    AssertSpanishEmail(messages[i], $"{batch[i].Kind} for {batch[i].Recipient}");
                    Assert.Matches(@"\d:00\sa\.\s?m\.|\d:00\sp\.\s?m\.", messages[i].TextBody);
                }
            }

            // The practitioner's digest of the same day, written after Spanish emails in the same batch: English.
            var digest = await renderer.RenderAsync(OutboxMessage.Digest("ben@clinic.test", BookingKit.Ben, day, now));
            Assert.StartsWith($"Tomorrow: {rows.Count} visits (", digest.Message!.Subject);
            Assert.Contains("<html lang=\"en\">", digest.Message.HtmlBody);
            Assert.Contains("(no intake yet)", digest.Message.TextBody);
            Assert.Matches(@"\d:00\u00A0AM", digest.Message.TextBody);
        }

        // The dispatcher's own thread keeps its language: the emails' languages were theirs alone.
        Assert.Equal(Languages.English, Languages.Current);
    }

    [Fact]
    public void Identitys_error_descriptions_each_have_a_Spanish_translation()
    {
        var describer = new IdentityErrorDescriber();
        var errors = new[]
        {
            describer.DefaultError(), describer.ConcurrencyFailure(), describer.PasswordMismatch(), describer.InvalidToken(),
            describer.RecoveryCodeRedemptionFailed(), describer.InvalidUserName("josé@example.com"), describer.InvalidEmail("x@"),
            describer.DuplicateUserName("ana@example.com"), describer.DuplicateEmail("ana@example.com"), describer.PasswordTooShort(10),
            describer.PasswordRequiresUniqueChars(2), describer.UserAlreadyHasPassword(),
        };
        var before = CultureInfo.CurrentUICulture;
        try
        {
            Languages.Use(Languages.Spanish);
            var untranslated = errors.Where(e => ClinicBooking.Web.Areas.Identity.Pages.Account.AccountText.Describe(e) == e.Description)
                .Select(e => e.Description).ToList();
            Assert.True(untranslated.Count == 0, "No Spanish for:\n" + string.Join('\n', untranslated));
            Assert.Equal("El usuario 'josé@example.com' no es válido: solo puede tener letras o dígitos.",
                ClinicBooking.Web.Areas.Identity.Pages.Account.AccountText.Describe(describer.InvalidUserName("josé@example.com")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string url, int status)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return Forms.Parse(body);
    }

    private static async Task<HttpClient> SignedInAsync(HttpClient client, string email)
    {
        await client.SignInAsync(email);
        return client;
    }

    /// <summary>A confirmed (or not) patient account that reads the clinic in <paramref name="language"/>.</summary>
    private async Task<string> PatientAsync(string prefix, string language, bool confirmed = true)
    {
        var email = $"{prefix}-{language}@example.com";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = confirmed, FullName = "Paciente de Prueba", PreferredLanguage = language,
        };
        Assert.True((await users.CreateAsync(user, Accounts.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, ClinicBooking.Web.Domain.Roles.Patient);
        return email;
    }

    private async Task<(int Id, string Start)> BookAsync(HttpClient client, int daysAhead, string time)
    {
        var day = BookingKit.FutureWeekday(_app, daysAhead);
        var start = (await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day)).First(s => s.Start.Contains(time, StringComparison.Ordinal)).Start;
        var response = await client.BookAsync(BookingKit.FollowUp, BookingKit.Ana, start);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (int.Parse(response.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture), start);
    }

    private async Task DispatchAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    private void MoveClockTo(DateTimeOffset instant) => _app.Clock.Advance(instant - _app.Clock.GetUtcNow());

    /// <summary>A time as the clinic's emails write it for a reader of <paramref name="language"/>.</summary>
    private static string When(DateTime utc, string language)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            Languages.Use(language);
            TimeFormat.Use(ClinicCulture.For("en-US").InLanguage(language));
            return TimeFormat.When(utc, BookingKit.Zone);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            TimeFormat.Use(ClinicCulture.For("en-US"));
        }
    }

    private static Ical.Net.CalendarComponents.CalendarEvent CalendarOf(MimeMessage email)
    {
        var ics = email.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        ics.Content!.DecodeTo(stream);
        return Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!.Events.Single();
    }

    /// <summary>
    /// Both parts of an email read in Spanish: the HTML declares it and has no English outside the clinic's marked
    /// data; the plain text, without its links and the clinic's signature, has none either.
    /// </summary>
    private static void AssertSpanishEmail(MimeMessage email, string what)
    {
        var html = Forms.Parse(email.HtmlBody!);
        Assert.Equal("es", html.DocumentElement.GetAttribute("lang"));
        Spanish.AssertNoEnglish(html, what + " (HTML)");
        var text = email.TextBody!;
        text = Link().Replace(text[..text.LastIndexOf("\n--\n", StringComparison.Ordinal)], " ");
        Spanish.AssertNoEnglish(Forms.Parse($"<html lang=\"es\"><body><pre>{WebUtility.HtmlEncode(text)}</pre></body></html>"), what + " (text)");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [GeneratedRegex(@"http://localhost/Identity/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"http://localhost/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}

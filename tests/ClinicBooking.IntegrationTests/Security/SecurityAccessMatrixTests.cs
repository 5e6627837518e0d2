using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// PRODUCT.md §8: for every route that takes an id, each person gets their own records and a 404 for anyone
/// else's, and the 404 says nothing of the other person (no canary string of theirs in the body).
/// </summary>
public sealed class SecurityAccessMatrixTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Person(string Label, HttpClient Client, string[] Canaries);

    private sealed record Records(int FutureVisit, int PastVisit);

    /// <summary>A patient with canaries in their name, intake and visit notes, a visit ahead and one whose outcome is recorded.</summary>
    private async Task<(Person Patient, Records Records)> PatientAsync(string letter, int practitionerId, string practitionerEmail)
    {
        string[] canaries = [$"Canary{letter}name", $"CANARY-{letter}-MEDS", $"CANARY-{letter}-CARE", $"CANARY-{letter}-NOTES"];
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers["medications_text"] = canaries[1];
        answers["care_team"] = canaries[2];
        var email = $"{letter.ToLowerInvariant()}@example.com";
        var patientId = await _app.SeedPatientWithIntakeAsync(email, $"{canaries[0]} Parent", answers);
        var client = await _app.StaffAsync(email);
        var future = await client.BookFirstFreeAsync(practitionerId, BookingKit.FutureWeekday(_app), skip: letter == "A" ? 0 : 1);
        var past = await _app.VisitAtAsync(patientId, practitionerId, _app.Clock.GetUtcNow().UtcDateTime.AddDays(-2));
        var practitioner = await _app.StaffAsync(practitionerEmail);
        var saved = await practitioner.SubmitFormAsync($"/practitioner/appointments/{past}", new Dictionary<string, string>
        {
            ["Outcome.Attendance"] = "completed", ["Outcome.Notes"] = canaries[3], ["Outcome.Feeds24h"] = "9",
        }, $"form[action='/practitioner/appointments/{past}/outcome']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (new Person($"patient {letter}", client, canaries), new Records(future, past));
    }

    /// <summary>A place on the waitlist for the patient, with one offer of the time of <paramref name="visitId"/>.</summary>
    private async Task<(int Entry, int Offer)> WaitlistPlaceAsync(string patientId, int visitId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicBooking.Web.Data.ClinicDbContext>();
        var visit = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Appointments, v => v.Id == visitId);
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var entry = new ClinicBooking.Web.Domain.Booking.WaitlistEntry(patientId, visit.ServiceId, null, [], ClinicBooking.Web.Domain.Booking.WaitlistTimes.Any, now, TimeSpan.FromDays(30));
        db.WaitlistEntries.Add(entry);
        await db.SaveChangesAsync();
        var offer = new ClinicBooking.Web.Domain.Booking.WaitlistOffer(entry, visit.PractitionerId, visit.StartUtc, now);
        db.WaitlistOffers.Add(offer);
        await db.SaveChangesAsync();
        return (entry.Id, offer.Id);
    }

    private static IEnumerable<(string Method, string Url)> PatientRoutes(Records r) =>
    [
        ("GET", $"/appointments/{r.FutureVisit}"), ("GET", $"/appointments/{r.PastVisit}"),
        ("GET", $"/appointments/{r.FutureVisit}/calendar.ics"), ("GET", $"/appointments/{r.FutureVisit}/cancel"),
        ("POST", $"/appointments/{r.FutureVisit}/cancel"), ("GET", $"/appointments/{r.FutureVisit}/reschedule"),
        ("POST", $"/appointments/{r.FutureVisit}/reschedule"), ("GET", $"/appointments/{r.FutureVisit}/course"),
        ("POST", $"/appointments/{r.FutureVisit}/course"),
    ];

    private static IEnumerable<(string Method, string Url)> PractitionerRoutes(Records r) =>
    [
        ("GET", $"/practitioner/appointments/{r.FutureVisit}"), ("GET", $"/practitioner/appointments/{r.PastVisit}"),
        ("POST", $"/practitioner/appointments/{r.FutureVisit}/review"), ("POST", $"/practitioner/appointments/{r.PastVisit}/outcome"),
    ];

    [Fact]
    public async Task Every_id_route_answers_404_for_anyone_elses_record_and_leaks_none_of_their_data()
    {
        var (a, aRecords) = await PatientAsync("A", BookingKit.Ana, "ana@clinic.test");
        var (b, bRecords) = await PatientAsync("B", BookingKit.Ben, "ben@clinic.test");
        var ana = new Person("ana", await _app.StaffAsync("ana@clinic.test"), []);
        var ben = new Person("ben", await _app.StaffAsync("ben@clinic.test"), []);
        var admin = new Person("admin", await _app.StaffAsync("admin@clinic.test"), []);
        var desk = new Person("desk", await _app.StaffAsync("desk@clinic.test"), []);

        // Their own records open (so a 404 below is about ownership, not a broken route).
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync($"/appointments/{aRecords.FutureVisit}")).StatusCode);
        Assert.Contains(a.Canaries[1], await ana.Client.GetStringAsync($"/practitioner/appointments/{aRecords.FutureVisit}"));
        Assert.Contains(b.Canaries[3], await ben.Client.GetStringAsync($"/practitioner/appointments/{bRecords.PastVisit}"));
        // Visit notes are for practitioners only, even on the patient's own page.
        Assert.DoesNotContain(a.Canaries[3], await a.Client.GetStringAsync($"/appointments/{aRecords.PastVisit}"));

        // Who must not reach whose records: every route, with ids of the other patient's visits.
        var cases = new List<(Person Actor, Person Owner, Records Records)>
        {
            (a, b, bRecords), (b, a, aRecords), (ana, b, bRecords), (ben, a, aRecords), (admin, a, aRecords), (admin, b, bRecords),
            (desk, a, aRecords), (desk, b, bRecords),
        };
        var checkedCount = 0;
        foreach (var (actor, owner, records) in cases)
        {
            var token = (await actor.Client.GetDocumentAsync("/Identity/Account/Manage")).AntiforgeryToken();
            foreach (var (method, url) in PatientRoutes(records).Concat(PractitionerRoutes(records)))
            {
                var response = method == "GET"
                    ? await actor.Client.GetAsync(url)
                    : await actor.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token, ["Version"] = "1", ["Outcome.Attendance"] = "noshow",
                        ["Start"] = "2030-01-07T10:00:00-05:00",
                    }));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                    $"{actor.Label} {method} {url} ({owner.Label}'s) answered {(int)response.StatusCode}");
                foreach (var canary in owner.Canaries)
                {
                    Assert.DoesNotContain(canary, body, StringComparison.OrdinalIgnoreCase);
                }

                checkedCount++;
            }
        }

        Assert.Equal(cases.Count * 13, checkedCount);

        // The front desk's routes (issue 16) are Reception's and the admin's: patients and practitioners get 404 there.
        // Reception itself sees who and when, never the intake's answers or the visit's notes.
        var aId = await _app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == "a@example.com").Select(u => u.Id)));
        foreach (var actor in new[] { b, ana, ben })
        {
            var token = (await actor.Client.GetDocumentAsync("/Identity/Account/Manage")).AntiforgeryToken();
            foreach (var (method, url) in new[]
                     {
                         ("GET", $"/desk/patients/{aId}"), ("GET", $"/desk/patients/{aId}/book"), ("POST", $"/desk/patients/{aId}/lift-noshows"),
                         ("GET", $"/desk/appointments/{aRecords.FutureVisit}/reschedule"), ("POST", $"/desk/appointments/{aRecords.FutureVisit}/cancel"),
                         ("POST", $"/desk/appointments/{aRecords.PastVisit}/noshow"), ("GET", "/desk"),
                         ("GET", $"/desk/appointments/{aRecords.FutureVisit}/course"), ("POST", $"/desk/appointments/{aRecords.FutureVisit}/course"),
                     })
            {
                var response = method == "GET" ? await actor.Client.GetAsync(url)
                    : await actor.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{actor.Label} {method} {url} answered {(int)response.StatusCode}");
                foreach (var canary in a.Canaries)
                {
                    Assert.DoesNotContain(canary, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        // The waitlist (issue 16): a patient's own places and offers are theirs alone; the list is the desk's and the
        // admin's (the admin's copy is the admin's only).
        var (entryId, offerId) = await WaitlistPlaceAsync(aId, aRecords.FutureVisit);
        foreach (var (actor, routes) in new (Person, (string Method, string Url)[])[]
                 {
                     (b, [("GET", $"/waitlist/offers/{offerId}"), ("POST", $"/waitlist/{entryId}/leave"), ("GET", "/desk/waitlist"),
                         ("POST", $"/desk/waitlist/{entryId}/remove"), ("GET", "/admin/waitlist"), ("GET", $"/desk/patients/{aId}/waitlist"),
                         ("POST", $"/desk/patients/{aId}/waitlist")]),
                     (ana, [("GET", $"/waitlist/offers/{offerId}"), ("POST", $"/waitlist/{entryId}/leave"), ("GET", "/desk/waitlist"),
                         ("POST", $"/desk/waitlist/{entryId}/remove"), ("GET", "/admin/waitlist"), ("GET", "/waitlist")]),
                     (ben, [("GET", "/desk/waitlist"), ("POST", $"/desk/waitlist/{entryId}/remove"), ("GET", "/admin/waitlist"),
                         ("GET", $"/desk/patients/{aId}/waitlist"), ("POST", $"/desk/patients/{aId}/waitlist")]),
                     (desk, [("GET", $"/waitlist/offers/{offerId}"), ("POST", $"/waitlist/{entryId}/leave"), ("GET", "/admin/waitlist"), ("GET", "/waitlist")]),
                     (admin, [("GET", $"/waitlist/offers/{offerId}"), ("POST", $"/waitlist/{entryId}/leave")]),
                 })
        {
            var token = (await actor.Client.GetDocumentAsync("/Identity/Account/Manage")).AntiforgeryToken();
            foreach (var (method, url) in routes)
            {
                var response = method == "GET" ? await actor.Client.GetAsync(url)
                    : await actor.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{actor.Label} {method} {url} answered {(int)response.StatusCode}");
            }
        }

        Assert.Contains(a.Canaries[0], await desk.Client.GetStringAsync("/desk/waitlist"));
        Assert.Contains(a.Canaries[0], await admin.Client.GetStringAsync("/admin/waitlist"));
        Assert.Equal(ClinicBooking.Web.Domain.Booking.WaitlistStatus.Waiting, await _app.QueryAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.WaitlistEntries.Where(e => e.Id == entryId).Select(e => e.Status))));

        var deskView = await desk.Client.GetStringAsync($"/desk/patients/{aId}");
        Assert.Contains(a.Canaries[0], deskView); // the name: the desk books for the person
        foreach (var canary in a.Canaries.Skip(1))
        {
            Assert.DoesNotContain(canary, deskView, StringComparison.OrdinalIgnoreCase);
        }

        // Nothing changed: the visits are still booked / completed as they were, and nobody stamped a review.
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync($"/appointments/{aRecords.FutureVisit}/cancel")).StatusCode);
        Assert.Equal(0, await _app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.IntakeReviews)));
    }
}

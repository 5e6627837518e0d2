using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// The booking race as a load test of first-time patients runs it (issue 18): patients sign up through the pages,
/// confirm by the emailed link, sign in, then all POST /book at the same instant. Works against any app reachable
/// by HttpClient, in-process or a separate process, and checks the database file directly.
/// </summary>
public static partial class RaceKit
{
    public const string Password = "a long enough phrase";

    /// <summary>Registers, confirms and signs in <paramref name="count"/> new patients; returns their clients.</summary>
    public static async Task<List<HttpClient>> NewPatientsThroughThePagesAsync(Func<HttpClient> newClient, TestSmtpServer smtp,
        int count, string prefix)
    {
        // All at once, as a load test's patients would (and it is quicker).
        return (await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var client = newClient();
            var email = $"{prefix}{i}@example.com";
            var registered = await client.PostRegisterAsync($"Racer {i}", email, Password);
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
            var mail = await smtp.WaitForMessageAsync(m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase)
                                                           && m.Subject!.Contains("Confirm", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            var link = new Uri(ConfirmLink().Match(mail.TextBody!).Value);
            var confirmed = await client.GetAsync(link.PathAndQuery);
            Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"Confirming answered {(int)confirmed.StatusCode}");
            await client.SignInAsync(email, Password);
            return client;
        }))).ToList();
    }

    /// <summary>
    /// One round: client i asks for <c>starts[i % starts.Count]</c> at the same instant as every other. Asserts exactly
    /// one booking, 409 with the nearest free times for every other answer, no 5xx; that the winner opens its visit
    /// and its .ics; and that availability no longer offers any of the raced times. Returns the winner's visit id.
    /// </summary>
    public static async Task<int> RaceAsync(IReadOnlyList<HttpClient> clients, IReadOnlyList<string> tokens, int serviceId,
        int practitionerId, IReadOnlyList<string> starts, string databasePath)
    {
        using var gate = new Barrier(clients.Count);
        var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            gate.SignalAndWait();
            return await client.BookAsync(serviceId, practitionerId, starts[i % starts.Count], tokens[i]);
        })));

        var codes = string.Join(", ", responses.Select(r => (int)r.StatusCode));
        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Conflict), $"Answers: {codes}");
        var winners = responses.Select((r, i) => (r, i)).Where(x => x.r.StatusCode == HttpStatusCode.Redirect).ToList();
        Assert.True(winners.Count == 1, $"Answers: {codes}");
        var alternatives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var body = await loser.Content.ReadAsStringAsync();
            Assert.Contains("That time was just taken. These are the nearest free times:", body);
            var offeredToLoser = AlternativeStarts(body);
            Assert.NotEmpty(offeredToLoser);
            alternatives.UnionWith(offeredToLoser);
        }

        // The nearest free times a loser is offered never include a raced time, and are free.
        Assert.DoesNotContain(starts, alternatives.Contains);

        var (won, index) = winners[0];
        var location = won.Headers.Location!.ToString();
        Assert.Matches("^/appointments/[0-9]+$", location);
        var winner = clients[index];
        Assert.Equal(HttpStatusCode.OK, (await winner.GetAsync(location)).StatusCode);
        var ics = await winner.GetAsync(location + "/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Contains("BEGIN:VEVENT", await ics.Content.ReadAsStringAsync());

        var id = int.Parse(location.Split('/').Last(), CultureInfo.InvariantCulture);
        // The winner's visit is at the time it asked for (one of the raced times), stored once.
        var wonStart = starts[index % starts.Count];
        Assert.Equal(DateTimeOffset.Parse(wonStart, CultureInfo.InvariantCulture).UtcDateTime, StartOf(databasePath, id));

        var days = starts.Concat(alternatives).Select(s => DateOnly.ParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var offered = (await clients[0].FreeAsync(serviceId, practitionerId, days.Min(), days.Max())).Select(s => s.Start).ToHashSet();
        Assert.DoesNotContain(starts, offered.Contains);
        Assert.All(alternatives, a => Assert.Contains(a, offered));
        return id;
    }

    /// <summary>The start times a "just taken" page offers, from its links to the confirm page.</summary>
    public static IReadOnlyList<string> AlternativeStarts(string html) =>
        ConfirmStart().Matches(html).Select(m => Uri.UnescapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value))).ToList();

    private static DateTime StartOf(string databasePath, int appointmentId)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT StartUtc FROM Appointments WHERE Id = $id AND Status = 'Booked'";
        command.Parameters.AddWithValue("$id", appointmentId);
        return DateTime.Parse((string)command.ExecuteScalar()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>
    /// Booked visits that overlap an earlier booked visit of the same practitioner: zero exactly when no two booked
    /// visits overlap. (A running maximum of the blocked-until times, so 50,000 rows take milliseconds, not a self-join.)
    /// </summary>
    public static long OverlappingBookedPairs(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM (
              SELECT StartUtc, MAX(BlockedUntilUtc) OVER (PARTITION BY PractitionerId ORDER BY StartUtc, Id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS EarlierBlockedUntil
                FROM Appointments WHERE Status = 'Booked')
            WHERE StartUtc < EarlierBlockedUntil
            """;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Seeds <paramref name="count"/> booked visits in the past (one an hour going back from a day before
    /// <paramref name="nowUtc"/>, alternating practitioners 1 and 2) for an existing patient, straight into the file.
    /// </summary>
    public static void SeedPastAppointments(string databasePath, DateTime nowUtc, int count, string patientEmail = "pat@clinic.test")
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var who = connection.CreateCommand();
        who.CommandText = "SELECT Id FROM AspNetUsers WHERE NormalizedEmail = $email";
        who.Parameters.AddWithValue("$email", patientEmail.ToUpperInvariant());
        var patientId = (string)who.ExecuteScalar()!;
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO Appointments (PatientId, PractitionerId, ServiceId, StartUtc, EndUtc, BlockedUntilUtc, Status, CreatedUtc, Sequence)
            VALUES ($patient, $practitioner, 2, $start, $end, $blocked, 'Booked', $start, 0)
            """;
        var patient = insert.Parameters.Add("$patient", SqliteType.Text);
        var practitioner = insert.Parameters.Add("$practitioner", SqliteType.Integer);
        var start = insert.Parameters.Add("$start", SqliteType.Text);
        var end = insert.Parameters.Add("$end", SqliteType.Text);
        var blocked = insert.Parameters.Add("$blocked", SqliteType.Text);
        patient.Value = patientId;
        var first = new DateTime(nowUtc.Year, nowUtc.Month, nowUtc.Day, nowUtc.Hour, 0, 0, DateTimeKind.Utc).AddDays(-1);
        for (var i = 0; i < count; i++)
        {
            var s = first.AddHours(-(i / 2));
            practitioner.Value = 1 + (i % 2);
            start.Value = Sql(s);
            end.Value = Sql(s.AddMinutes(45));
            blocked.Value = Sql(s.AddMinutes(60));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string Sql(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"href=""/book/confirm\?[^""]*?start=([^""&]+)")]
    private static partial Regex ConfirmStart();

    [GeneratedRegex(@"https?://[^/\s]+/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace ClinicBooking.Bench;

/// <summary>
/// Issue 14's booking load. Signed-in patients book in rounds; each round runs (patients / contenders) races at once.
/// In a race every contender opens the confirm page, then all POST /book at the same moment, aiming either at one
/// time (a same-time race) or at overlapping times of one practitioner (an overlap race: :00, :15, :30, :45). Exactly
/// one must get 302 to /appointments/N and every other 409 "just taken"; anything else is a bad race, listed on stderr.
/// <c>--practitioners</c> keeps the races to those practitioners (the bench gives the booking stream the others).
/// Prints key=value lines for scripts/bench.sh.
/// </summary>
public static partial class BookingLoad
{
    private sealed record Race(FreeSlot[] Starts);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseUrl = new Uri(options.Require("url"));
        var serviceId = options.Int("service", 2);
        var contenders = options.Int("contenders", 4);
        var seconds = options.Double("seconds", 10);
        var patients = await Task.WhenAll(options.Require("patients").Split(',')
            .Select(email => Patient.SignInAsync(baseUrl, email, options.Require("password"))));
        if (contenders < 2 || patients.Length % contenders != 0)
        {
            throw new ArgumentException("--contenders must be at least 2 and divide the number of patients.");
        }

        var block = await BlockAsync(baseUrl, serviceId);
        var races = PlanRaces(await patients[0].FreeSlotsAsync(serviceId, options.Ints("practitioners")), contenders, block);
        var racesPerRound = patients.Length / contenders;
        var posts = new List<double>();
        var confirms = new List<double>();
        var answers = new Dictionary<int, int>();
        var bad = new List<string>();
        int bookings = 0, raced = 0, round = 0;
        var started = TimeProvider.System.GetTimestamp();
        while (round * racesPerRound < races.Count && TimeProvider.System.GetElapsedTime(started).TotalSeconds < seconds)
        {
            var these = races.Skip(round * racesPerRound).Take(racesPerRound).ToList();
            // Patients rotate between rounds, so the wins spread over all of them (each account has a cap of visits ahead).
            var aims = Enumerable.Range(0, these.Count * contenders).Select(k =>
            {
                var race = these[k / contenders];
                return (Race: k / contenders, Patient: patients[(k + round) % patients.Length], Slot: race.Starts[k % contenders % race.Starts.Length]);
            }).ToList();
            var opened = await Task.WhenAll(aims.Select(a => a.Patient.OpenConfirmAsync(serviceId, a.Slot)));
            confirms.AddRange(opened.Select(o => o.Milliseconds));
            // Every page is open: now all press Book together.
            var booked = await Task.WhenAll(aims.Select((a, i) => opened[i].Token is { } token
                ? a.Patient.BookAsync(serviceId, a.Slot, token)
                : Task.FromResult(new BookAnswer(0, null, false, null, 0))));
            for (var r = 0; r < these.Count; r++)
            {
                var mine = booked.Where((_, i) => aims[i].Race == r).ToList();
                var winners = mine.Count(b => b.Status == HttpStatusCode.Redirect && b.Location is { } l && AppointmentPath().IsMatch(l));
                var losers = mine.Count(b => b.Status == HttpStatusCode.Conflict && b.SaysTaken);
                bookings += winners;
                if (winners != 1 || losers != mine.Count - 1)
                {
                    bad.Add($"{string.Join(" ", these[r].Starts.Select(s => $"{s.PractitionerId}@{s.Start}"))}: " +
                            string.Join(" ", mine.Select(b => b.Status == 0 ? "not-offered" : ((int)b.Status).ToString(CultureInfo.InvariantCulture))));
                }
            }

            foreach (var answer in booked.Where(b => b.Status != 0))
            {
                posts.Add(answer.Milliseconds);
                answers[(int)answer.Status] = answers.GetValueOrDefault((int)answer.Status) + 1;
            }

            raced += these.Count;
            round++;
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        foreach (var patient in patients)
        {
            patient.Dispose();
        }

        foreach (var line in bad.Take(20))
        {
            Console.Error.WriteLine($"bad race: {line}");
        }

        Print("patients", patients.Length);
        Print("rounds", round);
        Print("races", raced);
        Print("races_planned", races.Count);
        Print("races_bad", bad.Count);
        Print("bookings", bookings);
        Print("posts", posts.Count);
        Print("seconds", elapsed);
        Print("bookings_per_s", bookings / elapsed);
        Print("post_p50_ms", Percentile(posts, 0.50));
        Print("post_p99_ms", Percentile(posts, 0.99));
        Print("confirm_p99_ms", Percentile(confirms, 0.99));
        Console.WriteLine($"answers={string.Join(",", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}x{a.Value}"))}");
        return 0;
    }

    /// <summary>Books the last free time of the horizon (the load leaves the last day alone): the app wakes its outbox after a booking.</summary>
    public static async Task<int> BookOneAsync(CommandLine options)
    {
        var serviceId = options.Int("service", 2);
        using var patient = await Patient.SignInAsync(new Uri(options.Require("url")), options.Require("patient"), options.Require("password"));
        var slot = (await patient.FreeSlotsAsync(serviceId)).OrderBy(s => DateTimeOffset.Parse(s.Start, CultureInfo.InvariantCulture)).Last();
        var (token, _) = await patient.OpenConfirmAsync(serviceId, slot);
        var answer = token is null ? null : await patient.BookAsync(serviceId, slot, token);
        if (answer is not { Status: HttpStatusCode.Redirect })
        {
            Console.Error.WriteLine($"Booking {slot.Start} answered {(answer is null ? "no confirm page" : ((int)answer.Status).ToString(CultureInfo.InvariantCulture))}.");
            return 1;
        }

        Console.WriteLine(answer.Location);
        return 0;
    }

    /// <summary>
    /// Races that cannot touch each other once decided, per practitioner and day (the last day is left for book-one):
    /// the days of one practitioner alternate between same-time races (free starts at least a visit plus buffer apart)
    /// and overlap races (<paramref name="contenders"/> consecutive free starts inside one visit's block; the next race
    /// begins a block after the latest of them).
    /// </summary>
    private static List<Race> PlanRaces(List<FreeSlot> free, int contenders, TimeSpan block)
    {
        var lastDay = free.Max(s => s.Start[..10]);
        var races = new List<Race>();
        var days = free.Where(s => s.Start[..10] != lastDay)
            .GroupBy(s => (Day: s.Start[..10], s.PractitionerId))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.PractitionerId);
        var overlap = new Dictionary<int, bool>();
        foreach (var day in days)
        {
            var kind = overlap[day.Key.PractitionerId] = !overlap.GetValueOrDefault(day.Key.PractitionerId, true);
            var slots = day.Select(s => (Slot: s, At: DateTimeOffset.Parse(s.Start, CultureInfo.InvariantCulture))).OrderBy(s => s.At).ToList();
            var next = DateTimeOffset.MinValue;
            for (var i = 0; i < slots.Count; i++)
            {
                if (slots[i].At < next)
                {
                    continue;
                }

                if (!kind)
                {
                    races.Add(new Race([slots[i].Slot]));
                    next = slots[i].At + block;
                }
                else if (i + contenders <= slots.Count && slots[i + contenders - 1].At < slots[i].At + block)
                {
                    races.Add(new Race(slots.Skip(i).Take(contenders).Select(s => s.Slot).ToArray()));
                    next = slots[i + contenders - 1].At + block;
                }
            }
        }

        // Near days first, as patients book.
        return races;
    }

    internal static async Task<TimeSpan> BlockAsync(Uri baseUrl, int serviceId)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var services = await http.GetFromJsonAsync<List<ServiceInfo>>("/api/services") ?? [];
        var service = services.Single(s => s.Id == serviceId);
        return TimeSpan.FromMinutes(service.DurationMinutes + service.BufferMinutes);
    }

    private sealed record ServiceInfo(int Id, int DurationMinutes, int BufferMinutes);

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static void Print(string key, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.###}"));

    [GeneratedRegex("^/appointments/[0-9]+$")]
    internal static partial Regex AppointmentPath();
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace ClinicBooking.Bench;

/// <summary>
/// Issue 14's throughput goal (at least 300 bookings/s with 16 concurrent patients, p99 at most 100 ms). Each of
/// <c>--patients</c> loops is one patient pressing Book back to back for the whole run, every POST /book aimed at a free
/// start no other loop aims at and clear of the loop's own bookings, so every answer should be 302. One account may
/// hold only Clinic:MaxUpcomingVisitsPerPatient visits ahead (at most 100), more than a loop books in a run, so each
/// loop rotates over its own accounts (<c>--accounts</c>, shared out in order), all signed in before the clock starts.
/// Each account opens the confirm page once for its antiforgery token (reusable for the session) and books that time
/// with it, also before the clock starts: a 302 there proves the token. Prints key=value lines for scripts/bench.sh;
/// answers other than a 302 to /appointments/N (not_302) are listed on stderr.
/// </summary>
public static class BookingStream
{
    private sealed record Account(Patient Patient, string Token);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseUrl = new Uri(options.Require("url"));
        var serviceId = options.Int("service", 2);
        var seconds = options.Double("seconds", 10);
        var loops = options.Int("patients", 16);
        var emails = options.Require("accounts").Split(',');
        var practitioners = options.Ints("practitioners") ?? throw new ArgumentException("--practitioners is required.");
        if (loops < 1 || emails.Length % loops != 0)
        {
            throw new ArgumentException("--patients must divide the number of --accounts.");
        }

        var perLoop = emails.Length / loops;
        var signingIn = TimeProvider.System.GetTimestamp();
        var patients = new Patient[emails.Length];
        // Each sign-in hashes the password on purpose slowly: a few at a time rather than hundreds at once.
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => patients[i] = await Patient.SignInAsync(baseUrl, emails[i], options.Require("password")));
        var signInSeconds = TimeProvider.System.GetElapsedTime(signingIn).TotalSeconds;

        var block = await BookingLoad.BlockAsync(baseUrl, serviceId);
        var plans = Plan(await patients[0].FreeSlotsAsync(serviceId, practitioners), loops, block);
        var planned = plans.Sum(p => p.Count);

        // Before the clock: every account opens one confirm page and books that time with the page's token.
        var accounts = new Account[emails.Length];
        var failures = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, loops).Select(async loop =>
        {
            for (var j = 0; j < perLoop; j++)
            {
                var patient = patients[loop * perLoop + j];
                if (!plans[loop].TryDequeue(out var slot))
                {
                    failures.Enqueue($"loop {loop}: not enough free starts for its accounts' first bookings");
                    return;
                }

                var (token, _) = await patient.OpenConfirmAsync(serviceId, slot);
                var answer = token is null ? null : await patient.BookAsync(serviceId, slot, token);
                if (token is null || !IsBooked(answer!))
                {
                    failures.Enqueue($"{patient.Email}, first booking {Describe(slot, answer)}");
                    return;
                }

                accounts[loop * perLoop + j] = new Account(patient, token);
            }
        }));
        if (!failures.IsEmpty)
        {
            foreach (var failure in failures.Take(20))
            {
                Console.Error.WriteLine(failure);
            }

            return 1;
        }

        var answers = new List<(FreeSlot Slot, BookAnswer Answer)>[loops];
        var outOfStarts = 0;
        var started = TimeProvider.System.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, loops).Select(async loop =>
        {
            var mine = answers[loop] = [];
            for (var n = 0; TimeProvider.System.GetElapsedTime(started).TotalSeconds < seconds; n++)
            {
                if (!plans[loop].TryDequeue(out var slot))
                {
                    Interlocked.Increment(ref outOfStarts);
                    return;
                }

                var account = accounts[loop * perLoop + n % perLoop];
                mine.Add((slot, await PostAsync(account, serviceId, slot)));
            }
        }));
        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        foreach (var patient in patients)
        {
            patient.Dispose();
        }

        var all = answers.SelectMany(a => a).ToList();
        var booked = all.Count(a => IsBooked(a.Answer));
        var others = all.Where(a => !IsBooked(a.Answer)).ToList();
        foreach (var (slot, answer) in others.Take(10))
        {
            Console.Error.WriteLine($"not booked: {Describe(slot, answer)}");
        }

        BookingLoad.Print("patients", loops);
        BookingLoad.Print("accounts", emails.Length);
        BookingLoad.Print("accounts_per_patient", perLoop);
        BookingLoad.Print("practitioners", practitioners.Count);
        BookingLoad.Print("signin_seconds", signInSeconds);
        BookingLoad.Print("starts_planned", planned);
        BookingLoad.Print("first_bookings", accounts.Length);
        BookingLoad.Print("bookings", booked);
        BookingLoad.Print("posts", all.Count);
        BookingLoad.Print("not_302", others.Count);
        BookingLoad.Print("loops_out_of_starts", outOfStarts);
        BookingLoad.Print("seconds", elapsed);
        BookingLoad.Print("bookings_per_s", booked / elapsed);
        var times = all.Select(a => a.Answer.Milliseconds).ToList();
        BookingLoad.Print("post_p50_ms", BookingLoad.Percentile(times, 0.50));
        BookingLoad.Print("post_p99_ms", BookingLoad.Percentile(times, 0.99));
        Console.WriteLine($"answers={string.Join(",", all.GroupBy(a => (int)a.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"))}");
        return 0;
    }

    /// <summary>
    /// Per practitioner and day, free starts a visit plus buffer apart (so no two can overlap), the practitioner-days
    /// dealt out to the loops in turn, near days first. The last day is left for book-one, and starts within half an
    /// hour of the earliest offered are left out: the minimum notice could close them during the run.
    /// </summary>
    private static Queue<FreeSlot>[] Plan(List<FreeSlot> free, int loops, TimeSpan block)
    {
        var plans = Enumerable.Range(0, loops).Select(_ => new Queue<FreeSlot>()).ToArray();
        if (free.Count == 0)
        {
            return plans;
        }

        var slots = free.Select(s => (Slot: s, At: DateTimeOffset.Parse(s.Start, CultureInfo.InvariantCulture))).ToList();
        var lastDay = free.Max(s => s.Start[..10]);
        var notBefore = slots.Min(s => s.At) + TimeSpan.FromMinutes(30);
        var days = slots.Where(s => s.Slot.Start[..10] != lastDay && s.At >= notBefore)
            .GroupBy(s => (Day: s.Slot.Start[..10], s.Slot.PractitionerId))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.PractitionerId);
        var dealt = 0;
        foreach (var day in days)
        {
            var plan = plans[dealt++ % loops];
            var next = DateTimeOffset.MinValue;
            foreach (var (slot, at) in day.OrderBy(s => s.At))
            {
                if (at >= next)
                {
                    plan.Enqueue(slot);
                    next = at + block;
                }
            }
        }

        return plans;
    }

    /// <summary>One POST; a request that fails or times out counts as an answer other than 302 (status 0).</summary>
    private static async Task<BookAnswer> PostAsync(Account account, int serviceId, FreeSlot slot)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            return await account.Patient.BookAsync(serviceId, slot, account.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new BookAnswer(0, null, false, e.Message, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static bool IsBooked(BookAnswer answer) =>
        answer.Status == HttpStatusCode.Redirect && answer.Location is { } l && BookingLoad.AppointmentPath().IsMatch(l);

    private static string Describe(FreeSlot slot, BookAnswer? answer) =>
        $"{slot.PractitionerId}@{slot.Start}: " + (answer is null
            ? "the confirm page did not open"
            : $"{(int)answer.Status} {answer.Location ?? answer.Heading ?? ""}".TrimEnd());
}

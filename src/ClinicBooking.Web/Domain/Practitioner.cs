namespace ClinicBooking.Web.Domain;

/// <summary>A person who treats patients; linked one-to-one to an Identity account.</summary>
public class Practitioner
{
    private readonly List<WorkingInterval> _workingIntervals = [];

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string Bio { get; private set; } = "";
    public bool IsActive { get; private set; } = true;

    /// <summary>
    /// SHA-256 (hex) of the secret in the practitioner's calendar subscription address; null when they have none.
    /// The secret itself is shown once, when made, and never stored.
    /// </summary>
    public string? CalendarFeedHash { get; private set; }

    public DateTime? CalendarFeedCreatedUtc { get; private set; }

    /// <summary>Makes a new subscription secret (the old address stops working) and returns it.</summary>
    public string NewCalendarFeed(DateTime nowUtc)
    {
        var secret = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        CalendarFeedHash = HashFeedSecret(secret);
        CalendarFeedCreatedUtc = nowUtc;
        return secret;
    }

    public void RevokeCalendarFeed()
    {
        CalendarFeedHash = null;
        CalendarFeedCreatedUtc = null;
    }

    public static string HashFeedSecret(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    public IReadOnlyCollection<WorkingInterval> WorkingIntervals => _workingIntervals;

    private Practitioner()
    {
    }

    public Practitioner(string userId, string displayName, string bio = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        UserId = userId;
        DisplayName = displayName;
        Bio = bio;
    }

    /// <summary>Replaces the whole week's hours (the caller has checked no booked visit is stranded).</summary>
    public void SetWorkingHours(IEnumerable<Practice.HoursInterval> hours)
    {
        var replacement = hours.Select(h => new WorkingInterval(h.Day, h.Start, h.End)).ToList();
        _workingIntervals.Clear();
        foreach (var interval in replacement)
        {
            AddWorkingInterval(interval.DayOfWeek, interval.Start, interval.End);
        }
    }

    public IReadOnlyList<Practice.HoursInterval> WeeklyHours() =>
        _workingIntervals.Select(w => new Practice.HoursInterval(w.DayOfWeek, w.Start, w.End)).ToList();

    /// <summary>Adds a weekly interval in the clinic's local time; intervals of one day never overlap.</summary>
    public void AddWorkingInterval(DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        var interval = new WorkingInterval(day, start, end);
        if (_workingIntervals.Any(w => w.Overlaps(interval)))
        {
            throw new InvalidOperationException($"{day} {start}-{end} overlaps an existing interval.");
        }

        _workingIntervals.Add(interval);
    }

    public void UpdateProfile(string displayName, string bio)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        DisplayName = displayName;
        Bio = bio;
    }

    /// <summary>Hidden from booking; the account and past visits stay.</summary>
    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;
}

/// <summary>A weekly working interval, in the clinic's local time (so 09:00 stays 09:00 across DST).</summary>
public class WorkingInterval
{
    public int Id { get; private set; }
    public int PractitionerId { get; private set; }
    public DayOfWeek DayOfWeek { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }

    private WorkingInterval()
    {
    }

    public WorkingInterval(DayOfWeek dayOfWeek, TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException("A working interval must end after it starts.", nameof(end));
        }

        DayOfWeek = dayOfWeek;
        Start = start;
        End = end;
    }

    public bool Overlaps(WorkingInterval other) =>
        other.DayOfWeek == DayOfWeek && other.Start < End && Start < other.End;
}

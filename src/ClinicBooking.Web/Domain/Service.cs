namespace ClinicBooking.Web.Domain;

/// <summary>Something a patient can book: a first consultation, a follow-up.</summary>
public class Service
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int DurationMinutes { get; private set; }

    /// <summary>Time kept free after the visit, for feeding or changing the baby.</summary>
    public int BufferMinutes { get; private set; }

    public bool RequiresIntake { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>What a visit costs, in the clinic's currency; null when the clinic does not show a price.</summary>
    public decimal? Price { get; private set; }

    public const decimal MaxPrice = 100_000m;

    /// <summary>Sets or clears the price (at most two decimals, 0 to <see cref="MaxPrice"/>).</summary>
    public void SetPrice(decimal? price)
    {
        if (price is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p, MaxPrice);
            if (decimal.Round(p, 2) != p)
            {
                throw new ArgumentOutOfRangeException(nameof(price), "A price has at most two decimals.");
            }
        }

        Price = price;
    }

    /// <summary>
    /// A course of treatment (issue 16): how many sessions, the first visit included, and how many days apart.
    /// Null when the service is booked one visit at a time.
    /// </summary>
    public int? CourseSessions { get; private set; }

    public int? CourseDaysBetween { get; private set; }

    public const int MinCourseSessions = 2, MaxCourseSessions = 12, MinCourseDaysBetween = 1, MaxCourseDaysBetween = 14;

    public bool IsCourse => CourseSessions is not null && CourseDaysBetween is not null;

    /// <summary>Makes the service a course of 2 to 12 sessions, 1 to 14 days apart, or (both null) single visits again.</summary>
    public void SetCourse(int? sessions, int? daysBetween)
    {
        if (sessions is null != daysBetween is null)
        {
            throw new ArgumentException("A course needs both its number of sessions and the days between them, or neither.");
        }

        if (sessions is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, MinCourseSessions, nameof(sessions));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxCourseSessions, nameof(sessions));
            ArgumentOutOfRangeException.ThrowIfLessThan(daysBetween!.Value, MinCourseDaysBetween, nameof(daysBetween));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBetween.Value, MaxCourseDaysBetween, nameof(daysBetween));
        }

        CourseSessions = sessions;
        CourseDaysBetween = daysBetween;
    }

    /// <summary>The longest visit and the longest time kept free after it (the admin form's limits).</summary>
    public const int MaxDurationMinutes = 480, MaxBufferMinutes = 120;

    /// <summary>
    /// No appointment blocks its practitioner for longer than this, so busy time that can touch a range starts at
    /// most this long before it: reading busy time never has to look further back (BookingService).
    /// </summary>
    public static readonly TimeSpan LongestBlock = TimeSpan.FromMinutes(MaxDurationMinutes + MaxBufferMinutes);

    private Service()
    {
    }

    public Service(string name, int durationMinutes, int bufferMinutes, bool requiresIntake)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        CheckLength(durationMinutes, bufferMinutes);
        Name = name;
        DurationMinutes = durationMinutes;
        BufferMinutes = bufferMinutes;
        RequiresIntake = requiresIntake;
    }

    /// <summary>Existing appointments keep the times they were booked with; only new bookings see the change.</summary>
    public void Update(string name, int durationMinutes, int bufferMinutes, bool requiresIntake)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        CheckLength(durationMinutes, bufferMinutes);
        Name = name;
        DurationMinutes = durationMinutes;
        BufferMinutes = bufferMinutes;
        RequiresIntake = requiresIntake;
    }

    /// <summary>No longer offered for booking. Services are never deleted: booked visits refer to them.</summary>
    public void Retire() => IsActive = false;

    public void Reinstate() => IsActive = true;

    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);
    public TimeSpan Buffer => TimeSpan.FromMinutes(BufferMinutes);

    private static void CheckLength(int durationMinutes, int bufferMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(durationMinutes, MaxDurationMinutes);
        ArgumentOutOfRangeException.ThrowIfNegative(bufferMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferMinutes, MaxBufferMinutes);
    }
}

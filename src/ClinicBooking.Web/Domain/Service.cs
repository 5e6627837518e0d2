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

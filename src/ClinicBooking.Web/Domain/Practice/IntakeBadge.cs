using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.Web.Domain.Practice;

public enum IntakeState
{
    /// <summary>No submitted intake yet.</summary>
    Missing,

    /// <summary>Submitted, and the latest version has not been reviewed.</summary>
    Submitted,

    /// <summary>The latest version has been reviewed.</summary>
    Reviewed,

    /// <summary>Not for this reader: a practitioner with no current visit with the patient (PRODUCT.md §8) sees nothing of it.</summary>
    Closed,
}

/// <summary>What the schedule shows beside an appointment: the intake's state and its most urgent red flag.</summary>
public sealed record IntakeBadge(IntakeState State, FlagTier? Tier, bool Held = false)
{
    /// <summary>
    /// With the patient's open urgent case (guidance shown, perhaps only in a draft): its tier counts, and their
    /// visits are held until a practitioner has called.
    /// </summary>
    public IntakeBadge WithUrgent(FlagTier? openCaseTier) => openCaseTier is { } tier
        ? this with { Tier = Tier is { } t && t > tier ? t : tier, Held = true }
        : this;

    /// <summary>What a practitioner who may not read the patient's health data sees: no state, no tier, no hold.</summary>
    public static readonly IntakeBadge Closed = new(IntakeState.Closed, null);

    /// <param name="latestVersion">The patient's newest submitted version number, if any.</param>
    /// <param name="latestTier">That version's most urgent red-flag tier.</param>
    /// <param name="latestReviewedVersion">The newest version number anyone has marked reviewed, if any.</param>
    public static IntakeBadge For(int? latestVersion, FlagTier? latestTier, int? latestReviewedVersion)
    {
        if (latestVersion is not { } latest)
        {
            return new IntakeBadge(IntakeState.Missing, null);
        }

        var state = latestReviewedVersion >= latest ? IntakeState.Reviewed : IntakeState.Submitted;
        return new IntakeBadge(state, latestTier);
    }

    public string StateLabel => State switch
    {
        IntakeState.Missing => "No intake yet",
        IntakeState.Submitted => "Intake to review",
        IntakeState.Closed => "Intake not available",
        _ => "Intake reviewed",
    };

    public string? TierLabel => Tier is { } tier ? $"Red flag: {TierName(tier)}" : null;

    public string? HeldLabel => Held ? "Held: call the patient first" : null;

    /// <summary>The one line a screen reader or a printed sheet reads.</summary>
    public string Label => string.Join(" · ", new[] { HeldLabel, TierLabel, StateLabel }.Where(s => s is not null));

    /// <summary>A CSS modifier: the most urgent thing about this intake decides its colour.</summary>
    public string Css => Tier switch
    {
        FlagTier.Emergency => "badge-emergency",
        FlagTier.SameDay => "badge-same-day",
        FlagTier.Refer => "badge-refer",
        _ => State switch
        {
            IntakeState.Missing or IntakeState.Closed => "badge-missing",
            IntakeState.Submitted => "badge-submitted",
            _ => "badge-reviewed",
        },
    };

    public static string TierName(FlagTier tier) => tier switch
    {
        FlagTier.Emergency => "Emergency",
        FlagTier.SameDay => "Same day",
        _ => "Refer",
    };
}

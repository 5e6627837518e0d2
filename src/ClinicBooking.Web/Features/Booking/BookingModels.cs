using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.Web.Features.Booking;

/// <param name="NextHref">The confirm page of that first free time: one tap books it.</param>
public sealed record ServiceChoice(Service Service, string? NextAvailable, string? NextHref = null);

public sealed record ServicesPage(IReadOnlyList<ServiceChoice> Services, string Phone);

public sealed record PractitionersPage(Service Service, IReadOnlyList<Practitioner> Practitioners);

public sealed record GridPage(Service Service, string PractitionerChoice, string PractitionerName, WeekGrid Grid);

public sealed record ConfirmPage(Service Service, Practitioner Practitioner, DateTime StartUtc, string StartIso, string When,
    string Address, string CancellationPolicy)
{
    /// <summary>Starts so soon that, once booked, it cannot be changed or cancelled online (the policy says so in a warning).</summary>
    public bool InsideChangeWindow { get; init; }
}

/// <summary>"That time was just taken" (409) or "that time cannot be booked" (400), with what to do instead.</summary>
/// <param name="BackLabel">The way back's words, in the reader's language; "See all free times" when null.</param>
public sealed record ProblemPage(string Title, string Message, IReadOnlyList<(string When, string Href)> Alternatives, string BackHref,
    string? BackLabel = null)
{
    public string Back => BackLabel ?? Infrastructure.Text.Get<BookingText>("See all free times");
}

/// <summary>
/// Resource anchor for the booking and visit pages' sentences made in code (problems, notices, the cancellation
/// policy, the grid's labels): Resources/Features/Booking/BookingText.{language}.resx. English is the key.
/// </summary>
public sealed class BookingText;

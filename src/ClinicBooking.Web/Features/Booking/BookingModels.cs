using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.Web.Features.Booking;

/// <param name="NextHref">The confirm page of that first free time: one tap books it.</param>
public sealed record ServiceChoice(Service Service, string? NextAvailable, string? NextHref = null);

public sealed record ServicesPage(IReadOnlyList<ServiceChoice> Services, string Phone);

public sealed record PractitionersPage(Service Service, IReadOnlyList<Practitioner> Practitioners);

public sealed record GridPage(Service Service, string PractitionerChoice, string PractitionerName, WeekGrid Grid);

public sealed record ConfirmPage(Service Service, Practitioner Practitioner, DateTime StartUtc, string StartIso, string When,
    string Address, string CancellationPolicy);

/// <summary>"That time was just taken" (409) or "that time cannot be booked" (400), with what to do instead.</summary>
public sealed record ProblemPage(string Title, string Message, IReadOnlyList<(string When, string Href)> Alternatives, string BackHref,
    string BackLabel = "See all free times");

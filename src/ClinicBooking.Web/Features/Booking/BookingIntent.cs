using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// The time a signed-out visitor picked, read back from the address sign-in will return to (<c>/book/confirm?…</c>),
/// so the sign-in and sign-up pages can say what they are booking: "Follow-up treatment with Ana Silva, Wed, Dec 2,
/// 9:00 AM (New York time)". Nothing is reserved; the address itself brings them back to confirm it.
/// </summary>
public sealed class BookingIntent(BookingService booking, Infrastructure.ClinicSettingsStore settings)
{
    public async Task<string?> DescribeAsync(string? returnUrl)
    {
        if (returnUrl is null || !returnUrl.StartsWith("/book/confirm?", StringComparison.Ordinal) || returnUrl.Length > 300)
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(returnUrl["/book/confirm".Length..]);
        if (!int.TryParse(query["serviceId"], NumberStyles.None, CultureInfo.InvariantCulture, out var serviceId)
            || !int.TryParse(query["practitionerId"], NumberStyles.None, CultureInfo.InvariantCulture, out var practitionerId)
            || !TimeFormat.TryParseIso(query["start"], out var startUtc) || !booking.IsPlausible(startUtc))
        {
            return null;
        }

        var catalogue = await booking.CatalogueAsync(await booking.ReadStampsAsync(practitionerId));
        return catalogue.ActiveService(serviceId) is { } service && catalogue.ActivePractitioner(practitionerId) is { } practitioner
            ? Infrastructure.Text.Get<BookingText>("{0} with {1}, {2}", ServiceText.Name(service.Name), practitioner.DisplayName,
                TimeFormat.When(startUtc, settings.Current.Zone))
            : null;
    }
}

using ClinicBooking.Web.Features.Booking;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Puts the clinic's culture (<c>Clinic:Culture</c>, editable on the settings page) in force for the request, so every
/// page formats times, dates and numbers through <see cref="TimeFormat"/> the same way. Form values are still parsed
/// invariantly (the request's own CurrentCulture is left alone), so a typed "3.5" means the same in every clinic.
/// The words are in the visitor's language (request localisation runs first; <see cref="Languages"/>).
/// </summary>
public sealed class ClinicCultureMiddleware(RequestDelegate next, ClinicSettingsStore settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        TimeFormat.Use(settings.Current.CultureFormat.InLanguage(Languages.Current));
        return next(context);
    }
}

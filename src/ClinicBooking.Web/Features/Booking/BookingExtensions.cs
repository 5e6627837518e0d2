namespace ClinicBooking.Web.Features.Booking;

public static class BookingExtensions
{
    public static WebApplicationBuilder AddClinicBooking(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingService>();
        builder.Services.AddScoped<BookingNotifier>();
        return builder;
    }
}

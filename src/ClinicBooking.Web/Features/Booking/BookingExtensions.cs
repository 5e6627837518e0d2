namespace ClinicBooking.Web.Features.Booking;

public static class BookingExtensions
{
    public static WebApplicationBuilder AddClinicBooking(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingService>();
        return builder;
    }
}

namespace ClinicBooking.Web.Features.Booking;

public static class BookingExtensions
{
    public static WebApplicationBuilder AddClinicBooking(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingService>();
        builder.Services.AddScoped<CourseBooking>();
        builder.Services.AddScoped<Desk.DeskService>();
        builder.Services.AddScoped<Waitlist.WaitlistService>();
        builder.Services.AddScoped<BookingIntent>();
        builder.Services.AddSingleton<AvailabilityCache>();
        builder.Services.AddSingleton<AvailabilityQueries>();
        return builder;
    }
}

namespace ClinicBooking.Web.Features.Practice;

public static class PracticeExtensions
{
    public static WebApplicationBuilder AddClinicPractice(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PracticeService>();
        return builder;
    }
}

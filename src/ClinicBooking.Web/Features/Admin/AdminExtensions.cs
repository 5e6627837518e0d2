namespace ClinicBooking.Web.Features.Admin;

public static class AdminExtensions
{
    public static WebApplicationBuilder AddClinicAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminDashboard>();
        builder.Services.AddScoped<PractitionerAdmin>();
        builder.Services.AddScoped<ServiceCatalogue>();
        builder.Services.AddScoped<SettingsAdmin>();
        builder.Services.AddScoped<AuditLogQuery>();
        builder.Services.AddScoped<OutboxAdmin>();
        return builder;
    }
}

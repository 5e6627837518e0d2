using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Features.Intake;

public static class IntakeExtensions
{
    public static WebApplicationBuilder AddClinicIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeThresholds>().Bind(builder.Configuration.GetSection(IntakeThresholds.Section));
        builder.Services.AddSingleton(sp => new IntakeAssessor(sp.GetRequiredService<IOptions<IntakeThresholds>>().Value));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<IntakeService>();
        builder.Services.AddScoped<UrgentCases>();
        return builder;
    }
}

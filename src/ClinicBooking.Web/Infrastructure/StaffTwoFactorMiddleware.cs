namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// Staff read health data, so outside Development they sign in in two steps (a password and an authenticator app):
/// with <c>Security:RequireStaffTwoFactor</c> (default: true outside Development), a practitioner or admin without
/// it is sent to set it up before any staff page opens. Whether they have it comes from the account check every
/// staff request already makes (see the cookie's OnValidatePrincipal), so this costs no extra query.
/// </summary>
public sealed class StaffTwoFactorMiddleware(RequestDelegate next, IConfiguration configuration, IHostEnvironment environment)
{
    public const string SetupPath = "/Identity/Account/Manage/EnableAuthenticator";
    private const string NeedsSetupKey = "ClinicBooking.StaffNeedsTwoFactor";
    private static readonly string[] StaffAreas = ["/practitioner", "/admin", "/hangfire", "/desk"];

    private readonly bool _required = configuration.GetValue<bool?>("Security:RequireStaffTwoFactor") ?? !environment.IsDevelopment();

    public static void Note(HttpContext context, bool twoFactorEnabled) => context.Items[NeedsSetupKey] = !twoFactorEnabled;

    public Task InvokeAsync(HttpContext context)
    {
        if (_required && context.Items.TryGetValue(NeedsSetupKey, out var needs) && needs is true
            && StaffAreas.Any(area => context.Request.Path.StartsWithSegments(area, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}

namespace ClinicBooking.Web.Domain;

/// <summary>The four Identity roles of PRODUCT.md §1; their names are a contract.</summary>
public static class Roles
{
    public const string Patient = "Patient";
    public const string Practitioner = "Practitioner";

    /// <summary>The front desk: books for callers, never reads intake answers or visit notes.</summary>
    public const string Reception = "Reception";

    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Patient, Practitioner, Reception, Admin];

    /// <summary>Roles that sign in as staff: checked against the account on every request, two factors outside Development.</summary>
    public static readonly IReadOnlyList<string> Staff = [Practitioner, Reception, Admin];

    public static bool IsStaff(System.Security.Claims.ClaimsPrincipal user) => Staff.Any(user.IsInRole);
}

namespace ClinicBooking.Web.Domain;

/// <summary>The three Identity roles of PRODUCT.md §1; their names are a contract.</summary>
public static class Roles
{
    public const string Patient = "Patient";
    public const string Practitioner = "Practitioner";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Patient, Practitioner, Admin];
}

namespace ClinicBooking.Web.Data;

/// <summary>Configuration section <c>Seed</c>: the first admin of a Production database.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminName { get; set; } = "Clinic administrator";
}

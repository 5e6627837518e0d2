namespace ClinicBooking.Web.Infrastructure;

/// <summary>Configuration section <c>Clinic</c>: who the clinic is and where.</summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    public string Name { get; set; } = "Riverside Acupuncture for New Parents";
    public string Address { get; set; } = "12 Harbour Street, Springfield";
    public string Phone { get; set; } = "555-0100";

    /// <summary>IANA zone every time is shown in, e.g. America/New_York.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Where "an intake needs urgent review" alerts go. Empty: no alert (a warning is logged).</summary>
    public string AlertEmail { get; set; } = "";
}

namespace ClinicBooking.Web.Infrastructure;

/// <summary>Configuration section <c>App</c>.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The address patients reach the app at, for links in emails sent in the background.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

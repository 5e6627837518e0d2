namespace ClinicBooking.Web.Infrastructure;

/// <summary>Configuration section <c>App</c>.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    public const string PublicUrlRequired =
        "App:PublicUrl must be set outside Development: the address patients reach the app at, such as " +
        "https://booking.clinic.example (links in emails start with it).";

    /// <summary>
    /// The address patients reach the app at, for links in emails sent in the background. Required outside
    /// Development; in Development, when empty, the address the server actually listens on (<see cref="PublicAddress"/>).
    /// </summary>
    public string PublicUrl { get; set; } = "";
}

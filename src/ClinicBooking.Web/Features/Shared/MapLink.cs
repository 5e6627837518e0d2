namespace ClinicBooking.Web.Features;

/// <summary>Directions to the clinic: a map search for its address (the clinic's own, never a patient's).</summary>
public static class MapLink
{
    public static string For(string address) =>
        $"https://www.google.com/maps/search/?api=1&query={Uri.EscapeDataString(address)}";
}

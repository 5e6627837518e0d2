using Microsoft.AspNetCore.Html;

namespace ClinicBooking.Web.Features.Booking;

/// <summary>
/// The names of services as a patient reads them. Services are the clinic's data, typed by the admin in the clinic's
/// language; the two the demo clinic ships with ("Initial consultation and treatment", "Follow-up treatment") have a
/// translation in Resources/Features/Booking/ServiceText.{language}.resx, looked up when a page shows them. Any other
/// name reads as typed.
/// </summary>
public sealed class ServiceText
{
    private ServiceText()
    {
    }

    /// <summary>The service's name in the reader's language when there is one, else as the admin typed it.</summary>
    public static string Name(string typed) => Infrastructure.TemplateText.For<ServiceText>()[typed];

    /// <summary>A practitioner's bio in the reader's language when it is one the demo clinic ships with, else as typed.</summary>
    public static string Bio(string? typed) => Infrastructure.TemplateText.For<ServiceText>()[typed];
}

/// <summary>
/// Clinic data inside a page or a translated sentence (people's names, the address, the phone number): shown as typed
/// and marked translate="no", the HTML attribute that tells a browser's translator, and our Spanish page checks, to
/// leave it alone. Text is encoded by the page's own encoder when written.
/// </summary>
public static class ClinicData
{
    /// <summary><c>&lt;span translate="no"&gt;text&lt;/span&gt;</c>.</summary>
    public static IHtmlContent Keep(string? text) =>
        new HtmlContentBuilder().AppendHtml("<span translate=\"no\">").Append(text ?? "").AppendHtml("</span>");

    /// <summary>The clinic's phone number as a link that dials it.</summary>
    public static IHtmlContent PhoneLink(string phone) =>
        new HtmlContentBuilder().AppendHtml("<a href=\"tel:").Append(phone).AppendHtml("\" translate=\"no\">").Append(phone).AppendHtml("</a>");
}

/// <summary>Small pieces of markup passed into a translated sentence, so the sentence can order its words freely.</summary>
public static class Markup
{
    /// <summary><c>&lt;strong&gt;text&lt;/strong&gt;</c>, the text encoded.</summary>
    public static IHtmlContent Strong(string? text) =>
        new HtmlContentBuilder().AppendHtml("<strong>").Append(text ?? "").AppendHtml("</strong>");
}

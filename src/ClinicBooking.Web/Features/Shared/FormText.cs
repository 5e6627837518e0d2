namespace ClinicBooking.Web.Features.Shared;

/// <summary>
/// Resource anchor for words the shared form partials use (the error summary's heading, "Not answered"). Its
/// translations are Resources/Features/Shared/FormText.{language}.resx.
/// </summary>
public sealed class FormText;

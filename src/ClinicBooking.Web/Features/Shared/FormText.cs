namespace ClinicBooking.Web.Features.Shared;

/// <summary>
/// Resource anchor for the words every form shares: validation messages from data annotations ("The {0} field is
/// required.") and display names. Its translations are Resources/Features/Shared/FormText.{language}.resx.
/// </summary>
public sealed class FormText;

namespace ClinicBooking.Web.Domain.Intake;

/// <summary>
/// Resource anchor for the questionnaire's own words as a patient reads them: section titles and intros, field
/// labels, hints, option labels, units, "Not answered", "Yes" and "No". The form (<see cref="IntakeForm"/>) stays
/// English, because stored answers, rules and staff pages use it; a patient's page translates at display
/// (<c>Features.Intake.IntakeDisplay</c>). Translations: Resources/Domain/Intake/IntakeText.{language}.resx.
/// An option whose English label needs a different word in one question has an entry "Label [field_key]".
/// </summary>
public sealed class IntakeText;

/// <summary>
/// Resource anchor for red flags (<see cref="RedFlag.Rule"/>) and their guidance as the patient is shown them. The
/// assessor writes them in English with their figures, and they are stored so: practitioners read that English, the
/// patient a translation made at display with <see cref="Infrastructure.TemplateText"/> ("Weight loss of {0}% from
/// birth weight (more than {1}%)"). Translations: Resources/Domain/Intake/IntakeFlagText.{language}.resx.
/// </summary>
public sealed class IntakeFlagText;

/// <summary>
/// Resource anchor for the validator's messages (<see cref="IntakeValidator"/>), translated at display with
/// <see cref="Infrastructure.TemplateText"/> ("Enter a number from {0} to {1} weeks."). Translations:
/// Resources/Domain/Intake/IntakeMessageText.{language}.resx.
/// </summary>
public sealed class IntakeMessageText;

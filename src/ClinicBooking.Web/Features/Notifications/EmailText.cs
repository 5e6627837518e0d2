using System.Globalization;
using System.Net;
using ClinicBooking.Web.Infrastructure;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// The words of every email a patient receives (Resources/Features/Notifications/EmailText.es.resx), in the
/// language in force: the recipient's, put in force for each email by <see cref="EmailRenderer"/>, or the one an
/// account email is written in when it is queued. Staff emails are always English.
/// </summary>
public sealed class EmailText
{
    private EmailText()
    {
    }

    public static string Get(string english, params object[] arguments) => Text.Get<EmailText>(english, arguments);

    /// <summary>A sentence for an HTML body: its arguments (times, names, addresses) HTML-encoded, the sentence as written.</summary>
    public static string Html(string english, params string[] arguments) =>
        Get(english, [.. arguments.Select(a => (object)WebUtility.HtmlEncode(a))]);

    /// <summary>
    /// Writes in <paramref name="language"/> without changing the language of the caller (a page answering one
    /// visitor while it writes to another person).
    /// </summary>
    public static T In<T>(string? language, Func<T> write)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            Languages.Use(language);
            return write();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>
    /// The language a stored account email was written in, told by its subject (one of ours, in some language);
    /// English when it is none of our translations. Its button and closing lines are then written in the same one.
    /// </summary>
    public static string LanguageOfSubject(string subject)
    {
        foreach (var language in Languages.Names.Keys.Where(l => l != Languages.English))
        {
            if (In(language, () => StoredSubjects.Any(english => Get(english) == subject && english != subject)))
            {
                return language;
            }
        }

        return Languages.English;
    }

    /// <summary>The subjects of account emails stored with their text (written when queued, sent later).</summary>
    public static readonly IReadOnlyList<string> StoredSubjects =
    [
        Domain.Notifications.OutboxMessage.ConfirmSubject,
        "Someone tried to create an account with your address",
        Domain.Notifications.OutboxMessage.ResetSubject,
        // Identity's own wording, should one of its pages send an email (IdentityEmailSender translates it).
        "Confirm your email",
    ];
}

using System.Net;
using System.Text.RegularExpressions;

namespace ClinicBooking.Web.Email;

/// <summary>Turns the small HTML fragments Identity writes into a readable plain-text part.</summary>
public static partial class HtmlText
{
    public static string ToPlainText(string html)
    {
        var withLinks = AnchorRegex().Replace(html, m =>
        {
            var href = WebUtility.HtmlDecode(m.Groups["href"].Value);
            var text = WebUtility.HtmlDecode(TagRegex().Replace(m.Groups["text"].Value, "")).Trim();
            // The address stands on its own line, so no punctuation after it is taken as part of it.
            return text.Length == 0 || text == href ? $"\n{href}\n" : $"{text}\n{href}\n";
        });
        var withBreaks = BreakRegex().Replace(withLinks, "\n");
        var text = WebUtility.HtmlDecode(TagRegex().Replace(withBreaks, ""));
        text = LonePunctuationRegex().Replace(text, "\n");
        return WhitespaceRunRegex().Replace(text, "\n\n").Trim();
    }

    /// <summary>Every absolute http(s) link in a text, in order, without duplicates.</summary>
    public static IReadOnlyList<string> Links(string text) =>
        UrlRegex().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')', ';')).Distinct().ToList();

    [GeneratedRegex("""<a\s[^>]*href\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<text>.*?)</a>""",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    /// <summary>An HTML link, with groups <c>href</c> and <c>text</c>.</summary>
    public static partial Regex AnchorRegex();

    [GeneratedRegex("<(br|/p|/div|/h[1-6]|/li)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("\\n\\s*\\n\\s*(\\n\\s*)*")]
    private static partial Regex WhitespaceRunRegex();

    [GeneratedRegex("\\n[ \\t]*[.,;:!]+[ \\t]*(?=\\n|$)")]
    private static partial Regex LonePunctuationRegex();

    [GeneratedRegex("https?://[^\\s\"'<>]+")]
    private static partial Regex UrlRegex();
}

using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// Reading a page as a Spanish-speaking parent would (issue 15): a client that asks for Spanish the way a browser
/// does, and a check that no English sentence is left on the page. Names, addresses and other clinic data are
/// marked translate="no" in the views and skipped, as is the language switch (it names English on purpose).
/// </summary>
public static partial class Spanish
{
    /// <summary>Words common in English sentences that no Spanish sentence uses.</summary>
    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "your", "you", "and", "with", "please", "this", "that", "what", "when", "will", "have", "here", "our",
        "from", "for", "are", "can", "need", "visit", "visits", "next", "back", "help", "call", "today", "book", "time",
        "times", "more", "about", "how", "step", "steps", "answer", "save", "sign", "account", "password", "baby",
        "feeds", "days", "hours", "week", "morning", "afternoon", "evening", "yes", "not", "any", "or", "of", "to",
        "in", "is", "it", "be", "an", "at", "on", "by",
    };

    public static HttpClient Client(this ClinicAppFactory app)
    {
        var client = app.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-US,es;q=0.9");
        return client;
    }

    /// <summary>Visible words and the words of labels a screen reader speaks, minus clinic data and the switch.</summary>
    public static string ReadableText(IHtmlDocument document)
    {
        var body = (IElement)document.Body!.Clone();
        // The title cannot mark its data, so the data the page marks (the clinic's name) is taken out of it too.
        var title = document.Title ?? "";
        foreach (var data in body.QuerySelectorAll("[translate='no']").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).OrderByDescending(t => t.Length))
        {
            title = title.Replace(data, " ", StringComparison.Ordinal);
        }

        foreach (var skipped in body.QuerySelectorAll("script, style, template, [translate='no'], .language-switch").ToList())
        {
            skipped.Remove();
        }

        var spoken = body.QuerySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit][value]")
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("title"), e.GetAttribute("placeholder"), e.GetAttribute("alt"),
                e.GetAttribute("type") == "submit" ? e.GetAttribute("value") : null })
            .Where(v => !string.IsNullOrWhiteSpace(v));
        return string.Join(" \n", new[] { body.TextContent, title }.Concat(spoken!));
    }

    /// <summary>Every English word found, with a little of the text around it, so a failure says where to look.</summary>
    public static IReadOnlyList<string> EnglishLeftIn(IHtmlDocument document)
    {
        var text = ReadableText(document);
        return Word().Matches(text).Where(m => EnglishWords.Contains(m.Value))
            .Select(m => text.Substring(Math.Max(0, m.Index - 40), Math.Min(text.Length - Math.Max(0, m.Index - 40), 80 + m.Length)).ReplaceLineEndings(" ").Trim())
            .Distinct().ToList();
    }

    public static void AssertNoEnglish(IHtmlDocument document, string page)
    {
        var left = EnglishLeftIn(document);
        Assert.True(left.Count == 0, $"{page} still has English for a Spanish reader:\n" + string.Join("\n", left.Take(30)));
        Assert.StartsWith("es", document.DocumentElement.GetAttribute("lang"));
    }

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex Word();
}

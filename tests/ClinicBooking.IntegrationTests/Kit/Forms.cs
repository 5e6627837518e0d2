using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>Real form round trips: GET a page, read its form's fields and antiforgery token, POST it back.</summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"GET {url} answered {(int)response.StatusCode}{(response.Headers.Location is { } to ? $" to {to}" : "")}: {body[..Math.Min(body.Length, 1500)]}");
        }

        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, takes the form matching <paramref name="formSelector"/> (the first form
    /// with an antiforgery token by default), fills <paramref name="fields"/> over its current values and
    /// POSTs it to its action.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl,
        IReadOnlyDictionary<string, string> fields, string? formSelector = null)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var form = (formSelector is null
                       ? document.Forms.FirstOrDefault(f => f.QuerySelector("input[name=__RequestVerificationToken]") is not null)
                       : document.QuerySelector(formSelector) as IHtmlFormElement)
                   ?? throw new InvalidOperationException($"No form on {pageUrl}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || fields.ContainsKey(input.Name) || input.Type is "submit" or "button")
            {
                continue;
            }

            if (input.Type is "checkbox" or "radio")
            {
                if (input.IsChecked)
                {
                    values.Add(new(input.Name, input.Value));
                }

                continue;
            }

            values.Add(new(input.Name, input.Value));
        }

        // A select sends its chosen option, or its first one, as a browser does.
        foreach (var select in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlSelectElement>())
        {
            if (!string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name)
                && (select.SelectedOptions.FirstOrDefault() ?? select.Options.FirstOrDefault()) is { } option)
            {
                values.Add(new(select.Name, option.Value));
            }
        }

        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static string AntiforgeryToken(this IHtmlDocument document) =>
        document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");
}

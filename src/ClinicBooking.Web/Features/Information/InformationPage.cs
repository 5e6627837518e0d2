using Markdig;
using Microsoft.AspNetCore.Html;

namespace ClinicBooking.Web.Features.Information;

/// <summary>
/// The clinic's information page, written in Markdown (Content/lactation-deficiency.md) so the clinic can edit
/// the words without touching code. Rendered on the server; re-rendered only when the file changes.
/// Raw HTML in the file is not passed through: the page's markup comes from Markdown alone. Each language has its
/// own file beside it (lactation-deficiency.es.md); a language without one reads the English page.
/// </summary>
public sealed class InformationPage(IWebHostEnvironment environment)
{
    private static readonly MarkdownPipeline Pipeline =
        new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTime Written, HtmlString Html)> _cache = new(StringComparer.Ordinal);

    /// <summary>The English page, the one every language falls back to.</summary>
    public string FilePath { get; } = Path.Combine(environment.ContentRootPath, "Content", "lactation-deficiency.md");

    /// <summary>The page's file for <paramref name="language"/> ("en", "es"), or the English one when it has none.</summary>
    public string FileFor(string language)
    {
        if (language == Infrastructure.Languages.English)
        {
            return FilePath;
        }

        var translated = Path.ChangeExtension(FilePath, $".{language}.md");
        return File.Exists(translated) ? translated : FilePath;
    }

    public HtmlString Render() => Render(Infrastructure.Languages.Current);

    public HtmlString Render(string language)
    {
        var path = FileFor(language);
        var written = File.GetLastWriteTimeUtc(path);
        lock (_gate)
        {
            if (!_cache.TryGetValue(path, out var cached) || cached.Written != written)
            {
                cached = (written, new HtmlString(Markdown.ToHtml(File.ReadAllText(path), Pipeline)));
                _cache[path] = cached;
            }

            return cached.Html;
        }
    }
}

using Markdig;
using Microsoft.AspNetCore.Html;

namespace ClinicBooking.Web.Features.Information;

/// <summary>
/// The clinic's information page, written in Markdown (Content/lactation-deficiency.md) so the clinic can edit
/// the words without touching code. Rendered on the server; re-rendered only when the file changes.
/// Raw HTML in the file is not passed through: the page's markup comes from Markdown alone.
/// </summary>
public sealed class InformationPage(IWebHostEnvironment environment)
{
    private static readonly MarkdownPipeline Pipeline =
        new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    private readonly Lock _gate = new();
    private (DateTime Written, HtmlString Html)? _cache;

    public string FilePath { get; } = Path.Combine(environment.ContentRootPath, "Content", "lactation-deficiency.md");

    public HtmlString Render()
    {
        var written = File.GetLastWriteTimeUtc(FilePath);
        lock (_gate)
        {
            if (_cache is not { } cached || cached.Written != written)
            {
                cached = (written, new HtmlString(Markdown.ToHtml(File.ReadAllText(FilePath), Pipeline)));
                _cache = cached;
            }

            return cached.Html;
        }
    }
}

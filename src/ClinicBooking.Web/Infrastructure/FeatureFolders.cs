using Microsoft.AspNetCore.Mvc.Razor;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>Views live beside their controller: Features/{Controller}/{View}.cshtml (decision 0002).</summary>
public static class FeatureFolders
{
    public static void Configure(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ClinicBooking.IntegrationTests.Security;

/// <summary>
/// appsettings.sample.json is what an operator copies: every setting the app reads must be in it, and its notes on the
/// security settings must say what the code does.
/// </summary>
public sealed partial class SecuritySampleSettingsTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClinicBooking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClinicBooking.sln not found above " + AppContext.BaseDirectory);
    }

    private static IConfigurationRoot Sample(string root) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.sample.json"), optional: false).Build();

    private static bool Present(IConfiguration sample, string key) =>
        sample[key] is not null || sample.GetSection(key).GetChildren().Any()
        // An empty array (KnownNetworks: []) has no children; the JSON still names it.
        || File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.sample.json")).Contains($"\"{key.Split(':')[^1]}\"", StringComparison.Ordinal);

    [GeneratedRegex("""(?:[Cc]onfiguration)(?:\.GetValue<[^>]+>\(|\.GetSection\(|\[)"(?<key>[A-Za-z]+(?::[A-Za-z]+)*)"\)?""")]
    private static partial Regex ConfigurationRead();

    [GeneratedRegex("""const string Section = "(?<key>[A-Za-z]+)";""")]
    private static partial Regex OptionsSection();

    [Fact]
    public void Every_setting_the_app_reads_by_name_and_every_options_section_is_in_the_sample()
    {
        var root = RepositoryRoot();
        var sample = Sample(root);
        var keys = Directory.EnumerateFiles(Path.Combine(root, "src", "ClinicBooking.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .SelectMany(text => ConfigurationRead().Matches(text).Concat(OptionsSection().Matches(text)))
            .Select(m => m.Groups["key"].Value).Distinct().ToList();
        Assert.Contains("Security:RequireStaffTwoFactor", keys); // the scan itself finds what it should
        Assert.Contains("Clinic", keys);
        Assert.All(keys, key => Assert.True(Present(sample, key), $"{key} is read by the app but missing from appsettings.sample.json"));
        Assert.Equal("*", sample["AllowedHosts"]);
    }

    [Fact]
    public void The_sample_requires_staff_two_step_sign_in_and_its_notes_do_not_claim_loopback_is_trusted()
    {
        var sample = Sample(RepositoryRoot());
        Assert.Equal("True", sample["Security:RequireStaffTwoFactor"], ignoreCase: true);
        Assert.DoesNotContain("loopback only", sample["RateLimits://"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ForwardedHeaders", sample["RateLimits://"], StringComparison.Ordinal);
    }
}

using System.Globalization;

namespace ClinicBooking.Bench;

/// <summary><c>--name value</c> pairs.</summary>
public sealed class CommandLine(Dictionary<string, string> values)
{
    public static CommandLine Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i += 2)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
            {
                throw new ArgumentException($"Expected --name value, got '{list[i]}'.");
            }

            values[list[i][2..]] = list[i + 1];
        }

        return new CommandLine(values);
    }

    public string Require(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated list of numbers, or null when the option is absent.</summary>
    public List<int>? Ints(string name) =>
        values.TryGetValue(name, out var value)
            ? value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : null;

    public double Double(string name, double fallback) =>
        values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

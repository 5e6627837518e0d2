using MimeKit;

namespace ClinicBooking.Web.Email;

/// <summary>Writes each message as an .eml file, for development and for machines without an SMTP server.</summary>
public sealed class PickupDirectoryEmailTransport(PickupDirectory directory, TimeProvider clock) : IEmailTransport
{
    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<int, Task>? accepted = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory.Path);
        var results = new List<SendResult>();
        foreach (var message in messages)
        {
            try
            {
                var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.eml";
                var temp = System.IO.Path.Combine(directory.Path, name + ".tmp");
                await message.WriteToAsync(temp, cancellationToken);
                // Written under a temporary name, then renamed, so a reader never sees half a message.
                File.Move(temp, System.IO.Path.Combine(directory.Path, name));
                results.Add(SendResult.Ok);
                if (accepted is not null)
                {
                    await accepted(results.Count - 1);
                }
            }
            catch (IOException e)
            {
                results.Add(SendResult.Temporary($"Could not write to the pickup folder: {e.Message}"));
            }
        }

        return results;
    }
}

/// <summary>The absolute path of the pickup directory.</summary>
public sealed record PickupDirectory(string Path)
{
    public static bool IsValidFileName(string name) =>
        name.Length <= 80 && name.EndsWith(".eml", StringComparison.Ordinal) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && !name.Contains("..", StringComparison.Ordinal);
}

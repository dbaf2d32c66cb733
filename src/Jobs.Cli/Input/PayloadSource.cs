using System.Text;

namespace Jobs.Cli.Input;

/// <summary>
/// Reads the payload <c>--payload</c> names: JSON given inline, <c>@path</c> for a file's bytes, or
/// <c>-</c> for stdin. The bytes are not checked here: the client checks them as it checks every
/// payload (JSON, UTF-8, depth), so the tool accepts exactly what the API does.
/// </summary>
internal static class PayloadSource
{
    public static async Task<byte[]> ReadAsync(string? value, TextReader stdin, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return "{}"u8.ToArray();
        }
        if (value == "-")
        {
            return Encoding.UTF8.GetBytes(await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            try
            {
                return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw CliException.Usage($"cannot read the payload file '{path}': {ex.Message}", ex);
            }
        }
        return Encoding.UTF8.GetBytes(value);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Jobs.Cli.Dashboard;

/// <summary>
/// The secret in the URL <c>jobs dashboard</c> prints: it signs in one browser, once. Another local
/// user or a page in another tab that guesses the port still cannot get in.
/// </summary>
internal sealed class OneTimeToken
{
    private readonly byte[] _value = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
    private int _used;

    /// <summary>The token as the URL carries it.</summary>
    public string Value => Encoding.ASCII.GetString(_value);

    /// <summary>True the first time the right token is presented; false for a wrong one and for every later try.</summary>
    public bool TryRedeem(string? presented)
    {
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), _value))
        {
            return false;
        }
        return Interlocked.Exchange(ref _used, 1) == 0;
    }
}

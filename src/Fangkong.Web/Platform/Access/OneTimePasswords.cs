using System.Security.Cryptography;
using System.Text;

namespace Fangkong.Web.Platform.Access;

// Dual control of a new account's first password (三权分立): the system administrator who creates the
// account sets its initial password, the security administrator who grants its role receives a random
// activation code, and the first sign-in needs both — initial password followed by the code. Neither
// administrator alone can sign in as the account, and the owner must then replace it with their own.
public static class OneTimePasswords
{
    public const int ActivationCodeLength = 10;

    // No 0/O, 1/I/L: the code is read out or handed over on paper.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string NewActivationCode() => RandomNumberGenerator.GetString(Alphabet, ActivationCodeLength);

    // SHA-256 is enough here: the code is 49 random bits, lives until the first password change, and
    // guessing it online is stopped by the lockout.
    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.ToUpperInvariant())));

    public static bool Matches(string? storedHash, string? code) =>
        storedHash is not null && code is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(code)));

    // For an account waiting for its first password change, the last characters are the activation code.
    public static (string Secret, string? ActivationCode) Split(AppUser? user, string password) =>
        user is { MustChangePassword: true } && password.Length > ActivationCodeLength
            ? (password[..^ActivationCodeLength], password[^ActivationCodeLength..])
            : (password, null);
}

using System.Security.Cryptography;
using System.Text;

namespace Fangkong.HealthCodes;

// Binds a token to an ID card without carrying the number. An ID number has little entropy (region,
// birth date, sequence), so a plain hash in a token anyone can read would give the number back by
// enumeration. The hash is therefore salted with the token's serial (no precomputed tables across
// tokens) and slowed by PBKDF2 (each guess costs what a checkpoint pays once), and the token shows only
// the last four characters, leaving region and birth date to guess. WebCrypto has PBKDF2, so the
// offline page computes the same value.
public static class SubjectBinding
{
    public const int Iterations = 20_000;
    private const int Bytes = 16;

    public static string Hash(string idNumber, string serial)
    {
        var id = Normalise(idNumber);
        var salt = Encoding.UTF8.GetBytes("FK1|" + serial);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(id), salt, Iterations, HashAlgorithmName.SHA256, Bytes);
        return Base64Url.Encode(hash);
    }

    public static bool Matches(HealthCodePayload payload, string presentedIdNumber)
    {
        var id = Normalise(presentedIdNumber);
        if (id.Length < 4 || !id.EndsWith(payload.IdLast4, StringComparison.Ordinal)) return false;
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(id, payload.Serial)), Encoding.ASCII.GetBytes(payload.SubjectHash));
    }

    public static string Last4(string idNumber)
    {
        var id = Normalise(idNumber);
        return id.Length <= 4 ? id : id[^4..];
    }

    // The check character is written x or X on cards and forms.
    private static string Normalise(string id) => id.Trim().ToUpperInvariant();
}

namespace Fangkong.Cli;

// Scripts branch on these, so they are stated in every command's --help text too.
internal static class ExitCodes
{
    public const int Ok = 0;
    // The request was understood but the answer is bad: tampered chain, not found, refused, failed.
    public const int Failed = 1;
    // The request itself was wrong: unknown option, unknown city code, invalid name or password.
    public const int Usage = 2;
}

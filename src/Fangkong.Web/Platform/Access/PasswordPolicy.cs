using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Access;

// At least 8 characters (long passphrases welcome), not a commonly used password, and a configurable
// number of character classes.
public sealed class PasswordPolicy(IOptions<PlatformOptions> options) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 256;

    // About 49,000 passwords ranked by frequency in leaked-password corpora, plus the ones Chinese users
    // favour (CommonPasswords/README.md says where they come from). Loaded once, on first use.
    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    public static int CommonCount => Common.Value.Count;

    private static HashSet<string> LoadCommon()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Fangkong.CommonPasswords.txt.gz")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var gzip = new System.IO.Compression.GZipStream(resource, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line);
        return set;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = new List<IdentityError>();
        password ??= "";
        if (password.Length < MinimumLength)
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"密码至少 {MinimumLength} 个字符 / at least {MinimumLength} characters" });
        if (password.Length > MaximumLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"密码最多 {MaximumLength} 个字符 / at most {MaximumLength} characters" });
        if (IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "密码过于常见 / too common: it is on the list of leaked passwords" });
        if (user.UserName is { Length: > 0 } name && password.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "密码不能包含用户名 / must not contain the user name" });
        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        // Long passphrases are strong by length; the class rule applies to short passwords only.
        if (password.Length < 20 && classes < options.Value.PasswordCharacterClasses)
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = $"密码需包含大写、小写、数字、符号中的至少 {options.Value.PasswordCharacterClasses} 类 / mix at least {options.Value.PasswordCharacterClasses} of upper, lower, digit, symbol" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

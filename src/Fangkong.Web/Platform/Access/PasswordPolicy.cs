using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Access;

// At least 8 characters (long passphrases welcome), not a commonly used password, and a configurable
// number of character classes.
public sealed class PasswordPolicy(IOptions<PlatformOptions> options) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 256;

    // The most common passwords in published leak corpora, including the ones Chinese users favour.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "12345678", "123456789",
        "1234567890", "11111111", "00000000", "88888888", "66666666", "87654321", "12341234", "11223344",
        "qwertyui", "qwerty123", "qwertyuiop", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "qazwsxedc", "zxcvbnm1",
        "abc12345", "abcd1234", "a1234567", "a12345678", "a123456789", "aa123456", "iloveyou", "woaini1314",
        "woaini520", "5201314520", "admin123", "admin@123", "administrator", "welcome1", "welcome123",
        "letmein1", "sunshine", "princess", "football", "baseball", "superman", "trustno1", "computer",
        "Aa123456", "Aa123456!", "Abc@1234", "Abc123456", "P@ssw0rd1", "Qwer1234", "Qwer@1234", "Admin@1234",
        "Fangkong1", "Fangkong@123", "changeme", "changeme1",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = new List<IdentityError>();
        password ??= "";
        if (password.Length < MinimumLength)
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"密码至少 {MinimumLength} 个字符 / at least {MinimumLength} characters" });
        if (password.Length > MaximumLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"密码最多 {MaximumLength} 个字符 / at most {MaximumLength} characters" });
        if (Common.Contains(password) || (user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "密码过于常见或包含用户名 / too common or contains the user name" });
        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        // Long passphrases are strong by length; the class rule applies to short passwords only.
        if (password.Length < 20 && classes < options.Value.PasswordCharacterClasses)
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = $"密码需包含大写、小写、数字、符号中的至少 {options.Value.PasswordCharacterClasses} 类 / mix at least {options.Value.PasswordCharacterClasses} of upper, lower, digit, symbol" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

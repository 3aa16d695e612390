using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fangkong.Cli.Commands;

// Shared by the analyst commands (rt, seir, hospital-demand), which compute from files and options
// alone: no host, no database. Every value is parsed in the invariant culture (System.CommandLine's own
// conversion follows the current culture, where "2,6" can be a number) and checked at parse time, so a
// bad value is a usage error (exit 2) whose message names the option.
internal static class AnalystOptions
{
    // In place of a file name: standard output (or standard input for an input file).
    public const string StandardStream = "-";

    public const string ExitCodesHelp =
        "Exit 0 written; 1 the computation failed; 2 an invalid option or an unreadable or malformed input file (the message names the option and the line).";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // A doubling time is infinite when distancing stops growth exactly; JSON has no number for that.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    // parse gives (false, _) for a token that is not a valid value; the error then says what is.
    public static Option<T> Parsed<T>(string name, string description, string helpName, Func<string, (bool Ok, T Value)> parse, string requirement)
    {
        var option = new Option<T>(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.ExactlyOne };
        option.CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            var (ok, value) = parse(token);
            if (!ok) result.AddError($"{name} must be {requirement}, not '{token}'.");
            return value;
        };
        return option;
    }

    public static Option<double> Number(string name, string description, string requirement, Func<double, bool> isValid, double? defaultValue = null)
    {
        var option = Parsed(name, description, "NUMBER", token => ParseDouble(token) is { } v && isValid(v) ? (true, v) : (false, 0.0), requirement);
        if (defaultValue is { } fallback) option.DefaultValueFactory = _ => fallback;
        else option.Required = true;
        return option;
    }

    public static Option<double?> OptionalNumber(string name, string description, string requirement, Func<double, bool> isValid) =>
        Parsed<double?>(name, description, "NUMBER", token => ParseDouble(token) is { } v && isValid(v) ? (true, v) : (false, null), requirement);

    public static Option<int> WholeNumber(string name, string description, string requirement, Func<int, bool> isValid, int? defaultValue = null)
    {
        var option = Parsed(name, description, "N", token => ParseInt(token) is { } v && isValid(v) ? (true, v) : (false, 0), requirement);
        if (defaultValue is { } fallback) option.DefaultValueFactory = _ => fallback;
        else option.Required = true;
        return option;
    }

    public static Option<DateOnly?> Date(string name, string description) =>
        Parsed<DateOnly?>(name, description, "yyyy-MM-dd",
            token => DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (true, d) : (false, null),
            "a date yyyy-MM-dd");

    public static Option<string> File(string name, string description, bool required, string helpName = "FILE")
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName, Required = required };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                result.AddError($"{name} needs a file name, or - for the standard stream.");
        });
        return option;
    }

    public static double? ParseDouble(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    public static int? ParseInt(string token) =>
        int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    // Present on the command line, not merely defaulted.
    public static bool Given(CommandResult command, Option option) => command.GetResult(option) is { Implicit: false };

    // A command validator runs before System.CommandLine converts the options, and when it reports an error
    // the per-option checks are skipped. So it converts every option first (each bad value then reports its
    // own error) and checks combinations only when all of them parsed.
    public static bool OptionsParsed(CommandResult command)
    {
        var parsed = true;
        foreach (var option in command.Command.Options)
        {
            if (command.GetResult(option) is not { } result) continue;
            try
            {
                result.GetValueOrDefault<object?>();
            }
            catch (InvalidOperationException)
            {
                parsed = false;
            }
        }
        return parsed;
    }

    // For cross-option checks: the value, or default when the option's own parse failed (System.CommandLine
    // throws on reading such a value; the option's error is reported by itself).
    public static T? ValueIfValid<T>(CommandResult command, Option<T> option)
    {
        try
        {
            return command.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    public static string Format(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    // An input file, or standard input for "-". Missing files and malformed content (the library's
    // FormatException names the line) are usage errors: null after the message.
    public static T? Read<T>(Terminal terminal, string optionName, string path, Func<TextReader, T> read)
        where T : class
    {
        try
        {
            if (path == StandardStream) return read(terminal.In);
            using var reader = System.IO.File.OpenText(path);
            return read(reader);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            terminal.Err.WriteLine($"error: {optionName}: no such file '{path}'.");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            terminal.Err.WriteLine($"error: {optionName}: cannot read '{path}': {e.Message}");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            terminal.Err.WriteLine($"error: {optionName} {path}: {Message(e)}");
        }
        return null;
    }

    // An output file, or standard output for "-". Called only once the results are computed, so a
    // failed computation never leaves a truncated file behind.
    public static bool Write(Terminal terminal, string optionName, string path, Action<TextWriter> write)
    {
        if (path == StandardStream)
        {
            write(terminal.Out);
            terminal.Out.Flush();
            return true;
        }
        try
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            write(writer);
            return true;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            terminal.Err.WriteLine($"error: {optionName}: cannot write '{path}': {e.Message}");
            return false;
        }
    }

    // ArgumentException appends "(Parameter 'x')" and the actual value; the reader needs only the sentence.
    public static string Message(Exception e)
    {
        var message = e.Message.Split('\n')[0].TrimEnd();
        if (e is ArgumentException { ParamName: { } parameter })
        {
            var suffix = $" (Parameter '{parameter}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        }
        return message;
    }
}

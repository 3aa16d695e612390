namespace Fangkong.Cli;

// The streams a command talks to. Tests pass writers and a reader; the real console adds password
// entry without echo.
internal sealed record Terminal(TextWriter Out, TextWriter Err, TextReader In, bool Interactive)
{
    public static Terminal Redirected(TextWriter @out, TextWriter err, TextReader? input = null) =>
        new(@out, err, input ?? TextReader.Null, Interactive: false);

    public string? ReadSecret(string prompt)
    {
        if (!Interactive) return In.ReadLine();
        Err.Write(prompt);
        var secret = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (secret.Length > 0) secret.Length--; }
            else if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        Err.WriteLine();
        return secret.ToString();
    }
}

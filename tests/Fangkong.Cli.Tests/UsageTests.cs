namespace Fangkong.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task Help_states_the_exit_codes()
    {
        var output = new StringWriter();
        var exit = await Cli.RunAsync(["--help"], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("Exit codes: 0 success; 1 failed", output.ToString());
        foreach (var command in new[] { "db", "seed", "audit", "users", "divisions" })
            Assert.Contains(command, output.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("seed --town 3101")]
    [InlineData("audit verify --provider mysql")]
    [InlineData("users create-admin --user root --role CityCommander")]
    [InlineData("users create-admin --role SecurityAdmin")]
    [InlineData("divisions show")]
    public async Task A_malformed_command_line_exits_2_with_the_reason_on_stderr(string commandLine)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await Cli.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, errors);

        Assert.Equal(2, exit);
        Assert.Contains("error:", errors.ToString());
        Assert.Equal("", output.ToString());
    }
}

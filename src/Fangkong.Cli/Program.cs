using System.Text;

namespace Fangkong.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        // Division and facility names are Chinese; a Windows console would otherwise print them as '?'.
        Console.OutputEncoding = Encoding.UTF8;
        return Cli.RunAsync(args, new Terminal(Console.Out, Console.Error, Console.In, Interactive: !Console.IsInputRedirected));
    }
}

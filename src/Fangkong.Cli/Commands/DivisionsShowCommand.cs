using System.Globalization;
using Fangkong.Web.Features.Divisions;

namespace Fangkong.Cli.Commands;

internal static class DivisionsShowCommand
{
    public static Command Create(CliHost host)
    {
        var code = new Argument<string>("code") { Description = "Division code: 4-digit city, 6-digit district, 9-digit street or 12-digit committee." };
        var show = new Command("show", "Show a division, where it sits, and its children with populations. Exit 0 found; 1 not found.") { code };
        show.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            if (!await host.RequireSchemaAsync(services, ct)) return ExitCodes.Failed;
            var directory = services.GetRequiredService<DivisionDirectory>();
            var wanted = parse.GetValue(code)!.Trim();
            if (await directory.GetAsync(wanted, ct) is not { } division)
            {
                host.Terminal.Err.WriteLine(wanted.Length >= 4 && wanted.All(char.IsAsciiDigit)
                    ? $"error: division {wanted} is not loaded: an unknown code, or its city is not seeded (`fangkong seed --city {wanted[..4]}`)."
                    : $"error: '{wanted}' is not a division code.");
                return ExitCodes.Failed;
            }
            var output = host.Terminal.Out;
            var path = (await directory.AncestorsAsync(wanted, ct)).Select(a => a.Name).Append(division.Name);
            output.WriteLine(string.Join(" › ", path));
            output.WriteLine($"{division.Code}  {division.Level}  population {Number(division.Population)}{(division.PopulationIsCensus ? " (census)" : "")}"
                + $"  ages 0-14 {Number(division.Age0To14)} / 15-64 {Number(division.Age15To64)} / 65+ {Number(division.Age65Plus)}");
            var children = await directory.ChildrenAsync(wanted, ct);
            output.WriteLine($"{children.Count} children");
            // Names last: Chinese characters are double width, so padding them would not line up.
            foreach (var child in children)
                output.WriteLine($"  {child.Code,-12} {child.Level,-9} {Number(child.Population),12}  {child.Name}");
            return ExitCodes.Ok;
        }, ct));

        var divisions = new Command("divisions", "The GB/T 2260 division tree.");
        divisions.Subcommands.Add(show);
        return divisions;
    }

    private static string Number(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}

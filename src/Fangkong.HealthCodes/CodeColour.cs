namespace Fangkong.HealthCodes;

// The colour carried in a token, one letter on the wire (G/Y/R) to keep the QR code small.
public enum CodeColour { Green = 0, Yellow = 1, Red = 2 }

public static class CodeColours
{
    public static string ToWire(CodeColour c) => c switch
    {
        CodeColour.Green => "G",
        CodeColour.Yellow => "Y",
        CodeColour.Red => "R",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static bool TryParse(string? wire, out CodeColour colour)
    {
        (var ok, colour) = wire switch
        {
            "G" => (true, CodeColour.Green),
            "Y" => (true, CodeColour.Yellow),
            "R" => (true, CodeColour.Red),
            _ => (false, CodeColour.Green),
        };
        return ok;
    }
}

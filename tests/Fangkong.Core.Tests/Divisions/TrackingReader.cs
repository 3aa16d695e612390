namespace Fangkong.Core.Tests.Divisions;

internal sealed class TrackingReader(TextReader inner) : TextReader
{
    public bool Disposed { get; private set; }

    public override string? ReadLine() => inner.ReadLine();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        inner.Dispose();
        base.Dispose(disposing);
    }
}

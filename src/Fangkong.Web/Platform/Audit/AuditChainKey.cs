using System.Security.Cryptography;
using Fangkong.Core.Audit;
using Fangkong.Web.Platform.Data;
using Npgsql;

namespace Fangkong.Web.Platform.Audit;

// Section "Audit" of the configuration. The key and the anchor must live outside the database, and in
// production away from the database's own disk and its administrators (see README, "Audit chain").
public sealed class AuditChainOptions
{
    // Base64 of at least 32 random bytes (e.g. from an environment variable or a secret store). Wins over KeyFile.
    public string? Key { get; set; }
    // A file holding the base64 key; created with a fresh random key (mode 0600) when it does not exist.
    // Default: audit-chain.key next to the SQLite file, or under Database:DataDirectory for PostgreSQL.
    public string? KeyFile { get; set; }
    // The append-only anchor file: one signed line with the newest sequence and hash per append.
    // Default: <database file>.audit-anchor for SQLite, <DataDirectory>/audit-anchor-<database>.log for PostgreSQL.
    public string? AnchorFile { get; set; }
}

// The audit chain's key and its anchor file. A database-only attacker (a DBA, a stolen backup restored
// elsewhere, SQL injection) can neither compute a row's keyed hash nor make the chain's head match the
// newest anchor after deleting rows.
public sealed class AuditChainKey
{
    private static readonly object AnchorGate = new();
    private readonly byte[] _key;

    public AuditChainKey(AuditChainOptions options, DatabaseInfo database, string dataDirectory, ILogger<AuditChainKey> logger)
    {
        var directory = database.Provider == DatabaseProvider.Sqlite && SqliteFile(database) is { } file
            ? Path.GetDirectoryName(file)!
            : Path.GetFullPath(dataDirectory);
        _key = LoadKey(options, directory, logger);
        AnchorPath = Path.GetFullPath(options.AnchorFile is { Length: > 0 } anchor ? anchor : DefaultAnchor(database, directory));
    }

    public string AnchorPath { get; }

    // The newest anchor this process wrote. Rows at or below it never change legitimately, so a head
    // that no longer matches it means rows were deleted or rewritten: the chain is not extended from a
    // forged head (appending would make the next anchor vouch for the forgery).
    private AuditAnchor? _lastAnchored;

    public string? CheckHead(long headSequence, string? headHash)
    {
        var anchored = _lastAnchored;
        if (anchored is null) return null;
        if (headSequence < anchored.Sequence)
            return $"rows after {headSequence} are missing; this process anchored sequence {anchored.Sequence}";
        if (headSequence == anchored.Sequence && !string.Equals(headHash, anchored.Hash, StringComparison.Ordinal))
            return $"row {headSequence} differs from the anchor this process wrote";
        return null;
    }

    public string Compute(string previousHash, AuditFacts facts) => AuditHashChain.ComputeKeyed(_key, previousHash, facts);

    public AuditChainBreak? FindFirstBreak(IEnumerable<AuditChainRow> rows) => AuditHashChain.FindFirstBreak(rows, _key);

    // One line per append, appended (never rewritten) after the row is committed. Lines are short enough
    // for O_APPEND to keep concurrent writers (web host and CLI) from interleaving within a line.
    public void Anchor(long sequence, string hash)
    {
        var line = new AuditAnchor(sequence, hash).ToLine(_key) + "\n";
        lock (AnchorGate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(AnchorPath)!);
            using var stream = new FileStream(AnchorPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            var bytes = System.Text.Encoding.ASCII.GetBytes(line);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
            if (_lastAnchored is null || sequence > _lastAnchored.Sequence) _lastAnchored = new AuditAnchor(sequence, hash);
        }
    }

    // The anchor with the highest sequence; a line with a wrong MAC is itself evidence of tampering.
    public (AuditAnchor? Newest, string? Problem) ReadNewestAnchor()
    {
        if (!File.Exists(AnchorPath)) return (null, null);
        AuditAnchor? newest = null;
        var lineNumber = 0;
        using var stream = new FileStream(AnchorPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var (anchor, valid) = AuditAnchor.Parse(line, _key);
            if (anchor is null || !valid)
                return (null, $"Anchor file line {lineNumber} is not a valid signed anchor ({AnchorPath}).");
            if (newest is null || anchor.Sequence > newest.Sequence) newest = anchor;
        }
        return (newest, null);
    }

    private static byte[] LoadKey(AuditChainOptions options, string directory, ILogger logger)
    {
        if (options.Key is { Length: > 0 } configured) return Decode(configured, "Audit:Key");
        var path = Path.GetFullPath(options.KeyFile is { Length: > 0 } file ? file : Path.Combine(directory, "audit-chain.key"));
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            var createOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) createOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(fresh, System.Text.Encoding.ASCII, createOptions))
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            try
            {
                File.Move(fresh, path, overwrite: false);
                logger.LogWarning("Created a new audit chain key at {Path}. Back it up: without it the keyed audit chain cannot be verified.", path);
            }
            catch (IOException)
            {
                // Another process created it first; use theirs.
                File.Delete(fresh);
            }
        }
        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private static byte[] Decode(string base64, string source)
    {
        byte[] key;
        try { key = Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException($"The audit chain key in {source} is not base64."); }
        if (key.Length < AuditHashChain.MinimumKeyBytes)
            throw new InvalidOperationException($"The audit chain key in {source} must be at least {AuditHashChain.MinimumKeyBytes} bytes.");
        return key;
    }

    private static string DefaultAnchor(DatabaseInfo database, string directory) =>
        database.Provider == DatabaseProvider.Sqlite && SqliteFile(database) is { } file
            ? file + ".audit-anchor"
            : Path.Combine(directory, $"audit-anchor-{new NpgsqlConnectionStringBuilder(database.ConnectionString).Database}.log");

    private static string? SqliteFile(DatabaseInfo database)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }
}

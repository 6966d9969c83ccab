using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration;

/// <summary>
/// The last few parses of each configuration file in this process, keyed by the file's exact bytes. A warm session
/// reads the same config.toml again and again (every cmdlet loads the stack; every edit re-reads under its lock), and
/// parsing a 2,000-server file costs far more than comparing its bytes. A hit needs byte-for-byte equal content, so it
/// returns exactly what a fresh parse would; ConfigEdit adds the version it writes, whose text it has just parsed.
/// Parsed files are never mutated after reading (the stack merges into new tables), which is what makes sharing safe.
/// </summary>
internal static class ParsedFileCache
{
    // A syntax tree of a 2,000-server file weighs megabytes: two versions per file (the one read and the one just
    // written) and a few files are what a session edits; more would only hold memory.
    private const int VersionsPerFile = 2;
    private const int Files = 16;
    private static readonly object Gate = new();
    private static readonly LinkedList<(string Path, byte[] Bytes, Lazy<TomlFile> File)> Entries = new();

    public static TomlFile? Get(string path, byte[] bytes)
    {
        lock (Gate)
        {
            for (var node = Entries.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value.Path, path, StringComparison.Ordinal) && node.Value.Bytes.AsSpan().SequenceEqual(bytes))
                {
                    Entries.Remove(node);
                    Entries.AddFirst(node);
                    return node.Value.File.Value;
                }
            }
        }

        return null;
    }

    public static void Put(string path, byte[] bytes, TomlFile file) => Put(path, bytes, new Lazy<TomlFile>(file));

    /// <summary>Adds a version whose value nodes are built only if it is read (ConfigEdit already has the tree).</summary>
    public static void Put(string path, byte[] bytes, string text, bool hasBom, DocumentSyntax document) =>
        Put(path, bytes, new Lazy<TomlFile>(() => TomlFileReader.FromSyntax(text, path, hasBom, document)));

    private static void Put(string path, byte[] bytes, Lazy<TomlFile> file)
    {
        lock (Gate)
        {
            Entries.AddFirst((path, bytes, file));
            int sameFile = 0;
            var distinctPaths = new HashSet<string>(StringComparer.Ordinal);
            for (var node = Entries.First; node is not null;)
            {
                var next = node.Next;
                distinctPaths.Add(node.Value.Path);
                if (string.Equals(node.Value.Path, path, StringComparison.Ordinal) && ++sameFile > VersionsPerFile || distinctPaths.Count > Files)
                {
                    Entries.Remove(node);
                }

                node = next;
            }
        }
    }
}

namespace Codex.Plugins.Configuration;

/// <summary>
/// A TOML value read from one file, with the place it was written. The engine reads every config layer into these
/// nodes so that every effective value can say which file and line it came from.
/// </summary>
public abstract class TomlNode
{
    protected TomlNode(SourceLocation location)
    {
        Location = location;
    }

    public SourceLocation Location { get; }

    /// <summary>The plain .NET value: string, long, double, bool, date string, object[] or an ordered dictionary.</summary>
    public abstract object? ToPlainValue();
}

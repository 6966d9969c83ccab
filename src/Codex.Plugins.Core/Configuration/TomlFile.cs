using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration;

/// <summary>A TOML file as read: its text, whether it began with a BOM, and its values with their locations.</summary>
public sealed class TomlFile
{
    private DocumentSyntax? syntax;

    internal TomlFile(string path, string text, bool hasBom, TomlTableNode root, DocumentSyntax? syntax = null)
    {
        Path = path;
        Text = text;
        HasBom = hasBom;
        Root = root;
        this.syntax = syntax;
    }

    /// <summary>
    /// Tomlyn's lossless tree of <see cref="Text"/>: ConfigEdit starts from it instead of parsing again. A file whose
    /// values were read without it (<see cref="TomlValueReader"/>) gets it here, on the first edit, once.
    /// </summary>
    internal DocumentSyntax Syntax
    {
        get
        {
            if (syntax is null)
            {
                // Text the value reader accepted is text Tomlyn accepts (tests hold the two together), so this parse
                // has no errors; two threads racing here would build equal trees.
                Interlocked.CompareExchange(ref syntax, TomlDepth.Parse(Text, Path), null);
            }

            return syntax!;
        }
    }

    public string Path { get; }

    /// <summary>The text without its BOM.</summary>
    public string Text { get; }

    public bool HasBom { get; }

    public TomlTableNode Root { get; }
}

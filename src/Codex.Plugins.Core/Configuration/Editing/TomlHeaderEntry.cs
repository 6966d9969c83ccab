using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>A [table] or [[array]] header of the document with its dotted path.</summary>
internal sealed record TomlHeaderEntry(string[] Path, TableSyntaxBase Table, bool IsArray);

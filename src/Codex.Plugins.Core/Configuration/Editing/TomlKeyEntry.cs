using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>A key of the document: its full dotted path, its syntax, and the section or inline table it sits in.</summary>
internal sealed record TomlKeyEntry(string[] Path, KeyValueSyntax Kv, TableSyntaxBase? Section, string[] SectionPath, InlineTableSyntax? Inline, int KeyLength, bool InArray);

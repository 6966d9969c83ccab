namespace Codex.Plugins.Configuration;

/// <summary>
/// The rules TOML sets for where a table may be defined or added to, kept while <see cref="TomlValueReader"/> reads a
/// document: a header defines a table once (a table it only implied may still be defined), a dotted key adds only to
/// tables dotted keys of the same section made, an inline table is closed once written, and no key is written twice.
/// A document that breaks one throws <see cref="TomlOutsideSubset"/>, and Tomlyn words the error.
/// </summary>
internal sealed class TomlTableDefinitions
{
    private readonly Dictionary<TomlTableNode, TableState> states = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TomlArrayNode, List<TomlNode>> tableArrays = new(ReferenceEqualityComparer.Instance);
    private int section;
    private int lastId;

    public TomlTableDefinitions(SourceLocation start)
    {
        Root = new TomlTableNode(start);
        states[Root] = new TableState(TableKind.Defined, 0);
    }

    private enum TableKind
    {
        /// <summary>Created as a parent by a header ([a] for [a.b]); a header of its own may still define it once.</summary>
        ImpliedByHeader,

        /// <summary>Defined by its own header, or an element of an array of tables.</summary>
        Defined,

        /// <summary>Created by a dotted key; only more dotted keys of the same section may add to it.</summary>
        Dotted,

        /// <summary>An inline table: closed once written.</summary>
        Inline,
    }

    /// <summary>The document's table.</summary>
    public TomlTableNode Root { get; }

    /// <summary>
    /// The table a header ([a.b] or [[a.b]]) opens: a new one, an element added to an array of tables, or a table that
    /// headers only implied so far. Opening one starts a new section.
    /// </summary>
    public TomlTableNode Open(List<string> key, bool isArray, SourceLocation at)
    {
        section = ++lastId;
        TomlTableNode parent = Root;
        for (int i = 0; i < key.Count - 1; i++)
        {
            parent = HeaderParent(parent, key[i], at);
        }

        string last = key[^1];
        TomlNode? existing = parent[last];
        if (isArray)
        {
            var element = new TomlTableNode(at);
            states[element] = new TableState(TableKind.Defined, section);
            if (existing is null)
            {
                var items = new List<TomlNode> { element };
                var array = new TomlArrayNode(at, items, isTableArray: true);
                tableArrays[array] = items;
                parent.Set(last, array);
            }
            else if (existing is TomlArrayNode array && tableArrays.TryGetValue(array, out List<TomlNode>? items))
            {
                items.Add(element);
            }
            else
            {
                throw new TomlOutsideSubset();
            }

            return element;
        }

        if (existing is null)
        {
            var table = new TomlTableNode(at);
            states[table] = new TableState(TableKind.Defined, section);
            parent.Set(last, table);
            return table;
        }

        if (existing is TomlTableNode implied && states[implied].Kind == TableKind.ImpliedByHeader)
        {
            states[implied] = new TableState(TableKind.Defined, section);
            return implied;
        }

        throw new TomlOutsideSubset();
    }

    /// <summary>
    /// The table a key/value pair written in <paramref name="table"/> lands in: the dotted key's tables are made, or
    /// extended when the same section made them. The last segment must not be there yet.
    /// </summary>
    public TomlTableNode KeyValueParent(TomlTableNode table, List<string> key, SourceLocation at)
    {
        int owner = states[table].Kind == TableKind.Inline ? states[table].Section : section;
        TomlTableNode parent = table;
        for (int i = 0; i < key.Count - 1; i++)
        {
            switch (parent[key[i]])
            {
                case null:
                    var created = new TomlTableNode(at);
                    states[created] = new TableState(TableKind.Dotted, owner);
                    parent.Set(key[i], created);
                    parent = created;
                    break;
                case TomlTableNode dotted when states[dotted] is { Kind: TableKind.Dotted } state && state.Section == owner:
                    parent = dotted;
                    break;
                default:
                    throw new TomlOutsideSubset();
            }
        }

        if (parent[key[^1]] is not null)
        {
            throw new TomlOutsideSubset();
        }

        return parent;
    }

    /// <summary>An inline table: a section of its own, closed once written.</summary>
    public TomlTableNode NewInline(SourceLocation at)
    {
        var table = new TomlTableNode(at, isInline: true);
        states[table] = new TableState(TableKind.Inline, ++lastId);
        return table;
    }

    /// <summary>The table a header passes through: made if missing, or one made or defined by headers.</summary>
    private TomlTableNode HeaderParent(TomlTableNode parent, string segment, SourceLocation at)
    {
        switch (parent[segment])
        {
            case null:
                var created = new TomlTableNode(at);
                states[created] = new TableState(TableKind.ImpliedByHeader, section);
                parent.Set(segment, created);
                return created;
            case TomlTableNode table when states[table].Kind is TableKind.ImpliedByHeader or TableKind.Defined:
                return table;
            case TomlArrayNode array when tableArrays.TryGetValue(array, out List<TomlNode>? items):
                // [a.b] after [[a]] is a table of a's last element.
                return (TomlTableNode)items[^1];
            default:
                throw new TomlOutsideSubset();
        }
    }

    private readonly record struct TableState(TableKind Kind, int Section);
}

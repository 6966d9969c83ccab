namespace Codex.Plugins.Configuration;

/// <summary>
/// What a command read from one configuration stack, read again only when the stack changes: an edit fed twenty
/// names from one home reads the inventory it looks them up in once (the lookups of hooks, MCP servers and plugins).
/// </summary>
public sealed class PerStack<T>
    where T : class
{
    private ConfigStack? stack;
    private T? value;

    /// <summary>The value read from <paramref name="current"/>, by <paramref name="read"/> when it is not the stack last read.</summary>
    public T Get(ConfigStack current, Func<ConfigStack, T> read)
    {
        if (!ReferenceEquals(stack, current) || value is null)
        {
            value = read(current);
            stack = current;
        }

        return value;
    }
}

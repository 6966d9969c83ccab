using System.Collections;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Items piped from several homes or projects, grouped per environment in the order each environment first came, so a
/// command that works on all items at once (one hook run, one batch) does so once per environment.
/// </summary>
public sealed class EnvironmentGroups<T> : IEnumerable<(CodexEnvironment Environment, List<T> Items)>
{
    private readonly List<(CodexEnvironment Environment, List<T> Items)> groups = new();

    /// <summary>The items of <paramref name="environment"/>'s group, started empty the first time it is named.</summary>
    public List<T> For(CodexEnvironment environment)
    {
        foreach (var group in groups)
        {
            if (group.Environment == environment)
            {
                return group.Items;
            }
        }

        var items = new List<T>();
        groups.Add((environment, items));
        return items;
    }

    public IEnumerator<(CodexEnvironment Environment, List<T> Items)> GetEnumerator() => groups.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

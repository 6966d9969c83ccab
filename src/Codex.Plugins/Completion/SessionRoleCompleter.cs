using Codex.Plugins.Sessions;

namespace Codex.Plugins.Commands;

/// <summary>Completes -Role with main, Codex's built-in agents and the custom agents in the Codex home.</summary>
public sealed class SessionRoleCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
    {
        string? home = fakeBoundParameters["CodexHome"] as string;
        home ??= Configuration.CodexEnvironment.FromProcess().CodexHome;
        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return SessionCompletion.Roles(home)
            .Where(r => r.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(r => new CompletionResult(r));
    }
}

using Codex.Plugins.Sessions;

namespace Codex.Plugins.Commands;

/// <summary>Completes -Id with the ids of the newest sessions in the Codex home (from file names, nothing is opened).</summary>
public sealed class SessionIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
    {
        string? home = fakeBoundParameters["CodexHome"] as string;
        home ??= Configuration.CodexEnvironment.FromProcess().CodexHome;
        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return SessionCompletion.Ids(home, word, 100)
            .Select(c => new CompletionResult(c.Id, c.Id, CompletionResultType.ParameterValue, c.Tooltip));
    }
}

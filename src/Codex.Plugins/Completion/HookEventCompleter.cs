using Codex.Plugins.Hooks;

namespace Codex.Plugins.Commands;

/// <summary>Completes -Event with Codex's hook event names.</summary>
public sealed class HookEventCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
        HookEvent.Names.Where(n => n.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase)).Select(n => new CompletionResult(n));
}

using System.Management.Automation.Language;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Commands;

/// <summary>Completes -CodexVersion with the releases the module was checked against.</summary>
public sealed class CodexVersionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
        CodexReleases.Checked.Select(v => v.ToString(3)).Reverse()
            .Where(v => v.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, $"Codex {v}"));
}

using System.Collections;
using System.Management.Automation.Language;
using Codex.Plugins.Permissions;

namespace Codex.Plugins.Commands;

/// <summary>
/// Completes permission profile names: the built-ins and every [permissions.NAME] this machine's configuration
/// defines (the Codex home and system folder already typed on the command line, else the defaults).
/// </summary>
public sealed class PermissionProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> names = PermissionResolver.BuiltIns;
        try
        {
            var environment = CodexEnvironment.FromProcess(
                fakeBoundParameters["CodexHome"] as string, null, fakeBoundParameters["SystemConfigPath"] as string);
            names = new PermissionResolver(ConfigStack.Load(environment)).ProfileNames;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Completion never fails: without a readable configuration the built-ins remain.
        }

        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return names.Distinct(StringComparer.Ordinal)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n.StartsWith(':') ? $"'{n}'" : n, n, CompletionResultType.ParameterValue, n));
    }
}

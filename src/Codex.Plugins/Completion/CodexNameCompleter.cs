using System.Collections;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using Codex.Plugins.Completion;

namespace Codex.Plugins.Commands;

/// <summary>
/// Tab completion of names from the Codex home the command line binds (-CodexHome, -ProjectPath, -SystemConfigPath,
/// -Profile, else the same defaults the cmdlets use): what completes is what the cmdlet would find. Names match the
/// way the cmdlets match them, case-sensitively; a typed prefix in the wrong case still offers the right name.
/// </summary>
public abstract class CodexNameCompleter : IArgumentCompleter
{
    /// <summary>A name kind, as the engine's enum's name (the engine loads only when completion runs).</summary>
    protected abstract string Kind { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        IEnumerable<string> names;
        try
        {
            names = Names(fakeBoundParameters);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Completion never errors: a home it cannot read offers nothing.
            return Array.Empty<CompletionResult>();
        }

        var exact = names.Where(n => n.StartsWith(typed, StringComparison.Ordinal)).ToList();
        IEnumerable<string> offered = exact.Count > 0 ? exact : names.Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase));
        return offered.Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n)).ToList();
    }

    private IEnumerable<string> Names(IDictionary bound)
    {
        string? Bound(string name) => bound.Contains(name) && bound[name] is { } v ? (v is PSObject p ? p.BaseObject : v).ToString() : null;
        string current = CurrentLocation() ?? Directory.GetCurrentDirectory();
        string? Full(string? path) => path is null ? null : Path.GetFullPath(path.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..] : path, current);
        CodexEnvironment environment = CodexEnvironment.FromProcess(Full(Bound("CodexHome")), Full(Bound("ProjectPath")) ?? current, Full(Bound("SystemConfigPath")), Bound("Profile"));
        return CodexNames.Of(Enum.Parse<CodexNameKind>(Kind), environment);
    }

    private static string? CurrentLocation()
    {
        try
        {
            return Runspace.DefaultRunspace?.SessionStateProxy.Path.CurrentFileSystemLocation.ProviderPath;
        }
        catch (Exception ex) when (ex is InvalidOperationException or PSInvalidOperationException)
        {
            return null;
        }
    }

    private static string Quote(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@' or '*') && name[0] != '@' && name[0] != '-'
            ? name
            : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
}

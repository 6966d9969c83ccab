using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Hooks;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Commands;

/// <summary>
/// Adds the secret-scanning hook to a Codex configuration: a UserPromptSubmit prompt or a PreToolUse command that
/// carries a secret is blocked, with the kind named (masked). The hook script ships with the module; this writes its
/// [hooks] entry through the same lossless, atomic, locked edit as the other change cmdlets, and with -Trust also the
/// trusted_hash Codex needs before it runs a hook.
/// </summary>
[Cmdlet(VerbsCommon.New, "CodexSecretHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexHook))]
public sealed class NewCodexSecretHookCommand : CodexEditCommandBase
{
    private readonly List<(CodexEnvironment Environment, string Key)> alreadyThere = new();

    /// <summary>The events to guard: UserPromptSubmit and PreToolUse (default both); PermissionRequest also works.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(HookEventCompleter))]
    [ValidateSet("UserPromptSubmit", "PreToolUse", "PermissionRequest", IgnoreCase = true)]
    public string[] Event { get; set; } = SecretHookInstall.DefaultEvents.ToArray();

    /// <summary>For PreToolUse: the tool-name matcher (a regex, such as ^Bash$). Default: every tool.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Matcher { get; set; }

    /// <summary>Seconds Codex waits for the hook. Default 30.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>Also trust the hook (trusted_hash), so Codex runs it without a review in /hooks.</summary>
    [Parameter]
    public SwitchParameter Trust { get; set; }

    /// <summary>The PowerShell to run the hook with (the executable, and for a dotnet tool its pwsh.dll). Default: this PowerShell.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PowerShellPath { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
        string command = SecretHookInstall.Command(PowerShellPath ?? CurrentPowerShell(), HookScriptPath());
        try
        {
            TomlFile? file = ConfigTarget.LayerOf(stack, Path.GetFullPath(target))?.File ?? (File.Exists(target) ? TomlFileReader.Read(target) : null);
            foreach (SecretHookEntry entry in SecretHookInstall.Plan(file, target, Event, command, Matcher, TimeoutSec, Trust))
            {
                string action = entry.AlreadyPresent ? $"Trust the secret hook for {entry.Event}" : $"Add the secret hook for {entry.Event}";
                if (entry.Steps.Count == 0)
                {
                    WriteVerbose($"The secret hook for {entry.Event} is already in {target}.");
                    alreadyThere.Add((stack.Environment, entry.Key));
                    continue;
                }

                Stage(stack, target, action, entry.Key, entry.Steps);
            }
        }
        catch (CodexIssueException ex)
        {
            WriteIssue(ex.Issue);
        }
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();

        // A hook already in place was staged nowhere: -PassThru still returns it.
        if (PassThru)
        {
            foreach (var group in alreadyThere.GroupBy(a => a.Environment))
            {
                WriteObject(ReadBack(ConfigStack.Load(group.Key), group.Select(g => g.Key).ToList()), enumerateCollection: true);
            }
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items)
    {
        var hooks = HookInventory.Read(stack).Hooks;
        return items.Select(key => hooks.FirstOrDefault(h => h.Key == key)).OfType<object>();
    }

    private string HookScriptPath() =>
        Path.Combine(Path.GetDirectoryName(typeof(NewCodexSecretHookCommand).Assembly.Location)!, "Codex.Plugins.SecretHook.ps1");

    /// <summary>This process's PowerShell: pwsh itself, or dotnet plus pwsh.dll for the dotnet tool.</summary>
    private static string[] CurrentPowerShell()
    {
        string process = Environment.ProcessPath ?? "pwsh";
        string name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            string pwshDll = Path.Combine(Path.GetDirectoryName(typeof(PSObject).Assembly.Location)!, "pwsh.dll");
            return new[] { process, pwshDll };
        }

        return new[] { process };
    }
}

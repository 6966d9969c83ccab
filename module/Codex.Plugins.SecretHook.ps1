#Requires -Version 7.4
<#
.SYNOPSIS
    Codex hook (UserPromptSubmit, PreToolUse, PermissionRequest) that blocks input carrying a secret.

.DESCRIPTION
    Installed by New-CodexSecretHook. Codex writes the hook payload to stdin; the module's masking engine decides
    (Codex.Plugins.Masking.SecretHookPolicy), and the answer goes back as Codex's hook protocol expects: a JSON
    block/deny decision naming the kinds of secret found (masked), or nothing when the input is clean. Only the
    engine assembly is loaded, not the module, to keep the start-up cost of each call small.
#>
$ErrorActionPreference = 'Stop'
try {
    Add-Type -Path (Join-Path $PSScriptRoot 'Dependencies/Codex.Plugins.Core.dll')
    $verdict = [Codex.Plugins.Masking.SecretHookPolicy]::Evaluate([Console]::In.ReadToEnd())
    if ($verdict.Stdout) { [Console]::Out.Write($verdict.Stdout) }
    if ($verdict.Stderr) { [Console]::Error.Write($verdict.Stderr) }
    exit $verdict.ExitCode
}
catch {
    # A failed run (exit 1) is non-blocking for Codex: say why on stderr.
    [Console]::Error.WriteLine("codex secret hook: $($_.Exception.Message)")
    exit 1
}

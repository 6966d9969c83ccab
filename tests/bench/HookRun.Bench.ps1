#Requires -Version 7.4
<#
.SYNOPSIS
    Harness overhead of Invoke-CodexHook per hook run, against running the same command directly with the same stdin.

.DESCRIPTION
    One Codex home with one PreToolUse command hook that reads its stdin and prints a JSON decision, as a policy hook
    does. Ours: `Invoke-CodexHook -InputObject <payload> -IncludeUntrusted` in this session (it reads the
    configuration, selects the hook, runs it through the account shell and interprets the result). The floor: the
    same shell, the same command and the same payload bytes on stdin, started with System.Diagnostics.Process from
    this session, stdout and stderr read to the end. -WarmUp runs of each side first, interleaved and discarded: a
    session that tests hooks runs many, and until the runtime has compiled the hot paths of both sides (tiered JIT,
    on a background thread that competes for the same cores) the first runs measure the compiler, not the harness.
    Then -Rounds runs of each side interleaved (the order alternates each round, so neither always runs first
    after the other); medians compared. Ratio = ours / floor. Prints numbers only: a ratio above the target is
    reported, not failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured runs of each side. Default 60.

.PARAMETER WarmUp
    Discarded runs of each side before measuring. Default 20.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(5, 1000)][int] $Rounds = 60,
    [ValidateRange(1, 1000)][int] $WarmUp = 20
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force

if ($IsWindows) { Write-Output 'HookRun bench: the hook command here is POSIX shell; skipped on Windows.'; return }

$bench = New-BenchHome 'hooks'
$benchRoot, $codexHome, $project, $system = $bench.Root, $bench.CodexHome, $bench.Project, $bench.System

$command = 'cat >/dev/null; printf ''{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"no"}}'''
$hooks = @{ hooks = @{ PreToolUse = @(@{ matcher = 'Bash'; hooks = @(@{ type = 'command'; command = $command }) }) } }
[System.IO.File]::WriteAllText((Join-Path $codexHome 'hooks.json'), ($hooks | ConvertTo-Json -Depth 10))
$payload = [ordered]@{
    session_id = '0195f5c0-0000-7000-8000-000000000001'; turn_id = '0195f5c0-0000-7000-8000-000000000002'; transcript_path = $null
    cwd = $project; hook_event_name = 'PreToolUse'; model = 'gpt-5'; permission_mode = 'default'; tool_name = 'Bash'
    tool_input = @{ command = 'git push --force origin main' }; tool_use_id = 'call_bench'
} | ConvertTo-Json -Compress
$payloadBytes = [System.Text.Encoding]::UTF8.GetBytes($payload)

# The shell Codex uses: the account's login shell with -c (what the harness resolves too).
$shell = (Get-Content /etc/passwd | Where-Object { $_.Split(':')[2] -eq (& id -u) } | Select-Object -First 1).Split(':')[6]
if (-not $shell -or -not (Test-Path $shell)) { $shell = '/bin/sh' }

function Invoke-Floor {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($shell)
    $psi.ArgumentList.Add('-c'); $psi.ArgumentList.Add($command)
    $psi.UseShellExecute = $false; $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = $project
    $p = [System.Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
    $p.StandardInput.BaseStream.Write($payloadBytes, 0, $payloadBytes.Length); $p.StandardInput.Close()
    $p.WaitForExit(); $null = $out.Result; $null = $err.Result
    $code = $p.ExitCode; $p.Dispose()
    return $code
}

function Invoke-Ours {
    $o = @(Invoke-CodexHook -InputObject $payload -IncludeUntrusted -CodexHome $codexHome -ProjectPath $project -SystemConfigPath $system)
    return $o[-1].Decision
}

# Warm-up, and a check that both sides did the real work.
for ($i = 0; $i -lt $WarmUp; $i++) {
    if ((Invoke-Floor) -ne 0) { throw 'The floor run failed.' }
    if ((Invoke-Ours) -ne 'Deny') { throw 'Invoke-CodexHook did not reach the decision the hook prints.' }
}

$ours = [System.Collections.Generic.List[double]]::new()
$floor = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Rounds; $i++) {
    if ($i % 2) {
        $ours.Add((Measure-InSession { Invoke-Ours }).Milliseconds)
        $floor.Add((Measure-InSession { Invoke-Floor }).Milliseconds)
    }
    else {
        $floor.Add((Measure-InSession { Invoke-Floor }).Milliseconds)
        $ours.Add((Measure-InSession { Invoke-Ours }).Milliseconds)
    }
}
$oursMedian = Get-Median -Value $ours.ToArray()
$floorMedian = Get-Median -Value $floor.ToArray()

Write-Output "Hook run: one PreToolUse command hook, $WarmUp warm-up + $Rounds measured runs each, interleaved, medians ($(Get-BenchLoad))"
Write-BenchLine 'Invoke-CodexHook (select, run, interpret)' (Format-Ms $oursMedian)
Write-BenchLine "floor: $shell -c with the same stdin" (Format-Ms $floorMedian)
Write-BenchLine 'overhead per run' (Format-Ms ($oursMedian - $floorMedian))
Write-BenchLine '  quartiles ours' (($ours | Sort-Object | Select-Object -Index ([int]($Rounds / 4)), ([int]($Rounds * 3 / 4)) | ForEach-Object { '{0:N1}' -f $_ }) -join ' .. ')
Write-BenchLine '  quartiles floor' (($floor | Sort-Object | Select-Object -Index ([int]($Rounds / 4)), ([int]($Rounds * 3 / 4)) | ForEach-Object { '{0:N1}' -f $_ }) -join ' .. ')
Write-BenchLine 'machine at the end' (Get-BenchLoad)
Write-BenchRatio 'ratio ours / floor' ($oursMedian / $floorMedian) 1.2

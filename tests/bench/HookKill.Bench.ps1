#Requires -Version 7.4
<#
.SYNOPSIS
    Hook kill time: from a hook's timeout to the return, for a hook that starts a 255-process tree, Invoke-CodexHook
    against the real codex (`codex exec` on the mock Responses API) running the same hook.

.DESCRIPTION
    One Codex home whose model provider is the compat tests' mock Responses API, with one UserPromptSubmit hook and a
    1-second timeout. The tree: the hook's shell starts 254 sleeping children (`sleep 299.<marker>`) and waits, 255
    processes in all. Issue 10 measured 33-36 s from the timeout to the return for such a tree under the module before
    its containment; the target is under 1 s.

    The hook writes the time it starts (date +%s%N) to a file first. Kill time = the moment the side is done with the
    hook - that start - the timeout: for codex, the moment `codex exec` prints the hook's status line ("hook:
    UserPromptSubmit Failed"), read from its stderr as it comes; for ours, the moment Invoke-CodexHook returns, in this
    session. So neither side's start-up or model round trip counts. After every run the bench counts processes of the
    tree still alive (by the marker in their arguments), reports them, and kills them, so a side that leaves the tree
    running is seen, not hidden. Ratio = ours / codex. Prints numbers only: a ratio above its target is reported, not
    failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured runs of each side and each hook. Default 5.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(1, 50)][int] $Rounds = 5
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
if (-not $IsLinux) { Write-Output 'HookKill bench: the tree and the process count are Linux (/proc); skipped here.'; return }

$null = Get-BenchCodex
Import-Module (Join-Path $PSScriptRoot '../compat/CompatHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../compat/HookCompat.psm1') -Force
Import-Module (Resolve-Path $ModulePath).ProviderPath -Force

$timeoutSeconds = 1
$timeoutMs = $timeoutSeconds * 1000
# A sleep length no other process on the machine has: the tree's processes are found by it, and only they.
$marker = '299.{0}' -f (Get-Random -Minimum 100000 -Maximum 999999)
$startFile = Join-Path (New-BenchHome 'hook-kill').Root 'hook-started'
$tree = "date +%s%N > '$startFile'; cat >/dev/null; for i in `$(seq 1 254); do sleep $marker & done; wait"

function Get-TreeProcess {
    foreach ($dir in [System.IO.Directory]::EnumerateDirectories('/proc')) {
        $name = [System.IO.Path]::GetFileName($dir)
        if ($name -notmatch '^\d+$') { continue }
        try {
            $argv = [System.IO.File]::ReadAllText("$dir/cmdline").Split([char]0)
            if ($argv.Count -ge 2 -and $argv[1] -eq $marker) { [int]$name }
        } catch { }
    }
}

function Stop-TreeProcess {
    # Whatever a side left running: counted for the report, then ended, so the next run starts clean.
    $left = @(Get-TreeProcess)
    foreach ($p in $left) { $null = & kill -9 $p 2>$null }
    for ($i = 0; $i -lt 100 -and @(Get-TreeProcess).Count -gt 0; $i++) { Start-Sleep -Milliseconds 20 }
    return $left.Count
}

function New-HooksJson([string] $Command) {
    @{ hooks = @{ UserPromptSubmit = @(@{ hooks = @(@{ type = 'command'; command = $Command; timeout = $timeoutSeconds }) }) } } | ConvertTo-Json -Depth 10
}

$mock = Start-CompatMockResponses -Command 'true'
try {
    $treeHome = New-CompatExecHome -Name 'bench-hook-kill' -Mock $mock -HooksJson (New-HooksJson $tree)
    $system = (New-Item -ItemType Directory -Force (Join-Path $treeHome.Root 'system-empty')).FullName

    function Get-HookStart {
        # Milliseconds since the epoch at which the hook's shell started (the hook wrote it).
        if (-not (Test-Path -LiteralPath $startFile)) { throw 'The hook did not run: no start time was written.' }
        [long]([System.IO.File]::ReadAllText($startFile).Trim()) / 1000000
    }

    function Invoke-CodexSide {
        Remove-Item -LiteralPath $startFile -ErrorAction SilentlyContinue
        $mock.Reset()
        $p = Start-CompatCodexProcess -CompatHome $treeHome -ArgumentList @('exec', '--skip-git-repo-check', '--dangerously-bypass-hook-trust', 'hi')
        try {
            $out = $p.StandardOutput.ReadToEndAsync()
            $done = $null; $status = '?'
            while ($null -ne ($line = $p.StandardError.ReadLine())) {
                if (-not $done -and $line -match '^hook: UserPromptSubmit (?<status>\w+)\s*$') {
                    $done = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(); $status = $Matches.status
                }
            }
            if (-not $p.WaitForExit(300000)) { $p.Kill($true); throw 'codex exec did not finish within 300 s' }
            $null = $out.Result
            if ($p.ExitCode -ne 0) { throw "codex exec failed (exit $($p.ExitCode))" }
            if (-not $done) { throw 'codex exec printed no status line for the hook' }
        } finally { $p.Dispose() }
        [pscustomobject]@{ KillMs = $done - (Get-HookStart) - $timeoutMs; Status = $status; Left = Stop-TreeProcess }
    }

    function Invoke-OurSide {
        Remove-Item -LiteralPath $startFile -ErrorAction SilentlyContinue
        $out = @(Invoke-CodexHook UserPromptSubmit -Prompt 'hi' -IncludeUntrusted -CodexHome $treeHome.CodexHome -ProjectPath $treeHome.WorkingDirectory -SystemConfigPath $system)
        $done = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $result = $out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' } | Select-Object -First 1
        [pscustomobject]@{ KillMs = $done - (Get-HookStart) - $timeoutMs; Status = $result.Status; Left = Stop-TreeProcess }
    }

    Write-Output "Hook kill: a UserPromptSubmit hook starting a 255-process tree, timeout ${timeoutSeconds}s, 1 warm-up + $Rounds runs of each side"
    Write-Output "  codex:  codex exec on the mock Responses API (codex-cli $((& (Get-CompatCodexPath) --version 2>$null) -replace '^codex-cli\s*', '')), until its hook status line"
    Write-Output "  ours:   Invoke-CodexHook in this session, until it returns; $(Get-BenchLoad) at start"

    $warmCodex = Invoke-CodexSide
    $warmOurs = Invoke-OurSide
    if ($warmOurs.Status -ne 'TimedOut') { throw "Invoke-CodexHook did not time the tree out (status $($warmOurs.Status))." }

    $ours = [System.Collections.Generic.List[double]]::new()
    $theirs = [System.Collections.Generic.List[double]]::new()
    $left = @{ Codex = $warmCodex.Left; Ours = $warmOurs.Left }
    $codexStatus = @($warmCodex.Status)
    for ($round = 0; $round -lt $Rounds; $round++) {
        $c = Invoke-CodexSide; $theirs.Add($c.KillMs); $left.Codex += $c.Left; $codexStatus += $c.Status
        $o = Invoke-OurSide; $ours.Add($o.KillMs); $left.Ours += $o.Left
    }
}
finally {
    $mock.Dispose()
    $null = Stop-TreeProcess
}

$oursKill = Get-Median $ours
$codexKill = Get-Median $theirs
Write-BenchLine 'codex reports the tree hook as' (($codexStatus | Sort-Object -Unique) -join ', ')
Write-BenchLine 'ours: timeout to return (median)' (Format-Ms $oursKill)
Write-BenchLine 'codex: timeout to hook status (median)' (Format-Ms $codexKill)
Write-BenchLine 'tree processes left running after return' ("ours {0}, codex {1} (over {2} tree runs each; killed by the bench)" -f $left.Ours, $left.Codex, ($Rounds + 1))
Write-BenchLine '  samples ours' (($ours | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine '  samples codex' (($theirs | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchRatio 'ours: timeout to return, seconds' ($oursKill / 1000) 1.0
if ($codexKill -gt 0) { Write-BenchRatio 'ratio kill time (ours / codex)' ($oursKill / $codexKill) 1.0 }
else { Write-BenchLine 'ratio kill time (ours / codex)' 'n/a: codex was done at its timeout' }
Write-BenchLine 'machine at the end' (Get-BenchLoad)

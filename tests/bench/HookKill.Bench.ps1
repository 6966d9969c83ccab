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

    The hook writes the time it starts to a file first, from the shell itself ($EPOCHREALTIME, bash 5; date where the
    shell lacks it). Every time below is counted from that start plus the timeout, so neither side's start-up or
    model round trip counts. Two moments per run:
    - done: for codex, the moment `codex exec` prints the hook's status line ("hook: UserPromptSubmit Failed"), read
      from its stderr as it comes; for ours, the moment Invoke-CodexHook returns, in this session.
    - tree gone: from the done moment the bench polls the tree's processes (the hook writes each one's id as it starts
      it) until every one has ended (a zombie counts as ended); the same poll for both sides.
    The ratio compares tree gone, the kill itself: codex prints its status as it gives up on the hook, before its
    tree has ended (its done moment is the timeout itself, to within a few ms), while ours returns only once the
    tree is gone. Earlier runs compared done moments, stamped by `date` a fork and an exec after the shell
    started: codex's samples came out at -184 to 52 ms, ours at 20 to 65, and the ratio of two such small, noisy
    numbers swung from 0.95 to 4.31 between runs. A tree still running 10 s after a side was done counts as 10 s and
    is reported, then killed by the bench. Runs alternate which side goes first. Prints numbers only: a ratio above
    its target is reported, not failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured runs of each side, interleaved (which side goes first alternates). Default 9.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(1, 50)][int] $Rounds = 9
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
$benchRoot = (New-BenchHome 'hook-kill').Root
$startFile = Join-Path $benchRoot 'hook-started'
# The tree's process ids, the shell's first, as the hook starts them: polling those few is fast enough to date a kill of tens of milliseconds
# (a scan of all of /proc takes that long on a busy machine).
$pidFile = Join-Path $benchRoot 'hook-tree'
$tree = "if [ -n `"`${EPOCHREALTIME:-}`" ]; then echo `"`$EPOCHREALTIME`" > '$startFile'; else date +%s%N > '$startFile'; fi; cat >/dev/null; echo `$`$ > '$pidFile'; for i in `$(seq 1 254); do sleep $marker & echo `$! >> '$pidFile'; done; wait"

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

function Wait-TreeGone {
    # The moment (ms since the epoch) every process of the tree (as the hook listed them) has ended; a zombie counts
    # as ended: it runs nothing and holds nothing. Each poll is dated by its start (what it finds ended had ended by
    # then). $null when some still run 10 s after the call.
    $pids = [int[]]([System.IO.File]::ReadAllText($pidFile).Trim() -split '\s+')
    $deadline = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() + 10000
    while ($true) {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $alive = foreach ($p in $pids) {
            try { if ([System.IO.File]::ReadAllText("/proc/$p/stat") -notmatch '\) [ZX] ') { $p } } catch { }
        }
        $pids = @($alive)
        if ($pids.Count -eq 0) { return $now }
        if ($now -gt $deadline) { return $null }
        Start-Sleep -Milliseconds 1
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
        $stamp = [System.IO.File]::ReadAllText($startFile).Trim()
        if ($stamp -match '^(?<s>\d+)[.,](?<us>\d{6})$') { return [long]$Matches.s * 1000 + [long]$Matches.us / 1000.0 }
        [long]$stamp / 1000000
    }

    function Invoke-CodexSide {
        Remove-Item -LiteralPath $startFile, $pidFile -ErrorAction SilentlyContinue
        $mock.Reset()
        $p = Start-CompatCodexProcess -CompatHome $treeHome -ArgumentList @('exec', '--skip-git-repo-check', '--dangerously-bypass-hook-trust', 'hi')
        try {
            $out = $p.StandardOutput.ReadToEndAsync()
            $done = $null; $status = '?'
            while ($null -ne ($line = $p.StandardError.ReadLine())) {
                if (-not $done -and $line -match '^hook: UserPromptSubmit (?<status>\w+)\s*$') {
                    $done = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(); $status = $Matches.status
                    $gone = Wait-TreeGone
                }
            }
            if (-not $p.WaitForExit(300000)) { $p.Kill($true); throw 'codex exec did not finish within 300 s' }
            $null = $out.Result
            if ($p.ExitCode -ne 0) { throw "codex exec failed (exit $($p.ExitCode))" }
            if (-not $done) { throw 'codex exec printed no status line for the hook' }
        } finally { $p.Dispose() }
        $start = Get-HookStart
        [pscustomobject]@{ KillMs = $done - $start - $timeoutMs; GoneMs = $(if ($gone) { [Math]::Max($gone, $done) - $start - $timeoutMs }); Status = $status; Left = Stop-TreeProcess }
    }

    function Invoke-OurSide {
        Remove-Item -LiteralPath $startFile, $pidFile -ErrorAction SilentlyContinue
        $out = @(Invoke-CodexHook UserPromptSubmit -Prompt 'hi' -IncludeUntrusted -CodexHome $treeHome.CodexHome -ProjectPath $treeHome.WorkingDirectory -SystemConfigPath $system)
        $done = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $gone = Wait-TreeGone
        $result = $out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' } | Select-Object -First 1
        $start = Get-HookStart
        [pscustomobject]@{ KillMs = $done - $start - $timeoutMs; GoneMs = $(if ($gone) { [Math]::Max($gone, $done) - $start - $timeoutMs }); Status = $result.Status; Left = Stop-TreeProcess }
    }

    Write-Output "Hook kill: a UserPromptSubmit hook starting a 255-process tree, timeout ${timeoutSeconds}s, 1 warm-up + $Rounds runs of each side"
    Write-Output "  codex:  codex exec on the mock Responses API (codex-cli $((& (Get-CompatCodexPath) --version 2>$null) -replace '^codex-cli\s*', '')), until its hook status line"
    Write-Output "  ours:   Invoke-CodexHook in this session, until it returns; $(Get-BenchLoad) at start"

    $warmCodex = Invoke-CodexSide
    $warmOurs = Invoke-OurSide
    if ($warmOurs.Status -ne 'TimedOut') { throw "Invoke-CodexHook did not time the tree out (status $($warmOurs.Status))." }

    $ours = [System.Collections.Generic.List[double]]::new()
    $theirs = [System.Collections.Generic.List[double]]::new()
    $oursGone = [System.Collections.Generic.List[double]]::new()
    $theirsGone = [System.Collections.Generic.List[double]]::new()
    $left = @{ Codex = $warmCodex.Left; Ours = $warmOurs.Left }
    $codexStatus = @($warmCodex.Status)
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($side in $(if ($round % 2) { 'ours', 'codex' } else { 'codex', 'ours' })) {
            $r = if ($side -eq 'codex') { Invoke-CodexSide } else { Invoke-OurSide }
            if ($side -eq 'codex') { $theirs.Add($r.KillMs); $codexStatus += $r.Status } else { $ours.Add($r.KillMs) }
            # A tree still running 10 s after the side was done counts as never killed (10 s, the poll's limit).
            $goneMs = if ($null -ne $r.GoneMs) { [double]$r.GoneMs } else { 10000.0 }
            if ($side -eq 'codex') { $theirsGone.Add($goneMs); $left.Codex += $r.Left } else { $oursGone.Add($goneMs); $left.Ours += $r.Left }
        }
    }
}
finally {
    $mock.Dispose()
    $null = Stop-TreeProcess
}

$oursKill = Get-Median $ours
$codexKill = Get-Median $theirs
$oursTree = Get-Median $oursGone
$codexTree = Get-Median $theirsGone
Write-BenchLine 'codex reports the tree hook as' (($codexStatus | Sort-Object -Unique) -join ', ')
Write-BenchLine 'ours: timeout to return (median)' (Format-Ms $oursKill)
Write-BenchLine 'codex: timeout to hook status (median)' (Format-Ms $codexKill)
Write-BenchLine 'ours: timeout to tree gone (median)' (Format-Ms $oursTree)
Write-BenchLine 'codex: timeout to tree gone (median)' (Format-Ms $codexTree)
Write-BenchLine 'tree processes left running 10 s after' ("ours {0}, codex {1} (over {2} tree runs each; killed by the bench)" -f $left.Ours, $left.Codex, ($Rounds + 1))
Write-BenchLine '  samples ours, return' (($ours | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine '  samples codex, status' (($theirs | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine '  samples ours, tree gone' (($oursGone | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine '  samples codex, tree gone' (($theirsGone | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchRatio 'ours: timeout to return, seconds' ($oursKill / 1000) 1.0
if ($codexTree -gt 0) { Write-BenchRatio 'ratio kill time, tree gone (ours / codex)' ($oursTree / $codexTree) 1.0 }
else { Write-BenchLine 'ratio kill time, tree gone (ours / codex)' 'n/a: codex had the tree gone at its timeout' }
Write-BenchLine 'machine at the end' (Get-BenchLoad)

#Requires -Version 7.4
<#
.SYNOPSIS
    Module import overhead: Codex.Plugins against Microsoft.PowerShell.PSResourceGet, in fresh child processes.

.DESCRIPTION
    Each sample is a new `pwsh -NoProfile -NonInteractive -Command ...` of the same PowerShell this script runs in
    (under `dotnet pwsh`: `dotnet <pwsh.dll>`) that times its own Import-Module statement, wall clock and the
    process's CPU time around it, and prints both: the seconds it takes to start PowerShell itself (most of a child's
    life, and most of its variance on a busy machine) stay out of the number. Three kinds of child, interleaved round
    by round with the order rotated each round: `Import-Module <our psd1>`, `Import-Module` of the PSResourceGet that
    ships with this PowerShell (both by manifest path, so neither pays for a module-path search), and `Import-Module`
    of an empty manifest module: the floor, what Import-Module itself costs in a fresh process whatever the module.
    One warm-up round is discarded.
    Overhead = median(import) - median(floor import). Ratio = our overhead / PSResourceGet's, from wall time (the
    verdict) and, beside it, from CPU time (what a loaded machine disturbs least).
    Prints numbers only; a ratio above the target is reported, not failed. A failed import fails the script.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured rounds (each runs the three children once). Default 25.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(3, 200)][int] $Rounds = 25
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force

$ours = (Resolve-Path $ModulePath).ProviderPath
$peer = Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet |
    Where-Object { $_.Path.StartsWith($PSHOME, [StringComparison]::Ordinal) } |
    Sort-Object Version -Descending | Select-Object -First 1
if (-not $peer) { throw "Microsoft.PowerShell.PSResourceGet is not under `$PSHOME ($PSHOME); cannot measure the peer." }

function ConvertTo-Literal([string] $s) { "'" + $s.Replace("'", "''") + "'" }

# The floor: a manifest with nothing in it, under out/bench (never /tmp).
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$emptyDir = New-Item -ItemType Directory -Force (Join-Path $repoRoot 'out/bench/import/BenchEmpty')
$empty = Join-Path $emptyDir.FullName 'BenchEmpty.psd1'
Set-Content -LiteralPath $empty -Encoding utf8NoBOM -Value "@{ ModuleVersion = '1.0.0'; GUID = '0b6c33a8-52a4-4b0e-9b7a-6f3c1b1d2e4f'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"

# The child times its own import: wall clock and this process's CPU time (all threads) around the statement.
function New-TimedImport([string] $Path) {
    '$p = [System.Diagnostics.Process]::GetCurrentProcess(); $c = $p.TotalProcessorTime; $w = [System.Diagnostics.Stopwatch]::StartNew(); ' +
    "Import-Module -Name $(ConvertTo-Literal $Path) -ErrorAction Stop; " +
    '$e = $w.Elapsed.TotalMilliseconds; $p.Refresh(); [string]::Format([cultureinfo]::InvariantCulture, ''{0} {1}'', $e, ($p.TotalProcessorTime - $c).TotalMilliseconds)'
}

$kinds = [ordered]@{
    ours  = New-TimedImport $ours
    peer  = New-TimedImport $peer.Path
    floor = New-TimedImport $empty
}
$wall = @{}
$cpu = @{}
foreach ($k in $kinds.Keys) { $wall[$k] = [System.Collections.Generic.List[double]]::new(); $cpu[$k] = [System.Collections.Generic.List[double]]::new() }
$names = @($kinds.Keys)

$pwsh = Get-BenchPwsh
Write-Output "  child: $($pwsh.Display) -NoProfile -NonInteractive -Command ... (times its own Import-Module)"
Write-Output "  ours:  Codex.Plugins $((Import-PowerShellDataFile $ours).ModuleVersion) ($ours)"
Write-Output "  peer:  Microsoft.PowerShell.PSResourceGet $($peer.Version) ($($peer.Path))"
Write-Output "  floor: an empty manifest module ($empty)"
Write-Output "  rounds: 1 warm-up + $Rounds measured, order rotated each round; $(Get-BenchLoad) at start"

for ($round = 0; $round -le $Rounds; $round++) {
    for ($i = 0; $i -lt $names.Count; $i++) {
        $name = $names[($i + $round) % $names.Count]
        $r = Invoke-ChildPwsh -Command $kinds[$name]
        if ($r.ExitCode -ne 0 -or $r.StdErr.Trim()) {
            throw "Child '$name' failed (exit $($r.ExitCode)): $($r.StdErr.Trim()) $($r.StdOut.Trim())"
        }
        $fields = $r.StdOut.Trim().Split(' ')
        if ($round -gt 0) {
            $wall[$name].Add([double]::Parse($fields[0], [cultureinfo]::InvariantCulture))
            $cpu[$name].Add([double]::Parse($fields[1], [cultureinfo]::InvariantCulture))
        }
    }
}

function Get-Overhead([hashtable] $Samples, [string] $Name) { (Get-Median $Samples[$Name]) - (Get-Median $Samples.floor) }

Write-BenchLine 'Import-Module, empty module (the floor)' ('{0} wall, {1} CPU' -f (Format-Ms (Get-Median $wall.floor)).Trim(), (Format-Ms (Get-Median $cpu.floor)).Trim())
Write-BenchLine 'Import-Module Codex.Plugins' ('{0} wall, {1} CPU' -f (Format-Ms (Get-Median $wall.ours)).Trim(), (Format-Ms (Get-Median $cpu.ours)).Trim())
Write-BenchLine 'Import-Module PSResourceGet' ('{0} wall, {1} CPU' -f (Format-Ms (Get-Median $wall.peer)).Trim(), (Format-Ms (Get-Median $cpu.peer)).Trim())
Write-BenchLine 'overhead over the floor, Codex.Plugins' ('{0} wall, {1} CPU' -f (Format-Ms (Get-Overhead $wall 'ours')).Trim(), (Format-Ms (Get-Overhead $cpu 'ours')).Trim())
Write-BenchLine 'overhead over the floor, PSResourceGet' ('{0} wall, {1} CPU' -f (Format-Ms (Get-Overhead $wall 'peer')).Trim(), (Format-Ms (Get-Overhead $cpu 'peer')).Trim())
foreach ($name in $names) {
    Write-BenchLine "  samples $name, wall" (($wall[$name] | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
}
Write-BenchLine 'machine at the end' (Get-BenchLoad)
$peerWall = Get-Overhead $wall 'peer'
$peerCpu = Get-Overhead $cpu 'peer'
if ($peerCpu -gt 0) {
    Write-BenchLine 'ratio from CPU time (ours / PSResourceGet)' ('{0:N2}' -f ((Get-Overhead $cpu 'ours') / $peerCpu))
}
if ($peerWall -le 0) {
    Write-BenchLine 'ratio (ours / PSResourceGet)' 'n/a: PSResourceGet overhead not above the noise in this run'
}
else {
    Write-BenchRatio 'ratio (ours / PSResourceGet)' ((Get-Overhead $wall 'ours') / $peerWall) 0.5
}

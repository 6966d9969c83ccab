#Requires -Version 7.4
<#
.SYNOPSIS
    Module import overhead: Codex.Plugins against Microsoft.PowerShell.PSResourceGet, in fresh child processes.

.DESCRIPTION
    Each sample is a new `pwsh -NoProfile -NonInteractive -Command ...` of the same PowerShell this script runs in
    (under `dotnet pwsh`: `dotnet <pwsh.dll>`). Four kinds of child, interleaved round by round (the order rotates
    each round so none always goes first): a bare `exit`, `Import-Module <our psd1>`, `Import-Module` of the
    PSResourceGet that ships with this PowerShell (both by manifest path, so neither pays for a module-path search),
    and, for reference, `Import-Module` of an empty manifest module: the floor, what Import-Module itself costs in a
    fresh process whatever the module. One warm-up round is discarded.
    Overhead = median(import) - median(bare). Ratio = our overhead / PSResourceGet's.
    Prints numbers only; a ratio above the target is reported, not failed. A failed import fails the script.
    The machine's load shows in every sample: read the ratio together with the sample spread.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured rounds (each runs all three children once). Default 7.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(3, 50)][int] $Rounds = 7
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

$kinds = [ordered]@{
    bare  = 'exit 0'
    ours  = "Import-Module -Name $(ConvertTo-Literal $ours) -ErrorAction Stop"
    peer  = "Import-Module -Name $(ConvertTo-Literal $peer.Path) -ErrorAction Stop"
    floor = "Import-Module -Name $(ConvertTo-Literal $empty) -ErrorAction Stop"
}
$samples = @{}
foreach ($k in $kinds.Keys) { $samples[$k] = [System.Collections.Generic.List[double]]::new() }
$names = @($kinds.Keys)

$pwsh = Get-BenchPwsh
Write-Output "  child: $($pwsh.Display) -NoProfile -NonInteractive -Command ..."
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
        if ($round -gt 0) { $samples[$name].Add($r.Milliseconds) }
    }
}

$bare = Get-Median $samples.bare
$oursTotal = Get-Median $samples.ours
$peerTotal = Get-Median $samples.peer
$floorTotal = Get-Median $samples.floor
$oursOverhead = $oursTotal - $bare
$peerOverhead = $peerTotal - $bare

Write-BenchLine 'bare pwsh start (median)' (Format-Ms $bare)
Write-BenchLine 'pwsh + Import-Module Codex.Plugins (median)' (Format-Ms $oursTotal)
Write-BenchLine 'pwsh + Import-Module PSResourceGet (median)' (Format-Ms $peerTotal)
Write-BenchLine 'import overhead, Codex.Plugins' (Format-Ms $oursOverhead)
Write-BenchLine 'import overhead, PSResourceGet' (Format-Ms $peerOverhead)
Write-BenchLine 'import overhead, empty module (the floor)' (Format-Ms ($floorTotal - $bare))
foreach ($name in $names) {
    Write-BenchLine "  samples $name" (($samples[$name] | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
}
Write-BenchLine 'machine at the end' (Get-BenchLoad)
# Other processes only ever add time, so the fastest samples are the least disturbed: a second reading for busy machines.
$minBare = ($samples.bare | Measure-Object -Minimum).Minimum
$minOurs = ($samples.ours | Measure-Object -Minimum).Minimum - $minBare
$minPeer = ($samples.peer | Measure-Object -Minimum).Minimum - $minBare
if ($minPeer -gt 0) {
    Write-BenchLine 'fastest samples: ours / PSResourceGet' ('{0:N1} ms / {1:N1} ms = {2:N2}' -f $minOurs, $minPeer, ($minOurs / $minPeer))
}
if ($peerOverhead -le 0) {
    Write-BenchLine 'ratio (ours / PSResourceGet)' 'n/a: PSResourceGet overhead not above the noise in this run'
}
else {
    Write-BenchRatio 'ratio (ours / PSResourceGet)' ($oursOverhead / $peerOverhead) 0.5
}

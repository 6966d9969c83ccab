#Requires -Version 7.4
<#
.SYNOPSIS
    Permission probes: 10,000 decisions by Test-CodexPermissionProfile in this session against one
    `codex sandbox -P PROFILE -- sh -c '<probe>'` run per probe (the real Codex CLI), on the same fixture.

.DESCRIPTION
    Generates out/bench/perms/ (no deny inside a read-only or denied folder: bubblewrap cannot mask there and the sandbox does not start): a Codex home whose profile extends :workspace with denies, a reopened subtree, a glob
    and a nested table, and a workspace of 50 folders x 50 files. Ours: one warm-up, then one call of
    Test-CodexPermissionProfile with 5,000 paths x Read and Write = 10,000 decisions (median of -Rounds calls).
    Codex: running 10,000 sandboxes would take many minutes, so -Sample probes (default 40, spread over the same
    paths and both accesses) are run for real, one `codex sandbox` process each, and the median time of one run is
    extrapolated to 10,000 probes. The numbers say so. The sample's real answers are compared with ours: a
    disagreement fails the bench (the numbers would mean nothing), a ratio never does.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $Probes = 10000,
    [int] $Sample = 40,
    [int] $Rounds = 3
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force

$repo = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$codex = Join-Path $repo 'node_modules/.bin/codex'
if (-not (Test-Path $codex)) { throw "The Codex CLI is not installed in $repo/node_modules (run build.ps1 Test once, which runs npm ci)." }

$root = Join-Path $repo 'out/bench/perms'
Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction Ignore
$ws = Join-Path $root 'ws'
$ext = Join-Path $root 'ext'
foreach ($d in 0..49) {
    $dir = Join-Path $ws ('d{0:D2}' -f $d)
    $null = New-Item -ItemType Directory -Force $dir
    foreach ($f in 0..49) { [System.IO.File]::WriteAllText((Join-Path $dir ('f{0:D2}.{1}' -f $f, @('txt', 'env', 'md')[$f % 3])), 'x') }
}
$null = New-Item -ItemType Directory -Force (Join-Path $ext 'open'), (Join-Path $root 'home/.codex')
[System.IO.File]::WriteAllText((Join-Path $root 'home/.codex/config.toml'), @"
[permissions.bench]
extends = ":workspace"
[permissions.bench.filesystem]
"$ext" = "deny"
"$ext/open" = "write"
[permissions.bench.filesystem.":workspace_roots"]
"d0*/f0*.txt" = "deny"
"**/*.env" = "deny"
[permissions.bench.filesystem."$ws/d10"]
"." = "write"
"f01.txt" = "read"
"@)

$files = @(Get-ChildItem -LiteralPath $ws -Recurse -File | ForEach-Object FullName | Sort-Object)
$paths = @(for ($i = 0; $i -lt $Probes / 2; $i++) { $files[$i % $files.Count] })
$splat = @{ Name = 'bench'; CodexHome = (Join-Path $root 'home/.codex'); ProjectPath = $ws; SystemConfigPath = (Join-Path $root 'etc-none') }

$null = Test-CodexPermissionProfile @splat -Path $paths[0..99] -Access Read, Write
$ours = foreach ($r in 1..$Rounds) {
    $m = Measure-InSession { Test-CodexPermissionProfile @splat -Path $paths -Access Read, Write }
    if ($m.Count -ne $Probes) { throw "Test-CodexPermissionProfile returned $($m.Count) decisions, expected $Probes." }
    $decisions = $m.Output
    $m.Milliseconds
}
$oursMs = Get-Median $ours

# The sample: spread over the probe list, both accesses; each run is one codex process and one bubblewrap sandbox.
$step = [Math]::Max(1, [int]($Probes / $Sample))
$codexMs = @()
$disagree = @()
$env:TMPDIR = $null
for ($k = 0; $k -lt $Sample; $k++) {
    $d = $decisions[($k * $step) % $Probes]
    $script = if ($d.Access -eq 'Write') { ": >> '$($d.Target)'" } else { "cat '$($d.Target)' >/dev/null" }
    $run = Invoke-TimedProcess -FilePath $codex -ArgumentList @('sandbox', '-P', 'bench', '--', 'sh', '-c', "$script 2>/dev/null") -WorkingDirectory $ws -StdinNull `
        -Environment @{ CODEX_HOME = (Join-Path $root 'home/.codex'); HOME = (Join-Path $root 'home'); RUST_BACKTRACE = $null }
    $codexMs += $run.Milliseconds
    if (($run.ExitCode -eq 0) -ne $d.Allowed) { $disagree += "$($d.Access) $($d.Target): codex exit $($run.ExitCode), module $($d.Allowed)" }
}
if ($disagree) { throw "The sample disagrees with the module:`n$($disagree -join "`n")" }
$codexOneMs = Get-Median $codexMs
$codexAllMs = $codexOneMs * $Probes

Write-Output "Permission probes ($(Get-BenchLoad))"
Write-BenchLine "Test-CodexPermissionProfile, $Probes probes" ("{0}  median of $Rounds, in this session" -f (Format-Ms $oursMs))
Write-BenchLine 'ours: probes per second' ('{0:N0}' -f ($Probes / ($oursMs / 1000)))
Write-BenchLine "codex sandbox -P, one run per probe" ("{0}  median of $Sample real runs (sample agrees with ours)" -f (Format-Ms $codexOneMs))
Write-BenchLine "codex: $Probes probes (extrapolated)" ('{0:N0} s  = {1:N0} x the median run, not measured' -f ($codexAllMs / 1000), $Probes)
Write-BenchLine 'codex: probes per second' ('{0:N1}' -f (1000 / $codexOneMs))
Write-BenchLine 'speed-up (codex time / ours)' ('{0:N0} x' -f ($codexAllMs / $oursMs))

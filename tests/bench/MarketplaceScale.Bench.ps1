#Requires -Version 7.4
<#
.SYNOPSIS
    Marketplace reading at scale: Get-CodexPlugin -Available against `codex plugin list --available --json` on one
    marketplace of 10,000, 20,000 and 40,000 entries, and how each side grows with the entry count.

.DESCRIPTION
    Issue 10 measured the module's marketplace reading as quadratic (10k entries 1.7 s, 20k 8.1 s, 40k 23 s; codex
    1.2 s at 40k). Here, at each size, one Codex home with one local marketplace registered by `codex plugin marketplace
    add`; every entry is a local plugin with a small manifest, so both sides read the same marketplace.json and the same
    plugin folders. The larger sizes reuse the smaller's plugin folders and add to them.

    Each side: one warm-up call (ours in this session; both outputs checked: the same number of plugins), then the
    median of -Rounds calls, interleaved. Ratio = ours / codex at each size (target at most 1.0 at 40k, as the issue
    asks), and the growth of each side from 10k to 40k entries (linear: about 4; quadratic: about 16). The uncached
    line is ours after the marketplace file changed since the last read (its parse is not reused), what a first read
    pays. Prints numbers only: a ratio above its target is reported, not failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured calls of each side per size. Default 3.

.PARAMETER Sizes
    Entry counts. Default 10000, 20000, 40000.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(1, 20)][int] $Rounds = 3,
    [ValidateRange(100, 200000)][int[]] $Sizes = @(10000, 20000, 40000)
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force

$codex = Get-BenchCodex
$bench = New-BenchHome 'marketplace-scale'
$marketplace = Join-Path $bench.Root 'marketplace'
$userHome = (New-Item -ItemType Directory -Force (Join-Path $bench.Root 'home')).FullName
$utf8 = [System.Text.UTF8Encoding]::new($false)

function Invoke-BenchCodex([string[]] $Arguments) {
    $environment = @{ CODEX_HOME = $bench.CodexHome; HOME = $userHome; RUST_BACKTRACE = $null; RUST_LOG = $null }
    $r = Invoke-TimedProcess -FilePath $codex -ArgumentList $Arguments -Environment $environment -WorkingDirectory $bench.Project -StdinNull
    if ($r.ExitCode -ne 0) { throw "codex $($Arguments -join ' ') failed (exit $($r.ExitCode)): $($r.StdErr)" }
    return $r
}

$made = 0
function Set-MarketplaceSize([int] $Count) {
    # Plugin folders are made once and kept; the marketplace file lists the first $Count of them.
    for ($i = $script:made + 1; $i -le $Count; $i++) {
        $name = 'scale-{0:D6}' -f $i
        $dir = [System.IO.Directory]::CreateDirectory((Join-Path $marketplace "plugins/$name/.codex-plugin")).FullName
        [System.IO.File]::WriteAllText((Join-Path $dir 'plugin.json'), "{`"name`":`"$name`",`"version`":`"1.$($i % 10).0`",`"description`":`"Plugin $i of the scale benchmark.`"}", $utf8)
    }
    $script:made = [Math]::Max($script:made, $Count)
    $text = [System.Text.StringBuilder]::new('{ "name": "scale", "plugins": [')
    for ($i = 1; $i -le $Count; $i++) {
        $name = 'scale-{0:D6}' -f $i
        if ($i -gt 1) { $null = $text.Append(',') }
        $null = $text.Append("`n    { `"name`": `"$name`", `"source`": { `"source`": `"local`", `"path`": `"./plugins/$name`" }, `"category`": `"Productivity`" }")
    }
    $null = $text.Append("`n] }`n")
    $null = [System.IO.Directory]::CreateDirectory((Join-Path $marketplace '.agents/plugins'))
    [System.IO.File]::WriteAllText((Join-Path $marketplace '.agents/plugins/marketplace.json'), $text.ToString(), $utf8)
}

Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
Write-Output "Marketplace scale: one local marketplace of $($Sizes -join ' / ') entries, $Rounds measured calls each side per size"
Write-Output "  codex:  $codex plugin list --available --json (codex-cli $((& $codex --version 2>$null) -replace '^codex-cli\s*', '')), one process per call"
Write-Output "  ours:   Get-CodexPlugin -Available, in this session; $(Get-BenchLoad) at start"

Set-MarketplaceSize $Sizes[0]
$null = Invoke-BenchCodex @('plugin', 'marketplace', 'add', $marketplace)
$marketplaceFile = Join-Path $marketplace '.agents/plugins/marketplace.json'

$results = [System.Collections.Generic.List[object]]::new()
$saved = $env:HOME
$env:HOME = $userHome
try {
    foreach ($size in $Sizes) {
        Set-MarketplaceSize $size
        $ourCall = { Get-CodexPlugin -Available -CodexHome $bench.CodexHome -ProjectPath $bench.Project -SystemConfigPath $bench.System -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        $warmOurs = Measure-InSession $ourCall
        $warmCodex = Invoke-BenchCodex @('plugin', 'list', '--available', '--json')
        $listed = $warmCodex.StdOut | ConvertFrom-Json -Depth 10
        $theirCount = @(@($listed.installed) + @($listed.available) | Where-Object { $_ } | ForEach-Object pluginId | Sort-Object -Unique).Count
        if ($warmOurs.Count -ne $size -or $theirCount -ne $size) { throw "At $size entries: ours listed $($warmOurs.Count), codex $theirCount." }

        $text = [System.IO.File]::ReadAllText($marketplaceFile)
        $ours = [System.Collections.Generic.List[double]]::new()
        $uncached = [System.Collections.Generic.List[double]]::new()
        $theirs = [System.Collections.Generic.List[double]]::new()
        for ($round = 0; $round -lt $Rounds; $round++) {
            $theirs.Add((Invoke-BenchCodex @('plugin', 'list', '--available', '--json')).Milliseconds)
            $ours.Add((Measure-InSession $ourCall).Milliseconds)
            [System.IO.File]::WriteAllText($marketplaceFile, $text + (' ' * ($round + 1)), $utf8)
            $uncached.Add((Measure-InSession $ourCall).Milliseconds)
        }
        [System.IO.File]::WriteAllText($marketplaceFile, $text, $utf8)
        $results.Add([pscustomobject]@{ Size = $size; Ours = (Get-Median $ours); Uncached = (Get-Median $uncached); Codex = (Get-Median $theirs); First = $warmOurs.Milliseconds })
    }
}
finally { $env:HOME = $saved }

foreach ($r in $results) {
    Write-Output ("  -- {0:N0} entries (both sides list {0:N0} plugins)" -f $r.Size)
    Write-BenchLine 'first call, ours (files new to this session)' (Format-Ms $r.First)
    Write-BenchLine 'Get-CodexPlugin -Available, warm (median)' (Format-Ms $r.Ours)
    Write-BenchLine 'ours, marketplace changed since last read' (Format-Ms $r.Uncached)
    Write-BenchLine 'codex plugin list --available (median)' (Format-Ms $r.Codex)
    Write-BenchRatio ("ratio at {0:N0} (ours / codex)" -f $r.Size) ($r.Ours / $r.Codex) 1.0
    Write-BenchRatio ("ratio at {0:N0}, uncached (ours / codex)" -f $r.Size) ($r.Uncached / $r.Codex) 1.0
}
if ($results.Count -ge 2) {
    $first, $last = $results[0], $results[-1]
    $factor = $last.Size / $first.Size
    Write-Output ("  -- growth from {0:N0} to {1:N0} entries (x{2:N0} entries; linear ~{2:N0}, quadratic ~{3:N0})" -f $first.Size, $last.Size, $factor, ($factor * $factor))
    Write-BenchLine 'ours, warm' ('x{0:N2}' -f ($last.Ours / $first.Ours))
    Write-BenchLine 'ours, uncached' ('x{0:N2}' -f ($last.Uncached / $first.Uncached))
    Write-BenchLine 'codex' ('x{0:N2}' -f ($last.Codex / $first.Codex))
    Write-BenchRatio 'growth ours (uncached) / growth codex' (($last.Uncached / $first.Uncached) / ($last.Codex / $first.Codex)) 1.25
}
Write-BenchLine 'machine at the end' (Get-BenchLoad)

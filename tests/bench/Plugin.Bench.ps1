#Requires -Version 7.4
<#
.SYNOPSIS
    Plugin inventory: Get-CodexPlugin -Available (warm, in this session) against `codex plugin list --available --json`
    (the real Codex CLI, one process per call) on the same Codex home, at two sizes.

.DESCRIPTION
    Two Codex homes under out/bench/plugins, each with one marketplace added by `codex plugin marketplace add` and a few
    plugins installed by `codex plugin add`, so both sides read the same config.toml, marketplace and plugin cache:

    - curated: a copy of ../shared/corpora/openai-plugins (the real openai/plugins marketplace), renamed because
      openai-curated is a reserved name. Skipped with a message when ../shared is absent (a user's clone).
    - synthetic: ten times the curated entry count (1,800 when the corpus is absent), generated: local plugins with a
      manifest, interface metadata, two skills and an .mcp.json each.

    Each side: one warm-up call (its output checked against the other's: same plugin ids, same installed set), then the
    median of -Rounds calls, interleaved. Ratio = ours / codex; target at most 1.0 at both sizes. Prints numbers only;
    a ratio above its target is reported, not failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured calls of each side per size. Default 7.
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
Import-Module (Join-Path $PSScriptRoot 'BenchMarketplace.psm1') -Force

$codex = Get-BenchCodex

function Invoke-BenchCodex($BenchHome, [string[]] $Arguments) {
    $environment = @{ CODEX_HOME = $BenchHome.CodexHome; HOME = $BenchHome.Home; RUST_BACKTRACE = $null; RUST_LOG = $null }
    $r = Invoke-TimedProcess -FilePath $codex -ArgumentList $Arguments -Environment $environment -WorkingDirectory $BenchHome.Project -StdinNull
    if ($r.ExitCode -ne 0) { throw "codex $($Arguments -join ' ') failed (exit $($r.ExitCode)): $($r.StdErr)" }
    return $r
}

function Measure-Size([string] $Label, $BenchHome, [string] $MarketplaceName, [string[]] $Install) {
    $null = Invoke-BenchCodex $BenchHome @('plugin', 'marketplace', 'add', $BenchHome.Marketplace)
    foreach ($p in $Install) { $null = Invoke-BenchCodex $BenchHome @('plugin', 'add', "$p@$MarketplaceName") }

    $saved = $env:HOME
    $env:HOME = $BenchHome.Home
    try {
        $ourCall = { Get-CodexPlugin -Available -CodexHome $BenchHome.CodexHome -ProjectPath $BenchHome.Project -SystemConfigPath $BenchHome.System -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        $codexCall = { Invoke-BenchCodex $BenchHome @('plugin', 'list', '--available', '--json') }

        $warmOurs = Measure-InSession $ourCall
        $warmCodex = & $codexCall
        $theirIds = Assert-SamePluginId $Label @($warmOurs.Output) $warmCodex.StdOut
        $listed = $warmCodex.StdOut | ConvertFrom-Json
        $ourInstalled = @($warmOurs.Output | Where-Object Installed).Count
        $theirInstalled = @(@($listed.installed) + @($listed.available) | Where-Object installed | ForEach-Object pluginId | Sort-Object -Unique).Count
        if ($ourInstalled -ne $theirInstalled) { throw "$Label`: installed plugins differ: ours $ourInstalled, codex $theirInstalled." }

        # Uncached: config.toml and the marketplace file changed since the last read (bytes never parsed here), as after
        # another tool's edit; what a fleet audit pays once per machine.
        $configFile = Join-Path $BenchHome.CodexHome 'config.toml'
        $marketplaceFile = Join-Path $BenchHome.Marketplace '.agents/plugins/marketplace.json'
        $configText = [System.IO.File]::ReadAllText($configFile)
        $marketplaceText = [System.IO.File]::ReadAllText($marketplaceFile)
        $ours = [System.Collections.Generic.List[double]]::new()
        $oursUncached = [System.Collections.Generic.List[double]]::new()
        $theirs = [System.Collections.Generic.List[double]]::new()
        for ($round = 0; $round -lt $Rounds; $round++) {
            $steps = if ($round % 2) { 'codex', 'ours', 'uncached' } else { 'uncached', 'ours', 'codex' }
            foreach ($step in $steps) {
                if ($step -eq 'uncached') {
                    [System.IO.File]::WriteAllText($configFile, $configText + "# touched by another tool, round $round`n")
                    [System.IO.File]::WriteAllText($marketplaceFile, $marketplaceText + (' ' * ($round + 1)))
                    $oursUncached.Add((Measure-InSession $ourCall).Milliseconds)
                }
                elseif ($step -eq 'ours') { $ours.Add((Measure-InSession $ourCall).Milliseconds) }
                else { $theirs.Add((& $codexCall).Milliseconds) }
            }
        }
    } finally { $env:HOME = $saved }

    $oursMedian = Get-Median $ours
    $codexMedian = Get-Median $theirs
    Write-Output "  -- $Label"
    Write-BenchLine 'plugins (ours = codex)' ('{0:N0}, ids identical; installed {1} / {2}' -f $theirIds.Count, $ourInstalled, $theirInstalled)
    Write-BenchLine 'first call, ours (cold in this session)' (Format-Ms $warmOurs.Milliseconds)
    Write-BenchLine 'Get-CodexPlugin -Available, warm (median)' (Format-Ms $oursMedian)
    Write-BenchLine 'codex plugin list --available --json (median)' (Format-Ms $codexMedian)
    Write-BenchLine 'ours, files changed since the last read (median)' (Format-Ms (Get-Median $oursUncached))
    Write-BenchLine '  samples ours' (($ours | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchLine '  samples ours, uncached' (($oursUncached | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchLine '  samples codex' (($theirs | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchRatio "ratio $Label (ours / codex)" ($oursMedian / $codexMedian) 1.0
    Write-BenchRatio "ratio $Label, uncached (ours / codex)" ((Get-Median $oursUncached) / $codexMedian) 1.0
}

Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
Write-Output "  codex:  $codex plugin list --available --json (codex-cli $((& $codex --version 2>$null) -replace '^codex-cli\s*', '')), stdin /dev/null"
Write-Output "  ours:   Get-CodexPlugin -Available, in session, warm"
Write-Output "  rounds: 1 warm-up + $Rounds measured each, interleaved; $(Get-BenchLoad) at start"

$curated = New-BenchHome 'plugins-curated'
$curatedCount = Copy-CuratedMarketplace $curated.Marketplace
if ($null -ne $curatedCount) {
    Measure-Size "curated ($curatedCount entries)" $curated 'curated-copy' @('github', 'linear', 'figma')
}
else {
    $curatedCount = 180
    Write-Output "  -- curated: skipped, ../shared/corpora/openai-plugins is not beside this clone"
}

$synthetic = New-BenchHome 'plugins-synthetic'
New-SyntheticMarketplace $synthetic.Marketplace (10 * $curatedCount)
Measure-Size "synthetic ($(10 * $curatedCount) entries)" $synthetic 'synthetic' @('synth-00001', 'synth-00002', 'synth-00500')
Write-BenchLine 'machine at the end' (Get-BenchLoad)

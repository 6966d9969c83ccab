#Requires -Version 7.4
<#
.SYNOPSIS
    Test-CodexPlugin over every plugin of a marketplace (warm, in this session) against `codex plugin list
    --available --json` (the real Codex CLI, one process per call) on the same marketplace, at two sizes.

.DESCRIPTION
    Two Codex homes under out/bench/plugin-lifecycle, each with one marketplace added by `codex plugin marketplace add`:

    - curated: a copy of ../shared/corpora/openai-plugins (renamed: openai-curated is reserved). Skipped with a
      message when ../shared is absent (a user's clone).
    - synthetic: ten times the curated entry count (1,800 without the corpus), generated: a manifest with interface
      metadata, two skills, an .mcp.json and a hooks file each.

    Ours: every entry's folder through Test-CodexPlugin -PluginId (the install checks, skills, MCP servers, hooks, the
    reach review and a secret scan of every file). Codex: the listing, which reads each manifest. Test-CodexPlugin does
    more per plugin than the listing; the ratio says what that review costs against the cheapest thing codex does
    with the same marketplace. The first call is reported on its own (cold: the runtime runs the engine's code
    unoptimised first and recompiles what is hot in the background, tiered compilation), then -WarmUp more calls of
    ours, discarded: a one-call warm-up left the measured calls still speeding up call after call (2,967 2,797 2,681
    2,151 1,754 ms on the synthetic marketplace), so the median measured the compiler. Then the median of -Rounds,
    interleaved with codex (one process per call, so it has no warm state to reach).

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured calls of each side per size. Default 5.

.PARAMETER WarmUp
    Discarded calls of ours after the cold one, per size. Default 3.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(3, 50)][int] $Rounds = 5,
    [ValidateRange(0, 50)][int] $WarmUp = 3
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchMarketplace.psm1') -Force

$codex = Get-BenchCodex

function Measure-Size([string] $Label, $BenchHome, [string] $Marketplace, [string] $MarketplaceName) {
    $environment = @{ CODEX_HOME = $BenchHome.CodexHome; HOME = $BenchHome.Home; RUST_BACKTRACE = $null; RUST_LOG = $null }
    $codexCall = {
        $r = Invoke-TimedProcess -FilePath $codex -ArgumentList @('plugin', 'list', '--available', '--json') -Environment $environment -WorkingDirectory $BenchHome.Project -StdinNull
        if ($r.ExitCode -ne 0) { throw "codex plugin list failed: $($r.StdErr)" }
        $r
    }
    $add = Invoke-TimedProcess -FilePath $codex -ArgumentList @('plugin', 'marketplace', 'add', $Marketplace) -Environment $environment -WorkingDirectory $BenchHome.Project -StdinNull
    if ($add.ExitCode -ne 0) { throw "codex plugin marketplace add failed: $($add.StdErr)" }
    $entries = @((Get-Content -Raw (Join-Path $Marketplace '.agents/plugins/marketplace.json') | ConvertFrom-Json).plugins |
            ForEach-Object { [pscustomobject]@{ Path = Join-Path $Marketplace ($_.source.path ?? $_.source); PluginId = "$($_.name)@$MarketplaceName" } })
    $ourCall = { $entries | Test-CodexPlugin -CodexHome $BenchHome.CodexHome -ErrorAction SilentlyContinue }

    $warmOurs = Measure-InSession $ourCall
    $warmCodex = & $codexCall
    $theirIds = Assert-SamePluginId $Label @($warmOurs.Output) $warmCodex.StdOut
    $warmUpSamples = for ($i = 0; $i -lt $WarmUp; $i++) { (Measure-InSession $ourCall).Milliseconds }

    $ours = [System.Collections.Generic.List[double]]::new()
    $theirs = [System.Collections.Generic.List[double]]::new()
    for ($round = 0; $round -lt $Rounds; $round++) {
        $steps = if ($round % 2) { 'codex', 'ours' } else { 'ours', 'codex' }
        foreach ($step in $steps) {
            if ($step -eq 'ours') { $ours.Add((Measure-InSession $ourCall).Milliseconds) } else { $theirs.Add((& $codexCall).Milliseconds) }
        }
    }

    $oursMedian = Get-Median $ours
    $codexMedian = Get-Median $theirs
    Write-Output "  -- $Label"
    Write-BenchLine 'plugins checked = listed' ('{0:N0}, ids identical; installable {1:N0}' -f $theirIds.Count, @($warmOurs.Output | Where-Object Installable).Count)
    Write-BenchLine 'first call, ours (cold in this session)' (Format-Ms $warmOurs.Milliseconds)
    Write-BenchLine '  warm-up calls, ours (discarded)' ((@($warmUpSamples) | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchLine 'Test-CodexPlugin, all entries (median)' (Format-Ms $oursMedian)
    Write-BenchLine 'codex plugin list --available --json (median)' (Format-Ms $codexMedian)
    Write-BenchLine '  samples ours' (($ours | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchLine '  samples codex' (($theirs | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchRatio "ratio $Label (ours / codex)" ($oursMedian / $codexMedian) 1.0
}

Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
Write-Output "  codex:  $codex plugin list --available --json, stdin /dev/null"
Write-Output "  ours:   Test-CodexPlugin over every entry, in session, warm"
Write-Output "  rounds: 1 cold call + $WarmUp warm-up calls of ours, then $Rounds measured each, interleaved; $(Get-BenchLoad) at start"

$curated = New-BenchHome 'plugin-lifecycle-curated'
$curatedCount = Copy-CuratedMarketplace $curated.Marketplace
if ($null -ne $curatedCount) {
    Measure-Size "curated ($curatedCount entries)" $curated $curated.Marketplace 'curated-copy'
}
else {
    $curatedCount = 180
    Write-Output "  -- curated: skipped, ../shared/corpora/openai-plugins is not beside this clone"
}

$synthetic = New-BenchHome 'plugin-lifecycle-synthetic'
New-SyntheticMarketplace $synthetic.Marketplace (10 * $curatedCount) -RemoteServers -Hooks
Measure-Size "synthetic ($(10 * $curatedCount) entries)" $synthetic $synthetic.Marketplace 'synthetic'
Write-BenchLine 'machine at the end' (Get-BenchLoad)

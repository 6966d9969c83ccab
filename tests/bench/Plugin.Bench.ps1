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

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$codex = Get-BenchCodex
$corpus = Join-Path $repoRoot '../shared/corpora/openai-plugins'
$haveCorpus = Test-Path (Join-Path $corpus '.agents/plugins/marketplace.json')

$benchRoot = Join-Path $repoRoot 'out/bench/plugins'
if (Test-Path $benchRoot) { Remove-Item $benchRoot -Recurse -Force }

function New-BenchHome([string] $Name) {
    $root = Join-Path $benchRoot $Name
    $paths = [ordered]@{ Root = $root; CodexHome = Join-Path $root 'codex-home'; Home = Join-Path $root 'home'; Project = Join-Path $root 'project'; System = Join-Path $root 'system-empty'; Marketplace = Join-Path $root 'marketplace' }
    foreach ($p in $paths.CodexHome, $paths.Home, $paths.Project, $paths.System) { $null = New-Item -ItemType Directory -Force $p }
    return [pscustomobject]$paths
}

function Invoke-BenchCodex($BenchHome, [string[]] $Arguments) {
    $environment = @{ CODEX_HOME = $BenchHome.CodexHome; HOME = $BenchHome.Home; RUST_BACKTRACE = $null; RUST_LOG = $null }
    $r = Invoke-TimedProcess -FilePath $codex -ArgumentList $Arguments -Environment $environment -WorkingDirectory $BenchHome.Project -StdinNull
    if ($r.ExitCode -ne 0) { throw "codex $($Arguments -join ' ') failed (exit $($r.ExitCode)): $($r.StdErr)" }
    return $r
}

function Write-Utf8([string] $Path, [string] $Text) {
    $null = New-Item -ItemType Directory -Force (Split-Path $Path)
    [System.IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
}

function New-SyntheticMarketplace([string] $Path, [int] $Count) {
    $entries = [System.Collections.Generic.List[string]]::new()
    $categories = 'Productivity', 'Developer Tools', 'Design', 'Data', 'Communication'
    for ($i = 1; $i -le $Count; $i++) {
        $name = 'synth-{0:D5}' -f $i
        $dir = Join-Path $Path "plugins/$name"
        $version = '{0}.{1}.{2}' -f ($i % 3 + 1), ($i % 17), ($i % 5)
        Write-Utf8 (Join-Path $dir '.codex-plugin/plugin.json') (@{
                name = $name; version = $version; description = "Synthetic plugin $i for the inventory benchmark."
                skills = './skills/'; mcpServers = './.mcp.json'
                interface = @{ displayName = "Synth $i"; shortDescription = "Plugin $i"; category = $categories[$i % 5]; capabilities = @('Read', 'Write'); defaultPrompt = @("Use synth $i") }
            } | ConvertTo-Json -Depth 5)
        foreach ($skill in 'search', 'summarise') {
            Write-Utf8 (Join-Path $dir "skills/$skill/SKILL.md") "---`nname: $skill-$i`ndescription: $skill things for synthetic plugin $i`n---`nSteps.`n"
        }
        Write-Utf8 (Join-Path $dir '.mcp.json') "{ `"mcpServers`": { `"$name-srv`": { `"command`": `"node`", `"args`": [`"./server.js`"] } } }"
        $entries.Add("    { `"name`": `"$name`", `"source`": { `"source`": `"local`", `"path`": `"./plugins/$name`" }, `"category`": `"$($categories[$i % 5])`" }")
    }
    Write-Utf8 (Join-Path $Path '.agents/plugins/marketplace.json') "{ `"name`": `"synthetic`", `"plugins`": [`n$($entries -join ",`n")`n] }"
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
        $listed = $warmCodex.StdOut | ConvertFrom-Json
        $theirIds = @(@($listed.installed) + @($listed.available) | ForEach-Object pluginId | Sort-Object -Unique)
        $ourIds = @($warmOurs.Output | ForEach-Object PluginId | Sort-Object -Unique)
        $diff = @(Compare-Object -CaseSensitive ([string[]]$ourIds) ([string[]]$theirIds))
        if ($diff.Count) { throw "$Label`: plugin ids differ: $(($diff | Select-Object -First 5 | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }) -join '; ')" }
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
    Write-BenchLine 'plugins (ours / codex)' ('{0:N0} / {1:N0}, ids identical; installed {2} / {3}' -f $ourIds.Count, $theirIds.Count, $ourInstalled, $theirInstalled)
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

$curatedCount = 180
if ($haveCorpus) {
    $curated = New-BenchHome 'curated'
    Copy-Item -Recurse (Join-Path $corpus '.') $curated.Marketplace
    & chmod -R u+w $curated.Marketplace
    $manifest = Join-Path $curated.Marketplace '.agents/plugins/marketplace.json'
    $text = (Get-Content -Raw $manifest) -replace '"name": "openai-curated"', '"name": "curated-copy"'
    Write-Utf8 $manifest $text
    $curatedCount = @(($text | ConvertFrom-Json).plugins).Count
    Measure-Size "curated ($curatedCount entries)" $curated 'curated-copy' @('github', 'linear', 'figma')
}
else {
    Write-Output "  -- curated: skipped, ../shared/corpora/openai-plugins is not beside this clone"
}

$synthetic = New-BenchHome 'synthetic'
New-SyntheticMarketplace $synthetic.Marketplace (10 * $curatedCount)
Measure-Size "synthetic ($(10 * $curatedCount) entries)" $synthetic 'synthetic' @('synth-00001', 'synth-00002', 'synth-00500')
Write-BenchLine 'machine at the end' (Get-BenchLoad)

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
    with the same marketplace. One warm-up each (checked: the same ids), then the median of -Rounds, interleaved.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured calls of each side per size. Default 5.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(3, 50)][int] $Rounds = 5
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$codex = Get-BenchCodex
$corpus = Join-Path $repoRoot '../shared/corpora/openai-plugins'
$haveCorpus = Test-Path (Join-Path $corpus '.agents/plugins/marketplace.json')

function Write-Utf8([string] $Path, [string] $Text) {
    $null = New-Item -ItemType Directory -Force (Split-Path $Path)
    [System.IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
}

function New-SyntheticMarketplace([string] $Path, [int] $Count) {
    $entries = [System.Collections.Generic.List[string]]::new()
    for ($i = 1; $i -le $Count; $i++) {
        $name = 'synth-{0:D5}' -f $i
        $dir = Join-Path $Path "plugins/$name"
        Write-Utf8 (Join-Path $dir '.codex-plugin/plugin.json') (@{
                name = $name; version = '1.{0}.{1}' -f ($i % 17), ($i % 5); description = "Synthetic plugin $i."
                skills = './skills/'; mcpServers = './.mcp.json'
                interface = @{ displayName = "Synth $i"; category = 'Productivity'; capabilities = @('Read', 'Write') }
            } | ConvertTo-Json -Depth 5)
        foreach ($skill in 'search', 'summarise') {
            Write-Utf8 (Join-Path $dir "skills/$skill/SKILL.md") "---`nname: $skill-$i`ndescription: $skill things for synthetic plugin $i`n---`nSteps for $skill.`n"
        }
        Write-Utf8 (Join-Path $dir '.mcp.json') "{ `"mcpServers`": { `"srv-$i`": { `"url`": `"https://mcp$i.example.com/mcp`", `"bearer_token_env_var`": `"SYNTH_TOKEN`" } } }"
        Write-Utf8 (Join-Path $dir 'hooks/hooks.json') '{ "hooks": { "PostToolUse": [ { "matcher": "Write", "hooks": [ { "type": "command", "command": "./check.sh" } ] } ] } }'
        $entries.Add("    { `"name`": `"$name`", `"source`": { `"source`": `"local`", `"path`": `"./plugins/$name`" }, `"category`": `"Productivity`" }")
    }
    Write-Utf8 (Join-Path $Path '.agents/plugins/marketplace.json') "{ `"name`": `"synthetic`", `"plugins`": [`n$($entries -join ",`n")`n] }"
}

function Measure-Size([string] $Label, $BenchHome, [string] $Marketplace, [string] $MarketplaceName) {
    $environment = @{ CODEX_HOME = $BenchHome.CodexHome; HOME = $BenchHome.Root; RUST_BACKTRACE = $null; RUST_LOG = $null }
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
    $listed = $warmCodex.StdOut | ConvertFrom-Json
    $theirIds = @(@($listed.installed) + @($listed.available) | ForEach-Object pluginId | Sort-Object -Unique)
    $ourIds = @($warmOurs.Output | ForEach-Object PluginId | Sort-Object -Unique)
    $diff = @(Compare-Object -CaseSensitive ([string[]]$ourIds) ([string[]]$theirIds))
    if ($diff.Count) { throw "$Label`: plugin ids differ: $(($diff | Select-Object -First 5 | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }) -join '; ')" }

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
    Write-BenchLine 'plugins checked / listed' ('{0:N0} / {1:N0}, ids identical; installable {2:N0}' -f $ourIds.Count, $theirIds.Count, @($warmOurs.Output | Where-Object Installable).Count)
    Write-BenchLine 'Test-CodexPlugin, all entries (median)' (Format-Ms $oursMedian)
    Write-BenchLine 'codex plugin list --available --json (median)' (Format-Ms $codexMedian)
    Write-BenchLine '  samples ours' (($ours | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchLine '  samples codex' (($theirs | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
    Write-BenchRatio "ratio $Label (ours / codex)" ($oursMedian / $codexMedian) 1.0
}

Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
Write-Output "  codex:  $codex plugin list --available --json, stdin /dev/null"
Write-Output "  ours:   Test-CodexPlugin over every entry, in session, warm"
Write-Output "  rounds: 1 warm-up + $Rounds measured each, interleaved; $(Get-BenchLoad) at start"

$curatedCount = 180
if ($haveCorpus) {
    $curated = New-BenchHome 'plugin-lifecycle-curated'
    $market = Join-Path $curated.Root 'marketplace'
    Copy-Item -Recurse (Join-Path $corpus '.') $market
    & chmod -R u+w $market
    $manifest = Join-Path $market '.agents/plugins/marketplace.json'
    $text = (Get-Content -Raw $manifest) -replace '"name": "openai-curated"', '"name": "curated-copy"'
    Write-Utf8 $manifest $text
    $curatedCount = @(($text | ConvertFrom-Json).plugins).Count
    Measure-Size "curated ($curatedCount entries)" $curated $market 'curated-copy'
}
else {
    Write-Output "  -- curated: skipped, ../shared/corpora/openai-plugins is not beside this clone"
}

$synthetic = New-BenchHome 'plugin-lifecycle-synthetic'
$syntheticMarket = Join-Path $synthetic.Root 'marketplace'
New-SyntheticMarketplace $syntheticMarket (10 * $curatedCount)
Measure-Size "synthetic ($(10 * $curatedCount) entries)" $synthetic $syntheticMarket 'synthetic'
Write-BenchLine 'machine at the end' (Get-BenchLoad)

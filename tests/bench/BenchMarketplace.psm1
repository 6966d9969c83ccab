#Requires -Version 7.4
<#
.SYNOPSIS
    Shared marketplaces for the plugin benches (Plugin.Bench.ps1, PluginLifecycle.Bench.ps1): a copy of the curated
    corpus Codex accepts, a synthetic marketplace of any size, and the check that both sides saw the same plugins.
#>

Set-StrictMode -Version Latest

function Write-BenchFile {
    <# Writes text as UTF-8 without BOM, creating the folder. #>
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][AllowEmptyString()][string] $Text)
    $null = New-Item -ItemType Directory -Force (Split-Path $Path)
    [System.IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
}

function Copy-CuratedMarketplace {
    <#
    .SYNOPSIS
        Copies ../shared/corpora/openai-plugins to -Destination as the marketplace 'curated-copy' (openai-curated is a
        name Codex reserves); returns its entry count, or $null when the corpus is not beside this clone.
    #>
    [CmdletBinding()]
    [OutputType([int])]
    param([Parameter(Mandatory)][string] $Destination)

    $corpus = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath '../shared/corpora/openai-plugins'
    if (-not (Test-Path (Join-Path $corpus '.agents/plugins/marketplace.json'))) { return $null }
    Copy-Item -Recurse (Join-Path $corpus '.') $Destination
    # The shared corpus is read-only; its copy is the bench's.
    & chmod -R u+w $Destination
    $manifest = Join-Path $Destination '.agents/plugins/marketplace.json'
    $text = (Get-Content -Raw $manifest) -replace '"name": "openai-curated"', '"name": "curated-copy"'
    Write-BenchFile $manifest $text
    return @(($text | ConvertFrom-Json).plugins).Count
}

function New-SyntheticMarketplace {
    <#
    .SYNOPSIS
        A local marketplace 'synthetic' of -Count generated plugins: a manifest with interface metadata, two skills and
        an .mcp.json each (a stdio server, or with -RemoteServers a URL with a bearer token variable), and with -Hooks
        a hooks file.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)][int] $Count,
        [switch] $RemoteServers,
        [switch] $Hooks
    )

    $entries = [System.Collections.Generic.List[string]]::new()
    $categories = 'Productivity', 'Developer Tools', 'Design', 'Data', 'Communication'
    for ($i = 1; $i -le $Count; $i++) {
        $name = 'synth-{0:D5}' -f $i
        $dir = Join-Path $Path "plugins/$name"
        $version = '{0}.{1}.{2}' -f ($i % 3 + 1), ($i % 17), ($i % 5)
        Write-BenchFile (Join-Path $dir '.codex-plugin/plugin.json') (@{
                name = $name; version = $version; description = "Synthetic plugin $i for the plugin benchmarks."
                skills = './skills/'; mcpServers = './.mcp.json'
                interface = @{ displayName = "Synth $i"; shortDescription = "Plugin $i"; category = $categories[$i % 5]; capabilities = @('Read', 'Write'); defaultPrompt = @("Use synth $i") }
            } | ConvertTo-Json -Depth 5)
        foreach ($skill in 'search', 'summarise') {
            Write-BenchFile (Join-Path $dir "skills/$skill/SKILL.md") "---`nname: $skill-$i`ndescription: $skill things for synthetic plugin $i`n---`nSteps for $skill.`n"
        }
        $server = if ($RemoteServers) { "{ `"url`": `"https://mcp$i.example.com/mcp`", `"bearer_token_env_var`": `"SYNTH_TOKEN`" }" } else { '{ "command": "node", "args": ["./server.js"] }' }
        Write-BenchFile (Join-Path $dir '.mcp.json') "{ `"mcpServers`": { `"$name-srv`": $server } }"
        if ($Hooks) {
            Write-BenchFile (Join-Path $dir 'hooks/hooks.json') '{ "hooks": { "PostToolUse": [ { "matcher": "Write", "hooks": [ { "type": "command", "command": "./check.sh" } ] } ] } }'
        }
        $entries.Add("    { `"name`": `"$name`", `"source`": { `"source`": `"local`", `"path`": `"./plugins/$name`" }, `"category`": `"$($categories[$i % 5])`" }")
    }
    Write-BenchFile (Join-Path $Path '.agents/plugins/marketplace.json') "{ `"name`": `"synthetic`", `"plugins`": [`n$($entries -join ",`n")`n] }"
}

function Assert-SamePluginId {
    <#
    .SYNOPSIS
        Stops the bench when our plugin ids and those of `codex plugin list --available --json` differ (the numbers
        would compare different work); returns codex's ids.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param([Parameter(Mandatory)][string] $Label, [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Ours, [Parameter(Mandatory)][string] $CodexJson)

    $listed = $CodexJson | ConvertFrom-Json
    $theirIds = @(@($listed.installed) + @($listed.available) | ForEach-Object pluginId | Sort-Object -Unique)
    $ourIds = @($Ours | ForEach-Object PluginId | Sort-Object -Unique)
    $diff = @(Compare-Object -CaseSensitive ([string[]]$ourIds) ([string[]]$theirIds))
    if ($diff.Count) { throw "$Label`: plugin ids differ: $(($diff | Select-Object -First 5 | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }) -join '; ')" }
    return , [string[]]$theirIds
}

Export-ModuleMember -Function Write-BenchFile, Copy-CuratedMarketplace, New-SyntheticMarketplace, Assert-SamePluginId

# Hardening: one file cannot blind a reader. In one home, each reader meets one bad file among good ones (an invalid
# UTF-8 byte inside a JSON string, an FF byte in a hooks file, YAML that does not parse, TOML nested past what codex
# reads); each gives exactly one non-terminating ErrorRecord for that file, with its stable error id and the file's
# path, and every other item still comes out, with -ErrorAction Stop not needed to see them and SilentlyContinue not
# losing them.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Write-TestBytes([string] $Path, [byte[]] $Bytes) {
        $null = New-Item -ItemType Directory -Force (Split-Path $Path)
        [System.IO.File]::WriteAllBytes($Path, $Bytes)
    }

    function Get-Utf8([string] $Text) { [System.Text.Encoding]::UTF8.GetBytes($Text) }

    # A JSON text whose string value holds one byte that is not UTF-8 (as a copy from a Latin-1 file would).
    function New-BadJson([string] $Before, [string] $After) { [byte[]]((Get-Utf8 $Before) + [byte[]](0xE9) + (Get-Utf8 $After)) }

    $script:t = New-TestCodexHome
    $script:s = $t.Splat
    $h = $t.Home
    $good = Join-Path $t.Root 'market-good'
    $bad = Join-Path $t.Root 'market-bad'

    # Two marketplaces: one good with plugins a, b, c; one whose manifest holds a bad byte.
    Write-TestFile (Join-Path $good '.agents/plugins/marketplace.json') '{"name":"team","plugins":[{"name":"a","source":"./plugins/a"},{"name":"b","source":"./plugins/b"},{"name":"c","source":"./plugins/c"}]}'
    $script:BadMarketplace = Join-Path $bad '.agents/plugins/marketplace.json'
    Write-TestBytes $BadMarketplace (New-BadJson '{"name":"broken","plugins":[{"name":"caf' '","source":"./x"}]}')

    # Installed plugins: a is whole; b has a bad MCP file, a bad hooks file and a skill whose YAML does not parse;
    # c's manifest holds a bad byte.
    $cache = Join-Path $h 'plugins/cache/team'
    foreach ($name in 'a', 'b') {
        $root = Join-Path $cache "$name/1.0.0"
        Write-TestFile (Join-Path $root '.codex-plugin/plugin.json') "{`"name`":`"$name`",`"version`":`"1.0.0`",`"skills`":`"./skills/`",`"mcpServers`":`"./.mcp.json`",`"hooks`":`"./hooks/hooks.json`"}"
        Write-TestFile (Join-Path $root "skills/$name-one/SKILL.md") "---`nname: $name-one`ndescription: First skill of $name`n---`nBody"
    }
    Write-TestFile (Join-Path $cache 'a/1.0.0/.mcp.json') '{"mcpServers":{"a-server":{"command":"node","args":["a.js"]}}}'
    Write-TestFile (Join-Path $cache 'a/1.0.0/hooks/hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo a"}]}]}}'
    Write-TestFile (Join-Path $cache 'a/1.0.0/skills/a-two/SKILL.md') "---`nname: a-two`ndescription: Second skill of a`n---`nBody"
    $script:BadMcp = Join-Path $cache 'b/1.0.0/.mcp.json'
    Write-TestBytes $BadMcp (New-BadJson '{"mcpServers":{"b-server":{"command":"caf' '"}}}')
    $script:BadHooks = Join-Path $cache 'b/1.0.0/hooks/hooks.json'
    Write-TestBytes $BadHooks ([byte[]](0xFF) + (Get-Utf8 '{"hooks":{}}'))
    $script:BadSkill = Join-Path $cache 'b/1.0.0/skills/b-two/SKILL.md'
    Write-TestFile $BadSkill "---`nname: b-two`ndescription: ok`n  - x: [`n---`nBody"
    $script:BadManifest = Join-Path $cache 'c/1.0.0/.codex-plugin/plugin.json'
    Write-TestBytes $BadManifest (New-BadJson '{"name":"c","version":"1.0.0","description":"caf' '"}')

    # Agents: two good, one that is not TOML.
    Write-TestFile (Join-Path $h 'agents/reviewer.toml') "name = `"reviewer`"`ndescription = `"Reviews`"`ndeveloper_instructions = `"Review.`"`n"
    Write-TestFile (Join-Path $h 'agents/writer.toml') "name = `"writer`"`ndescription = `"Writes`"`ndeveloper_instructions = `"Write.`"`n"
    $script:BadAgent = Join-Path $h 'agents/broken.toml'
    Write-TestFile $BadAgent "name = `"broken`"`ndescription = [`n"

    # The user's config is good; the system config nests an array 81 deep, past what codex reads.
    Write-TestFile (Join-Path $h 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo home"}]}]}}'
    Write-TestFile (Join-Path $h 'config.toml') @"
model = "gpt-5"

[marketplaces.team]
source_type = "local"
source = "$good"

[marketplaces.broken]
source_type = "local"
source = "$bad"

[plugins."a@team"]
enabled = true

[plugins."b@team"]
enabled = true

[plugins."c@team"]
enabled = true

[mcp_servers.home-server]
command = "uvx"
"@
    $script:BadSystem = Join-Path $t.System 'config.toml'
    Write-TestFile $BadSystem ("x = " + ('[' * 81) + '1' + (']' * 81) + "`n")

    function Invoke-Reader([scriptblock] $Reader) {
        # Errors merged into the output: a terminating error would end the reader with part of it (or none) out.
        # (Continue here: the suite runs with Stop, which would turn the first ErrorRecord into a throw.)
        $WarningPreference = 'SilentlyContinue'
        $ErrorActionPreference = 'Continue'
        $all = @(& $Reader 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    function Assert-OneErrorFor($Result, [string] $ErrorId, [string] $File) {
        $mine = @($Result.Errors | Where-Object { $_.CategoryInfo.TargetName -eq $File })
        $mine.Count | Should -Be 1 -Because "one bad file ($File) is one error, got: $($Result.Errors.FullyQualifiedErrorId -join ', ')"
        $mine[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $mine[0].Exception.Issue.File | Should -Be $File
    }
}

Describe 'One bad file blinds no reader' {
    It 'Get-CodexPlugin: a manifest with an invalid byte is one PluginManifestInvalid; a and b still come out' {
        $r = Invoke-Reader { Get-CodexPlugin @s }
        Assert-OneErrorFor $r 'PluginManifestInvalid' $BadManifest
        $r.Output.PluginId | Should -Contain 'a@team'
        $r.Output.PluginId | Should -Contain 'b@team'
    }

    It 'Get-CodexMarketplace: a manifest with an invalid byte is one MarketplaceManifestInvalid; the good one still comes out' {
        $r = Invoke-Reader { Get-CodexMarketplace @s }
        Assert-OneErrorFor $r 'MarketplaceManifestInvalid' $BadMarketplace
        $r.Output.Name | Should -Contain 'team'
    }

    It 'Get-CodexMcpServer: a plugin''s MCP file with an invalid byte is one PluginMcpConfigInvalid; the other servers still come out' {
        $r = Invoke-Reader { Get-CodexMcpServer @s }
        Assert-OneErrorFor $r 'PluginMcpConfigInvalid' $BadMcp
        $r.Output.Name | Should -Contain 'home-server'
        $r.Output.Name | Should -Contain 'a-server'
    }

    It 'Get-CodexHook: a hooks file that starts with an FF byte is one HookFileInvalid; the other hooks still come out' {
        $r = Invoke-Reader { Get-CodexHook @s }
        Assert-OneErrorFor $r 'HookFileInvalid' $BadHooks
        $r.Output.Command | Should -Contain 'echo home'
        $r.Output.Command | Should -Contain 'echo a'
    }

    It 'Get-CodexSkill: a SKILL.md whose YAML does not parse is one SkillFrontMatterInvalid; the other skills still come out' {
        $r = Invoke-Reader { Get-CodexSkill @s }
        Assert-OneErrorFor $r 'SkillFrontMatterInvalid' $BadSkill
        foreach ($name in 'a:a-one', 'a:a-two', 'b:b-one') { $r.Output.Name | Should -Contain $name }
    }

    It 'Get-CodexAgent: an agent file that is not TOML is one AgentFileInvalid; the other agents still come out' {
        $r = Invoke-Reader { Get-CodexAgent @s }
        Assert-OneErrorFor $r 'AgentFileInvalid' $BadAgent
        $r.Output.Name | Should -Contain 'reviewer'
        $r.Output.Name | Should -Contain 'writer'
    }

    It 'Get-CodexConfig: a layer nested past what codex reads is one ConfigParseError; the other layers'' values still come out' {
        $r = Invoke-Reader { Get-CodexConfig @s }
        Assert-OneErrorFor $r 'ConfigParseError' $BadSystem
        ($r.Output | Where-Object Key -eq 'model').Value | Should -Be 'gpt-5'
    }

    It 'a pipeline over three homes, the first of them broken, still gives the other two' {
        $homes = foreach ($i in 1..3) {
            $x = New-TestCodexHome "pipeline-$i"
            Write-TestFile (Join-Path $x.Home 'config.toml') "[mcp_servers.server-$i]`ncommand = `"node`"`n"
            if ($i -eq 1) { Write-TestFile (Join-Path $x.Home 'config.toml') ("[mcp_servers.server-1]`ncommand = `"node`"`nargs = " + ('[' * 81) + ']' * 81 + "`n") }
            [pscustomobject]@{ CodexHome = $x.Home; ProjectPath = $x.Project; SystemConfigPath = $x.System }
        }
        $e = $null
        $out = @($homes | Get-CodexMcpServer -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $out.Name | Should -Be @('server-2', 'server-3')
        @($e).Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigParseError,*'
        $e[0].CategoryInfo.TargetName | Should -Be (Join-Path $homes[0].CodexHome 'config.toml')
    }
}

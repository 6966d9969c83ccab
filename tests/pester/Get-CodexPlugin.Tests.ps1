BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-PluginHome {
        # A marketplace 'team' with a few plugins, two of them installed, one with bad paths.
        $t = New-TestCodexHome
        $mk = Join-Path $t.Root 'marketplace'
        Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') @'
{
  "name": "team",
  "interface": { "displayName": "Team plugins" },
  "plugins": [
    { "name": "docs", "source": { "source": "local", "path": "./plugins/docs" },
      "policy": { "installation": "AVAILABLE", "authentication": "ON_USE" }, "category": "Productivity" },
    { "name": "deploy", "source": "./plugins/deploy", "category": "Developer Tools" },
    { "name": "remote", "source": { "source": "git-subdir", "url": "https://git.example/plugins.git", "path": "./remote", "ref": "main" } },
    { "name": "gone", "source": "./plugins/gone" },
    { "name": "escape", "source": "./../outside" },
    { "name": "gh", "source": { "source": "github", "repo": "o/r" } },
    { "name": "nobody", "source": "./plugins/docs", "policy": { "products": [] } }
  ]
}
'@
        Write-TestFile (Join-Path $mk 'plugins/docs/.codex-plugin/plugin.json') '{"name":"docs","version":"1.2.0","description":"Team docs","interface":{"displayName":"Docs","capabilities":["Read"],"websiteUrl":"https://docs.example","defaultPrompt":["Search the docs","  Summarise   the page  "]}}'
        Write-TestFile (Join-Path $mk 'plugins/deploy/.codex-plugin/plugin.json') '{"name":"deploy","version":"0.1.0"}'
        foreach ($v in '1.9.0', '1.10.0') {
            $root = Join-Path $t.Home "plugins/cache/team/docs/$v"
            Write-TestFile (Join-Path $root '.codex-plugin/plugin.json') "{`"name`":`"docs`",`"version`":`"$v`",`"skills`":`"./skills/`",`"mcpServers`":`"./.mcp.json`",`"apps`":`"./.app.json`",`"interface`":{`"displayName`":`"Docs`",`"logo`":`"../logo.png`"}}"
            Write-TestFile (Join-Path $root 'skills/search/SKILL.md') "---`nname: search-docs`ndescription: Search the docs`n---`nBody"
            Write-TestFile (Join-Path $root 'skills/cite/SKILL.md') "---`ndescription: Cite a page`n---`nBody"
            Write-TestFile (Join-Path $root '.mcp.json') '{"mcpServers":{"docs-search":{"command":"node","args":["./search.js"]}}}'
            Write-TestFile (Join-Path $root '.app.json') '{"apps":{"docs-app":{"id":"asdk_app_1"}}}'
            Write-TestFile (Join-Path $root 'hooks/hooks.json') '{"hooks":{}}'
        }
        Write-TestFile (Join-Path $t.Home 'plugins/cache/team/deploy/0.1.0/.codex-plugin/plugin.json') '{"name":"deploy","version":"0.1.0"}'
        Write-TestFile (Join-Path $t.Home 'config.toml') @"
[marketplaces.team]
source_type = "local"
source = "$mk"

[plugins."docs@team"]
enabled = true

[plugins."deploy@team"]
enabled = false
"@
        $t | Add-Member -NotePropertyName Marketplace -NotePropertyValue $mk -PassThru
    }
}

Describe 'Get-CodexPlugin' {
    BeforeAll {
        $script:t = New-PluginHome
        $script:s = $t.Splat
    }

    It 'lists installed plugins with their state' {
        $plugins = Get-CodexPlugin @s -WarningAction SilentlyContinue
        $plugins.PluginId | Should -Be @('docs@team', 'deploy@team')
        ($plugins | Where-Object PluginId -eq 'docs@team').Enabled | Should -BeTrue
        ($plugins | Where-Object PluginId -eq 'deploy@team').Enabled | Should -BeFalse
    }

    It 'picks the active version as Codex does (1.10.0 over 1.9.0)' {
        $docs = Get-CodexPlugin docs @s -WarningAction SilentlyContinue
        $docs.ActiveVersion | Should -Be '1.10.0'
        $docs.CachedVersions | Should -Be @('1.10.0', '1.9.0')
        $docs.Root | Should -Be (Join-Path $t.Home 'plugins/cache/team/docs/1.10.0')
    }

    It 'resolves the components Codex would load' {
        $docs = Get-CodexPlugin docs @s -WarningAction SilentlyContinue
        $docs.Skills | Should -Be @('docs:cite', 'docs:search-docs')
        $docs.McpServers | Should -Be @('docs-search')
        $docs.Apps | Should -Be @('docs-app')
        $docs.HookFiles | Should -Be @((Join-Path $docs.Root 'hooks/hooks.json'))
        $docs.DisplayName | Should -Be 'Docs'
    }

    It 'names the hook files Get-CodexHook reads, inline hook objects (their manifest) included: <Case>' -ForEach @(
        @{ Case = 'a list of inline objects'; Hooks = '[ { "hooks": { "Stop": [ { "hooks": [ { "type": "command", "command": "echo one" } ] } ] } } ]'; Manifest = $true; Count = 1 }
        @{ Case = 'one inline object'; Hooks = '{ "hooks": { "Stop": [ { "hooks": [ { "type": "command", "command": "echo one" } ] } ] } }'; Manifest = $true; Count = 1 }
        @{ Case = 'a list mixing a path and an object (Codex loads neither)'; Hooks = '[ "./hooks/hooks.json", { "hooks": {} } ]'; Manifest = $false; Count = 0 }
    ) {
        $h = New-TestCodexHome
        $root = Join-Path $h.Home 'plugins/cache/team/inline/1.0.0'
        Write-TestFile (Join-Path $root '.codex-plugin/plugin.json') "{ `"name`": `"inline`", `"version`": `"1.0.0`", `"hooks`": $Hooks }"
        Write-TestFile (Join-Path $root 'hooks/hooks.json') '{ "hooks": { "Stop": [ { "hooks": [ { "type": "command", "command": "echo file" } ] } ] } }'
        Write-TestFile (Join-Path $h.Home 'config.toml') "[plugins.`"inline@team`"]`nenabled = true`n"
        $hs = $h.Splat
        $plugin = Get-CodexPlugin inline@team @hs -WarningAction SilentlyContinue
        $hooks = @(Get-CodexHook -PluginId inline@team @hs -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $hooks.Count | Should -Be $Count
        $expected = if ($Manifest) { @(Join-Path $root '.codex-plugin/plugin.json') } else { @() }
        @($plugin.HookFiles) | Should -Be $expected
        @($plugin.HookFiles) | Should -Be @($hooks.File | Sort-Object -Unique)
    }

    It 'reports a path that escapes the plugin as a finding, not a crash' {
        $finding = (Get-CodexPlugin docs @s -WarningAction SilentlyContinue).Findings | Where-Object RuleId -eq 'PluginPathInvalid'
        $finding.Message | Should -Match 'interface.logo'
        $finding.File | Should -BeLike '*.codex-plugin/plugin.json'
    }

    It 'lists every marketplace entry with -Available, skipping what Codex skips' {
        $all = Get-CodexPlugin -Available @s -WarningVariable warnings -WarningAction SilentlyContinue
        $all.PluginId | Should -Be @('docs@team', 'deploy@team', 'remote@team', 'gone@team')
        ($warnings -join "`n") | Should -Match "escape@team|leaves the plugin folder"
        ($warnings -join "`n") | Should -Match 'github'
        ($warnings -join "`n") | Should -Match 'products is empty'
    }

    It 'shows policies, sources and versions of entries' {
        $all = Get-CodexPlugin -Available @s -WarningAction SilentlyContinue
        $remote = $all | Where-Object Name -eq 'remote'
        $remote.SourceKind | Should -Be 'git-subdir'
        $remote.Version | Should -BeNullOrEmpty
        $remote.InstallPolicy | Should -Be 'AVAILABLE'
        $docs = $all | Where-Object Name -eq 'docs'
        $docs.AuthPolicy | Should -Be 'ON_USE'
        $docs.Category | Should -Be 'Productivity'
        $gone = $all | Where-Object Name -eq 'gone'
        $gone.Version | Should -BeNullOrEmpty
        $gone.Findings.RuleId | Should -Contain 'MarketplaceSourceUnresolved'
    }

    It 'filters by -Name and -Marketplace with wildcards, and suggests names' {
        (Get-CodexPlugin d* -Marketplace te* @s -WarningAction SilentlyContinue).Name | Should -Be @('docs', 'deploy')
        $null = Get-CodexPlugin dcs @s -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'PluginNotFound,Codex.Plugins.Commands.GetCodexPluginCommand'
        $err[0].ToString() | Should -Match 'Did you mean: docs'
    }

    It 'with -Marketplace, suggests only plugins that marketplace offers, and names a marketplace that matches nothing' {
        $null = Get-CodexPlugin dcs -Marketplace team @s -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].ToString() | Should -Match "No plugin 'dcs' installed from marketplace team\. Did you mean: docs\?"
        $null = Get-CodexPlugin docs -Marketplace nope @s -ErrorVariable err2 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err2.FullyQualifiedErrorId | Should -Contain 'MarketplaceNotFound,Codex.Plugins.Commands.GetCodexPluginCommand'
        ($err2 | Where-Object { $_.FullyQualifiedErrorId -like 'PluginNotFound,*' }).ToString() | Should -Not -Match 'Did you mean: docs'
        $null = Get-CodexPlugin -Marketplace tema -Available @s -ErrorVariable err3 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err3[0].ToString() | Should -Match "marketplace 'tema'\. Did you mean: team\?"
    }

    It 'lists the same plugin skills as Get-CodexSkill: nested skills found, hidden folders and over-long names left out' {
        $t2 = New-TestCodexHome
        $root = Join-Path $t2.Home 'plugins/cache/mk/kit/1.0.0'
        Write-TestFile (Join-Path $root '.codex-plugin/plugin.json') '{"name":"kit","version":"1.0.0","skills":"./skills/"}'
        Write-TestFile (Join-Path $root 'skills/outer/SKILL.md') "---`nname: outer`ndescription: d`n---`n"
        Write-TestFile (Join-Path $root 'skills/outer/inner/SKILL.md') "---`nname: inner`ndescription: d`n---`n"
        Write-TestFile (Join-Path $root 'skills/.hidden/SKILL.md') "---`nname: hidden`ndescription: d`n---`n"
        Write-TestFile (Join-Path $root 'skills/long/SKILL.md') "---`nname: $('x' * 65)`ndescription: d`n---`n"
        Write-TestFile (Join-Path $t2.Home 'config.toml') "[plugins.`"kit@mk`"]`nenabled = true`n"
        $s2 = $t2.Splat
        $plugin = Get-CodexPlugin kit @s2 -WarningAction SilentlyContinue
        $viaSkills = @($plugin | Get-CodexSkill -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | ForEach-Object Name)
        $viaSkills | Should -Contain 'kit:inner'
        @($plugin.Skills | Sort-Object) | Should -Be @($viaSkills | Sort-Object)
    }

    It 'pipes into Get-CodexMcpServer by PluginId and CodexHome' {
        $servers = Get-CodexPlugin docs @s -WarningAction SilentlyContinue | Get-CodexMcpServer -SystemConfigPath $t.System
        $servers.Name | Should -Be 'docs-search'
    }

    Context 'bad plugins' {
        It 'an invalid plugin.json is an error and the other plugins still come' {
            $b = New-PluginHome
            $bs = $b.Splat
            Write-TestFile (Join-Path $b.Home 'plugins/cache/team/deploy/0.1.0/.codex-plugin/plugin.json') '{"name": "deploy",'
            $out = Get-CodexPlugin @bs -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out.PluginId | Should -Contain 'docs@team'
            $err.FullyQualifiedErrorId | Should -Contain 'PluginManifestInvalid,Codex.Plugins.Commands.GetCodexPluginCommand'
            ($out | Where-Object Name -eq 'deploy').Findings.RuleId | Should -Contain 'PluginManifestInvalid'
        }

        It 'a missing manifest is PluginManifestNotFound' {
            $b = New-PluginHome
            $bs = $b.Splat
            Remove-Item -Recurse -Force (Join-Path $b.Home 'plugins/cache/team/deploy/0.1.0/.codex-plugin')
            $null = Get-CodexPlugin @bs -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $err.FullyQualifiedErrorId | Should -Contain 'PluginManifestNotFound,Codex.Plugins.Commands.GetCodexPluginCommand'
        }

        It 'a version with illegal characters is a finding' {
            $b = New-PluginHome
            $bs = $b.Splat
            Write-TestFile (Join-Path $b.Marketplace 'plugins/deploy/.codex-plugin/plugin.json') '{"name":"deploy","version":"1.0/../../x"}'
            $deploy = Get-CodexPlugin deploy -Available @bs -WarningAction SilentlyContinue | Where-Object { -not $_.Installed -or $_.Name -eq 'deploy' }
            Remove-Item -Recurse -Force (Join-Path $b.Home 'plugins/cache/team/deploy')
            $deploy = Get-CodexPlugin deploy -Available @bs -WarningAction SilentlyContinue
            $deploy.Findings.RuleId | Should -Contain 'PluginVersionInvalid'
        }

        It 'a marketplace whose manifest is broken is an error; installed plugins still come' {
            $b = New-PluginHome
            $bs = $b.Splat
            Write-TestFile (Join-Path $b.Marketplace '.agents/plugins/marketplace.json') '{ "name": "team", "plugins": [ '
            $out = Get-CodexPlugin @bs -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $err.FullyQualifiedErrorId | Should -Contain 'MarketplaceManifestInvalid,Codex.Plugins.Commands.GetCodexPluginCommand'
            $out.PluginId | Should -Contain 'docs@team'
        }

        It 'an unreadable cache folder is an error; the rest still comes' {
            if ($IsWindows) { Set-ItResult -Skipped -Because 'file modes are a Unix check'; return }
            $b = New-PluginHome
            $locked = Join-Path $b.Home 'plugins/cache/team/deploy'
            chmod 000 $locked
            try {
                $pwsh = Get-PwshCommand
                $script = "Import-Module '$ModulePath'; `$o = Get-CodexPlugin -CodexHome '$($b.Home)' -SystemConfigPath '$($b.System)' -ProjectPath '$($b.Project)' -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue; (`$o.PluginId -join ','); `$e[0].FullyQualifiedErrorId"
                $prefix = if ((id -u) -eq '0') { @('setpriv', '--bounding-set', '-dac_override,-dac_read_search') } else { @() }
                $cmd = $prefix + $pwsh + @('-NoProfile', '-NonInteractive', '-Command', $script)
                $result = & $cmd[0] $cmd[1..($cmd.Count - 1)]
            } finally { chmod 755 $locked }
            $result[0] | Should -Be 'docs@team'
            $result[1] | Should -BeLike 'PluginCacheUnreadable,*'
        }
    }
}

Describe 'Get-CodexMarketplace' {
    It 'lists configured, personal and repository marketplaces with their entries' {
        $t = New-PluginHome
        $s = $t.Splat
        $personalHome = Split-Path $t.Home
        Write-TestFile (Join-Path $personalHome '.agents/plugins/marketplace.json') '{"name":"mine","plugins":[{"name":"p","source":"./p"}]}'
        $repo = Join-Path $t.Project 'repo'
        Write-TestFile (Join-Path $repo '.git/HEAD') "ref: refs/heads/main`n"
        Write-TestFile (Join-Path $repo '.claude-plugin/marketplace.json') '{"name":"repo-mk","owner":{"name":"me"},"plugins":[]}'
        $env:HOME, $saved = $personalHome, $env:HOME
        try {
            $all = Get-CodexMarketplace -CodexHome $t.Home -SystemConfigPath $t.System -ProjectPath (Join-Path $repo 'sub') -WarningAction SilentlyContinue
        } finally { $env:HOME = $saved }
        # Codex lists the personal marketplace first, then the others by root path; the repository's comes last.
        $all.Name | Should -Be @('mine', 'team', 'repo-mk')
        $all.Kind | Should -Be @('Personal', 'Configured', 'Repo')
        $team = $all | Where-Object Name -eq 'team'
        $team.DisplayName | Should -Be 'Team plugins'
        $team.ConfigFile | Should -Be (Join-Path $t.Home 'config.toml')
        $team.Entries.Name | Should -Be @('docs', 'deploy', 'remote', 'gone')
        ($team.Entries | Where-Object Name -eq 'remote').SourceKind | Should -Be 'git-subdir'
    }

    It 'reports a configured marketplace whose source does not resolve' {
        $t = New-TestCodexHome
        $s = $t.Splat
        Write-TestFile (Join-Path $t.Home 'config.toml') "[marketplaces.lost]`nsource_type = `"local`"`nsource = `"/nonexistent/market`"`n"
        $m = Get-CodexMarketplace @s -ErrorVariable err -ErrorAction SilentlyContinue
        $m.Loaded | Should -BeFalse
        $err[0].FullyQualifiedErrorId | Should -Be 'MarketplaceSourceUnresolved,Codex.Plugins.Commands.GetCodexMarketplaceCommand'
        $err[0].Exception.Issue.Line | Should -Be 1
    }
}

Describe 'Get-CodexAgent' {
    BeforeAll {
        $script:t = New-TestCodexHome
        $script:s = $t.Splat
        Write-TestFile (Join-Path $t.Home 'agents/reviewer.toml') @'
name = "reviewer"
description = "PR reviewer focused on correctness."
developer_instructions = """
Review code like an owner.
"""
model = "gpt-5.4"
sandbox_mode = "read-only"
nickname_candidates = ["Atlas", "Delta"]

[mcp_servers.docs]
url = "https://developers.openai.com/mcp"
'@
        Write-TestFile (Join-Path $t.Home 'agents/broken.toml') "name = `"broken`"`n"
        Write-TestFile (Join-Path $t.Home 'agents/bad-toml.toml') "name = `n"
        Write-TestFile (Join-Path $t.Home 'config.toml') "[agents]`nmax_threads = 12`n`n[agents.explorer]`ndescription = `"Our explorer`"`n"
    }

    It 'lists agents from files and [agents.NAME], with the limits' {
        $agents = Get-CodexAgent @s -ErrorAction SilentlyContinue
        $agents.Name | Should -Be @('reviewer', 'explorer')
        $r = $agents[0]
        $r.SandboxMode | Should -Be 'read-only'
        $r.McpServers | Should -Be @('docs')
        $r.NicknameCandidates | Should -Be @('Atlas', 'Delta')
        $r.Instructions | Should -Match 'owner'
        $r.MaxThreads | Should -Be 12
        $r.MaxThreadsIsDefault | Should -BeFalse
        $r.MaxDepth | Should -Be 1
        $r.MaxDepthIsDefault | Should -BeTrue
        $agents[1].OverridesBuiltIn | Should -BeTrue
    }

    It 'reports missing required fields and broken files, and still lists the rest' {
        $null = Get-CodexAgent @s -ErrorVariable err -ErrorAction SilentlyContinue
        $ids = $err.FullyQualifiedErrorId
        $ids | Should -Contain 'AgentFieldMissing,Codex.Plugins.Commands.GetCodexAgentCommand'
        $ids | Should -Contain 'AgentFileInvalid,Codex.Plugins.Commands.GetCodexAgentCommand'
        ($err | Where-Object { $_.FullyQualifiedErrorId -like 'AgentFieldMissing*' }).ToString() | Should -Match 'description, developer_instructions'
    }

    It 'tells a project agent from a user agent when the project path starts like CODEX_HOME' {
        $t2 = New-TestCodexHome
        # The project sits beside CODEX_HOME with a name that begins with it: '.codex' vs '.codex-work'.
        $project = "$($t2.Home)-work"
        $agentText = "name = `"NAME`"`ndescription = `"d`"`ndeveloper_instructions = `"i`"`n"
        Write-TestFile (Join-Path $t2.Home 'agents/mine.toml') ($agentText -creplace 'NAME', 'mine')
        Write-TestFile (Join-Path $project '.git/HEAD') "ref: refs/heads/main`n"
        Write-TestFile (Join-Path $project '.codex/config.toml') ''
        Write-TestFile (Join-Path $project '.codex/agents/theirs.toml') ($agentText -creplace 'NAME', 'theirs')
        Write-TestFile (Join-Path $t2.Home 'config.toml') "[projects.`"$project`"]`ntrust_level = `"trusted`"`n"
        $agents = Get-CodexAgent -CodexHome $t2.Home -SystemConfigPath $t2.System -ProjectPath $project
        ($agents | Where-Object Name -eq 'mine').Scope | Should -Be 'User'
        ($agents | Where-Object Name -eq 'theirs').Scope | Should -Be 'Project'
    }

    It 'shows agent-defined MCP servers in Get-CodexMcpServer as the agent''s' {
        $server = Get-CodexMcpServer docs @s -ErrorAction SilentlyContinue
        $server.SourceKind | Should -Be 'Agent'
        $server.AgentName | Should -Be 'reviewer'
    }
}

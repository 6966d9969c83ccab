# One way of matching names, Codex's: exact and case-sensitive for what Codex names; a unique plugin name resolves to
# its id; a server a custom agent defines is changed in the agent's file; a lookup by name reports only what was asked.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-NamesHome {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') @'
[mcp_servers.sentry]
command = "sentry-mcp"
enabled_tools = ["issues"]

[plugins."github@team"]
enabled = true
[plugins."docs@team"]
enabled = true
[plugins."docs@other"]
enabled = true
'@
        foreach ($id in 'github@team', 'docs@team', 'docs@other') {
            $name, $mk = $id -split '@'
            Write-TestFile (Join-Path $t.Home "plugins/cache/$mk/$name/1.0.0/.codex-plugin/plugin.json") "{ `"name`": `"$name`", `"version`": `"1.0.0`" }"
        }
        Write-TestFile (Join-Path $t.Home 'agents/reviewer.toml') @'
name = "reviewer"
description = "Reviews changes"
developer_instructions = "Review."

[mcp_servers.linter]
command = "lint-mcp"
'@
        Write-TestFile (Join-Path $t.Home 'agents/broken.toml') "name = `"broken`"`n"
        Write-TestFile (Join-Path $t.Home 'skills/good/SKILL.md') "---`nname: good`ndescription: Does good things.`n---`nBody`n"
        Write-TestFile (Join-Path $t.Home 'skills/bad/SKILL.md') "---`nname: bad`n---`nBody`n"
        return $t
    }
}

Describe 'Name matching' {
    It 'finds MCP servers by their exact name, as codex does, and suggests the right case' {
        $t = New-NamesHome; $s = $t.Splat
        (Get-CodexMcpServer sentry @s).Name | Should -Be 'sentry'
        $out = Get-CodexMcpServer Sentry @s -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'McpServerNotFound,*'
        "$($err[0])" | Should -Match 'Did you mean: sentry'
        { Set-McpToolApproval Sentry -Mode prompt @s -ErrorAction Stop } | Should -Throw -ErrorId 'McpServerNotFound,*'
    }

    It 'resolves a unique plugin name to its id, and lists the ids of an ambiguous one' {
        $t = New-NamesHome; $s = $t.Splat
        $out = Disable-CodexPlugin github @s -PassThru
        $out.PluginId | Should -Be 'github@team'
        $out.Enabled | Should -BeFalse
        Disable-CodexPlugin docs @s -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginNameAmbiguous,*'
        "$($err[0])" | Should -Match 'docs@other, docs@team'
        Disable-CodexPlugin GitHub @s -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'PluginNotInstalled,*'
    }

    It 'changes a server a custom agent defines in the agent''s file when it is piped in' {
        $t = New-NamesHome; $s = $t.Splat
        $agentFile = Join-Path $t.Home 'agents/reviewer.toml'
        $config = [IO.File]::ReadAllText((Join-Path $t.Home 'config.toml'))
        $w = $null
        Get-CodexMcpServer linter @s | Set-McpToolApproval -Mode prompt -WarningVariable w -WarningAction SilentlyContinue
        [IO.File]::ReadAllText($agentFile) | Should -Match '(?m)^\[mcp_servers\.linter\]\r?\ncommand = "lint-mcp"\r?\ndefault_tools_approval_mode = "prompt"'
        [IO.File]::ReadAllText((Join-Path $t.Home 'config.toml')) | Should -BeExactly $config
        $w | Should -BeNullOrEmpty -Because 'Codex reads the agent file; no ConfigNotRead warning'
        (Get-CodexMcpServer linter @s).DefaultToolsApprovalMode | Should -Be 'prompt'
    }

    It 'writes errors only about what a lookup by name asked for' {
        $t = New-NamesHome; $s = $t.Splat
        (Get-CodexSkill good @s -ErrorVariable err -ErrorAction SilentlyContinue).Name | Should -Be 'good'
        $err | Should -BeNullOrEmpty
        (Get-CodexAgent reviewer @s -ErrorVariable err2 -ErrorAction SilentlyContinue).Name | Should -Be 'reviewer'
        $err2 | Should -BeNullOrEmpty
        $null = Get-CodexSkill bad @s -ErrorVariable err3 -ErrorAction SilentlyContinue
        @($err3 | Where-Object { "$_" -match 'description' }).Count | Should -BeGreaterThan 0 -Because 'the skill asked for is refused, and that is its error'
        $null = Get-CodexSkill @s -ErrorVariable err4 -ErrorAction SilentlyContinue
        @($err4).Count | Should -BeGreaterThan 0 -Because 'without a name every problem is reported'
    }

    It 'reports the problems of a plugin''s files when -PluginId selects that plugin, by one rule in <_>' -ForEach @('Get-CodexMcpServer', 'Get-CodexHook', 'Get-CodexSkill') {
        $t = New-NamesHome; $s = $t.Splat
        $docs = Join-Path $t.Home 'plugins/cache/team/docs/1.0.0'
        # One broken file of each kind in docs@team: whichever reader runs finds its own.
        # A server with no transport: its problem names the server, not the plugin; the file says whose it is.
        Write-TestFile (Join-Path $docs '.mcp.json') '{ "mcpServers": { "half": { "args": [] } } }'
        Write-TestFile (Join-Path $docs 'hooks/hooks.json') '{ "hooks": '
        Write-TestFile (Join-Path $docs 'skills/nodesc/SKILL.md') "---`nname: nodesc`n---`nBody`n"
        $inDocs = { @($args[0] | Where-Object { "$($_.CategoryInfo.TargetName)".StartsWith($docs) }).Count }

        $null = & $_ @s -ErrorVariable all -ErrorAction SilentlyContinue
        & $inDocs $all | Should -BeGreaterThan 0 -Because 'without -PluginId every problem is reported'
        $null = & $_ @s -PluginId 'docs@*' -ErrorVariable mine -ErrorAction SilentlyContinue
        & $inDocs $mine | Should -Be (& $inDocs $all)
        $null = & $_ @s -PluginId github@team -ErrorVariable other -ErrorAction SilentlyContinue
        & $inDocs $other | Should -Be 0 -Because 'the problems of docs@team are not the business of github@team'
        # A user's own item (the skill 'bad', the agent's server) is no plugin's business either.
        @($other | Where-Object { "$($_.CategoryInfo.TargetName)" -like '*skills/bad*' }).Count | Should -Be 0
    }
}

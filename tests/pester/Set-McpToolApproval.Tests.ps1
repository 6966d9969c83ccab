# Set-McpToolApproval as a user meets it: what it writes (and does not), the pipeline, -WhatIf/-PassThru, scopes,
# plugin servers, and every kind of bad input named in the issue, each leaving the file as it was.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    $script:Config = @'
#:schema https://developers.openai.com/codex/config-schema.json
# Team servers: keep this comment
model = "gpt-5.5"

[mcp_servers.figma]   # design tools
url = "https://mcp.figma.com/mcp"
enabled_tools = ["get_file", "search"]
default_tools_approval_mode = 'auto'   # literal string on purpose

[mcp_servers.context7]
command = "npx"
args = ["-y", "@upstash/context7-mcp"]
'@

    function New-McpHome([string] $Text = $Config) {
        $t = New-TestCodexHome
        $t | Add-Member NoteProperty ConfigFile (Join-Path $t.Home 'config.toml')
        Write-TestFile $t.ConfigFile $Text
        return $t
    }

    function Get-Bytes([string] $Path) { , [System.IO.File]::ReadAllBytes($Path) }
}

Describe 'Set-McpToolApproval' {
    Context 'what it writes' {
        It 'changes only the value it sets; every other byte stays' {
            $t = New-McpHome; $s = $t.Splat
            Set-McpToolApproval -Name figma -Mode prompt @s
            $after = [System.IO.File]::ReadAllText($t.ConfigFile)
            $after | Should -BeExactly ($Config.Replace("default_tools_approval_mode = 'auto'", 'default_tools_approval_mode = "prompt"'))
            (Get-CodexMcpServer figma @s).DefaultToolsApprovalMode | Should -Be 'prompt'
        }

        It 'adds per-tool modes as tables beside the server and keeps the server''s comments' {
            $t = New-McpHome; $s = $t.Splat
            Set-McpToolApproval figma approve -Tool search @s
            $text = [System.IO.File]::ReadAllText($t.ConfigFile)
            $text | Should -Match '(?m)^\[mcp_servers\.figma\.tools\.search\]\r?\napproval_mode = "approve"$'
            $text | Should -Match '# design tools'
            $text | Should -Match "literal string on purpose"
            (Get-CodexMcpServer figma @s).ToolApprovalModes['search'] | Should -Be 'approve'
        }

        It 'replaces the allow and deny lists' {
            $t = New-McpHome; $s = $t.Splat
            Set-McpToolApproval context7 -EnabledTools resolve, 'get docs' -DisabledTools @() @s
            $s = Get-CodexMcpServer context7 @s
            $s.EnabledTools | Should -Be @('resolve', 'get docs')
            $null -eq $s.DisabledTools | Should -BeFalse
            $s.DisabledTools.Count | Should -Be 0
        }

        It 'takes servers from Get-CodexMcpServer on the pipeline, one write for all' {
            $t = New-McpHome; $s = $t.Splat
            Get-CodexMcpServer @s | Set-McpToolApproval -Mode writes -SystemConfigPath $t.System
            (Get-CodexMcpServer @s).DefaultToolsApprovalMode | Should -Be @('writes', 'writes')
            Get-ChildItem -Force (Split-Path $t.ConfigFile) -Filter '*.tmp' | Should -BeNullOrEmpty
        }

        It 'with -PassThru returns the server as it now reads' {
            $t = New-McpHome; $s = $t.Splat
            $s = Set-McpToolApproval context7 prompt -PassThru @s
            # The engine's types live in the module's own load context: check the name, not a type literal.
            $s.GetType().FullName | Should -Be 'Codex.Plugins.CodexMcpServer'
            $s.DefaultToolsApprovalMode | Should -Be 'prompt'
        }


        It 'with -WhatIf prints a unified diff of the file and writes nothing' {
            $t = New-McpHome; $s = $t.Splat
            $before = Get-Bytes $t.ConfigFile
            # What if: lines go to the host, not to a stream: run a child pwsh and read what it prints.
            $pwsh = Get-PwshCommand
            $script = "Import-Module '$ModulePath'; Set-McpToolApproval figma prompt -WhatIf -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)'"
            $out = (& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script) -join "`n"
            $out | Should -Match ([regex]::Escape("--- $($t.ConfigFile)"))
            $out | Should -Match '(?m)^-default_tools_approval_mode = ''auto''   # literal string on purpose$'
            $out | Should -Match '(?m)^\+default_tools_approval_mode = "prompt"   # literal string on purpose$'
            (Get-Bytes $t.ConfigFile) | Should -Be $before
        }

        It 'writes plugin servers under [plugins."p@m".mcp_servers.S]' {
            $t = New-McpHome "[plugins.`"p1@mk`"]`nenabled = true`n"; $s = $t.Splat
            $root = Join-Path $t.Home 'plugins/cache/mk/p1/1.0.0'
            Write-TestFile (Join-Path $root '.codex-plugin/plugin.json') '{ "name": "p1", "version": "1.0.0" }'
            Write-TestFile (Join-Path $root '.mcp.json') '{ "mcpServers": { "tracker": { "command": "node", "args": ["./srv.js"] } } }'
            Get-CodexMcpServer tracker @s | Set-McpToolApproval -Mode approve -SystemConfigPath $t.System
            [System.IO.File]::ReadAllText($t.ConfigFile) | Should -BeExactly "[plugins.`"p1@mk`"]`nenabled = true`n`n[plugins.`"p1@mk`".mcp_servers.tracker]`ndefault_tools_approval_mode = `"approve`"`n"
            (Get-CodexMcpServer tracker @s).DefaultToolsApprovalMode | Should -Be 'approve'
        }

        It 'writes -Scope Project to the project''s .codex/config.toml and the server merges there' {
            $t = New-McpHome ("[projects.`"PROJECT`"]`ntrust_level = `"trusted`"`n`n" + $Config); $s = $t.Splat
            $text = [System.IO.File]::ReadAllText($t.ConfigFile).Replace('PROJECT', $t.Project.Replace('\', '\\'))
            Write-TestFile $t.ConfigFile $text
            # A .git folder makes the project folder its own root (a stray .git higher up, /tmp/.git, must not win).
            $null = New-Item -ItemType Directory (Join-Path $t.Project '.git')
            $userBefore = Get-Bytes $t.ConfigFile
            Set-McpToolApproval context7 prompt -Scope Project @s -WarningVariable w
            $w | Should -BeNullOrEmpty -Because 'the project is trusted, so Codex reads the file'
            (Get-Bytes $t.ConfigFile) | Should -Be $userBefore
            $project = Join-Path $t.Project '.codex/config.toml'
            [System.IO.File]::ReadAllText($project) | Should -BeExactly "[mcp_servers.context7]`ndefault_tools_approval_mode = `"prompt`"`n"
            (Get-CodexMcpServer context7 @s).DefaultToolsApprovalMode | Should -Be 'prompt'
        }

        It 'writes -Scope Profile to NAME.config.toml, and needs -Profile for it' {
            $t = New-McpHome; $s = $t.Splat
            Set-McpToolApproval context7 approve -Scope Profile -Profile work @s
            [System.IO.File]::ReadAllText((Join-Path $t.Home 'work.config.toml')) | Should -BeExactly "[mcp_servers.context7]`ndefault_tools_approval_mode = `"approve`"`n"
            (Get-CodexMcpServer context7 -Profile work @s).DefaultToolsApprovalMode | Should -Be 'approve'
            (Get-CodexMcpServer context7 @s).DefaultToolsApprovalMode | Should -BeNullOrEmpty

            Set-McpToolApproval context7 approve -Scope Profile @s -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigScopeInvalid*'
        }

        It 'warns that Codex ignores -Scope Project in a project that is not trusted' {
            $t = New-McpHome; $s = $t.Splat
            $null = New-Item -ItemType Directory (Join-Path $t.Project '.git')
            Set-McpToolApproval context7 prompt -Scope Project @s -WarningVariable w -WarningAction SilentlyContinue
            Test-Path (Join-Path $t.Project '.codex/config.toml') | Should -BeTrue
            ($w -join "`n") | Should -Match 'Codex ignores it: the project .* is not trusted'
        }

        It 'writes -ConfigPath where asked and warns when Codex does not read that file' {
            $t = New-McpHome; $s = $t.Splat
            $elsewhere = Join-Path $t.Root 'staging/config.toml'
            Set-McpToolApproval figma prompt -ConfigPath $elsewhere @s -WarningVariable w -WarningAction SilentlyContinue
            [System.IO.File]::ReadAllText($elsewhere) | Should -BeExactly "[mcp_servers.figma]`ndefault_tools_approval_mode = `"prompt`"`n"
            ($w -join "`n") | Should -Match 'not a configuration file Codex reads'
        }

        It 'keeps the previous version with -Backup' {
            $t = New-McpHome; $s = $t.Splat
            $before = Get-Bytes $t.ConfigFile
            Set-McpToolApproval figma prompt -Backup @s
            (Get-Bytes "$($t.ConfigFile).bak") | Should -Be $before
        }

        It 'warns, naming the winning file and line, when a managed layer overrides the key' {
            $t = New-McpHome; $s = $t.Splat
            Write-TestFile (Join-Path $t.System 'managed_config.toml') "# fleet policy`n[mcp_servers.figma]`ndefault_tools_approval_mode = `"prompt`"`n"
            Set-McpToolApproval figma approve @s -WarningVariable w -WarningAction SilentlyContinue
            [System.IO.File]::ReadAllText($t.ConfigFile) | Should -Match 'default_tools_approval_mode = "approve"'
            ($w -join "`n") | Should -Match ([regex]::Escape((Join-Path $t.System 'managed_config.toml') + ':3'))
        }
    }

    Context 'bad input, each leaving the file untouched' {
        It 'a server that does not exist: ObjectNotFound error with close names, other servers still changed' {
            $t = New-McpHome; $s = $t.Splat
            Set-McpToolApproval -Name figmaa, context7 -Mode prompt @s -ErrorVariable e -ErrorAction SilentlyContinue
            $e | Should -HaveCount 1
            $e[0].FullyQualifiedErrorId | Should -BeLike 'McpServerNotFound*'
            $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            "$($e[0].ErrorDetails.Message)" | Should -Match 'Did you mean: figma'
            (Get-CodexMcpServer context7 @s).DefaultToolsApprovalMode | Should -Be 'prompt'
        }

        It 'a tool that the enabled_tools list lacks: written, with a warning that names the list' {
            $t = New-McpHome; $s = $t.Splat
            Set-McpToolApproval figma prompt -Tool serch @s -WarningVariable w -WarningAction SilentlyContinue
            ($w -join "`n") | Should -Match "Tool 'serch' is not in the enabled_tools of MCP server 'figma'"
            ($w -join "`n") | Should -Match 'Did you mean: search'
        }

        It 'a read-only file: ConfigReadOnly' -Skip:$IsWindows {
            $t = New-McpHome; $s = $t.Splat
            $before = Get-Bytes $t.ConfigFile
            [System.IO.File]::SetUnixFileMode($t.ConfigFile, [System.IO.UnixFileMode]'UserRead, GroupRead, OtherRead')
            Set-McpToolApproval figma prompt @s -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigReadOnly*'
            $e[0].TargetObject | Should -Be 'figma'
            (Get-Bytes $t.ConfigFile) | Should -Be $before
        }

        It 'the file replaced by a directory after it was read: ConfigIsDirectory, folder left alone' {
            $t = New-McpHome; $s = $t.Splat
            # Read first (the pipeline), then swap the file for a folder before the change is staged.
            $servers = Get-CodexMcpServer @s
            Remove-Item $t.ConfigFile
            $null = New-Item -ItemType Directory $t.ConfigFile
            $servers | Set-McpToolApproval -Mode prompt -SystemConfigPath $t.System -ErrorVariable e -ErrorAction SilentlyContinue
            @($e | Where-Object FullyQualifiedErrorId -like 'ConfigIsDirectory*').Count | Should -BeGreaterThan 0
            Test-Path $t.ConfigFile -PathType Container | Should -BeTrue
            Get-ChildItem $t.ConfigFile | Should -BeNullOrEmpty
        }

        It 'a file locked by another writer past the timeout: ConfigLocked' {
            $t = New-McpHome; $s = $t.Splat
            $before = Get-Bytes $t.ConfigFile
            # Another writer: the same lock a ConfigEdit takes (FileShare.None on FILE.lock), held by this process.
            $held = [System.IO.FileStream]::new("$($t.ConfigFile).lock", 'OpenOrCreate', 'ReadWrite', 'None')
            try {
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                Set-McpToolApproval figma prompt -LockTimeoutSec 1 @s -ErrorVariable e -ErrorAction SilentlyContinue
                $watch.Stop()
            } finally { $held.Dispose() }
            $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigLocked*'
            $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1
            (Get-Bytes $t.ConfigFile) | Should -Be $before
        }

        It 'a config that does not parse: refused with line and column, untouched' {
            $t = New-McpHome ($Config + "`n[mcp_servers.broken`ncommand = 1`n"); $s = $t.Splat
            $before = Get-Bytes $t.ConfigFile
            Set-McpToolApproval figma prompt @s -ErrorVariable e -ErrorAction SilentlyContinue
            $parse = @($e | Where-Object FullyQualifiedErrorId -like 'ConfigParseError*')
            $parse.Count | Should -BeGreaterThan 0
            "$($parse[0].ErrorDetails.Message)" | Should -Match 'config\.toml:1[34]:\d+'
            (Get-Bytes $t.ConfigFile) | Should -Be $before
        }

        It 'a change on disk between read and write: ConfigChangedOnDisk; -Force re-reads and applies it' {
            $t = New-McpHome; $s = $t.Splat
            $servers = Get-CodexMcpServer @s
            $edit = { [System.IO.File]::AppendAllText($t.ConfigFile, "`n[mcp_servers.added$(Get-Random)]`ncommand = `"x`"`n") }
            # Set-McpToolApproval reads the file with the first server; the second arrives after another writer changed it.
            $servers | ForEach-Object -Begin { $i = 0 } -Process { if ($i++ -eq 1) { & $edit }; $_ } |
                Set-McpToolApproval -Mode prompt -SystemConfigPath $t.System -ErrorVariable e -ErrorAction SilentlyContinue
            $e | Should -HaveCount 2
            $e.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'ConfigChangedOnDisk*' }
            ($e.TargetObject | Sort-Object) | Should -Be @('context7', 'figma')
            (Get-CodexMcpServer figma @s).DefaultToolsApprovalMode | Should -Be 'auto'

            $servers | ForEach-Object -Begin { $i = 0 } -Process { if ($i++ -eq 1) { & $edit }; $_ } |
                Set-McpToolApproval -Mode prompt -SystemConfigPath $t.System -Force
            $now = Get-CodexMcpServer @s
            @($now | Where-Object Name -like 'added*').Count | Should -Be 2
            ($now | Where-Object Name -in 'figma', 'context7').DefaultToolsApprovalMode | Should -Be @('prompt', 'prompt')
        }

        It 'a project server written to the user config: McpServerNotInScope (it would break other sessions)' {
            $t = New-McpHome ("[projects.`"PROJECT`"]`ntrust_level = `"trusted`"`n"); $s = $t.Splat
            Write-TestFile $t.ConfigFile ([System.IO.File]::ReadAllText($t.ConfigFile).Replace('PROJECT', $t.Project.Replace('\', '\\')))
            Write-TestFile (Join-Path $t.Project '.codex/config.toml') "[mcp_servers.local]`ncommand = `"x`"`n"
            $before = Get-Bytes $t.ConfigFile
            Set-McpToolApproval local prompt -Scope User @s -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -BeLike 'McpServerNotInScope*'
            (Get-Bytes $t.ConfigFile) | Should -Be $before
        }

        It 'a mode Codex does not accept is a parameter error' {
            $t = New-McpHome; $s = $t.Splat
            { Set-McpToolApproval figma never @s } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        }
    }
}

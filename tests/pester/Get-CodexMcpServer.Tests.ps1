BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-McpHome([string] $Config) {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') $Config
        return $t
    }

    $script:Standard = @'
# two transports, a secret in env and in a header
[mcp_servers.github]
url = "https://api.githubcopilot.com/mcp/"
bearer_token_env_var = "GITHUB_PAT"

[mcp_servers.gitlab]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-gitlab"]
env = { GITLAB_TOKEN = "glpat-abcdefghijklmnop1234" }

[mcp_servers.figma]
url = "https://mcp.figma.com/mcp"
http_headers = { "X-Figma-Token" = "figd_secretvalue123" }
enabled = false
'@
}

Describe 'Get-CodexMcpServer' {
    Context 'inventory' {
        BeforeAll { $script:t = New-McpHome $Standard; $splat = $t.Splat }

        It 'lists every server, sorted by name as codex mcp list does' {
            (Get-CodexMcpServer @splat).Name | Should -Be @('figma', 'github', 'gitlab')
        }

        It 'filters with wildcards and Where-Object on Transport' {
            (Get-CodexMcpServer git* @splat | Where-Object Transport -eq 'stdio').Name | Should -Be 'gitlab'
        }

        It 'reports where each server is defined' {
            $s = Get-CodexMcpServer gitlab @splat
            $s.File | Should -Be (Join-Path $t.Home 'config.toml')
            $s.Line | Should -Be 6
            $s.SourceKind | Should -Be 'User'
        }

        It 'shows disabled servers as disabled' {
            $f = Get-CodexMcpServer figma @splat
            $f.Enabled | Should -BeFalse
            $f.DisabledBy | Should -Be 'Config'
        }

        It 'marks default timeouts as defaults' {
            $g = Get-CodexMcpServer github @splat
            $g.StartupTimeoutIsDefault | Should -BeTrue
            $g.StartupTimeoutSec | Should -Be 30
            $g.ToolTimeoutSec | Should -Be 300
        }
    }

    Context 'secrets' {
        BeforeAll { $script:t = New-McpHome $Standard; $splat = $t.Splat }

        It 'masks env and header values by default' {
            (Get-CodexMcpServer gitlab @splat).Env['GITLAB_TOKEN'] | Should -Be '*****'
            (Get-CodexMcpServer figma @splat).HttpHeaders['X-Figma-Token'] | Should -Be '*****'
        }

        It 'shows them with -IncludeSecret' {
            (Get-CodexMcpServer gitlab @splat -IncludeSecret).Env['GITLAB_TOKEN'] | Should -Be 'glpat-abcdefghijklmnop1234'
        }

        It 'never writes a secret to any stream or view' {
            $all = Get-CodexMcpServer @splat -Verbose -Debug *>&1 | Out-String -Width 500
            $list = Get-CodexMcpServer @splat | Format-List | Out-String -Width 500
            foreach ($text in $all, $list) {
                $text | Should -Not -Match 'glpat-abcdefghijklmnop1234'
                $text | Should -Not -Match 'figd_secretvalue123'
            }
        }
    }

    Context 'errors' {
        It 'suggests close names for a server that does not exist' {
            $t = New-McpHome $Standard
            $s = $t.Splat
            $out = Get-CodexMcpServer githb @s -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'McpServerNotFound,Codex.Plugins.Commands.GetCodexMcpServerCommand'
            $err[0].ToString() | Should -Match 'Did you mean: github'
        }

        It 'reports a server Codex refuses and still returns the others' {
            $t = New-McpHome ($Standard + "`n[mcp_servers.broken]`ncommand = `"x`"`nurl = `"http://h/`"`n")
            $s = $t.Splat
            $out = Get-CodexMcpServer @s -ErrorVariable err -ErrorAction SilentlyContinue
            $out.Name | Should -Be @('figma', 'github', 'gitlab')
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'McpTransportConflict,*'
            $err[0].ToString() | Should -Match 'url is not supported for stdio'
            $err[0].Exception.Issue.File | Should -Be (Join-Path $t.Home 'config.toml')
            $err[0].Exception.Issue.Line | Should -Be 17
        }

        It 'stops with -ErrorAction Stop, naming the error id' {
            $t = New-McpHome "[mcp_servers.a]`nenabled = true`n"
            $s = $t.Splat
            { Get-CodexMcpServer @s -ErrorAction Stop } | Should -Throw -ErrorId 'McpTransportMissing,Codex.Plugins.Commands.GetCodexMcpServerCommand'
        }
    }

    Context 'bad files' {
        It 'invalid TOML: a ConfigParseError with line and column, the file as target' {
            $t = New-McpHome "[mcp_servers.a]`ncommand = `"x`"`nargs = [`"unterminated`n"
            $s = $t.Splat
            $null = Get-CodexMcpServer @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigParseError,*'
            $err[0].TargetObject | Should -Be (Join-Path $t.Home 'config.toml')
            $err[0].Exception.Issue.Line | Should -Be 3
            $err[0].Exception.Issue.Column | Should -Be 22  # where codex 0.169.0 points: config.toml:3:22
            $err[0].ToString() | Should -Match 'line 3, column \d+'
        }

        It 'a non-ASCII bare key, which Codex rejects, is a ConfigParseError' {
            $t = New-McpHome "[mcp_servers.café]`ncommand = `"x`"`n"
            $s = $t.Splat
            $null = Get-CodexMcpServer @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigParseError,*'
            $err[0].Exception.Issue.Line | Should -Be 1
        }

        It 'a BOM that is not at the start is refused' {
            $t = New-McpHome "[mcp_servers.a]`n$([char]0xFEFF)command = `"x`"`n"
            $s = $t.Splat
            $null = Get-CodexMcpServer @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigEncodingInvalid,*'
            $err[0].Exception.Issue.Line | Should -Be 2
        }

        It 'a BOM at the start and CRLF line endings read as Codex reads them' {
            $t = New-TestCodexHome
            $s = $t.Splat
            Write-TestFile (Join-Path $t.Home 'config.toml') "[mcp_servers.a]`r`ncommand = `"x`"`r`nargs = [`"1`"]`r`n" -Bom
            $s = Get-CodexMcpServer @s -ErrorAction Stop
            $s.Name | Should -Be 'a'
            $s.Args | Should -Be @('1')
        }

        It 'an empty file has no servers and no error' {
            $t = New-McpHome ''
            $s = $t.Splat
            Get-CodexMcpServer @s -ErrorAction Stop | Should -BeNullOrEmpty
        }

        It 'a folder where config.toml should be is a ConfigIsDirectory error' {
            $t = New-TestCodexHome
            $s = $t.Splat
            $null = New-Item -ItemType Directory (Join-Path $t.Home 'config.toml')
            $null = Get-CodexMcpServer @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigIsDirectory,*'
            $err[0].CategoryInfo.Category | Should -Be 'ReadError'
        }

        It 'an unreadable file is a ConfigUnreadable error' {
            $t = New-McpHome "[mcp_servers.a]`ncommand = `"x`"`n"
            $s = $t.Splat
            $config = Join-Path $t.Home 'config.toml'
            if ($IsWindows) { Set-ItResult -Skipped -Because 'file modes are a Unix check'; return }
            chmod 000 $config
            $pwsh = Get-PwshCommand
            $script = "Import-Module '$ModulePath'; `$null = Get-CodexMcpServer -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)' -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId"
            # root reads any file: drop the capabilities that let it, so the mode bits count as for any user.
            $prefix = if ((id -u) -eq '0') { @('setpriv', '--bounding-set', '-dac_override,-dac_read_search') } else { @() }
            $cmd = $prefix + $pwsh + @('-NoProfile', '-NonInteractive', '-Command', $script)
            $result = & $cmd[0] $cmd[1..($cmd.Count - 1)]
            chmod 644 $config
            $result | Should -BeLike 'ConfigUnreadable,*'
        }

        It 'reads a 10 MB config with 2,000 servers' {
            $t = New-TestCodexHome
            $s = $t.Splat
            $sb = [System.Text.StringBuilder]::new()
            $pad = '# ' + ('x' * 5400)
            for ($i = 0; $i -lt 2000; $i++) {
                $null = $sb.AppendLine($pad).AppendLine("[mcp_servers.s$i]").AppendLine("command = `"srv$i`"").AppendLine('args = ["--port", "1"]')
            }
            Write-TestFile (Join-Path $t.Home 'config.toml') $sb.ToString()
            (Get-Item (Join-Path $t.Home 'config.toml')).Length | Should -BeGreaterThan 10MB
            (Get-CodexMcpServer @s -ErrorAction Stop).Count | Should -Be 2000
        }
    }

    Context 'pipeline' {
        BeforeAll {
            $script:t = New-TestCodexHome
            $script:s = $t.Splat
            $pluginRoot = Join-Path $t.Home 'plugins/cache/team/docs/1.0.0'
            Write-TestFile (Join-Path $pluginRoot '.codex-plugin/plugin.json') '{"name":"docs","version":"1.0.0"}'
            Write-TestFile (Join-Path $pluginRoot '.mcp.json') '{"mcpServers":{"docs-search":{"command":"node","args":["./search.js"]}}}'
            Write-TestFile (Join-Path $t.Home 'config.toml') "[plugins.`"docs@team`"]`nenabled = true`n[mcp_servers.local]`ncommand = `"x`"`n"
        }

        It 'takes PluginId and CodexHome by property name' {
            $servers = [pscustomobject]@{ PluginId = 'docs@team'; CodexHome = $t.Home; ProjectPath = $t.Project } |
                Get-CodexMcpServer -SystemConfigPath $t.System
            $servers.Name | Should -Be 'docs-search'
            $servers.PluginId | Should -Be 'docs@team'
        }

        It 'does not mistake a piped object for a server name' {
            $plugin = [pscustomobject]@{ Name = 'docs'; PluginId = 'docs@team'; CodexHome = $t.Home; ProjectPath = $t.Project }
            ($plugin | Get-CodexMcpServer -SystemConfigPath $t.System -ErrorAction Stop).Name | Should -Be 'docs-search'
        }

        It 'selects a profile with -Profile' {
            Write-TestFile (Join-Path $t.Home 'work.config.toml') "[mcp_servers.work-only]`nurl = `"https://w/`"`n"
            (Get-CodexMcpServer @s -Profile work).Name | Should -Contain 'work-only'
            (Get-CodexMcpServer @s).Name | Should -Not -Contain 'work-only'
        }
    }
}

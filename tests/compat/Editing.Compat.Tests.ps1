#Requires -Version 7.4
# After each kind of change the module makes, the real Codex CLI (each pinned version) reads it: `codex mcp get NAME --json` shows
# the new tool lists, `codex app-server` config/read the new default and per-tool approval modes (the only place the
# binary shows per-tool modes), `codex plugin list --json` the new enabled state, and `codex doctor --json` reports
# the configuration as loaded. The file starts with a BOM, CRLF line ends and comments, which all must survive.

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:CodexMissing = Get-CompatCodexMissingReason

    function New-EditHome {
        # Under out/compat-homes (not /tmp: codex warns there), with an empty system folder for the module; codex
        # reads the machine's /etc/codex, which holds no configuration here.
        $root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot "../../out/compat-homes/editing-$([guid]::NewGuid().ToString('N').Substring(0, 8))"))
        foreach ($d in 'home', 'userhome', 'work', 'system-empty') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }
        [pscustomobject]@{
            Root = $root; CodexHome = Join-Path $root 'home'; UserHome = Join-Path $root 'userhome'; WorkingDirectory = Join-Path $root 'work'
            SystemConfigPath = $null; Profile = $null; ClearEnvironment = @('FIGMA_TOKEN_X')
            Splat = @{ CodexHome = Join-Path $root 'home'; ProjectPath = Join-Path $root 'work'; SystemConfigPath = Join-Path $root 'system-empty' }
            ConfigFile = Join-Path $root 'home/config.toml'
        }
    }

    function Invoke-ConfigRead($CompatHome) {
        # JSON-RPC over stdio: initialize, initialized, config/read; the answer with id 2 is the effective config.
        $psi = [System.Diagnostics.ProcessStartInfo]::new((Get-CompatCodexPath))
        foreach ($a in 'app-server') { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false; $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
        $psi.WorkingDirectory = $CompatHome.WorkingDirectory
        $psi.Environment['CODEX_HOME'] = $CompatHome.CodexHome; $psi.Environment['HOME'] = $CompatHome.UserHome
        $null = $psi.Environment.Remove('RUST_BACKTRACE')
        $p = [System.Diagnostics.Process]::Start($psi)
        try {
            $p.StandardInput.WriteLine('{"id":1,"method":"initialize","params":{"clientInfo":{"name":"codex-plugins-compat","version":"0"}}}')
            $p.StandardInput.WriteLine('{"method":"initialized"}')
            $p.StandardInput.WriteLine('{"id":2,"method":"config/read","params":{}}')
            $p.StandardInput.Flush()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline) {
                $line = $p.StandardOutput.ReadLineAsync()
                if (-not $line.Wait(60000) -or $null -eq $line.Result) { break }
                $msg = ConvertFrom-CompatJson $line.Result
                if ($msg.Contains('id') -and $msg['id'] -eq 2) { return $msg['result']['config'] }
            }
            throw "codex app-server gave no config/read answer: $($p.StandardError.ReadToEnd())"
        } finally {
            if (-not $p.HasExited) { $p.Kill($true) }
            $p.Dispose()
        }
    }

    function Get-PluginState($CompatHome, [string] $Id) {
        $r = Invoke-Codex -CompatHome $CompatHome -ArgumentList @('plugin', 'list', '--json')
        $r.ExitCode | Should -Be 0 -Because $r.StdErr
        $entries = if ($r.Json -is [System.Collections.IDictionary]) { @($r.Json['installed']) + @($r.Json['available']) } else { @($r.Json) }
        return $entries | Where-Object { $_['pluginId'] -eq $Id } | Select-Object -First 1
    }
}

Describe 'Changes made by the module are read by codex' -Tag Compat {
    BeforeAll {
        if ($CodexMissing) { return }
        $script:h = New-EditHome
        # A BOM, CRLF line ends and comments: the edits must keep them, and codex must still load the file.
        $text = "# fleet baseline, do not reorder`r`nmodel = `"gpt-5.5`"`r`n`r`n[mcp_servers.docs]   # stdio, local`r`ncommand = `"docs-server`"`r`nargs = ['--stdio']`r`n`r`n[mcp_servers.figma]`r`nurl = `"https://mcp.figma.com/mcp`"`r`nbearer_token_env_var = `"FIGMA_TOKEN_X`"`r`n"
        [System.IO.File]::WriteAllBytes($h.ConfigFile, [byte[]](0xEF, 0xBB, 0xBF) + [System.Text.Encoding]::UTF8.GetBytes($text))

        # A local marketplace with one plugin that brings an MCP server, installed by codex itself.
        $mk = Join-Path $h.Root 'marketplace'
        $plugin = Join-Path $mk 'plugins/tracker'
        $null = New-Item -ItemType Directory -Force (Join-Path $mk '.agents/plugins'), (Join-Path $plugin '.codex-plugin')
        [System.IO.File]::WriteAllText((Join-Path $mk '.agents/plugins/marketplace.json'), '{ "name": "edmk", "plugins": [ { "name": "tracker", "source": { "source": "local", "path": "./plugins/tracker" }, "policy": { "installation": "AVAILABLE", "authentication": "ON_INSTALL" }, "category": "Productivity" } ] }')
        [System.IO.File]::WriteAllText((Join-Path $plugin '.codex-plugin/plugin.json'), '{ "name": "tracker", "version": "1.0.0", "description": "issue tracker", "mcpServers": "./.mcp.json" }')
        [System.IO.File]::WriteAllText((Join-Path $plugin '.mcp.json'), '{ "mcpServers": { "tracker": { "command": "tracker-mcp", "args": ["--stdio"] } } }')
        $script:add1 = Invoke-Codex -CompatHome $h -ArgumentList @('plugin', 'marketplace', 'add', $mk)
        $script:add2 = Invoke-Codex -CompatHome $h -ArgumentList @('plugin', 'add', 'tracker@edmk')
        # Codex's own edit (toml_edit) rewrote the file: it keeps comments but drops the BOM and turns CRLF into LF.
        $script:afterCodex = [System.IO.File]::ReadAllBytes($h.ConfigFile)
        # Give the file back the shape a Windows editor leaves, for the module's edits that follow.
        $lf = [System.Text.Encoding]::UTF8.GetString($afterCodex).TrimStart([char]0xFEFF) -replace '\r?\n', "`r`n"
        [System.IO.File]::WriteAllBytes($h.ConfigFile, [byte[]](0xEF, 0xBB, 0xBF) + [System.Text.Encoding]::UTF8.GetBytes($lf))
    }

    It 'codex installed the test plugin' -Skip:([bool]$CodexMissing) {
        $add1.ExitCode | Should -Be 0 -Because $add1.StdErr
        $add2.ExitCode | Should -Be 0 -Because $add2.StdErr
        (Get-PluginState $h 'tracker@edmk')['enabled'] | Should -BeTrue
        # Observed in 0.169.0: codex plugin add keeps the comments it finds but writes no BOM and LF line ends.
        [System.Text.Encoding]::UTF8.GetString($afterCodex) | Should -Match '^# fleet baseline, do not reorder\nmodel'
        $afterCodex[0] | Should -Be ([byte][char]'#')
    }

    It 'default_tools_approval_mode: codex reads the new mode' -Skip:([bool]$CodexMissing) {
        $s = $h.Splat
        Set-McpToolApproval -Name docs -Mode writes @s
        (Invoke-ConfigRead $h)['mcp_servers']['docs']['default_tools_approval_mode'] | Should -Be 'writes'
        $text = (Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'get', 'docs')).StdOut
        $text | Should -Match 'default_tools_approval_mode: writes'
    }

    It 'per-tool approval_mode: codex reads the tool table' -Skip:([bool]$CodexMissing) {
        $s = $h.Splat
        Set-McpToolApproval -Name figma -Mode approve -Tool get_file @s
        (Invoke-ConfigRead $h)['mcp_servers']['figma']['tools']['get_file']['approval_mode'] | Should -Be 'approve'
    }

    It 'enabled_tools and disabled_tools: codex mcp get shows the new lists' -Skip:([bool]$CodexMissing) {
        $s = $h.Splat
        Set-McpToolApproval -Name figma -EnabledTools get_file, search -DisabledTools search @s
        $r = Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'get', 'figma', '--json')
        $r.ExitCode | Should -Be 0 -Because $r.StdErr
        $r.Json['enabled_tools'] | Should -Be @('get_file', 'search')
        $r.Json['disabled_tools'] | Should -Be @('search')
        # What the module reads back agrees with codex.
        (Get-CodexMcpServer figma @s).EnabledTools | Should -Be $r.Json['enabled_tools']
    }

    It 'a plugin server: codex applies [plugins."p@m".mcp_servers.S]' -Skip:([bool]$CodexMissing) {
        $s = $h.Splat
        Get-CodexMcpServer tracker @s | Set-McpToolApproval -Mode prompt -EnabledTools list_issues -SystemConfigPath $s.SystemConfigPath
        $r = Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'get', 'tracker', '--json')
        $r.ExitCode | Should -Be 0 -Because $r.StdErr
        $r.Json['enabled_tools'] | Should -Be @('list_issues')
        (Invoke-ConfigRead $h)['plugins']['tracker@edmk']['mcp_servers']['tracker']['default_tools_approval_mode'] | Should -Be 'prompt'
    }

    It 'Disable-CodexPlugin and Enable-CodexPlugin: codex plugin list --json shows the state' -Skip:([bool]$CodexMissing) {
        $s = $h.Splat
        Disable-CodexPlugin tracker@edmk @s
        (Get-PluginState $h 'tracker@edmk')['enabled'] | Should -BeFalse
        # A disabled plugin's server is not started, so codex no longer lists it.
        (Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'list', '--json')).Json.name | Should -Not -Contain 'tracker'
        Get-CodexPlugin tracker @s | Enable-CodexPlugin -SystemConfigPath $s.SystemConfigPath
        (Get-PluginState $h 'tracker@edmk')['enabled'] | Should -BeTrue
    }

    It 'codex doctor --json reports the edited configuration as loaded, and BOM, CRLF and comments survived' -Skip:([bool]$CodexMissing) {
        $r = Invoke-Codex -CompatHome $h -ArgumentList @('doctor', '--json')
        $r.Json['checks']['config.load']['status'] | Should -Be 'ok' -Because $r.StdOut
        $r.Json['checks']['config.load']['details']['config.toml parse'] | Should -Be 'ok'
        $bytes = [System.IO.File]::ReadAllBytes($h.ConfigFile)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $text = [System.Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3)
        $text | Should -Match '^# fleet baseline, do not reorder\r\nmodel = "gpt-5.5"\r\n'
        $text | Should -Match '\[mcp_servers\.docs\]   # stdio, local\r\n'
        ($text -replace '\r\n', '') | Should -Not -Match '\n' -Because 'every line, old and new, ends in CRLF'
    }
}

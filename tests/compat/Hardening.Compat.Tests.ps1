#Requires -Version 7.4
# Hardening against the real Codex CLI 0.169.0:
# - how deep TOML values may nest: codex reads arrays and inline tables 80 deep and refuses the 81st level; the module
#   reads exactly what codex reads and, past the limit, reports the same line and column for that file only;
# - a symlinked config.toml: codex mcp add writes through the link and keeps it; so does the module;
# - codex mcp add, which does not take the module's lock, racing the module's edits: no server codex added is lost.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $HaveCodex = -not (Get-CompatCodexMissingReason)
}

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:CodexMissing = Get-CompatCodexMissingReason

    function New-HardeningHome([string] $Name) {
        # Under out/compat-homes (not /tmp: codex warns there), with an empty system folder for the module.
        $root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot "../../out/compat-homes/hardening-$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))"))
        foreach ($d in 'home', 'userhome', 'work', 'system-empty') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }
        [pscustomobject]@{
            Root = $root; CodexHome = Join-Path $root 'home'; UserHome = Join-Path $root 'userhome'; WorkingDirectory = Join-Path $root 'work'
            SystemConfigPath = $null; Profile = $null; ClearEnvironment = @()
            Splat = @{ CodexHome = Join-Path $root 'home'; ProjectPath = Join-Path $root 'work'; SystemConfigPath = Join-Path $root 'system-empty' }
            ConfigFile = Join-Path $root 'home/config.toml'
        }
    }

    function Write-Nested([string] $Path, [int] $Depth, [string] $Kind) {
        $value = if ($Kind -eq 'array') { ('[' * $Depth) + '1' + (']' * $Depth) } else { ('{ a = ' * $Depth) + '1' + (' }' * $Depth) }
        [System.IO.File]::WriteAllText($Path, "model = `"gpt-5`"`nnested = $value`n`n[mcp_servers.figma]`nurl = `"https://mcp.figma.com/mcp`"`n")
    }
}

Describe 'Hardening against the codex binary' -Tag Compat -Skip:(-not $HaveCodex) {
    It 'an <Kind> nested <Depth> deep: the module reads it exactly when codex does, and names the same place when not' -ForEach @(
        @{ Kind = 'array'; Depth = 64 }, @{ Kind = 'array'; Depth = 80 }, @{ Kind = 'array'; Depth = 81 },
        @{ Kind = 'inline table'; Depth = 64 }, @{ Kind = 'inline table'; Depth = 80 }, @{ Kind = 'inline table'; Depth = 81 }
    ) {
        $h = New-HardeningHome depth
        Write-Nested $h.ConfigFile $Depth $Kind
        $codex = Invoke-Codex $h @('mcp', 'list', '--json')
        $s = $h.Splat
        $servers = @(Get-CodexMcpServer @s -ErrorVariable problems -ErrorAction SilentlyContinue)
        if ($codex.ExitCode -eq 0) {
            $problems | Should -BeNullOrEmpty
            $servers.Name | Should -Be @($codex.Json | ForEach-Object name)
        } else {
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'ConfigParseError*'
            # codex: "<file>:LINE:COLUMN: cannot recurse further; max recursion depth met"
            $codex.StdErr | Should -Match 'cannot recurse further'
            $null = $codex.StdErr -match 'config\.toml:(\d+):(\d+)'
            $problems[0].Exception.Message | Should -Match "line $($Matches[1]), column $($Matches[2]):"
        }
        ($codex.ExitCode -eq 0) | Should -Be ($Depth -le 80)
    }

    It 'a symlinked config.toml: codex mcp add and the module both write the target and keep the link' {
        $h = New-HardeningHome link
        $dotfile = Join-Path $h.Root 'dotfiles/codex.toml'
        $null = New-Item -ItemType Directory (Split-Path $dotfile)
        [System.IO.File]::WriteAllText($dotfile, "model = `"gpt-5`"`n")
        $null = New-Item -ItemType SymbolicLink -Path $h.ConfigFile -Target $dotfile
        $codex = Invoke-Codex $h @('mcp', 'add', 'from-codex', '--', 'echo', 'hi')
        $codex.ExitCode | Should -Be 0
        (Get-Item $h.ConfigFile).LinkTarget | Should -Be $dotfile
        $s = $h.Splat
        Set-McpToolApproval from-codex prompt @s
        (Get-Item $h.ConfigFile).LinkTarget | Should -Be $dotfile
        $text = [System.IO.File]::ReadAllText($dotfile)
        $text | Should -Match '\[mcp_servers\.from-codex\]'
        $text | Should -Match 'default_tools_approval_mode = "prompt"'
        (Invoke-Codex $h @('mcp', 'get', 'from-codex', '--json')).ExitCode | Should -Be 0
    }

    It 'codex mcp add racing 100 module edits: every server codex added is still there' {
        $h = New-HardeningHome race
        [System.IO.File]::WriteAllText($h.ConfigFile, "model = `"gpt-5`"`n`n[mcp_servers.figma]`nurl = `"https://mcp.figma.com/mcp`"`n")
        # The helper: 60 `codex mcp add` in a bounded loop, beside the module's edits, taking no lock of ours.
        $codexPath = Get-CompatCodexPath
        $psi = [System.Diagnostics.ProcessStartInfo]::new('bash')
        $psi.ArgumentList.Add('-c')
        $psi.ArgumentList.Add('for i in $(seq 1 60); do "$0" mcp add "codex-$i" -- echo "$i" </dev/null >/dev/null 2>&1 || echo "failed $i" >&2; done')
        $psi.ArgumentList.Add($codexPath)
        $psi.Environment['CODEX_HOME'] = $h.CodexHome
        $psi.Environment['HOME'] = $h.UserHome
        $psi.WorkingDirectory = $h.WorkingDirectory
        $psi.UseShellExecute = $false
        $psi.RedirectStandardError = $true
        $helper = [System.Diagnostics.Process]::Start($psi)
        $s = $h.Splat
        $edits = 0
        $modes = 'auto', 'prompt', 'writes', 'approve'
        try {
            while ($edits -lt 100 -or -not $helper.HasExited) {
                Set-McpToolApproval figma $modes[$edits % 4] -Tool "tool_$($edits % 7)" -Force @s -ErrorAction SilentlyContinue -ErrorVariable editErrors
                $editErrors | Where-Object { $_.FullyQualifiedErrorId -notlike 'ConfigChangedOnDisk*' } | Should -BeNullOrEmpty
                $edits++
                if ($edits -gt 5000) { throw 'codex mcp add did not finish' }
            }
        } finally {
            if (-not $helper.WaitForExit(300000)) { $helper.Kill($true) }
        }
        $helper.StandardError.ReadToEnd() | Should -BeNullOrEmpty
        $listed = (Invoke-Codex $h @('mcp', 'list', '--json')).Json | ForEach-Object name
        $missing = 1..60 | Where-Object { "codex-$_" -notin $listed }
        $missing | Should -BeNullOrEmpty -Because "codex added 60 servers during $edits module edits"
        $edits | Should -BeGreaterOrEqual 100
    }
}

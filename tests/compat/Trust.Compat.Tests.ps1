#Requires -Version 7.4
# What the audit and name matching say, held against the real Codex CLI on the same homes: a home codex cannot start
# with (it says so, and the audit says the same words with the file and line), a home that does not exist or is a
# file, and MCP server names matched exactly and case-sensitively, as codex mcp get matches them.

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $CodexMissing = Get-CompatCodexMissingReason

    # Homes for codex live outside /tmp, beside the other compat homes.
    # A full path: codex names the file by its canonical path in its messages.
    $script:Base = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot "../../out/compat-homes/trust-$PID"))
    function New-TrustHome([string] $Name, [string] $Config) {
        $root = Join-Path $Base $Name
        $codexHome = Join-Path $root 'home/.codex'
        $null = New-Item -ItemType Directory -Force $codexHome, (Join-Path $root 'work'), (Join-Path $root 'etc-codex')
        if ($null -ne $Config) { [IO.File]::WriteAllText((Join-Path $codexHome 'config.toml'), $Config) }
        [pscustomobject]@{
            CodexHome = $codexHome; UserHome = (Join-Path $root 'home'); WorkingDirectory = (Join-Path $root 'work')
            SystemConfigPath = $null; Profile = $null; ClearEnvironment = @()
            Splat = @{ CodexHome = $codexHome; ProjectPath = (Join-Path $root 'work'); SystemConfigPath = (Join-Path $root 'etc-codex') }
        }
    }
}

AfterAll {
    if ($Base -and (Test-Path $Base)) { Remove-Item -Recurse -Force $Base }
}

Describe 'The audit of a home codex cannot start with' -Tag Compat {
    It 'says what codex says, with the file and line codex names, and nothing about profiles' -Skip:([bool]$CodexMissing) {
        $h = New-TrustHome 'broken' "[mcp_servers.db]`ncommand = `"pg`"`nenv = { DSN = `"postgresql://app:hunter22@db/app`" }`n[broken`n"
        $codex = Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'list')
        $codex.ExitCode | Should -Not -Be 0
        $codex.StdErr | Should -Match 'failed to load bootstrap configuration'
        $codex.StdErr | Should -Match ([regex]::Escape((Join-Path $h.CodexHome 'config.toml')) + ':4:')

        $s = $h.Splat
        $f = @(Test-CodexConfiguration @s -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $load = $f | Where-Object RuleId -eq 'CODEX-CONFIG-001'
        $load.Message | Should -Match 'failed to load bootstrap configuration'
        $load.File | Should -Be (Join-Path $h.CodexHome 'config.toml')
        $load.Line | Should -Be 4
        @($f | Where-Object RuleId -like 'CODEX-PERM-*') | Should -BeNullOrEmpty
        ($f | Where-Object RuleId -eq 'CODEX-MCP-002').Target | Should -Be 'db.env.DSN'
    }

    It 'names a home that does not exist, or is a file, in codex''s words' -Skip:([bool]$CodexMissing) {
        $h = New-TrustHome 'missing' $null
        foreach ($case in @(
                @{ Path = (Join-Path $h.UserHome 'nowhere'); Words = 'does not exist' }
                @{ Path = (Join-Path $h.UserHome 'a-file'); Words = 'is not a directory' })) {
            if ($case.Words -eq 'is not a directory') { Set-Content $case.Path 'x' }
            $codexHome = $h.PSObject.Copy(); $codexHome.CodexHome = $case.Path
            $codex = Invoke-Codex -CompatHome $codexHome -ArgumentList @('mcp', 'list')
            $codex.ExitCode | Should -Not -Be 0
            $codex.StdErr | Should -Match ('failed to resolve CODEX_HOME[\s\S]*' + $case.Words)
            $f = @(Test-CodexConfiguration -CodexHome $case.Path -ProjectPath $h.WorkingDirectory -SystemConfigPath $h.Splat.SystemConfigPath -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $f.RuleId | Should -Be @('CODEX-CONFIG-001')
            $f[0].Message | Should -Match ('failed to resolve CODEX_HOME.*' + $case.Words)
        }
    }
}

Describe 'MCP server names match as codex matches them' -Tag Compat {
    It 'finds sentry by its exact name and refuses Sentry, as codex mcp get does' -Skip:([bool]$CodexMissing) {
        $h = New-TrustHome 'names' "[mcp_servers.sentry]`ncommand = `"sentry-mcp`"`n"
        (Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'get', '--json', 'sentry')).ExitCode | Should -Be 0
        $wrongCase = Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'get', '--json', 'Sentry')
        $wrongCase.ExitCode | Should -Not -Be 0
        $wrongCase.StdErr | Should -Match "No MCP server named 'Sentry'"

        $s = $h.Splat
        (Get-CodexMcpServer sentry @s).Name | Should -Be 'sentry'
        $null = Get-CodexMcpServer Sentry @s -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'McpServerNotFound,*'
        "$($err[0])" | Should -Match "No MCP server named 'Sentry'"
    }
}

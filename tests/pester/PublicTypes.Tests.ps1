BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:t = New-TestCodexHome
    $script:s = $t.Splat
    Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]}}'
    Write-TestFile (Join-Path $t.Home 'config.toml') @'
[mcp_servers.docs]
command = "docs-server"
'@
}

Describe 'Public types' {
    It 'resolves the output types and the enums by type literal in a fresh session, right after Import-Module' {
        # A child process: nothing of this test session's (imports, loaded engine) can help the literals resolve.
        $pwsh = Get-PwshCommand
        $script = @"
Import-Module '$ModulePath'
[Codex.Plugins.CodexPlugin].FullName
[Codex.Plugins.CodexHook].FullName
[Codex.Plugins.CodexSkill].FullName
[Codex.Plugins.CodexMcpServer].FullName
[string][Codex.Plugins.HookTrustStatus]::Trusted
[string][Codex.Plugins.McpServerSourceKind]::Agent
[string][Codex.Plugins.SkillBudgetOutcome]::SkillsOmitted
[string][Codex.Plugins.PermissionProfileMode]::Legacy
[string][Codex.Plugins.SkillStatus]::NotImplicit
"@
        $childArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
        $output = & $pwsh[0] @childArgs 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $output | Should -Be @('Codex.Plugins.CodexPlugin', 'Codex.Plugins.CodexHook', 'Codex.Plugins.CodexSkill', 'Codex.Plugins.CodexMcpServer',
            'Trusted', 'Agent', 'SkillsOmitted', 'Legacy', 'NotImplicit')
    }

    It 'declares every output type of its own in Codex.Plugins.Types, namespace Codex.Plugins' {
        # Platform types (string, FileInfo, PSObject) are what they are; every type the module makes must resolve by
        # the one literal a script writes, [Codex.Plugins.<Name>], from the assembly in the default context.
        $declared = foreach ($cmd in Get-Command -Module Codex.Plugins -CommandType Cmdlet) {
            foreach ($output in $cmd.OutputType) {
                [pscustomobject]@{ Command = $cmd.Name; Name = $output.Name; Type = $output.Type }
            }
        }
        $declared | Should -Not -BeNullOrEmpty
        $declared | Where-Object { $null -eq $_.Type } | ForEach-Object { "$($_.Command) declares $($_.Name), which does not resolve" } | Should -BeNullOrEmpty
        $own = @($declared | Where-Object { $_.Type.Namespace -notlike 'System*' })
        $own.Count | Should -BeGreaterThan 20
        $misplaced = foreach ($output in $own) {
            if ($output.Type.Assembly.GetName().Name -ne 'Codex.Plugins.Types' -or $output.Type.Namespace -ne 'Codex.Plugins') {
                "$($output.Command): $($output.Type.FullName) in $($output.Type.Assembly.GetName().Name)"
            }
        }
        $misplaced | Should -BeNullOrEmpty
        foreach ($output in $own) {
            ("Codex.Plugins.$($output.Type.Name)" -as [type]) | Should -Be $output.Type -Because "$($output.Command) outputs $($output.Type.Name)"
        }
    }

    It 'keeps the public types alone in the default context and the engine in its own' {
        $null = Get-CodexHook @s
        $default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies.GetName().Name
        $default | Should -Contain 'Codex.Plugins.Types'
        $default | Should -Not -Contain 'Codex.Plugins.Core'
        $ours = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'Codex.Plugins'
        $ours.Assemblies.GetName().Name | Should -Not -Contain 'Codex.Plugins.Types'
        # The objects the engine makes are of the types a script names.
        (Get-CodexHook @s)[0] | Should -BeOfType ([Codex.Plugins.CodexHook])
    }

    It 'gives states as enums that still compare with their names, before and after serialization' {
        $hook = (Get-CodexHook @s)[0]
        $hook.TrustStatus | Should -BeOfType ([Codex.Plugins.HookTrustStatus])
        $hook.TrustStatus | Should -Be 'Untrusted'
        $server = Get-CodexMcpServer @s
        $server.SourceKind | Should -Be ([Codex.Plugins.McpServerSourceKind]::User)
        # Jobs and remoting serialize to depth 1: a state arrives as its name. Deeper (Export-Clixml's depth 2) it
        # arrives as its number, and types.ps1xml turns it back into the enum.
        foreach ($depth in 1, 2) {
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($hook, $depth))
            @($copy | Where-Object TrustStatus -eq 'Untrusted').Count | Should -Be 1 -Because "depth $depth"
            "$($copy.TrustStatus)" | Should -Be 'Untrusted'
            $server2 = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($server, $depth))
            "$($server2.SourceKind)" | Should -Be 'User'
        }
        $deep = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($hook, 2))
        $deep.TrustStatus | Should -BeOfType ([Codex.Plugins.HookTrustStatus])
    }

    It 'binds closed sets of parameter values by name, case-insensitively, and refuses others as a validation error' {
        # The module's one rule for enum-like parameters: a string with [ValidateSet] of the names, ignoring case.
        $sets = foreach ($cmd in Get-Command -Module Codex.Plugins -CommandType Cmdlet) {
            foreach ($p in $cmd.Parameters.Values) {
                $set = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                if ($set) { [pscustomobject]@{ Command = $cmd.Name; Parameter = $p.Name; Type = $p.ParameterType; IgnoreCase = $set.IgnoreCase } }
            }
        }
        $sets | Should -Not -BeNullOrEmpty
        foreach ($set in $sets) {
            $set.Type | Should -BeIn @([string], [string[]]) -Because "$($set.Command) -$($set.Parameter) follows the rule"
            $set.IgnoreCase | Should -BeTrue -Because "$($set.Command) -$($set.Parameter) follows the rule"
        }
        { Set-McpToolApproval docs -Mode PROMPT -WhatIf @s } | Should -Not -Throw
    }
}

Describe 'Release files' {
    It 'has the licence and the changelog the manifest points at' {
        $root = Join-Path $PSScriptRoot '../..'
        $manifest = Import-PowerShellDataFile (Join-Path $root 'Codex.Plugins.psd1')
        $manifest.PrivateData.PSData.LicenseUri | Should -BeLike '*/LICENSE'
        $licence = Get-Content -Raw (Join-Path $root 'LICENSE')
        $licence | Should -Match '^MIT License'
        $manifest.Copyright | Should -Match 'MIT'
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Match 'CHANGELOG.md'
        $changelog = Get-Content -Raw (Join-Path $root 'CHANGELOG.md')
        $changelog | Should -Match '## \[Unreleased\]'
        $changelog | Should -Match ([regex]::Escape("## [$($manifest.ModuleVersion)]"))
    }
}

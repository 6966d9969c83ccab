# Test-CodexPermissionProfile as a user sees it: decisions and profiles on the pipeline, errors with ids, views,
# agents from Get-CodexAgent, and objects that survive serialization (remoting).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:T = New-TestCodexHome
    $script:S = $T.Splat
    Write-TestFile -Path (Join-Path $T.Home 'config.toml') -Text @"
default_permissions = "dev"

[permissions.dev]
description = "editing"
extends = ":workspace"
[permissions.dev.filesystem]
"$($T.Root)/secrets" = "deny"
[permissions.dev.network]
enabled = true
[permissions.dev.network.domains]
"**.example.com" = "allow"
"bad.example.com" = "deny"

[permissions.loop]
extends = "loop"
"@
    Write-TestFile -Path (Join-Path $T.Home 'agents/builder.toml') -Text "name = `"builder`"`ndescription = `"d`"`ndeveloper_instructions = `"i`"`ndefault_permissions = `":danger-full-access`"`n"
}

Describe 'Test-CodexPermissionProfile' {
    It 'answers path probes with the deciding rule, file and line' {
        $d = Test-CodexPermissionProfile @S -Path "$($T.Root)/secrets/key", "$($T.Project)/a.txt" -Access Read, Write
        $d.Count | Should -Be 4
        $d[0].PSObject.TypeNames[0] | Should -Be 'Codex.Plugins.CodexPermissionDecision'
        ($d | Where-Object { $_.Target -like '*secrets*' }).Allowed | Should -Not -Contain $true
        $deny = $d | Where-Object { $_.Target -like '*secrets*' } | Select-Object -First 1
        $deny.File | Should -Be (Join-Path $T.Home 'config.toml')
        $deny.Line | Should -Be 7 -Because "the deny entry is on line 7 of config.toml"
        ($d | Where-Object { $_.Target -like '*a.txt' -and $_.Access -eq 'Write' }).Allowed | Should -BeTrue
    }

    It 'answers domain probes: deny wins over a wider allow' {
        $d = Test-CodexPermissionProfile @S -Domain example.com, bad.example.com, other.org
        $d.Allowed | Should -Be @($true, $false, $false)
    }

    It 'returns the resolved default profile with its grants when there is no probe' {
        $p = Test-CodexPermissionProfile @S
        $p.Name | Should -Be 'dev'
        $p.IsDefault | Should -BeTrue
        $p.ExtendsChain | Should -Be @('dev', ':workspace')
        ($p.Filesystem | Where-Object Origin -eq 'Config').Target | Should -Be "$($T.Root)/secrets"
        ($p | Format-Table | Out-String) | Should -Match 'dev'
    }

    It 'writes a non-terminating error with an id for a profile Codex refuses, and goes on' {
        $errors = $null
        $out = Test-CodexPermissionProfile @S -Name loop, ':read-only' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PermissionProfileCycle,*'
        $out.Name | Should -Be ':read-only'
    }

    It 'takes profiles from the pipeline' {
        $d = Test-CodexPermissionProfile @S -Name ':read-only' | Test-CodexPermissionProfile @S -Path "$($T.Project)/x" -Access Write
        $d.Profile | Should -Be ':read-only'
        $d.Allowed | Should -BeFalse
    }

    It 'takes agents from the pipeline and says what they really get inside the parent sandbox' {
        $d = Get-CodexAgent @S builder | Test-CodexPermissionProfile -Path '/etc/x' -Access Write
        $d.Agent | Should -Be 'builder'
        $d.Allowed | Should -BeFalse
        $d.DecidingRule | Should -Match 'parent sandbox'
        $p = Get-CodexAgent @S builder | Test-CodexPermissionProfile
        $p.Findings.RuleId | Should -Contain 'CODEX-PERM-007'
    }

    It 'survives serialization and still formats' {
        $d = Test-CodexPermissionProfile @S -Path "$($T.Project)/a.txt"
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($d))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexPermissionDecision'
        $copy.DecidingRule | Should -Be $d.DecidingRule
        ($copy | Format-Table | Out-String) | Should -Match 'Allowed'
    }
}

# Test-CodexConfiguration: every rule fires on a configuration made to break it, and stays quiet on a clean one.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-AuditHome([string] $Config, [hashtable] $Files = @{}) {
        $t = New-TestCodexHome
        Write-TestFile -Path (Join-Path $t.Home 'config.toml') -Text ($Config -replace '\{ROOT\}', $t.Root -replace '\{HOME\}', $t.Home)
        foreach ($k in $Files.Keys) { Write-TestFile -Path (Join-Path $t.Root $k) -Text ($Files[$k] -replace '\{ROOT\}', $t.Root) }
        return $t
    }

    function Get-RuleId($t) {
        $saved = $env:HOME
        $env:HOME = Join-Path $t.Root 'home'
        try {
            $splat = $t.Splat
            return @(Test-CodexConfiguration @splat -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | ForEach-Object RuleId)
        } finally { $env:HOME = $saved }
    }

    # Clean: a profile that stays in the workspace, denies the credential folders, no network, default agent limits,
    # an MCP server with an allow list and its secret from the environment.
    $script:Clean = @'
default_permissions = "tight"

[permissions.tight]
extends = ":workspace"
[permissions.tight.filesystem]
"~/.ssh" = "deny"
"~/.aws" = "deny"
"~/.config/gcloud" = "deny"
"{HOME}/auth.json" = "deny"

[mcp_servers.tickets]
command = "tickets-mcp"
env_vars = ["TICKETS_API_TOKEN"]
default_tools_approval_mode = "auto"
enabled_tools = ["search"]
'@
}

Describe 'Test-CodexConfiguration' {
    It 'is quiet on a clean configuration' {
        Get-RuleId (New-AuditHome $Clean) | Should -BeNullOrEmpty
    }

    It 'fires <RuleId>: <Why>' -ForEach @(
        @{ RuleId = 'CODEX-PERM-001'; Why = 'no sandbox by default'; Config = 'default_permissions = ":danger-full-access"'; Swap = $true }
        @{ RuleId = 'CODEX-PERM-002'; Why = '"*" network allow'; Config = "[permissions.tight.network]`nenabled = true`n[permissions.tight.network.domains]`n`"*`" = `"allow`"" }
        @{ RuleId = 'CODEX-PERM-003'; Why = 'writable root outside the workspace'; Config = "[permissions.tight.filesystem]`n`"/srv/shared`" = `"write`"" ; Replace = $true }
        @{ RuleId = 'CODEX-PERM-004'; Why = 'credentials readable'; Config = "[permissions.open]`nextends = `":workspace`"" }
        @{ RuleId = 'CODEX-PERM-005'; Why = 'sandbox_mode and default_permissions both set'; Config = 'sandbox_mode = "read-only"'; Top = $true }
        @{ RuleId = 'CODEX-PERM-008'; Why = 'unknown special path'; Config = "[permissions.odd]`nextends = `"tight`"`n[permissions.odd.filesystem]`n`":nowhere`" = `"read`"" }
        @{ RuleId = 'CODEX-PERM-009'; Why = 'deny inside a denied folder'; Config = "[permissions.broken]`nextends = `":workspace`"`n[permissions.broken.filesystem]`n`"{ROOT}/x`" = `"deny`"`n`"{ROOT}/x/y`" = `"deny`"" }
        @{ RuleId = 'CODEX-AGENT-001'; Why = 'max_threads above 6'; Config = "[agents]`nmax_threads = 8" }
        @{ RuleId = 'CODEX-AGENT-002'; Why = 'max_depth above 1'; Config = "[agents]`nmax_depth = 2" }
        @{ RuleId = 'CODEX-MCP-001'; Why = 'auto approval without an allow list'; Config = "[mcp_servers.wide]`ncommand = `"x`"`ndefault_tools_approval_mode = `"auto`"" }
        @{ RuleId = 'CODEX-MCP-002'; Why = 'inline secret'; Config = "[mcp_servers.leaky]`ncommand = `"x`"`nenabled_tools = [`"a`"]`nenv = { LEAKY_API_KEY = `"k-123`" }" }
    ) {
        $config = if ($Swap) { $Clean -replace 'default_permissions = "tight"', $Config } elseif ($Top) { "$Config`n$Clean" } elseif ($Replace) { $Clean -replace '"~/.ssh" = "deny"', ('"/srv/shared" = "write"' + "`n" + '"~/.ssh" = "deny"') } else { "$Clean`n$Config" }
        $ids = Get-RuleId (New-AuditHome $config)
        $ids | Should -Contain $RuleId
        ($ids | Where-Object { $_ -ne $RuleId }) | Should -BeNullOrEmpty -Because 'only the broken rule fires'
    }

    It 'fires CODEX-PERM-006 and CODEX-PERM-010 from requirements' {
        $t = New-AuditHome $Clean
        Write-TestFile -Path (Join-Path $t.System 'requirements.toml') -Text "[allowed_permission_profiles]`n`":danger-full-access`" = true`n"
        $ids = Get-RuleId $t
        $ids | Should -Contain 'CODEX-PERM-006'
        $ids | Should -Contain 'CODEX-PERM-010'
    }

    It 'fires CODEX-PERM-007 for an agent that asks for more than its parent' {
        $t = New-AuditHome $Clean @{ 'home/.codex/agents/builder.toml' = "name = `"builder`"`ndescription = `"d`"`ndeveloper_instructions = `"i`"`nsandbox_mode = `"danger-full-access`"`n" }
        Get-RuleId $t | Should -Be @('CODEX-PERM-007')
        $quiet = New-AuditHome $Clean @{ 'home/.codex/agents/reader.toml' = "name = `"reader`"`ndescription = `"d`"`ndeveloper_instructions = `"i`"`nsandbox_mode = `"read-only`"`n" }
        Get-RuleId $quiet | Should -BeNullOrEmpty
    }

    It 'fires CODEX-PLUGIN-001 for an installed plugin with a path that leaves it' {
        $t = New-AuditHome ($Clean + "`n[plugins.`"docs@team`"]`nenabled = true`n") @{
            'home/.codex/plugins/cache/team/docs/1.0.0/.codex-plugin/plugin.json' = '{"name":"docs","version":"1.0.0","interface":{"displayName":"Docs","logo":"../logo.png"}}'
        }
        Get-RuleId $t | Should -Contain 'CODEX-PLUGIN-001'
        $ok = New-AuditHome ($Clean + "`n[plugins.`"docs@team`"]`nenabled = true`n") @{
            'home/.codex/plugins/cache/team/docs/1.0.0/.codex-plugin/plugin.json' = '{"name":"docs","version":"1.0.0","interface":{"displayName":"Docs"}}'
        }
        Get-RuleId $ok | Should -BeNullOrEmpty
    }

    It 'fires CODEX-HOOK-001 for an untrusted hook, CODEX-HOOK-002 once it changed after being trusted, and neither when trusted' {
        $hooks = @{ 'home/.codex/hooks.json' = '{"hooks":{"PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"./guard.sh"}]}]}}' }
        $t = New-AuditHome $Clean $hooks
        Get-RuleId $t | Should -Be @('CODEX-HOOK-001')

        $splat = $t.Splat
        $hook = Get-CodexHook @splat
        # The key names the hooks.json by its absolute path, so trust is given in the same home.
        Write-TestFile (Join-Path $t.Home 'config.toml') "$($Clean -replace '\{HOME\}', $t.Home)`n[hooks.state.`"$($hook.Key)`"]`ntrusted_hash = `"$($hook.CurrentHash)`"`n"
        Get-RuleId $t | Should -BeNullOrEmpty

        Write-TestFile (Join-Path $t.Home 'hooks.json') ($hooks['home/.codex/hooks.json'] -replace 'guard\.sh', 'guard.sh --no-check')
        Get-RuleId $t | Should -Be @('CODEX-HOOK-002')
    }

    It 'fires CODEX-PERM-004 for a .env file in the workspace, and not once a glob denies it' {
        $t = New-AuditHome $Clean
        Write-TestFile (Join-Path $t.Project '.env') "DATABASE_URL=postgres://app:secret@db/app`n"
        Write-TestFile (Join-Path $t.Project '.env.example') "DATABASE_URL=`n"
        Get-RuleId $t | Should -Be @('CODEX-PERM-004')
        # {HOME} left in place would be a relative path, which codex refuses (and the audit with it).
        Write-TestFile (Join-Path $t.Home 'config.toml') ($Clean -replace '\{HOME\}', $t.Home -replace '"~/.ssh" = "deny"', ('"~/.ssh" = "deny"' + "`n`"$($t.Project)/**/.env*`" = `"deny`""))
        Get-RuleId $t | Should -BeNullOrEmpty
    }

    It 'fires CODEX-SKILL-001 when the startup skill list is over its budget' {
        $skills = @{}
        foreach ($i in 1..6) { $skills["home/.codex/skills/s$i/SKILL.md"] = "---`nname: s$i`ndescription: $('word ' * 150)`n---`nBody`n" }
        Get-RuleId (New-AuditHome "model_context_window = 10000`n$Clean" $skills) | Should -Be @('CODEX-SKILL-001')
        Get-RuleId (New-AuditHome $Clean $skills) | Should -BeNullOrEmpty -Because 'the default window (272,000 tokens) has room for six skills'
    }

    It 'suppresses by rule and target with a reason, and an expired suppression suppresses nothing' {
        $t = New-AuditHome "$Clean`n[agents]`nmax_threads = 8"
        $s = $t.Splat
        $keep = @{ RuleId = 'CODEX-AGENT-001'; Target = 'agents.*'; Reason = 'batch host'; Expires = (Get-Date).AddDays(30).ToString('yyyy-MM-dd') }
        Test-CodexConfiguration @s -Suppression $keep -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $marked = Test-CodexConfiguration @s -Suppression $keep -IncludeSuppressed -WarningAction SilentlyContinue
        $marked.Suppressed | Should -BeTrue
        $marked.SuppressionReason | Should -Be 'batch host'

        $old = @{ RuleId = 'CODEX-AGENT-001'; Reason = 'was fine'; Expires = '2020-01-01' }
        $w = $null
        (Test-CodexConfiguration @s -Suppression $old -WarningVariable w -WarningAction SilentlyContinue).RuleId | Should -Be 'CODEX-AGENT-001'
        "$w" | Should -Match 'expired'
    }

    It 'refuses a suppression without a reason' {
        $t = New-AuditHome $Clean
        $s = $t.Splat
        { Test-CodexConfiguration @s -Suppression @{ RuleId = 'CODEX-AGENT-001' } -ErrorAction Stop } | Should -Throw -ErrorId 'SuppressionInvalid,*'
    }

    It 'filters by rule id with wildcards' {
        $t = New-AuditHome "$Clean`n[agents]`nmax_threads = 8`nmax_depth = 3"
        $s = $t.Splat
        (Test-CodexConfiguration 'CODEX-AGENT-00[2]' @s).RuleId | Should -Be 'CODEX-AGENT-002'
    }
}

Describe 'Test-CodexConfiguration does not look clean by mistake' {
    It 'reports a config codex cannot load as an error in codex''s words, with its secrets, and nothing about profiles' {
        $t = New-AuditHome "[mcp_servers.db]`ncommand = `"pg`"`nenv = { DSN = `"postgresql://app:hunter22@db/app`" }`n[broken`n"
        $s = $t.Splat
        $f = @(Test-CodexConfiguration @s -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $load = @($f | Where-Object RuleId -eq 'CODEX-CONFIG-001')
        $load.Count | Should -Be 1
        "$($load.Severity)" | Should -Be 'Error'
        $load.Message | Should -Match 'failed to load bootstrap configuration'
        $load.File | Should -Be (Join-Path $t.Home 'config.toml')
        $load.Line | Should -Be 4
        @($f | Where-Object RuleId -like 'CODEX-PERM-*') | Should -BeNullOrEmpty
        ($f | Where-Object RuleId -eq 'CODEX-MCP-002').Line | Should -Be 3
        ($f | Out-String -Width 200) | Should -Not -Match 'hunter22'
    }

    It 'reports a Codex home that does not exist, or is a file, as an error and nothing else' {
        $t = New-TestCodexHome
        $f = @(Test-CodexConfiguration -CodexHome (Join-Path $t.Root 'nowhere') -SystemConfigPath $t.System -ProjectPath $t.Project -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $f.RuleId | Should -Be @('CODEX-CONFIG-001')
        $f[0].Message | Should -Match 'failed to resolve CODEX_HOME.*does not exist'
        $file = Join-Path $t.Root 'afile'
        Set-Content $file 'x'
        $e = $null
        $f = @(Test-CodexConfiguration -CodexHome $file -SystemConfigPath $t.System -ProjectPath $t.Project -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $f[0].Message | Should -Match 'is not a directory'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'CodexHomeNotDirectory,*'
    }

    It 'finds a password inside a connection string in a disabled server, and secrets in every profile file, at the value''s line' {
        $t = New-AuditHome ($Clean + "`n[mcp_servers.db]`ncommand = `"pg`"`nenabled = false`n[mcp_servers.db.env]`nLOG = `"debug`"`nDATABASE_URL = `"postgresql://user:pass@host/db`"`n")
        Write-TestFile (Join-Path $t.Home 'work.config.toml') "[mcp_servers.gh]`ncommand = `"gh`"`nenabled_tools = [`"a`"]`nenv = { GH = `"ghp_abcdefghijklmnopqrstuvwxyz0123456789`" }`n"
        $s = $t.Splat
        $f = @(Test-CodexConfiguration @s -RuleId CODEX-MCP-002 -WarningAction SilentlyContinue)
        $db = $f | Where-Object Target -eq 'db.env.DATABASE_URL'
        $db.Line | Should -Be (($Clean -split "`n").Count + 6)
        ($f | Where-Object Target -eq 'gh.env.GH').Profile | Should -Be 'work'
        $f.Count | Should -Be 2
    }

    It 'ranks approval by what Codex does: approve without an allow list is an error, an unset mode is auto' {
        $t = New-AuditHome ($Clean + "`n[mcp_servers.wide]`ncommand = `"x`"`ndefault_tools_approval_mode = `"approve`"`n[mcp_servers.unset]`ncommand = `"y`"`n[mcp_servers.asks]`ncommand = `"z`"`ndefault_tools_approval_mode = `"prompt`"`n")
        $s = $t.Splat
        $f = @(Test-CodexConfiguration @s -RuleId CODEX-MCP-001 -WarningAction SilentlyContinue)
        "$(($f | Where-Object Target -eq 'wide').Severity)" | Should -Be 'Error'
        "$(($f | Where-Object Target -eq 'unset').Severity)" | Should -Be 'Warning'
        $f.Target | Should -Not -Contain 'asks'
    }

    It 'refuses a rule id that matches no rule, so a CI gate cannot pass by accident' {
        $t = New-AuditHome $Clean
        $s = $t.Splat
        { Test-CodexConfiguration CODEX-PREM-004 @s -ErrorAction Stop } | Should -Throw -ErrorId 'AuditRuleUnknown,*'
        { Test-CodexConfiguration CODEX-PREM-004 @s -ErrorAction Stop } | Should -Throw '*CODEX-PERM-004*'
    }

    It 'turns agents and skills Codex refuses into findings' {
        $t = New-AuditHome $Clean @{ 'home/.codex/agents/half.toml' = "name = `"half`"`n"; 'home/.codex/skills/nodesc/SKILL.md' = "---`nname: nodesc`n---`nBody`n" }
        $ids = Get-RuleId $t
        $ids | Should -Contain 'CODEX-AGENT-003'
        $ids | Should -Contain 'CODEX-SKILL-002'
    }

    It 'audits every profile with -AllProfiles, each finding once and with its profile' {
        $t = New-AuditHome "$Clean`n[agents]`nmax_threads = 8"
        Write-TestFile (Join-Path $t.Home 'deep.config.toml') "[agents]`nmax_depth = 3`n"
        Write-TestFile (Join-Path $t.Home 'plain.config.toml') "model = `"gpt-5`"`n"
        $s = $t.Splat
        $f = @(Test-CodexConfiguration @s -AllProfiles -WarningAction SilentlyContinue)
        @($f | Where-Object RuleId -eq 'CODEX-AGENT-001').Count | Should -Be 1
        ($f | Where-Object RuleId -eq 'CODEX-AGENT-001').Profile | Should -BeNullOrEmpty
        ($f | Where-Object RuleId -eq 'CODEX-AGENT-002').Profile | Should -Be 'deep'
        $json = $f + $f | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $json.summary.total | Should -Be $f.Count -Because 'the same finding piped twice is one'
    }

    It 'exports suppressed findings as SARIF suppressions and JSON suppressed, never as open results' {
        $t = New-AuditHome "$Clean`n[agents]`nmax_threads = 8`nmax_depth = 3"
        $s = $t.Splat
        $keep = @{ RuleId = 'CODEX-AGENT-001'; Reason = 'batch host' }
        $f = Test-CodexConfiguration @s -Suppression $keep -IncludeSuppressed -WarningAction SilentlyContinue
        $json = $f | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $json.findings.ruleId | Should -Be @('CODEX-AGENT-002')
        $json.suppressed.ruleId | Should -Be @('CODEX-AGENT-001')
        $json.suppressed[0].suppressionReason | Should -Be 'batch host'
        $sarif = $f | Export-CodexAuditReport -Format Sarif | ConvertFrom-Json
        $run = $sarif.runs[0]
        ($run.results | Where-Object ruleId -eq 'CODEX-AGENT-001').suppressions[0].justification | Should -Be 'batch host'
        ($run.results | Where-Object ruleId -eq 'CODEX-AGENT-002').suppressions | Should -BeNullOrEmpty
        $loc = $run.results[0].locations[0].physicalLocation.artifactLocation
        $loc.uriBaseId | Should -Be 'AUDITROOT'
        $run.originalUriBaseIds.AUDITROOT.uri | Should -Be "file://$($t.Home)/"
    }
}

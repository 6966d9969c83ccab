# New-CodexManagedConfig and Test-CodexCompliance as an admin uses them: a policy from parameters, a hashtable and a
# .psd1 file; refusals with ids before anything is written; -OutFile through the atomic writer; a machine checked
# against its own requirements and against a preview; views at 120 columns; objects after serialization (remoting).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-Machine {
        param([string] $Config = '', [string] $Requirements)
        $m = New-TestCodexHome
        Write-TestFile -Path (Join-Path $m.Home 'config.toml') -Text $Config
        if ($PSBoundParameters.ContainsKey('Requirements')) { Write-TestFile -Path (Join-Path $m.System 'requirements.toml') -Text $Requirements }
        $script:S = $m.Splat
        return $m
    }
}

Describe 'New-CodexManagedConfig' {
    It 'makes both files from parameters, with hash and platform paths, deterministically' {
        $params = @{
            AllowedApprovalPolicy = 'on-request', 'untrusted'
            AllowedSandboxMode    = 'read-only', 'workspace-write'
            McpServer             = @{ docs = 'codex-mcp'; web = 'https://example.com/mcp' }
            DenyRead              = '~/.ssh', '/**/*.pem'
            Feature               = @{ hooks = $true; plugins = $false }
            Default               = @{ approval_policy = 'on-request'; model = 'gpt-5.5' }
        }
        $files = New-CodexManagedConfig @params
        $files.Name | Should -Be 'requirements.toml', 'managed_config.toml'
        $req = $files[0]
        $req.UnixPath | Should -Be '/etc/codex/requirements.toml'
        $req.WindowsPath | Should -Be '%ProgramData%\OpenAI\Codex\requirements.toml'
        $req.Text | Should -Match '(?m)^allowed_approval_policies = \["on-request", "untrusted"\]$'
        $req.Text | Should -Match '(?m)^\[mcp_servers\.docs\.identity\]\ncommand = "codex-mcp"$'
        $req.Text | Should -Match '(?m)^deny_read = \["~/\.ssh", "/\*\*/\*\.pem"\]$'
        $sha = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($req.Text))
        $req.Hash | Should -Be ('sha256:' + [Convert]::ToHexString($sha).ToLowerInvariant())
        # Hashtables have no order; the files must not depend on it (one policy, one hash, on every machine).
        $again = New-CodexManagedConfig @params
        $again[0].Hash | Should -Be $req.Hash
        $again[1].Hash | Should -Be $files[1].Hash
        $files[1].Text | Should -Match '(?m)^approval_policy = "on-request"$'
    }

    It 'reads a .psd1 policy file and writes through -OutFile atomically; -WhatIf writes nothing' {
        $policy = Join-Path $TestDrive 'fleet.psd1'
        Set-Content $policy @'
@{
    Requirements  = @{
        allowed_approval_policies = @('on-request')
        allow_managed_hooks_only  = $true
        features                  = @{ hooks = $true }
        hooks                     = @{
            managed_dir = '/enterprise/hooks'
            PreToolUse  = @(@{ matcher = '^Bash$'; hooks = @(@{ type = 'command'; command = 'python3 /enterprise/hooks/policy.py'; timeout = 30 }) })
        }
        rules                     = @{ prefix_rules = @(@{ pattern = @(@{ token = 'rm' }); decision = 'forbidden'; justification = 'Use git clean.' }) }
    }
    ManagedConfig = @{ approval_policy = 'on-request' }
}
'@
        $out = Join-Path $TestDrive 'policy-out'
        New-CodexManagedConfig $policy -OutFile $out -WhatIf | Should -BeNullOrEmpty
        Join-Path $out 'requirements.toml' | Should -Not -Exist
        $written = New-CodexManagedConfig $policy -OutFile $out
        $written.OutFile | Should -Be (Join-Path $out 'requirements.toml'), (Join-Path $out 'managed_config.toml')
        $text = Get-Content -Raw (Join-Path $out 'requirements.toml')
        $text | Should -BeExactly $written[0].Text
        $text | Should -Match '(?m)^\[\[hooks\.PreToolUse\.hooks\]\]$'
        $text | Should -Match '(?m)^allow_managed_hooks_only = true$'
        @(Get-ChildItem -Force $out -Filter '*.tmp') | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <Id> and writes nothing' -ForEach @(
        @{ Case = 'an unknown key'; Id = 'ManagedPolicyKeyUnknown'; Policy = @{ Requirements = @{ allowed_aproval_policies = @('never') } } }
        @{ Case = 'sandbox modes without read-only'; Id = 'ManagedPolicyValueInvalid'; Policy = @{ Requirements = @{ allowed_sandbox_modes = @('workspace-write') } } }
        @{ Case = 'an empty approval allowlist'; Id = 'ManagedPolicyValueInvalid'; Policy = @{ Requirements = @{ allowed_approval_policies = @() } } }
        @{ Case = 'an unknown approval policy'; Id = 'ManagedPolicyValueInvalid'; Policy = @{ Requirements = @{ allowed_approval_policies = @('sometimes') } } }
        @{ Case = 'a relative deny_read'; Id = 'ManagedPolicyValueInvalid'; Policy = @{ Requirements = @{ permissions = @{ filesystem = @{ deny_read = @('./secrets') } } } } }
        @{ Case = 'a server without identity'; Id = 'ManagedPolicyValueInvalid'; Policy = @{ Requirements = @{ mcp_servers = @{ docs = @{ identity = @{} } } } } }
        @{ Case = 'profiles without a default'; Id = 'ManagedPolicyValueInvalid'; Policy = @{ Requirements = @{ allowed_permission_profiles = @{ ':read-only' = $true; team = $true } } } }
        @{ Case = 'a default the policy forbids'; Id = 'ManagedPolicyContradiction'; Policy = @{ Requirements = @{ allowed_approval_policies = @('untrusted') }; ManagedConfig = @{ approval_policy = 'never' } } }
        @{ Case = 'a sandbox default the policy forbids'; Id = 'ManagedPolicyContradiction'; Policy = @{ Requirements = @{ allowed_sandbox_modes = @('read-only') }; ManagedConfig = @{ sandbox_mode = 'danger-full-access' } } }
        @{ Case = 'a feature set against its pin'; Id = 'ManagedPolicyContradiction'; Policy = @{ Requirements = @{ features = @{ hooks = $false } }; ManagedConfig = @{ features = @{ hooks = $true } } } }
        @{ Case = 'a managed server the allowlist disables'; Id = 'ManagedPolicyContradiction'; Policy = @{ Requirements = @{ mcp_servers = @{ docs = @{ identity = @{ command = 'a' } } } }; ManagedConfig = @{ mcp_servers = @{ docs = @{ command = 'b' } } } } }
    ) {
        $out = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $made = New-CodexManagedConfig $Policy -OutFile $out -ErrorVariable e -ErrorAction SilentlyContinue
        $made | Should -BeNullOrEmpty
        ($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Contain $Id
        $out | Should -Not -Exist
    }

    It 'formats at 120 columns and survives serialization' {
        $files = New-CodexManagedConfig -AllowedApprovalPolicy on-request -Default @{ approval_policy = 'on-request' }
        $table = $files | Format-Table | Out-String -Width 120
        $table | Should -Match 'requirements\.toml\s+Requirements\s+\d+ sha256:'
        $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($files))
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexManagedConfig'
        ($back | Format-Table | Out-String -Width 120) | Should -Be $table
    }
}

Describe 'Test-CodexCompliance' {
    It 'reports what the machine''s own requirements force, disable and refuse' {
        $m = New-Machine -Config @'
approval_policy = "never"
sandbox_mode = "danger-full-access"
[mcp_servers.docs]
command = "codex-mcp"
[mcp_servers.impostor]
command = "evil-mcp"
[mcp_servers.web]
url = "https://example.com/mcp"
'@ -Requirements @'
allowed_approval_policies = ["untrusted", "on-request"]
allowed_sandbox_modes = ["read-only", "workspace-write"]
[mcp_servers.docs]
identity = { command = "codex-mcp" }
[mcp_servers.web]
identity = { url = "https://other.example.com/mcp" }
'@
        $r = Test-CodexCompliance @S
        $r.Compliant | Should -BeFalse
        $r.Loadable | Should -BeTrue
        $r.ApprovalPolicy | Should -Be 'untrusted'
        $r.SandboxMode | Should -Be 'read-only'
        $r.Forced | Should -Be 'approval_policy: never -> untrusted', 'sandbox_mode: danger-full-access -> read-only'
        $r.DisabledServers | Should -Be 'impostor (command evil-mcp)', 'web (url https://example.com/mcp)'
        $r.Findings.RuleId | Should -Contain 'CODEX-MANAGED-002'
        $r.Findings.RuleId | Should -Contain 'CODEX-MANAGED-003'
        $r.RequirementsHash | Should -Match '^sha256:[0-9a-f]{64}$'
        Test-CodexCompliance @S -Quiet | Should -BeFalse
    }

    It 'previews a policy before it ships, then agrees once it is installed' {
        $m = New-Machine -Config "approval_policy = `"on-request`"`n[mcp_servers.docs]`ncommand = `"codex-mcp`"`n"
        Test-CodexCompliance @S -Quiet | Should -BeTrue
        $policy = New-CodexManagedConfig -AllowedApprovalPolicy untrusted -McpServer @{ other = 'x' }
        $preview = $policy | Test-CodexCompliance @S
        $preview.IsPreview | Should -BeTrue
        $preview.Forced | Should -Be 'approval_policy: on-request -> untrusted'
        $preview.DisabledServers | Should -Be 'docs (command codex-mcp)'
        $policy | New-CodexManagedConfig -ErrorAction SilentlyContinue | Out-Null
        $null = New-CodexManagedConfig -AllowedApprovalPolicy untrusted -McpServer @{ other = 'x' } -OutFile $m.System
        $installed = Test-CodexCompliance @S
        $installed.IsPreview | Should -BeFalse
        $installed.Forced | Should -Be $preview.Forced
        $installed.RequirementsHash | Should -Be $policy[0].Hash
    }

    It 'skips non-managed hooks when only managed hooks may run' {
        $m = New-Machine -Config @'
[[hooks.PreToolUse]]
matcher = "^Bash$"
[[hooks.PreToolUse.hooks]]
type = "command"
command = "echo user"
'@ -Requirements @'
allow_managed_hooks_only = true
[hooks]
managed_dir = "/enterprise/hooks"
[[hooks.Stop]]
[[hooks.Stop.hooks]]
type = "command"
command = "echo managed"
'@
        $r = Test-CodexCompliance @S
        @($r.SkippedHooks).Count | Should -Be 1
        $r.SkippedHooks[0] | Should -BeLike '*config.toml:pre_tool_use:0:0'
        $r.ManagedHooks | Should -Be '/enterprise/hooks:stop:0:0'
        $r.Findings.RuleId | Should -Contain 'CODEX-MANAGED-004'
    }

    It 'falls back from a refused default profile to the requirements default' {
        $m = New-Machine -Config "default_permissions = `"w`"`n[permissions.w]`nextends = `":workspace`"`n[permissions.r]`nextends = `":read-only`"`n" -Requirements @'
default_permissions = "r"
allowed_permission_profiles = { ":read-only" = true, r = true }
'@
        $r = Test-CodexCompliance @S
        $r.PermissionProfile | Should -Be 'r'
        $r.SandboxMode | Should -Be 'read-only'
        $r.Forced | Should -Be 'default_permissions: w -> r'
        $r.RefusedProfiles | Should -Contain 'w'
        $r.RefusedProfiles | Should -Contain ':workspace'
    }

    It 'says Codex would not start under requirements it cannot load' {
        $m = New-Machine -Requirements "allowed_approval_policies = []`n"
        $r = Test-CodexCompliance @S -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Loadable | Should -BeFalse
        $r.Compliant | Should -BeFalse
        $r.Findings.RuleId | Should -Contain 'CODEX-MANAGED-001'
        ($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Contain 'ManagedPolicyValueInvalid'
    }

    It 'is not compliant where Codex does not start: <Case>' -ForEach @(
        @{ Case = 'a Codex home that does not exist'; Config = $null; Words = 'failed to resolve CODEX_HOME' }
        @{ Case = 'a value of the wrong type'; Config = "approval_policy = 5`n"; Words = 'failed to load bootstrap configuration' }
        @{ Case = 'a default profile that is not defined'; Config = "default_permissions = `"corp`"`n"; Words = 'failed to load configuration' }
    ) {
        $m = New-Machine -Config ($Config ?? '') -Requirements "allowed_approval_policies = [`"on-request`", `"never`"]`n"
        $machine = $S.Clone()
        if ($null -eq $Config) { $machine.CodexHome = Join-Path $TestDrive 'no-such-home' }
        $r = Test-CodexCompliance @machine -ErrorAction SilentlyContinue
        $r.Loadable | Should -BeFalse
        $r.Compliant | Should -BeFalse
        $load = @($r.Findings | Where-Object RuleId -eq 'CODEX-CONFIG-001')
        $load | Should -Not -BeNullOrEmpty
        $load[0].Message | Should -Match ([regex]::Escape($Words))
        Test-CodexCompliance @machine -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'refuses a preview file that does not parse, as a bad parameter' {
        $m = New-Machine
        $bad = Join-Path $TestDrive 'requirements.toml'
        Set-Content $bad 'allowed_approval_policies = ['
        { Test-CodexCompliance @S -Requirements $bad -ErrorAction Stop } | Should -Throw -ErrorId 'ManagedPolicyFileInvalid*'
    }

    It 'formats at 120 columns, survives serialization, and feeds Export-CodexAuditReport' {
        $m = New-Machine -Config "approval_policy = `"never`"`n" -Requirements "allowed_approval_policies = [`"on-request`"]`n"
        $r = Test-CodexCompliance @S
        $table = $r | Format-Table | Out-String -Width 120
        $table | Should -Match 'False\s+on-request\s+read-only\s+1\s+0\s+0\s+0 approval_policy: never -> on-request'
        $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($r))
        ($back | Format-Table | Out-String -Width 120) | Should -Be $table
        $json = $back | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $json | ConvertTo-Json -Depth 10 | Should -Match 'CODEX-MANAGED-002'
    }
}

Describe 'Completion' {
    It 'completes permission profile names for -DefaultPermissions and -AllowedPermissionProfile from the configuration' {
        $m = New-Machine -Config "[permissions.team-edit]`nextends = `":workspace`"`n"
        $line2 = "New-CodexManagedConfig -AllowedPermissionProfile :w"
        (TabExpansion2 -inputScript $line2 -cursorColumn $line2.Length).CompletionMatches.CompletionText | Should -Contain "':workspace'"
        $saved = $env:CODEX_HOME
        $env:CODEX_HOME = $m.Home
        try {
            $line3 = 'New-CodexManagedConfig -DefaultPermissions te'
            (TabExpansion2 -inputScript $line3 -cursorColumn $line3.Length).CompletionMatches.CompletionText | Should -Be 'team-edit'
        } finally { $env:CODEX_HOME = $saved }
    }
}

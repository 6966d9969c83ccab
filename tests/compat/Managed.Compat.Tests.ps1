# Test-CodexCompliance against the real codex: for each policy/config pair, New-CodexManagedConfig writes the
# requirements (or a broken file stands in for one), the module predicts what Codex forces, disables, skips and runs
# with, and the binary, given that folder as its private /etc/codex (unshare -m + a bind mount; the machine's
# /etc/codex is never touched), must do exactly that:
#   codex doctor --json          the effective approval policy and the "disallowed by requirements" startup warnings
#   codex mcp list --json        enabled / disabled_reason per server
#   codex debug prompt-input     the permission profile Codex starts with (write entries: workspace-write)
#   codex sandbox -- sh -c ...   for permission profiles, whether the default can write the working folder
#                                (observed: without -P it ignores a legacy sandbox_mode, so it is no oracle for those)
#   codex app-server hooks/list  which hooks Codex loads
#   codex app-server --print-startup-config   the requirements it loaded (what we wrote, it reads)

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:SkipReason = Get-CompatCodexMissingReason
    if (-not $SkipReason) { $script:SkipReason = Test-CompatSystemMount }

    $userHook = "[[hooks.PreToolUse]]`nmatcher = `"^Bash$`"`n[[hooks.PreToolUse.hooks]]`ntype = `"command`"`ncommand = `"echo user`"`n"
    $script:Cases = @(
        @{ Name = 'approval-forced'; Config = "approval_policy = `"never`"`n"; Policy = @{ AllowedApprovalPolicy = 'on-request', 'untrusted' } }
        @{ Name = 'approval-first-allowed'; Config = ''; Policy = @{ AllowedApprovalPolicy = 'untrusted' } }
        @{ Name = 'approval-kept'; Config = "approval_policy = `"on-request`"`n"; Policy = @{ AllowedApprovalPolicy = 'untrusted', 'on-request' } }
        @{ Name = 'approval-managed-default'; Config = "approval_policy = `"on-request`"`n"; Policy = @{ AllowedApprovalPolicy = 'never', 'on-request'; Default = @{ approval_policy = 'never' } } }
        @{ Name = 'sandbox-forced'; Config = "sandbox_mode = `"danger-full-access`"`n"; Policy = @{ AllowedSandboxMode = 'read-only', 'workspace-write' } }
        @{ Name = 'sandbox-kept'; Config = "sandbox_mode = `"workspace-write`"`n"; Policy = @{ AllowedSandboxMode = 'read-only', 'workspace-write' } }
        @{ Name = 'sandbox-without-read-only'; Config = ''; Broken = "allowed_sandbox_modes = [`"workspace-write`"]`n" }
        @{ Name = 'approval-empty'; Config = ''; Broken = "allowed_approval_policies = []`n" }
        @{ Name = 'mcp-by-name'; Config = "[mcp_servers.docs]`ncommand = `"codex-mcp`"`n[mcp_servers.other]`ncommand = `"other-mcp`"`n"; Policy = @{ McpServer = @{ docs = 'codex-mcp' } } }
        @{ Name = 'mcp-by-identity'; Config = "[mcp_servers.docs]`ncommand = `"evil-mcp`"`n[mcp_servers.web]`nurl = `"https://example.com/mcp`"`n[mcp_servers.web2]`nurl = `"https://evil.example.com/mcp`"`n"; Policy = @{ McpServer = @{ docs = 'codex-mcp'; web = 'https://example.com/mcp'; web2 = 'https://example.com/mcp2' } } }
        @{ Name = 'mcp-empty-allowlist'; Config = "[mcp_servers.docs]`ncommand = `"codex-mcp`"`n[mcp_servers.web]`nurl = `"https://example.com/mcp`"`n"; Policy = @{ McpServer = @{} } }
        @{ Name = 'profile-refused'; Config = "default_permissions = `"w`"`n[permissions.w]`nextends = `":workspace`"`n[permissions.r]`nextends = `":read-only`"`n"; Policy = @{ AllowedPermissionProfile = ':read-only', 'r'; DefaultPermissions = 'r' } }
        @{ Name = 'profile-allowed'; Config = "default_permissions = `"w`"`n[permissions.w]`nextends = `":workspace`"`n"; Policy = @{ AllowedPermissionProfile = ':read-only', ':workspace', 'w' } }
        @{ Name = 'hooks-managed-only'; Config = $userHook; Policy = @{ AllowManagedHooksOnly = $true; ManagedHooksDirectory = '/enterprise/hooks'; Feature = @{ hooks = $true }; Hook = @{ Stop = @(@{ hooks = @(@{ type = 'command'; command = 'echo managed' }) }) } } }
        @{ Name = 'hooks-allowed'; Config = $userHook; Policy = @{ ManagedHooksDirectory = '/enterprise/hooks'; Hook = @{ Stop = @(@{ hooks = @(@{ type = 'command'; command = 'echo managed' }) }) } } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../pester/Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HookCompat.psm1') -Force

    $script:ApprovalNames = @{ UnlessTrusted = 'untrusted'; OnRequest = 'on-request'; Never = 'never'; OnFailure = 'on-failure' }

    function New-ManagedCompatHome([hashtable] $Case) {
        $root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot "../../out/compat-homes/managed-$($Case.Name)-$([guid]::NewGuid().ToString('N').Substring(0, 8))"))
        $h = [pscustomobject]@{
            Name = $Case.Name; Root = $root; CodexHome = "$root/home"; UserHome = "$root/userhome"; SystemConfigPath = "$root/system"
            WorkingDirectory = "$root/work"; Profile = $null; ClearEnvironment = @()
        }
        foreach ($d in $h.CodexHome, $h.UserHome, $h.SystemConfigPath, $h.WorkingDirectory) { $null = New-Item -ItemType Directory -Force $d }
        Write-TestFile -Path "$($h.CodexHome)/config.toml" -Text $Case.Config
        if ($Case.Broken) {
            Write-TestFile -Path "$($h.SystemConfigPath)/requirements.toml" -Text $Case.Broken
        } else {
            $policy = $Case.Policy
            $null = New-CodexManagedConfig @policy -OutFile $h.SystemConfigPath -ErrorAction Stop
        }
        return $h
    }
}

Describe 'Test-CodexCompliance agrees with codex <Name>' -ForEach $Cases {
    BeforeAll {
        if ($SkipReason) { return }
        $script:H = New-ManagedCompatHome $_
        $script:Prediction = Test-CodexCompliance -CodexHome $H.CodexHome -SystemConfigPath $H.SystemConfigPath -ProjectPath $H.WorkingDirectory -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $script:Doctor = Invoke-Codex -CompatHome $H -ArgumentList @('doctor', '--json')
        $script:Mcp = Invoke-Codex -CompatHome $H -ArgumentList @('mcp', 'list', '--json')
    }

    It 'loads the configuration exactly when the module says Codex can' -Skip:([bool]$SkipReason) {
        $Prediction.Loadable | Should -Be ($Mcp.ExitCode -eq 0) -Because "codex mcp list said: $($Mcp.StdErr)"
        if (-not $Prediction.Loadable) {
            $Prediction.Findings.RuleId | Should -Contain 'CODEX-MANAGED-001'
        } else {
            $startup = Invoke-Codex -CompatHome $H -ArgumentList @('app-server', '--print-startup-config')
            $startup.ExitCode | Should -Be 0
            $startup.Json['configRequirements']['requirements'] | Should -Not -BeNullOrEmpty -Because 'what New-CodexManagedConfig writes, codex loads'
        }
    }

    It 'predicts the approval policy and which values are forced' -Skip:([bool]$SkipReason) {
        if (-not $Prediction.Loadable) { return }
        $checks = $Doctor.Json['checks']
        $ApprovalNames[[string]$checks['sandbox.helpers']['details']['approval policy']] | Should -Be $Prediction.ApprovalPolicy
        $warnings = @($checks['config.load']['details']['startup warning']) | Where-Object { $_ -match 'disallowed by requirements' }
        $codexForced = @($warnings | ForEach-Object { if ($_ -match 'approval_policy') { 'approval_policy' } else { 'sandbox' } } | Sort-Object)
        $ourForced = @($Prediction.Forced | ForEach-Object { if ($_ -like 'approval_policy:*') { 'approval_policy' } else { 'sandbox' } } | Sort-Object)
        ($ourForced -join ',') | Should -Be ($codexForced -join ',') -Because "codex warned: $($warnings -join ' | ')"
    }

    It 'predicts the sandbox Codex starts with (prompt-input) and, for profiles, what codex sandbox lets a command write' -Skip:([bool]$SkipReason) {
        if (-not $Prediction.Loadable) { return }
        # codex debug prompt-input renders the effective permission profile; write entries mean workspace-write.
        $prompt = Invoke-Codex -CompatHome $H -ArgumentList @('debug', 'prompt-input', 'hi')
        $profileText = [regex]::Match($prompt.StdOut, '<permission_profile type=\\?"(?<type>[a-z]+)\\?">.*?</permission_profile>').Value
        $profileText | Should -Not -BeNullOrEmpty -Because 'prompt-input shows the permission profile'
        $theirs = if ($profileText -match 'type=\\?"disabled') { 'danger-full-access' } elseif ($profileText -match 'access=\\?"write') { 'workspace-write' } else { 'read-only' }
        $theirs | Should -Be $Prediction.SandboxMode -Because "module: $($Prediction.PermissionProfile); codex: $profileText"
        if ($Config -match 'default_permissions') {
            # `codex sandbox` without -P runs the default permission profile (it ignores a legacy sandbox_mode).
            $run = Invoke-Codex -CompatHome $H -ArgumentList @('sandbox', '--', 'sh', '-c', 'echo x > probe.txt && echo wrote')
            ($run.StdOut -match 'wrote') | Should -Be ($Prediction.SandboxMode -ne 'read-only') -Because "codex: $($run.StdOut) $($run.StdErr)"
        }
    }

    It 'predicts which MCP servers the allowlist disables' -Skip:([bool]$SkipReason) {
        if (-not $Prediction.Loadable) { return }
        $theirs = @($Mcp.Json | Where-Object { $_['disabled_reason'] -like 'requirements (*' } | ForEach-Object { $_['name'] } | Sort-Object)
        $ours = @($Prediction.DisabledServers | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object)
        ($ours -join ',') | Should -Be ($theirs -join ',')
    }

    It 'predicts which hooks Codex loads and skips' -Skip:([bool]$SkipReason) {
        if (-not $Prediction.Loadable) { return }
        $listed = Invoke-CompatHookList -CompatHome $H
        $theirs = @($listed.hooks | ForEach-Object { ([string]$_.key).Replace('/etc/codex', $H.SystemConfigPath) } | Sort-Object)
        $all = @(Get-CodexHook -CodexHome $H.CodexHome -SystemConfigPath $H.SystemConfigPath -ProjectPath $H.WorkingDirectory -ErrorAction SilentlyContinue | ForEach-Object Key | Sort-Object)
        ($all -join "`n") | Should -Be ($theirs -join "`n")
        foreach ($skipped in $Prediction.SkippedHooks) { $theirs | Should -Not -Contain $skipped }
        foreach ($managed in $Prediction.ManagedHooks) { $theirs | Should -Contain $managed }
    }
}

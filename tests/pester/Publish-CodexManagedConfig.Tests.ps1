# Publish-CodexManagedConfig and a fleet inventory over real PowerShell remoting: our own sshd on loopback (see
# support/SshFleet.psm1), three targets with their own /etc/codex and Codex home, the module not installed there.
# The server is stopped in AfterAll, which Pester runs also when a test fails.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'support/SshFleet.psm1') -Force
    $script:FleetSkip = Get-SshFleetSkipReason
    if ($FleetSkip -and $env:CI -eq 'true') { throw "Under CI the remoting tests must run: $FleetSkip" }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'support/SshFleet.psm1') -Force
    $script:Fleet = $null
    $script:Sessions = @()
    if (Get-SshFleetSkipReason) { return }
    $script:Fleet = Start-SshFleet -Count 3 -Root (Join-Path $PSScriptRoot "../../out/ssh-fleet-$([guid]::NewGuid().ToString('N').Substring(0, 8))")
    $script:Sessions = @(New-SshFleetSession -Fleet $Fleet)
    $script:Policy = New-CodexManagedConfig -AllowedApprovalPolicy on-request, untrusted -McpServer @{ docs = 'codex-mcp' } -Default @{ approval_policy = 'on-request' }
    $script:ModuleManifest = (Get-Module Codex.Plugins).Path -replace '\.dll$', '.psd1'
}

AfterAll {
    if ($Sessions) { $Sessions | Remove-PSSession -ErrorAction Ignore }
    if ($Fleet) { Stop-SshFleet -Fleet $Fleet }
}

Describe 'Publish-CodexManagedConfig over SSH remoting' -Skip:([bool]$FleetSkip) {
    It 'installs both files on three targets, verified by hash, one result per machine' {
        $r = $Policy | Publish-CodexManagedConfig -Session $Sessions -Confirm:$false
        $r.ComputerName | Should -Be '127.0.0.1', '127.0.0.2', '127.0.0.3'
        $r.Status | Should -Be 'Published', 'Published', 'Published'
        $r.Verified | Should -Be $true, $true, $true
        foreach ($t in $Fleet.Targets) {
            [System.IO.File]::ReadAllText("$($t.System)/requirements.toml") | Should -BeExactly $Policy[0].Text
            [System.IO.File]::ReadAllText("$($t.System)/managed_config.toml") | Should -BeExactly $Policy[1].Text
        }
    }

    It 'is idempotent: the same content again writes nothing and says so' {
        $before = (Get-Item "$($Fleet.Targets[0].System)/requirements.toml").LastWriteTimeUtc
        $r = $Policy | Publish-CodexManagedConfig -Session $Sessions -Confirm:$false
        $r.Status | Should -Be 'Up to date', 'Up to date', 'Up to date'
        $r.Changed | Should -Be $false, $false, $false
        (Get-Item "$($Fleet.Targets[0].System)/requirements.toml").LastWriteTimeUtc | Should -Be $before
    }

    It 'shows each machine''s diff with -WhatIf and changes nothing' {
        $next = New-CodexManagedConfig -AllowedApprovalPolicy untrusted -McpServer @{ docs = 'codex-mcp' } -Default @{ approval_policy = 'untrusted' }
        $r = $next | Publish-CodexManagedConfig -Session $Sessions[0] -WhatIf
        $r.Status | Should -Be 'Would publish'
        $r.Diff | Should -Match '(?m)^-allowed_approval_policies = \["on-request", "untrusted"\]$'
        $r.Diff | Should -Match '(?m)^\+allowed_approval_policies = \["untrusted"\]$'
        [System.IO.File]::ReadAllText("$($Fleet.Targets[0].System)/requirements.toml") | Should -BeExactly $Policy[0].Text
    }

    It 'keeps a backup and -Rollback restores it' {
        $next = New-CodexManagedConfig -AllowedApprovalPolicy untrusted
        $r = $next | Publish-CodexManagedConfig -Session $Sessions[1] -Confirm:$false
        $r.Changed | Should -BeTrue
        $r.BackupPath | Should -HaveCount 1
        $r.BackupPath[0] | Should -Match '/etc/codex/requirements\.toml\.\d{8}T\d{9}Z\.bak$'
        $back = Publish-CodexManagedConfig -Session $Sessions[1] -Rollback -Confirm:$false
        $back.Status | Should -Be 'Rolled back'
        $back.Verified | Should -BeTrue
        $back.Hash | Should -Contain "requirements.toml=$($Policy[0].Hash)"
        [System.IO.File]::ReadAllText("$($Fleet.Targets[1].System)/requirements.toml") | Should -BeExactly $Policy[0].Text
    }

    It 'never restores from a backup that is a symbolic link (it could point at a secret)' {
        $t = $Fleet.Targets[1]
        $secret = Join-Path $t.Root 'shadow-like'
        [System.IO.File]::WriteAllText($secret, 'root:secret-hash')
        $before = [System.IO.File]::ReadAllText("$($t.System)/requirements.toml")
        $planted = "$($t.System)/requirements.toml.29991231T235959999Z.bak"
        $null = New-Item -ItemType SymbolicLink -Path $planted -Target $secret
        try {
            $r = Publish-CodexManagedConfig -Session $Sessions[1] -Rollback -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable e
            $r.ErrorId | Should -Be 'ManagedTargetIsLink'
            $r.Error | Should -Match ([regex]::Escape('requirements.toml.29991231T235959999Z.bak'))
            ($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be 'ManagedTargetIsLink'
            [System.IO.File]::ReadAllText("$($t.System)/requirements.toml") | Should -BeExactly $before
        } finally { Remove-Item -Force $planted }
    }

    It 'gives one failed result for an unreachable host while the others proceed' {
        $r = $Policy | Publish-CodexManagedConfig -HostName '127.0.0.1', 'no-such-host.invalid', '127.0.0.3' -Port $Fleet.Port -UserName root -KeyFilePath $Fleet.KeyFilePath -Options $Fleet.Options -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $r | Should -HaveCount 3
        ($r | Where-Object ComputerName -eq 'no-such-host.invalid').ErrorId | Should -Be 'ManagedTargetUnreachable'
        @($r | Where-Object Status -eq 'Up to date') | Should -HaveCount 2
        ($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Contain 'ManagedTargetUnreachable'
    }

    It 'never follows a symlinked target file' {
        $t = $Fleet.Targets[2]
        $elsewhere = Join-Path $t.Root 'elsewhere.toml'
        [System.IO.File]::WriteAllText($elsewhere, 'precious = true')
        $elsewhere | Should -Exist
        Remove-Item "$($t.System)/requirements.toml"
        $null = New-Item -ItemType SymbolicLink -Path "$($t.System)/requirements.toml" -Target $elsewhere
        $next = New-CodexManagedConfig -AllowedApprovalPolicy untrusted
        $r = $next | Publish-CodexManagedConfig -Session $Sessions[2] -Confirm:$false -ErrorAction SilentlyContinue
        $r.ErrorId | Should -Be 'ManagedTargetIsLink'
        [System.IO.File]::ReadAllText($elsewhere) | Should -Be 'precious = true'
        (Get-Item "$($t.System)/requirements.toml").LinkTarget | Should -Be $elsewhere
        Remove-Item "$($t.System)/requirements.toml"
    }

    It 'refuses a target file marked read-only, and the old file stays' {
        $t = $Fleet.Targets[0]
        $path = "$($t.System)/requirements.toml"
        [System.IO.File]::SetUnixFileMode($path, [System.IO.UnixFileMode]'UserRead, GroupRead, OtherRead')
        try {
            $r = New-CodexManagedConfig -AllowedApprovalPolicy never | Publish-CodexManagedConfig -Session $Sessions[0] -Confirm:$false -ErrorAction SilentlyContinue
            $r.ErrorId | Should -Be 'ManagedTargetReadOnly'
            [System.IO.File]::ReadAllText($path) | Should -BeExactly $Policy[0].Text
        } finally {
            [System.IO.File]::SetUnixFileMode($path, [System.IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead')
        }
    }

    It 'lets two publishers at once take turns: each file ends whole, no temporary file left' {
        $a = New-CodexManagedConfig -AllowedApprovalPolicy never
        $b = New-CodexManagedConfig -AllowedApprovalPolicy untrusted
        $second = New-SshFleetSession -Fleet $Fleet -HostName '127.0.0.1'
        $first = $Sessions[0]
        try {
            $jobs = @(
                Start-ThreadJob { Import-Module $using:ModuleManifest; $using:a | Publish-CodexManagedConfig -Session $using:first -Confirm:$false }
                Start-ThreadJob { Import-Module $using:ModuleManifest; $using:b | Publish-CodexManagedConfig -Session $using:second -Confirm:$false }
            )
            $results = $jobs | Receive-Job -Wait -AutoRemoveJob
            $results.Verified | Should -Be $true, $true
            [System.IO.File]::ReadAllText("$($Fleet.Targets[0].System)/requirements.toml") | Should -BeIn @($a[0].Text, $b[0].Text)
            @(Get-ChildItem -Force $Fleet.Targets[0].System -Filter '*.tmp') | Should -BeNullOrEmpty
        } finally { $second | Remove-PSSession }
    }

    It 'restores the previous files byte for byte when a file on the target changes between the write and the check' {
        $t = $Fleet.Targets[0]
        $requirementsPath = "$($t.System)/requirements.toml"
        $managedPath = "$($t.System)/managed_config.toml"
        # Previous managed files with bytes the module would never write itself (CRLF, a BOM, no final newline).
        $oldRequirements = [byte[]](0xEF, 0xBB, 0xBF) + [System.Text.Encoding]::UTF8.GetBytes("# hand-made`r`nallowed_approval_policies = [`"never`"]")
        $oldManaged = [System.Text.Encoding]::UTF8.GetBytes("approval_policy = `"never`"`r`n")
        [System.IO.File]::WriteAllBytes($requirementsPath, $oldRequirements)
        [System.IO.File]::WriteAllBytes($managedPath, $oldManaged)
        $tampered = Join-Path $t.Root 'tampered.flag'
        Remove-Item -Force -ErrorAction Ignore $tampered
        # A target whose writes get changed behind the publisher's back: in this target's own session, the first time
        # the installer reads a file back to verify it, something appends to the managed_config.toml just written,
        # after requirements.toml was already replaced and verified. Both files must go back.
        $tamperer = New-SshFleetSession -Fleet $Fleet -HostName '127.0.0.1'
        try {
            Invoke-Command -Session $tamperer -ArgumentList $tampered {
                param($flag)
                $null = Set-PSBreakpoint -Command Get-InstalledHash -Action {
                    if ((Test-Path /etc/codex/managed_config.toml) -and -not (Test-Path $flag) -and (Get-Content -Raw /etc/codex/managed_config.toml) -match 'on-request') {
                        [System.IO.File]::AppendAllText('/etc/codex/managed_config.toml', "sandbox_mode = `"danger-full-access`"`n")
                        Set-Content $flag 'tampered'
                    }
                }.GetNewClosure()
            }
            $r = $Policy | Publish-CodexManagedConfig -Session $tamperer -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        } finally { $tamperer | Remove-PSSession }

        $tampered | Should -Exist -Because 'the file must really have changed between the write and the check'
        $r.ComputerName | Should -Be '127.0.0.1'
        $r.Status | Should -Be 'Failed'
        $r.ErrorId | Should -Be 'ManagedVerificationFailed'
        $r.Verified | Should -BeFalse
        $r.Changed | Should -BeFalse
        $r.Error | Should -Match ([regex]::Escape('/etc/codex/managed_config.toml'))
        $r.BackupPath | Should -HaveCount 2
        ($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be 'ManagedVerificationFailed'
        "$($e[0])" | Should -Match '^127\.0\.0\.1: '
        [System.IO.File]::ReadAllBytes($requirementsPath) | Should -Be $oldRequirements
        [System.IO.File]::ReadAllBytes($managedPath) | Should -Be $oldManaged
        @(Get-ChildItem -Force $t.System -Filter '*.tmp') | Should -BeNullOrEmpty
        # The backups hold the previous bytes too, so a later -Rollback or a hand restore has them.
        foreach ($backup in $r.BackupPath) {
            $local = Join-Path $t.System ([System.IO.Path]::GetFileName($backup))
            $expected = if ($backup -match 'requirements') { $oldRequirements } else { $oldManaged }
            [System.IO.File]::ReadAllBytes($local) | Should -Be $expected
        }

        # Without the tamperer the same publish goes through, so the failure was the tampering.
        $again = $Policy | Publish-CodexManagedConfig -Session $Sessions[0] -Confirm:$false
        $again.Status | Should -Be 'Published'
        [System.IO.File]::ReadAllText($managedPath) | Should -BeExactly $Policy[1].Text
    }

    It 'keeps the old file when the transfer is interrupted' {
        $t = $Fleet.Targets[1]
        $path = "$($t.System)/requirements.toml"
        $old = [System.IO.File]::ReadAllText($path)
        $victim = New-SshFleetSession -Fleet $Fleet -HostName '127.0.0.2'
        $remotePid = Invoke-Command -Session $victim { $PID }
        # Hold the target's lock so the publisher waits inside the remote script, then kill the remote process.
        $lock = [System.IO.FileStream]::new("$($t.System)/.codex-managed.lock", 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $job = Start-ThreadJob { Import-Module $using:ModuleManifest; New-CodexManagedConfig -AllowedApprovalPolicy never | Publish-CodexManagedConfig -Session $using:victim -Confirm:$false -LockTimeoutSec 60 2>&1 }
            Start-Sleep -Seconds 3
            Stop-Process -Id $remotePid -Force
            $out = $job | Receive-Job -Wait -AutoRemoveJob
        } finally { $lock.Dispose() }
        @($out | Where-Object { $_.PSObject.TypeNames -match 'CodexPublishResult$' })[0].ErrorId | Should -Be 'ManagedTransferFailed'
        [System.IO.File]::ReadAllText($path) | Should -BeExactly $old
        $victim | Remove-PSSession -ErrorAction Ignore
    }
}

Describe 'Fleet inventory through Invoke-Command' -Skip:([bool]$FleetSkip) {
    It 'runs every Get-/Test- cmdlet remotely: objects come back deserialized, with PSComputerName, and still format' {
        $manifest = $ModuleManifest
        $results = Invoke-Command -Session $Sessions -ScriptBlock {
            Import-Module $using:manifest
            Set-Content "$env:CODEX_HOME/config.toml" "approval_policy = `"never`"`n[mcp_servers.docs]`ncommand = `"codex-mcp`"`n[mcp_servers.other]`ncommand = `"x`"`n"
            Get-CodexConfig; Get-CodexMcpServer; Get-CodexPlugin; Get-CodexMarketplace; Get-CodexSkill; Get-CodexHook; Get-CodexAgent
            Get-CodexInstallation; Measure-CodexSkillBudget; Test-CodexPermissionProfile; Test-CodexConfiguration; Test-CodexCompliance
        } -ErrorAction SilentlyContinue
        $compliance = @($results | Where-Object { $_.PSObject.TypeNames[0] -eq 'Deserialized.Codex.Plugins.CodexCompliance' })
        $compliance.PSComputerName | Sort-Object | Should -Be '127.0.0.1', '127.0.0.2', '127.0.0.3'
        @($compliance.DisabledServers | Sort-Object -Unique) | Should -Be 'other (command x)'
        $servers = @($results | Where-Object { $_.PSObject.TypeNames[0] -eq 'Deserialized.Codex.Plugins.CodexMcpServer' })
        $servers.Count | Should -Be 6
        ($compliance | Format-Table | Out-String -Width 120) | Should -Match '127\.0\.0\.1\s+False'
        ($servers | Format-Table | Out-String -Width 120) | Should -Match 'docs'
        $types = $results | ForEach-Object { $_.PSObject.TypeNames[0] } | Sort-Object -Unique
        $types | Should -Contain 'Deserialized.Codex.Plugins.CodexConfigValue'
        $types | Should -Contain 'Deserialized.Codex.Plugins.CodexPermissionProfile'
        $types | Should -Contain 'Deserialized.Codex.Plugins.CodexInstallation'
        # Every type that came back formats with the module's view, not PowerShell's fallback list of every property
        # (which shows the remoting bookkeeping: RunspaceId, PSShowComputerName).
        foreach ($group in $results | Group-Object { $_.PSObject.TypeNames[0] }) {
            ($group.Group | Out-String -Width 120) | Should -Not -Match 'RunspaceId|PSShowComputerName' -Because "$($group.Name) needs a view"
        }
        # Findings survive the trip two levels deep (a machine whose requirements disable a server has one).
        @($compliance | Where-Object { $_.DisabledServers })[0].Findings.RuleId | Should -Contain 'CODEX-MANAGED-003'
    }

    It 'pipes managed files made on one machine (Invoke-Command) into a publish to another, and the results into the audit' {
        $manifest = $ModuleManifest
        $files = Invoke-Command -Session $Sessions[0] -ScriptBlock {
            Import-Module $using:manifest
            New-CodexManagedConfig -AllowedApprovalPolicy on-request -McpServer @{ docs = 'codex-mcp' } -Default @{ approval_policy = 'on-request' }
        }
        $files[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexManagedConfig'
        $files[0].PSComputerName | Should -Be '127.0.0.1'
        $r = $files | Publish-CodexManagedConfig -Session $Sessions[2] -Confirm:$false
        $r.ComputerName | Should -Be '127.0.0.3'
        $r.Verified | Should -BeTrue
        [System.IO.File]::ReadAllText("$($Fleet.Targets[2].System)/requirements.toml") | Should -BeExactly $files[0].Text

        $compliance = Invoke-Command -Session $Sessions[2] -ScriptBlock {
            Import-Module $using:manifest
            Set-Content "$env:CODEX_HOME/config.toml" "approval_policy = `"never`"`n[mcp_servers.other]`ncommand = `"x`"`n"
            Test-CodexCompliance
        }
        $compliance.RequirementsHash | Should -Be $files[0].Hash
        $json = $compliance | Export-CodexAuditReport -Format Json -ErrorVariable err | ConvertFrom-Json
        $err | Should -BeNullOrEmpty
        $json.summary.total | Should -Be @($compliance.Findings).Count
        $compliance.Findings.RuleId | Should -Contain 'CODEX-MANAGED-003'
    }
}

Describe 'The scheduled fleet audit (docs/examples/Invoke-CodexFleetAudit.ps1)' -Skip:([bool]$FleetSkip) {
    It 'audits the fleet over sessions and writes one HTML and one SARIF report naming every machine' {
        $folder = Join-Path $TestDrive 'reports'
        $script = Join-Path $PSScriptRoot '../../docs/examples/Invoke-CodexFleetAudit.ps1'
        $summary = & $script -Session $Sessions -ReportFolder $folder -RemoteModule $ModuleManifest -Title 'Nightly audit'
        $summary.Machines | Should -Be 3
        $summary.HtmlReport | Should -Exist
        $summary.SarifReport | Should -Exist
        $sarif = Get-Content -Raw $summary.SarifReport | ConvertFrom-Json
        $sarif.version | Should -Be '2.1.0'
        $text = Get-Content -Raw $summary.SarifReport
        foreach ($machine in '127.0.0.1', '127.0.0.2', '127.0.0.3') { $text | Should -Match ([regex]::Escape($machine)) }
        $text | Should -Match 'CODEX-MANAGED-003'
        Get-Content -Raw $summary.HtmlReport | Should -Match 'Nightly audit'
    }
}

Describe 'Publish-CodexManagedConfig with a session of another transport' {
    # WinRM cannot run on Linux; a named-pipe session to another pwsh process is a second real transport here, and
    # proves the -Session path uses nothing SSH-specific (only the session's runspace and ComputerName).
    BeforeAll {
        $pwsh = Get-PwshCommand
        $script:PipeTarget = Start-Process -FilePath $pwsh[0] -ArgumentList (@($pwsh | Select-Object -Skip 1) + '-NoProfile', '-NoLogo', '-NonInteractive', '-Command', 'Start-Sleep -Seconds 600') -PassThru
        function New-NamedPipeSession {
            [CmdletBinding()]
            param([int] $ProcessId)
            $connection = [System.Management.Automation.Runspaces.NamedPipeConnectionInfo]::new($ProcessId)
            # One attempt waits at most 5 s for the pipe (the default is a minute, which used up the whole deadline
            # on a loaded machine when the first attempt came before the child listened).
            $connection.OpenTimeout = 5000
            $runspace = [runspacefactory]::CreateRunspace($connection, $Host, [System.Management.Automation.Runspaces.TypeTable]::LoadDefaultTypeFiles())
            $runspace.Open()
            [System.Management.Automation.Runspaces.PSSession]::Create($runspace, 'NamedPipe', $PSCmdlet)
        }
        # The child listens on its pipe once it has started; try until it answers.
        $script:PipeSession = $null
        $script:PipeError = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(180)
        while (-not $PipeSession -and [DateTime]::UtcNow -lt $deadline) {
            try { $script:PipeSession = New-NamedPipeSession -ProcessId $PipeTarget.Id } catch { $script:PipeError = $_; Start-Sleep -Milliseconds 250 }
        }
    }

    AfterAll {
        if ($PipeSession) { $PipeSession | Remove-PSSession -ErrorAction Ignore }
        if ($PipeTarget) { Stop-Process -Id $PipeTarget.Id -ErrorAction Ignore }
    }

    It 'installs, says up to date, and rolls back over a named-pipe session' {
        $PipeSession | Should -Not -BeNullOrEmpty -Because "the child pwsh must answer on its named pipe (last attempt: $PipeError)"
        $PipeSession.Transport | Should -Be 'NamedPipe'
        $folder = Join-Path $TestDrive 'pipe-target'
        $null = New-Item -ItemType Directory $folder
        Write-TestFile "$folder/requirements.toml" "allowed_approval_policies = [`"never`"]`n"
        $policy = New-CodexManagedConfig -AllowedApprovalPolicy untrusted

        $r = $policy | Publish-CodexManagedConfig -Session $PipeSession -SystemConfigPath $folder -Confirm:$false
        $r.ComputerName | Should -Be $PipeSession.ComputerName
        $r.Status | Should -Be 'Published'
        $r.Verified | Should -BeTrue
        [System.IO.File]::ReadAllText("$folder/requirements.toml") | Should -BeExactly $policy[0].Text

        ($policy | Publish-CodexManagedConfig -Session $PipeSession -SystemConfigPath $folder -Confirm:$false).Status | Should -Be 'Up to date'
        (Publish-CodexManagedConfig -Session $PipeSession -SystemConfigPath $folder -Rollback -Confirm:$false).Status | Should -Be 'Rolled back'
        [System.IO.File]::ReadAllText("$folder/requirements.toml") | Should -BeExactly "allowed_approval_policies = [`"never`"]`n"
    }
}

Describe 'Publish-CodexManagedConfig -ComputerName where WinRM cannot connect' {
    BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

    It 'gives one failed result per computer, each a non-terminating ManagedTargetUnreachable with the reason' {
        $r = New-CodexManagedConfig -AllowedApprovalPolicy never |
            Publish-CodexManagedConfig -ComputerName 'no-such-host-1.invalid', 'no-such-host-2.invalid' -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $r.ComputerName | Should -Be 'no-such-host-1.invalid', 'no-such-host-2.invalid'
        $r.Status | Should -Be 'Failed', 'Failed'
        $r.ErrorId | Should -Be 'ManagedTargetUnreachable', 'ManagedTargetUnreachable'
        ($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be 'ManagedTargetUnreachable', 'ManagedTargetUnreachable'
        # On Linux and macOS PowerShell has no WSMan client: the reason says so instead of a generic failure.
        if (-not $IsWindows) { $r[0].Error | Should -Match 'WSMan' }
    }
}

#Requires -Version 7.4
<#
.SYNOPSIS
    The managed-configuration rollout: Publish-CodexManagedConfig to 12 targets with -ThrottleLimit 4 against the
    same rollout one target at a time (-ThrottleLimit 1), the cost per target once a session exists, and
    Test-CodexCompliance per machine against `codex doctor --json` (the Codex CLI's own view of the same machine).

.DESCRIPTION
    The targets are real PowerShell remoting endpoints: our own sshd on loopback (tests/pester/support/SshFleet.psm1)
    listening on 127.0.0.1 .. 127.0.0.12, each with its own /etc/codex (a private mount) and Codex home. Sessions are
    opened once (their cost is printed separately); each round publishes a policy that differs from the one in place,
    so every target really writes (backup, temp + rename, verification). Medians of -Rounds rounds. Needs root on
    Linux with openssh-server (build.ps1 Test installs it); otherwise it says why and stops. Ratios are reports, never
    assertions.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $Targets = 12,
    [int] $Throttle = 4,
    [int] $Rounds = 3
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../pester/support/SshFleet.psm1') -Force
Import-Module $ModulePath -Force
$ModulePath = (Resolve-Path $ModulePath).ProviderPath

$skip = Get-SshFleetSkipReason
if ($skip) { Write-Output "Rollout bench skipped: $skip."; return }

$repo = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$fleet = Start-SshFleet -Count $Targets -Root (Join-Path $repo "out/bench/rollout-$([guid]::NewGuid().ToString('N').Substring(0, 8))")
$sessions = @()
try {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $sessions = @(New-SshFleetSession -Fleet $fleet)
    $sessionMs = $watch.Elapsed.TotalMilliseconds / $Targets
    if ($sessions.Count -ne $Targets) { throw "Only $($sessions.Count) of $Targets sessions opened." }

    # Two policies (two files each), published in turn so that every round really writes.
    $policies = @(
        , @(New-CodexManagedConfig -AllowedApprovalPolicy on-request, untrusted -McpServer @{ docs = 'codex-mcp' } -Default @{ approval_policy = 'on-request' })
        , @(New-CodexManagedConfig -AllowedApprovalPolicy untrusted -McpServer @{ docs = 'codex-mcp'; web = 'https://example.com/mcp' } -Default @{ approval_policy = 'untrusted' })
    )
    # Warm-up: the first call loads the rollout script on every target.
    $null = $policies[1] | Publish-CodexManagedConfig -Session $sessions -ThrottleLimit $Targets -Confirm:$false

    $serial = @(); $parallel = @(); $n = 0
    foreach ($round in 1..$Rounds) {
        foreach ($limit in 1, $Throttle) {
            $policy = $policies[$n++ % 2]
            $watch.Restart()
            $results = @($policy | Publish-CodexManagedConfig -Session $sessions -ThrottleLimit $limit -Confirm:$false)
            $ms = $watch.Elapsed.TotalMilliseconds
            if (@($results | Where-Object { -not $_.Changed -or -not $_.Verified }).Count) { throw "A round did not publish to every target: $(($results | ForEach-Object { "$($_.ComputerName) $($_.Status) $($_.ErrorId) $($_.Error)" }) -join "; ")" }
            if ($limit -eq 1) { $serial += $ms } else { $parallel += $ms }
        }
    }
    $serialMs = Get-Median $serial
    $parallelMs = Get-Median $parallel

    # Test-CodexCompliance on every target (module loaded there once), per machine.
    $manifest = $ModulePath
    $null = Invoke-Command -Session $sessions { Import-Module $using:manifest; $null = Test-CodexCompliance }
    $remote = foreach ($round in 1..$Rounds) {
        $watch.Restart()
        $r = @(Invoke-Command -Session $sessions -ThrottleLimit $Throttle { Test-CodexCompliance })
        if ($r.Count -ne $Targets) { throw "Test-CodexCompliance answered on $($r.Count) of $Targets targets." }
        $watch.Elapsed.TotalMilliseconds / $Targets
    }

    # One machine locally: Test-CodexCompliance in this session against codex doctor --json on the same files.
    $one = $fleet.Targets[0]
    Set-Content "$($one.CodexHome)/config.toml" "approval_policy = `"never`"`n[mcp_servers.docs]`ncommand = `"codex-mcp`"`n[mcp_servers.other]`ncommand = `"x`"`n"
    $null = Test-CodexCompliance -CodexHome $one.CodexHome -SystemConfigPath $one.System
    $ours = foreach ($round in 1..5) { (Measure-Command { $null = Test-CodexCompliance -CodexHome $one.CodexHome -SystemConfigPath $one.System }).TotalMilliseconds }
    $codex = Get-BenchCodex
    $work = Join-Path $one.Root 'work'; $null = New-Item -ItemType Directory -Force $work
    $theirs = foreach ($round in 1..3) {
        (Measure-Command {
                $env:CODEX_HOME = $one.CodexHome
                Push-Location $work
                try { $null = & unshare -m sh -c 'mount --bind "$0" /etc/codex && exec "$1" doctor --json </dev/null' $one.System $codex 2>$null } finally { Pop-Location; Remove-Item Env:CODEX_HOME }
            }).TotalMilliseconds
    }

    Write-Output "Rollout of requirements.toml + managed_config.toml to $Targets targets over SSH remoting ($(Get-BenchLoad)), median of $Rounds rounds"
    Write-BenchLine 'opening a session (per target, once)' (Format-Ms $sessionMs)
    Write-BenchLine "publish, one target at a time (ThrottleLimit 1)" (Format-Ms $serialMs)
    Write-BenchLine "publish, ThrottleLimit $Throttle" (Format-Ms $parallelMs)
    Write-BenchLine 'per target once a session exists (one at a time)' (Format-Ms ($serialMs / $Targets))
    Write-BenchRatio "ThrottleLimit $Throttle / one at a time" ($parallelMs / $serialMs) 0.5
    Write-BenchLine 'Test-CodexCompliance per machine (remote, warm)' (Format-Ms (Get-Median $remote))
    Write-BenchLine 'Test-CodexCompliance, one machine in this session' (Format-Ms (Get-Median $ours))
    Write-BenchLine 'codex doctor --json, same machine' (Format-Ms (Get-Median $theirs))
    Write-BenchRatio 'Test-CodexCompliance / codex doctor --json' ((Get-Median $ours) / (Get-Median $theirs)) 1.0
} finally {
    if ($sessions) { $sessions | Remove-PSSession -ErrorAction Ignore }
    Stop-SshFleet -Fleet $fleet
}

#Requires -Version 7.4
<#
.SYNOPSIS
    The scheduled fleet audit: every machine's policy findings and its compliance with its managed requirements,
    gathered over PowerShell remoting, written as one HTML report (for people) and one SARIF report (for code
    scanning) for the whole fleet.

.DESCRIPTION
    Runs on an admin machine that has Codex.Plugins installed; each target needs PowerShell 7.4 and Codex.Plugins
    (Install-Module, or a copy of the module folder: -RemoteModule names it). For every target it runs
    Test-CodexConfiguration (all policy rules) and Test-CodexCompliance (what the requirements force, disable, skip,
    refuse), in parallel up to -ThrottleLimit. Objects come back deserialized with PSComputerName, so each finding in
    the reports names its machine. A machine that cannot be reached is reported on the error stream and in the summary
    line; the others are audited. Both reports are written atomically (a reader never sees half a report).

    Schedule it like any script:
      Linux (cron, every night at 02:00):
        0 2 * * * pwsh -NoProfile -File /opt/audit/Invoke-CodexFleetAudit.ps1 -HostName (Get-Content /opt/audit/hosts.txt) -ReportFolder /srv/reports
      Linux (systemd timer): a Type=oneshot service with the same command line and an OnCalendar=daily timer.
      Windows (Task Scheduler):
        Register-ScheduledTask -TaskName CodexFleetAudit -Trigger (New-ScheduledTaskTrigger -Daily -At 2am) `
            -Action (New-ScheduledTaskAction -Execute pwsh.exe -Argument '-NoProfile -File C:\audit\Invoke-CodexFleetAudit.ps1 -ComputerName web01,web02 -ReportFolder C:\reports')
    The exit code is 0 when every machine was reached and none has an Error finding, 1 otherwise, so a scheduler
    or a CI gate can alert on it.

.EXAMPLE
    ./Invoke-CodexFleetAudit.ps1 -HostName web01, web02, build01 -UserName audit -KeyFilePath ~/.ssh/audit_ed25519 -ReportFolder ./reports

.EXAMPLE
    $sessions = New-PSSession -HostName (Get-Content hosts.txt)
    ./Invoke-CodexFleetAudit.ps1 -Session $sessions -ReportFolder /srv/reports -Title 'Nightly Codex audit'
#>
[CmdletBinding(DefaultParameterSetName = 'HostName')]
param(
    [Parameter(Mandatory, ParameterSetName = 'HostName')][string[]] $HostName,
    [Parameter(ParameterSetName = 'HostName')][string] $UserName,
    [Parameter(ParameterSetName = 'HostName')][string] $KeyFilePath,
    [Parameter(ParameterSetName = 'HostName')][int] $Port = 22,
    [Parameter(ParameterSetName = 'HostName')][hashtable] $Options,
    [Parameter(Mandatory, ParameterSetName = 'ComputerName')][string[]] $ComputerName,
    [Parameter(ParameterSetName = 'ComputerName')][pscredential] $Credential,
    [Parameter(Mandatory, ParameterSetName = 'Session')][System.Management.Automation.Runspaces.PSSession[]] $Session,
    # Where the reports go: codex-fleet-audit.html and codex-fleet-audit.sarif.
    [Parameter(Mandatory)][string] $ReportFolder,
    [string] $Title = 'Codex fleet audit',
    # How the targets load the module: its name (installed there) or a path to its manifest on the targets.
    [string] $RemoteModule = 'Codex.Plugins',
    [int] $ThrottleLimit = 32
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
if (-not (Get-Module Codex.Plugins)) { Import-Module Codex.Plugins -ErrorAction Stop }

$opened = @()
$exitCode = 1
$unreachable = @()
if ($PSCmdlet.ParameterSetName -eq 'Session') {
    $targets = $Session
} else {
    $names = if ($HostName) { $HostName } else { $ComputerName }
    foreach ($name in $names) {
        $p = @{ ErrorAction = 'SilentlyContinue'; ErrorVariable = 'connectError' }
        if ($HostName) {
            $p.HostName = $name; $p.Port = $Port
            if ($UserName) { $p.UserName = $UserName }
            if ($KeyFilePath) { $p.KeyFilePath = $KeyFilePath }
            if ($Options) { $p.Options = $Options }
        } else {
            $p.ComputerName = $name
            if ($Credential) { $p.Credential = $Credential }
        }
        $connectError = $null
        $s = New-PSSession @p
        if ($s) { $opened += $s } else { $unreachable += $name; Write-Error "Cannot reach $name`: $connectError" -ErrorAction Continue }
    }
    $targets = $opened
}

try {
    $results = if ($targets) {
        Invoke-Command -Session $targets -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ScriptBlock {
            Import-Module $using:RemoteModule -ErrorAction Stop
            Test-CodexConfiguration -ErrorAction SilentlyContinue
            Test-CodexCompliance -ErrorAction SilentlyContinue
        }
    } else { @() }

    $null = New-Item -ItemType Directory -Force $ReportFolder
    $html = Join-Path $ReportFolder 'codex-fleet-audit.html'
    $sarif = Join-Path $ReportFolder 'codex-fleet-audit.sarif'
    $results | Export-CodexAuditReport -Path $html -Title $Title -Confirm:$false
    $results | Export-CodexAuditReport -Path $sarif -Title $Title -Confirm:$false

    $compliance = @($results | Where-Object { $_.PSObject.TypeNames -match 'CodexCompliance$' })
    $errors = @($results | Where-Object { $_.PSObject.Properties['Severity'] -and "$($_.Severity)" -eq 'Error' }) +
        @($compliance | ForEach-Object { $_.Findings } | Where-Object { "$($_.Severity)" -eq 'Error' })
    [pscustomobject]@{
        Machines        = @($targets).Count + $unreachable.Count
        Unreachable     = $unreachable
        NotCompliant    = @($compliance | Where-Object { -not $_.Compliant } | ForEach-Object PSComputerName)
        ErrorFindings   = $errors.Count
        HtmlReport      = $html
        SarifReport     = $sarif
    }
    $exitCode = if ($unreachable -or $errors) { 1 } else { 0 }
} finally {
    if ($opened) { $opened | Remove-PSSession }
}
exit $exitCode

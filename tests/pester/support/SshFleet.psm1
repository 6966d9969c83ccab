#Requires -Version 7.4
<#
.SYNOPSIS
    A fleet of PowerShell remoting targets on this machine, reached over real SSH: one sshd of our own on loopback
    (its own port picked at run time, a throwaway host key, key authentication, its own pid file), listening on
    127.0.0.1, 127.0.0.2, ... so each address is a distinct target with a distinct PSComputerName. The pwsh subsystem
    is a wrapper that gives each target its own /etc/codex (a private mount namespace with a bind mount of that
    target's folder, as a separate machine has) and its own HOME and Codex home.
#>

Set-StrictMode -Version Latest

function Get-SshFleetSkipReason {
    <# $null when a fleet can start here; otherwise why not. Under CI=true the Test task installs what is missing. #>
    if (-not $IsLinux) { return 'the loopback fleet needs Linux (mount namespaces for each target''s /etc/codex)' }
    if ((& id -u) -ne '0') { return 'the loopback fleet runs its own sshd and bind mounts, which need root' }
    foreach ($tool in 'sshd', 'ssh', 'ssh-keygen', 'unshare') {
        $found = Get-Command $tool -CommandType Application -ErrorAction Ignore
        if (-not $found -and -not (Test-Path "/usr/sbin/$tool")) { return "$tool is not installed (Debian: openssh-server, openssh-client; build.ps1 Test installs them as root)" }
    }
    if (-not (Test-Path -LiteralPath '/etc/codex' -PathType Container)) { return '/etc/codex does not exist, so a target''s folder cannot be bind-mounted over it' }
    return $null
}

function Start-SshFleet {
    [CmdletBinding()]
    param([Parameter(Mandatory)][ValidateRange(1, 200)][int] $Count, [Parameter(Mandatory)][string] $Root)
    $Root = [System.IO.Path]::GetFullPath($Root)
    $null = New-Item -ItemType Directory -Force $Root
    $null = New-Item -ItemType Directory -Force '/run/sshd'
    & ssh-keygen -q -t ed25519 -N '' -f "$Root/host_key" | Out-Null
    & ssh-keygen -q -t ed25519 -N '' -f "$Root/client_key" | Out-Null
    Copy-Item "$Root/client_key.pub" "$Root/authorized_keys"

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()

    $dotnet = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pwshDll = [System.Reflection.Assembly]::GetEntryAssembly().Location
    $targets = foreach ($i in 1..$Count) {
        $address = "127.0.0.$i"
        $dir = Join-Path $Root "targets/$address"
        foreach ($d in 'etc-codex', 'home/.codex') { $null = New-Item -ItemType Directory -Force (Join-Path $dir $d) }
        [pscustomobject]@{ HostName = $address; Root = $dir; System = Join-Path $dir 'etc-codex'; CodexHome = Join-Path $dir 'home/.codex' }
    }

    # The target is the address the client connected to (the third field of SSH_CONNECTION).
    $wrapper = "$Root/pwsh-subsystem.sh"
    Set-Content -LiteralPath $wrapper -NoNewline -Value @"
#!/bin/sh
addr=`$(echo "`$SSH_CONNECTION" | cut -d' ' -f3)
dir="$Root/targets/`$addr"
exec unshare -m sh -c 'mount --bind "`$1/etc-codex" /etc/codex && export HOME="`$1/home" CODEX_HOME="`$1/home/.codex" && shift && exec "`$@"' sh "`$dir" "$dotnet" "$pwshDll" "`$@"

"@
    & chmod 755 $wrapper
    $listen = ($targets | ForEach-Object { "ListenAddress $($_.HostName)" }) -join "`n"
    Set-Content -LiteralPath "$Root/sshd_config" -Value @"
Port $port
$listen
HostKey $Root/host_key
PidFile $Root/sshd.pid
AuthorizedKeysFile $Root/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
MaxStartups 100
MaxSessions 100
LogLevel ERROR
Subsystem powershell $wrapper -sshs -NoLogo -NoProfile
"@
    $sshd = @(Get-Command sshd -CommandType Application -ErrorAction Ignore)[0]?.Source ?? "/usr/sbin/sshd"
    & $sshd -f "$Root/sshd_config" -E "$Root/sshd.log"
    if ($LASTEXITCODE -ne 0) { throw "sshd did not start (exit $LASTEXITCODE): $(Get-Content -Raw -ErrorAction Ignore "$Root/sshd.log")" }
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (-not (Test-Path "$Root/sshd.pid") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    if (-not (Test-Path "$Root/sshd.pid")) { throw "sshd wrote no pid file: $(Get-Content -Raw -ErrorAction Ignore "$Root/sshd.log")" }

    [pscustomobject]@{
        Root = $Root; Port = $port; KeyFilePath = "$Root/client_key"; Pid = [int](Get-Content "$Root/sshd.pid" | Select-Object -First 1)
        Targets = @($targets); Options = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
    }
}

function New-SshFleetSession {
    <# Sessions to the given targets (addresses), opened in parallel. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Fleet, [string[]] $HostName = @($Fleet.Targets.HostName))
    foreach ($a in $HostName) {
        New-PSSession -HostName $a -Port $Fleet.Port -UserName root -KeyFilePath $Fleet.KeyFilePath -Options $Fleet.Options
    }
}

function Stop-SshFleet {
    <# Stops our sshd (by the pid in its own pid file, never by name). Sessions should be removed first. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Fleet)
    if (-not $Fleet) { return }
    try { Stop-Process -Id $Fleet.Pid -ErrorAction Stop } catch { }
}

Export-ModuleMember -Function Get-SshFleetSkipReason, Start-SshFleet, New-SshFleetSession, Stop-SshFleet

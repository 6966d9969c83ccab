#Requires -Version 7.4
<#
.SYNOPSIS
    Shared helpers for tests/bench/*.Bench.ps1: child processes timed from start to exit, medians, the pwsh the
    bench itself runs in, and plain result lines.

.DESCRIPTION
    Benchmarks print measurements and ratios against a peer measured in the same run. They never assert on time:
    a ratio above its target is reported, not failed. They do fail when a measured command itself fails (a failed
    import or a wrong server count makes the numbers meaningless).
#>

Set-StrictMode -Version Latest

function Get-Median {
    <# The median of a set of numbers (mean of the middle two for an even count). #>
    [CmdletBinding()]
    [OutputType([double])]
    param([Parameter(Mandatory)][double[]] $Value)

    $sorted = [double[]]($Value | Sort-Object)
    $n = $sorted.Count
    if ($n % 2 -eq 1) { return $sorted[($n - 1) / 2] }
    return ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

function Get-BenchPwsh {
    <#
    .SYNOPSIS
        How to start the same PowerShell the bench runs in, as a child: the executable and the arguments that go
        before the script's own.

    .DESCRIPTION
        Under `dotnet pwsh` (the local tool) the process is dotnet and the entry assembly is pwsh.dll, so a child is
        `dotnet <pwsh.dll> ...`. Under a native pwsh the process path is the pwsh executable itself.
    #>
    [CmdletBinding()]
    param()

    $process = [Environment]::ProcessPath
    $entry = [System.Reflection.Assembly]::GetEntryAssembly().Location
    $hostName = [System.IO.Path]::GetFileNameWithoutExtension($process)
    if ($hostName -eq 'dotnet') {
        if (-not $entry -or -not (Test-Path $entry)) {
            # Single-file or unusual hosts: fall back to the pinned local tool.
            $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
            $flavour = if ($IsWindows) { 'win' } else { 'unix' }
            $entry = Join-Path $nuget "powershell/$($PSVersionTable.PSVersion)/tools/net10.0/any/$flavour/pwsh.dll"
            if (-not (Test-Path $entry)) { throw "Cannot find pwsh.dll for the running PowerShell $($PSVersionTable.PSVersion) (looked at $entry)." }
        }
        return [pscustomobject]@{ FilePath = $process; PrefixArgument = @($entry); Display = "dotnet $entry" }
    }

    return [pscustomobject]@{ FilePath = $process; PrefixArgument = @(); Display = $process }
}

function Invoke-TimedProcess {
    <#
    .SYNOPSIS
        Runs a program to completion and returns its wall time (start to exit, output drained), exit code and output.

    .PARAMETER StdinNull
        Stdin is /dev/null (through `sh -c 'exec ... </dev/null'`; the exec keeps the extra cost to one sh start).
        Without it stdin is an empty pipe, closed at once. On Windows both are the closed pipe.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        [switch] $StdinNull
    )

    $psi = [System.Diagnostics.ProcessStartInfo]::new()
    if ($StdinNull -and -not $IsWindows) {
        $psi.FileName = '/bin/sh'
        foreach ($a in @('-c', 'exec "$0" "$@" </dev/null', $FilePath) + $ArgumentList) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $false
    }
    else {
        $psi.FileName = $FilePath
        foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
    }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $psi.WorkingDirectory = $WorkingDirectory
    foreach ($k in $Environment.Keys) {
        if ($null -eq $Environment[$k]) { [void]$psi.Environment.Remove($k) } else { $psi.Environment[$k] = [string]$Environment[$k] }
    }

    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $p = [System.Diagnostics.Process]::Start($psi)
    try {
        if ($psi.RedirectStandardInput) { $p.StandardInput.Close() }
        $out = $p.StandardOutput.ReadToEndAsync()
        $err = $p.StandardError.ReadToEndAsync()
        $p.WaitForExit()
        $stdout = $out.GetAwaiter().GetResult()
        $stderr = $err.GetAwaiter().GetResult()
        $watch.Stop()
        return [pscustomobject]@{
            Milliseconds = $watch.Elapsed.TotalMilliseconds
            ExitCode     = $p.ExitCode
            StdOut       = $stdout
            StdErr       = $stderr
        }
    }
    finally { $p.Dispose() }
}

function Invoke-ChildPwsh {
    <# Runs `-NoProfile -NonInteractive -Command <Command>` in a child of the same PowerShell, timed. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Command,
        [hashtable] $Environment = @{}
    )

    $pwsh = Get-BenchPwsh
    $arguments = @($pwsh.PrefixArgument) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    Invoke-TimedProcess -FilePath $pwsh.FilePath -ArgumentList $arguments -Environment $Environment
}

function Measure-InSession {
    <# Wall time of one call of a script block in this session, in milliseconds, with its output count. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][scriptblock] $ScriptBlock)

    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $result = @(& $ScriptBlock)
    $watch.Stop()
    [pscustomobject]@{ Milliseconds = $watch.Elapsed.TotalMilliseconds; Count = $result.Count; Output = $result }
}

function Get-BenchLoad {
    <# The machine's load, to read the numbers by: "load 1.87 on 2 cores" (Linux), else the core count. #>
    $cores = [Environment]::ProcessorCount
    if (Test-Path /proc/loadavg) {
        $one = (Get-Content /proc/loadavg -TotalCount 1).Split(' ')[0]
        return "load average $one on $cores cores"
    }
    return "$cores cores"
}

function Format-Ms {
    param([double] $Milliseconds)
    return ('{0,8:N1} ms' -f $Milliseconds)
}

function Write-BenchLine {
    <# One plain, aligned result line: "  label ........ value". #>
    param([Parameter(Mandatory)][string] $Label, [Parameter(Mandatory)][string] $Value)
    Write-Output ('  {0,-44} {1}' -f $Label, $Value)
}

function Write-BenchRatio {
    <# The ratio line, with its target and whether it is met (a report, never an assertion). #>
    param([Parameter(Mandatory)][string] $Label, [Parameter(Mandatory)][double] $Ratio, [Parameter(Mandatory)][double] $Target)
    $verdict = if ($Ratio -le $Target) { 'meets target' } else { 'above target' }
    Write-BenchLine $Label ('{0:N2}  (target <= {1:N2}: {2})' -f $Ratio, $Target, $verdict)
}

function Get-BenchCodex {
    <# The pinned Codex CLI of this clone (node_modules/.bin/codex); stops the bench when it is not installed. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    $codex = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath 'node_modules/.bin/codex'
    if ($IsWindows) { $codex += '.cmd' }
    if (-not (Test-Path $codex)) { throw "The Codex CLI is not installed at $codex; run ./build.ps1 Bench (it runs npm ci) first." }
    return $codex
}

function New-BenchHome {
    <# A fresh out/bench/NAME with an empty Codex home, user home, project and system folder; returns their full paths
       and where a marketplace may go (Marketplace, not created). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Name)

    $root = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath "out/bench/$Name"
    if (Test-Path $root) { Remove-Item $root -Recurse -Force }
    [pscustomobject]@{
        Root      = (New-Item -ItemType Directory -Force $root).FullName
        CodexHome = (New-Item -ItemType Directory -Force (Join-Path $root 'codex-home')).FullName
        Home      = (New-Item -ItemType Directory -Force (Join-Path $root 'home')).FullName
        Project   = (New-Item -ItemType Directory -Force (Join-Path $root 'project')).FullName
        System    = (New-Item -ItemType Directory -Force (Join-Path $root 'system-empty')).FullName
        Marketplace = Join-Path $root 'marketplace'
    }
}

Export-ModuleMember -Function Get-Median, Get-BenchCodex, New-BenchHome, Get-BenchPwsh, Invoke-TimedProcess, Invoke-ChildPwsh, Measure-InSession,
    Get-BenchLoad, Format-Ms, Write-BenchLine, Write-BenchRatio

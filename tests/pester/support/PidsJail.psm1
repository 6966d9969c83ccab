#Requires -Version 7.4
<#
.SYNOPSIS
    A pids-limited control group that a hostile test creates, proves and runs a child process inside, and that dies
    whole with the test.

.DESCRIPTION
    A fork bomb or process flood never runs in the test runner itself: a child process joins the jail before it starts
    anything (a shell writes its own id to the jail's cgroup.procs, then execs), and runs in a new pid namespace
    (unshare --pid --fork --kill-child): when the child's init ends, or the test kills it, the kernel kills every process
    left in the namespace. The jail's pids.max is proved effective before anything hostile starts: a probe asks for
    twice the cap in sleeping children and must be refused past it. Where a jail cannot be made or proved (no cgroup v1
    pids hierarchy, not allowed to write it, no unshare), New-PidsJail returns the reason and the test skips.

    The memory of a flood is bounded by the cap: each process of it may map at most what the hostile command's own
    `ulimit -v` allows, so a jail of N processes holds at most N times that. A flood whose memory is the tester's own
    (output it keeps) gets a jail with -MemoryBytes: a memory control group beside the pids one (cgroup v1 memory, or
    v2 memory.max where this process's group delegates the memory controller) that the child joins with the same
    shell, so the tester and everything it starts together can never take more; Get-PidsJailMemory says how close
    they came (peak, and how often the limit was hit). Where no memory group can be made, the jail is not made and
    the reason says why.
#>

Set-StrictMode -Version Latest

function Get-OwnPidsFolder {
    <# The folder of this process's group in the cgroup v1 pids hierarchy, or $null. #>
    if (-not (Test-Path /sys/fs/cgroup/pids/cgroup.procs) -or -not (Test-Path /proc/self/cgroup)) { return $null }
    foreach ($line in Get-Content /proc/self/cgroup) {
        $parts = $line.Split(':', 3)
        if ($parts.Count -eq 3 -and $parts[1].Split(',') -contains 'pids') {
            $folder = Join-Path /sys/fs/cgroup/pids $parts[2].TrimStart('/')
            if (Test-Path $folder) { return $folder }
        }
    }
    return $null
}

function Get-OwnMemoryFolder {
    <# Where this process may make a memory-limited group: its cgroup v1 memory group, or its cgroup v2 group when that
       delegates the memory controller to its children. Returns @{ Folder; Version } or $null with nothing made. #>
    if (-not (Test-Path /proc/self/cgroup)) { return $null }
    foreach ($line in Get-Content /proc/self/cgroup) {
        $parts = $line.Split(':', 3)
        if ($parts.Count -ne 3) { continue }
        if ($parts[1].Split(',') -contains 'memory' -and (Test-Path /sys/fs/cgroup/memory/cgroup.procs)) {
            $folder = Join-Path /sys/fs/cgroup/memory $parts[2].TrimStart('/')
            if (Test-Path (Join-Path $folder 'memory.limit_in_bytes')) { return @{ Folder = $folder; Version = 1 } }
        }
        if ($parts[0] -eq '0' -and $parts[1] -eq '') {
            foreach ($mount in '/sys/fs/cgroup/unified', '/sys/fs/cgroup') {
                $folder = Join-Path $mount $parts[2].TrimStart('/')
                $control = Join-Path $folder 'cgroup.subtree_control'
                if ((Test-Path $control) -and ((Get-Content -Raw $control) -split '\s+' -contains 'memory')) { return @{ Folder = $folder; Version = 2 } }
            }
        }
    }
    return $null
}

function Get-PidsJailMemory {
    <# How much memory the jail's memory group held at most (bytes) and how often it hit its limit. #>
    param([Parameter(Mandatory)] $Jail)
    if ($Jail.MemoryVersion -eq 1) {
        $peak = [long][System.IO.File]::ReadAllText((Join-Path $Jail.MemoryPath 'memory.max_usage_in_bytes')).Trim()
        $hits = [long][System.IO.File]::ReadAllText((Join-Path $Jail.MemoryPath 'memory.failcnt')).Trim()
    }
    else {
        $peakFile = Join-Path $Jail.MemoryPath 'memory.peak'
        $peak = if (Test-Path $peakFile) { [long][System.IO.File]::ReadAllText($peakFile).Trim() } else { -1 }
        $events = [System.IO.File]::ReadAllText((Join-Path $Jail.MemoryPath 'memory.events'))
        $hits = if ($events -match '(?m)^max (\d+)') { [long]$Matches[1] } else { 0 }
    }
    [pscustomobject]@{ PeakBytes = $peak; LimitHits = $hits; LimitBytes = $Jail.MemoryBytes }
}

function Get-PidsJailMember {
    <# Live processes in the jail and every group below it. #>
    param([Parameter(Mandatory)][string] $Path)
    $groups = @($Path) + @(Get-ChildItem -LiteralPath $Path -Directory -Recurse -ErrorAction SilentlyContinue | ForEach-Object FullName)
    foreach ($g in $groups) {
        $procs = Join-Path $g 'cgroup.procs'
        if (Test-Path -LiteralPath $procs) {
            foreach ($l in [System.IO.File]::ReadAllLines($procs)) { if ($l) { [int]$l } }
        }
    }
}

function Stop-PidsJailMember {
    <# Kills everything in the jail, round after round, until it is empty (a bounded number of rounds). #>
    param([Parameter(Mandatory)][string] $Path)
    for ($round = 0; $round -lt 400; $round++) {
        $members = @(Get-PidsJailMember $Path)
        if ($members.Count -eq 0) { return $true }
        foreach ($p in $members) { $null = & kill -9 $p 2>$null }
        Start-Sleep -Milliseconds 25
    }
    return (@(Get-PidsJailMember $Path).Count -eq 0)
}

function Get-PidsJailEvent {
    <# How many times the jail refused a fork because it was full (pids.events "max N"). #>
    param([Parameter(Mandatory)][string] $Path)
    $text = [System.IO.File]::ReadAllText((Join-Path $Path 'pids.events')).Trim()
    if ($text -match '^max (\d+)$') { return [long]$Matches[1] }
    throw "Unexpected pids.events in ${Path}: $text"
}

function Start-InPidsJail {
    <#
    .SYNOPSIS
        Starts a program inside the jail and a new pid namespace; returns the Process (stdout/stderr redirected).
    .DESCRIPTION
        /bin/sh joins the jail (its own id to cgroup.procs, exit 125 if it cannot: nothing runs outside the jail),
        then execs unshare, whose init is a /bin/sh that waits for the program (and reaps what is re-parented to it).
    #>
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $FilePath, [string[]] $ArgumentList = @(), [string] $MemoryPath)
    $psi = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
    # The memory group (when there is one) is joined by the same shell before anything runs: exit 125 if it cannot.
    $script = 'echo $$ > "$1" || exit 125; if [ -n "$2" ]; then echo $$ > "$2" || exit 125; fi; shift 2; exec unshare --pid --fork --kill-child --mount-proc /bin/sh -c ''"$@"; exit $?'' jail-init "$@"'
    $memoryProcs = if ($MemoryPath) { Join-Path $MemoryPath 'cgroup.procs' } else { '' }
    foreach ($a in @('-c', $script, 'jail', (Join-Path $Path 'cgroup.procs'), $memoryProcs, $FilePath) + $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    return [System.Diagnostics.Process]::Start($psi)
}

function New-PidsJail {
    <#
    .SYNOPSIS
        Makes a jail with pids.max = MaxProcesses under this process's own group and proves the cap holds.
    .OUTPUTS
        An object with Path (null when no jail could be made) and Why (the reason, for the skip message).
    #>
    param([ValidateRange(8, 1024)][int] $MaxProcesses = 160, [long] $MemoryBytes = 0)

    $fail = { param($why) [pscustomobject]@{ Path = $null; Why = $why } }
    if (-not $IsLinux) { return & $fail 'control groups exist only on Linux' }
    if (-not (Get-Command unshare -CommandType Application -ErrorAction SilentlyContinue)) { return & $fail 'unshare (util-linux) is not installed' }
    $own = Get-OwnPidsFolder
    if (-not $own) { return & $fail 'no cgroup v1 pids hierarchy is mounted for this process (cgroup v2 delegation is not set up here)' }

    $path = Join-Path $own ('codex-test-jail-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    try {
        $null = New-Item -ItemType Directory -Path $path -ErrorAction Stop
        [System.IO.File]::WriteAllText((Join-Path $path 'pids.max'), "$MaxProcesses")
    }
    catch {
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
        return & $fail "cannot make a pids control group under ${own}: $($_.Exception.Message)"
    }

    $jail = [pscustomobject]@{ Path = $path; Why = $null; MaxProcesses = $MaxProcesses; MemoryPath = $null; MemoryVersion = 0; MemoryBytes = $MemoryBytes }
    if ($MemoryBytes -gt 0) {
        $memory = Get-OwnMemoryFolder
        if (-not $memory) {
            Remove-PidsJail $jail
            return & $fail 'no memory control group can be made here (no cgroup v1 memory hierarchy for this process, and its cgroup v2 group does not delegate the memory controller)'
        }
        $jail.MemoryPath = Join-Path $memory.Folder (Split-Path $path -Leaf)
        $jail.MemoryVersion = $memory.Version
        try {
            $null = New-Item -ItemType Directory -Path $jail.MemoryPath -ErrorAction Stop
            $limitFile = if ($memory.Version -eq 1) { 'memory.limit_in_bytes' } else { 'memory.max' }
            [System.IO.File]::WriteAllText((Join-Path $jail.MemoryPath $limitFile), "$MemoryBytes")
            if ($memory.Version -eq 2) { [System.IO.File]::WriteAllText((Join-Path $jail.MemoryPath 'pids.max'), "$MaxProcesses") }
            $read = [long][System.IO.File]::ReadAllText((Join-Path $jail.MemoryPath $limitFile)).Trim()
            # The kernel rounds the limit down to whole pages.
            if ($read -gt $MemoryBytes -or $read -lt $MemoryBytes - 65536) { throw "the limit reads back as $read" }
        }
        catch {
            $message = $_.Exception.Message
            Remove-PidsJail $jail
            return & $fail "cannot make a memory control group under $($memory.Folder): $message"
        }
    }
    $why = Test-PidsJail $jail
    if ($why) {
        Remove-PidsJail $jail
        return & $fail $why
    }
    return $jail
}

function Test-PidsJail {
    <#
    Proves the cap before anything hostile runs: the jail's pids.max reads back, and a probe inside the jail (and a pid
    namespace) that asks for twice the cap in sleeping children is refused past the cap. Returns $null when the jail
    holds, else why not. Everything the probe started is killed and the jail is empty afterwards.
    #>
    param([Parameter(Mandatory)] $Jail)
    $path = $Jail.Path
    $max = [System.IO.File]::ReadAllText((Join-Path $path 'pids.max')).Trim()
    if ($max -ne "$($Jail.MaxProcesses)") { return "pids.max of $path reads '$max', not $($Jail.MaxProcesses)" }

    $before = Get-PidsJailEvent $path
    $probe = Start-InPidsJail $path '/bin/sh' @('-c', "i=0; while [ `$i -lt $(2 * $Jail.MaxProcesses) ]; do sleep 60 & i=`$((i+1)); done 2>/dev/null; echo started; sleep 60")
    try {
        # The probe either fills the jail (and says so) or stops at a refused fork: either way, wait for the refusals.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline -and (Get-PidsJailEvent $path) -eq $before -and -not $probe.HasExited) { Start-Sleep -Milliseconds 100 }
        $current = [int][System.IO.File]::ReadAllText((Join-Path $path 'pids.current')).Trim()
        $refused = (Get-PidsJailEvent $path) - $before
    }
    finally {
        try { $probe.Kill() } catch { }
        $null = $probe.WaitForExit(10000)
        $emptied = Stop-PidsJailMember $path
    }
    if ($probe.ExitCode -eq 125) { return "this process may not move a process into $path" }
    if ($refused -le 0) { return "the jail at $path refused no fork past pids.max=$($Jail.MaxProcesses): the cap does not hold here" }
    if ($current -gt $Jail.MaxProcesses) { return "the jail at $path held $current processes past pids.max=$($Jail.MaxProcesses)" }
    if (-not $emptied) { return "the probe's processes in $path could not all be killed" }
    return $null
}

function Remove-PidsJail {
    <# Kills what is left in the jail and removes it with its subgroups. #>
    param([Parameter(Mandatory)] $Jail)
    if (-not $Jail -or -not $Jail.Path -or -not (Test-Path -LiteralPath $Jail.Path)) { return }
    $null = Stop-PidsJailMember $Jail.Path
    $roots = @($Jail.Path) + @(if ($Jail.PSObject.Properties['MemoryPath'] -and $Jail.MemoryPath -and (Test-Path -LiteralPath $Jail.MemoryPath)) { $Jail.MemoryPath })
    $groups = foreach ($root in $roots) { @(Get-ChildItem -LiteralPath $root -Directory -Recurse -ErrorAction SilentlyContinue | Sort-Object { $_.FullName.Length } -Descending | ForEach-Object FullName) + @($root) }
    foreach ($g in $groups) {
        # A control group folder goes with rmdir (its files are the kernel's, not removable one by one).
        for ($i = 0; $i -lt 40 -and (Test-Path -LiteralPath $g); $i++) {
            try { [System.IO.Directory]::Delete($g) } catch { Start-Sleep -Milliseconds 50 }
        }
    }
}

Export-ModuleMember -Function New-PidsJail, Test-PidsJail, Remove-PidsJail, Start-InPidsJail, Get-PidsJailMember, Get-PidsJailEvent, Get-PidsJailMemory, Stop-PidsJailMember

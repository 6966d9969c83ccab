# Runs on each rollout target, sent over PowerShell remoting by Publish-CodexManagedConfig: the targets need
# PowerShell 7.4, not the Codex.Plugins module, so this script is self-contained. It never follows a symbolic link at
# the target path, takes a lock in the target folder so two publishers take turns, writes each file to a temporary
# file in the same folder and renames it over the old one (a reader, or a crash at any instant, sees the old bytes or
# the new ones), keeps a backup, reads the result back and, when a file's hash is not the one sent, restores every
# file this run replaced on the target, so a target ends with all the new files or all the old ones.
param(
    [Parameter(Mandatory)][ValidateSet('Inspect', 'Apply', 'Rollback')][string] $Mode,
    # The folder to install into; empty: where Codex reads the files on this platform.
    [string] $Folder,
    # @{ Name; Kind; Text; Hash } per file (Inspect and Apply), or @{ Name; Kind } (Rollback).
    [hashtable[]] $Files = @(),
    [int] $LockTimeoutSec = 30
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$utf8 = [System.Text.UTF8Encoding]::new($false)

function Get-FileHashText([byte[]] $Bytes) {
    'sha256:' + [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($Bytes)).ToLowerInvariant()
}

function Get-TargetFolder([string] $Kind) {
    if ($Folder) { return $Folder }
    if ($IsWindows) {
        # Codex reads requirements.toml from ProgramData and managed_config.toml from the Codex home on Windows.
        if ($Kind -eq 'ManagedConfig') { return Join-Path ($env:CODEX_HOME ?? (Join-Path $env:USERPROFILE '.codex')) '' }
        return Join-Path $env:ProgramData 'OpenAI\Codex'
    }
    return '/etc/codex'
}

function Test-Link([string] $Path) {
    # FileInfo does not follow the link: LinkTarget is set for the link itself, dangling or not.
    $info = [System.IO.FileInfo]::new($Path)
    return ($info.Exists -or [System.IO.Directory]::Exists($Path) -or $null -ne $info.LinkTarget) -and $null -ne $info.LinkTarget
}

function Test-MarkedReadOnly([string] $Path) {
    if ($IsWindows) { return ([System.IO.File]::GetAttributes($Path) -band [System.IO.FileAttributes]::ReadOnly) -ne 0 }
    return ([System.IO.File]::GetUnixFileMode($Path) -band [System.IO.UnixFileMode]::UserWrite) -eq 0
}

function New-Failure([string] $Id, [string] $Message) { @{ ErrorId = $Id; Error = $Message } }

function Write-Atomically([string] $Path, [byte[]] $Bytes, $FileMode) {
    $dir = [System.IO.Path]::GetDirectoryName($Path)
    $temp = Join-Path $dir ('.{0}.{1}.{2}.tmp' -f [System.IO.Path]::GetFileName($Path), $PID, [guid]::NewGuid().ToString('N'))
    try {
        $fs = [System.IO.FileStream]::new($temp, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
        try { $fs.Write($Bytes, 0, $Bytes.Length); $fs.Flush($true) } finally { $fs.Dispose() }
        if (-not $IsWindows -and $null -ne $FileMode) { [System.IO.File]::SetUnixFileMode($temp, $FileMode) }
        # rename(2): replaces the directory entry, never writes through a link that appeared meanwhile.
        [System.IO.File]::Move($temp, $Path, $true)
    } catch {
        if ([System.IO.File]::Exists($temp)) { [System.IO.File]::Delete($temp) }
        throw
    }
}

function Open-Lock([string] $Dir) {
    $lockPath = Join-Path $Dir '.codex-managed.lock'
    if (Test-Link $lockPath) { throw [System.InvalidOperationException]::new("ManagedTargetIsLink|$lockPath is a symbolic link; it is never followed.") }
    $deadline = [DateTime]::UtcNow.AddSeconds($LockTimeoutSec)
    while ($true) {
        try {
            # FileShare.None is flock(LOCK_EX) on Linux and macOS, a share lock on Windows; released if this process dies.
            return [System.IO.FileStream]::new($lockPath, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None, 1)
        } catch [System.IO.IOException] {
            if ([DateTime]::UtcNow -ge $deadline) { throw [System.InvalidOperationException]::new("ManagedTargetLocked|Another publisher has held $lockPath for more than $LockTimeoutSec s; nothing was changed.") }
            Start-Sleep -Milliseconds (Get-Random -Minimum 20 -Maximum 120)
        }
    }
}

function Get-Stamp { [DateTime]::UtcNow.ToString('yyyyMMddTHHmmssfffZ') }

function Get-InstalledHash([string] $Path) {
    # The verification step: what is on disk now, read afresh after the rename (not the bytes this script holds).
    if (-not [System.IO.File]::Exists($Path)) { return $null }
    Get-FileHashText ([System.IO.File]::ReadAllBytes($Path))
}

function Restore-Previous($Written) {
    # Puts back what was there before this run, newest first, and checks each restore by hash in turn; a restore
    # that does not read back as the old bytes is named (the backup file still holds them).
    $broken = @()
    for ($i = $Written.Count - 1; $i -ge 0; $i--) {
        $w = $Written[$i]
        if ($null -ne $w.Before) {
            Write-Atomically $w.Path $w.Before $w.FileMode
            if ((Get-InstalledHash $w.Path) -ne (Get-FileHashText $w.Before)) { $broken += "$($w.Path) (its backup: $($w.Result.BackupPath))" }
        } elseif ([System.IO.File]::Exists($w.Path)) {
            [System.IO.File]::Delete($w.Path)
        }
        $w.Result.Changed = $false
        $w.Result.Verified = $false
        $w.Result.Hash = Get-InstalledHash $w.Path
    }
    return $broken
}

$results = [System.Collections.Generic.List[hashtable]]::new()
$failure = $null
$locks = [System.Collections.Generic.List[System.IO.FileStream]]::new()
try {
    $plans = foreach ($f in $Files) {
        $dir = Get-TargetFolder $f.Kind
        @{ File = $f; Dir = $dir; Path = (Join-Path $dir $f.Name); Bytes = $null }
    }

    if ($Mode -eq 'Inspect') {
        foreach ($p in $plans) {
            $r = @{ Name = $p.File.Name; Path = $p.Path; Exists = $false; IsLink = $false; Hash = $null; Text = $null; ReadOnly = $false }
            if (Test-Link $p.Path) { $r.IsLink = $true }
            elseif ([System.IO.File]::Exists($p.Path)) {
                $bytes = [System.IO.File]::ReadAllBytes($p.Path)
                $r.Exists = $true; $r.Hash = Get-FileHashText $bytes; $r.ReadOnly = Test-MarkedReadOnly $p.Path
                if ($bytes.Length -le 262144) { $r.Text = $utf8.GetString($bytes) }
            }
            $results.Add($r)
        }
        return @{ Computer = [Environment]::MachineName; Files = $results.ToArray() }
    }

    foreach ($dir in @($plans | ForEach-Object Dir | Select-Object -Unique)) {
        if (Test-Link $dir) { throw [System.InvalidOperationException]::new("ManagedTargetIsLink|The folder $dir is a symbolic link; it is never followed.") }
        if (-not [System.IO.Directory]::Exists($dir)) {
            try { $null = [System.IO.Directory]::CreateDirectory($dir) }
            catch { throw [System.InvalidOperationException]::new("ManagedTargetReadOnly|The folder $dir cannot be created: $($_.Exception.Message)") }
        }
        try { $locks.Add((Open-Lock $dir)) }
        catch [System.UnauthorizedAccessException] { throw [System.InvalidOperationException]::new("ManagedTargetReadOnly|The folder $dir is not writable by this account: $($_.Exception.Message)") }
    }

    # Everything is checked before the first write, so a target either gets all its files or none.
    foreach ($p in $plans) {
        if (Test-Link $p.Path) { throw [System.InvalidOperationException]::new("ManagedTargetIsLink|$($p.Path) is a symbolic link (to $([System.IO.FileInfo]::new($p.Path).LinkTarget)); it is never followed or replaced. Nothing was changed.") }
        if ([System.IO.File]::Exists($p.Path) -and (Test-MarkedReadOnly $p.Path)) { throw [System.InvalidOperationException]::new("ManagedTargetReadOnly|$($p.Path) is marked read-only; nothing was changed.") }
        if ($Mode -eq 'Apply') {
            $p.Bytes = $utf8.GetBytes([string]$p.File.Text)
            if ((Get-FileHashText $p.Bytes) -ne $p.File.Hash) { throw [System.InvalidOperationException]::new("ManagedTransferFailed|$($p.File.Name) arrived damaged (its hash is not the one sent); nothing was changed.") }
        }
    }

    # What this run replaced on this target, so a failed verification of any file puts all of them back.
    $written = [System.Collections.Generic.List[hashtable]]::new()
    foreach ($p in $plans) {
        $r = @{ Name = $p.File.Name; Path = $p.Path; Changed = $false; Verified = $false; BackupPath = $null; Hash = $null }
        $exists = [System.IO.File]::Exists($p.Path)
        $fileMode = if ($exists -and -not $IsWindows) { [System.IO.File]::GetUnixFileMode($p.Path) } elseif (-not $IsWindows) { [System.IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead' } else { $null }
        if ($Mode -eq 'Rollback') {
            $candidates = @([System.IO.Directory]::GetFiles($p.Dir, "$($p.File.Name).*") | Where-Object { $_ -match '\.\d{8}T\d{9}Z\.(bak|absent)$' } | Sort-Object)
            if (-not $candidates) { $r.Verified = $true; $r.Skipped = "No backup of $($p.Path)"; $results.Add($r); continue }
            $latest = $candidates[-1]
            if ($latest.EndsWith('.absent')) {
                if ($exists) { [System.IO.File]::Delete($p.Path) }
            } else {
                Write-Atomically $p.Path ([System.IO.File]::ReadAllBytes($latest)) $fileMode
            }
            [System.IO.File]::Move($latest, "$latest.restored")
            $r.Changed = $true; $r.Verified = $true; $r.BackupPath = $latest
            if ([System.IO.File]::Exists($p.Path)) { $r.Hash = Get-FileHashText ([System.IO.File]::ReadAllBytes($p.Path)) }
            $results.Add($r); continue
        }

        # Assigned, not taken from an if expression: PowerShell would unroll the byte array.
        $before = $null
        if ($exists) { $before = [System.IO.File]::ReadAllBytes($p.Path) }
        if ($null -ne $before -and (Get-FileHashText $before) -eq $p.File.Hash) {
            $r.Verified = $true; $r.Hash = $p.File.Hash; $results.Add($r); continue
        }

        # The backup name is new each time (CreateNew): never an existing path, never a planted link.
        $stamp = Get-Stamp
        $backup = if ($exists) { "$($p.Path).$stamp.bak" } else { "$($p.Path).$stamp.absent" }
        $bs = [System.IO.FileStream]::new($backup, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
        try { if ($before) { $bs.Write($before, 0, $before.Length) }; $bs.Flush($true) } finally { $bs.Dispose() }
        $r.BackupPath = $backup

        Write-Atomically $p.Path $p.Bytes $fileMode
        $r.Changed = $true
        $results.Add($r)
        $written.Add(@{ Path = $p.Path; Before = $before; FileMode = $fileMode; Result = $r })
        $after = Get-InstalledHash $p.Path
        $r.Hash = $after
        if ($after -ne $p.File.Hash) {
            $broken = @(Restore-Previous $written)
            $restored = ($written | ForEach-Object Path) -join ', '
            if ($broken) {
                $r.ErrorId = 'ManagedRestoreFailed'
                $r.Error = "$($p.Path) read back with $after instead of $($p.File.Hash), and restoring the previous file did not read back either: $($broken -join '; ')."
            } else {
                $r.ErrorId = 'ManagedVerificationFailed'
                $r.Error = "$($p.Path) read back with $after instead of $($p.File.Hash); the previous files were restored ($restored)."
            }
            break
        }
        $r.Verified = $true
    }
    if ($Mode -eq 'Rollback' -and -not ($results | Where-Object { $_.Changed })) {
        throw [System.InvalidOperationException]::new("ManagedBackupNotFound|No backup of $(($plans | ForEach-Object Path) -join ', ') to restore; nothing was changed.")
    }
} catch {
    $message = $_.Exception.Message
    $failure = if ($message -match '^(Managed[A-Za-z]+)\|(.*)$') { New-Failure $Matches[1] $Matches[2] }
        elseif ($_.Exception -is [System.UnauthorizedAccessException]) { New-Failure 'ManagedTargetReadOnly' "$message Nothing was changed." }
        else { New-Failure 'ManagedTransferFailed' "$message The previous files are in place." }
} finally {
    foreach ($l in $locks) { $l.Dispose() }
}

$outcome = @{ Computer = [Environment]::MachineName; Files = $results.ToArray(); ErrorId = $null; Error = $null }
if ($failure) { $outcome.ErrorId = $failure.ErrorId; $outcome.Error = $failure.Error }
$outcome

# Hardening: a hook under test cannot hurt the shell that tests it. The fork bomb runs only inside a pids-limited control
# group this test makes and proves first, in a pid namespace that takes everything with it when it ends; where the
# machine cannot give one, the test skips and says why.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'support/PidsJail.psm1') -Force

    # The bomb's own processes carry this in their command line (bash -c '<command>' is copied by every fork).
    $script:Marker = 'codexbomb' + [guid]::NewGuid().ToString('N').Substring(0, 10)

    function Get-MarkedProcess([string] $Marker) {
        # Live (not zombie) processes whose command line holds the marker, in this process's view of /proc.
        foreach ($dir in [System.IO.Directory]::EnumerateDirectories('/proc')) {
            $name = [System.IO.Path]::GetFileName($dir)
            if ($name -notmatch '^\d+$') { continue }
            try {
                $cmdline = [System.IO.File]::ReadAllText("$dir/cmdline")
                $stat = [System.IO.File]::ReadAllText("$dir/stat")
                if ($cmdline.Contains($Marker) -and $stat.Substring($stat.LastIndexOf(')') + 2, 1) -ne 'Z') { [int]$name }
            }
            catch { }
        }
    }
}

Describe 'Invoke-CodexHook on a fork bomb' -Skip:(-not $IsLinux) {
    BeforeAll {
        # 160 tasks in all: the tester's pwsh (about 20 threads), the namespace's init and the hook's own cap of 48.
        $script:HookCap = 48
        $script:Jail = New-PidsJail -MaxProcesses 160
    }

    AfterAll {
        if ($script:Jail.Path) { Remove-PidsJail $script:Jail }
    }

    It 'stops the bomb at -MaxProcesses, kills it at the timeout, returns, and leaves no process of it running' {
        if (-not $script:Jail.Path) { Set-ItResult -Skipped -Because "no pids-limited jail for a fork bomb here: $($script:Jail.Why)"; return }

        $t = New-TestCodexHome
        $marker = $script:Marker
        # Each process may map at most 64 MiB, so the jail bounds memory too. The function name is the marker.
        $bomb = "ulimit -v 65536; $marker() { $marker | $marker & }; $marker"
        $hooks = @{ hooks = @{ Stop = @(@{ hooks = @(@{ type = 'command'; command = $bomb; timeout = 3 }) }) } }
        Write-TestFile (Join-Path $t.Home 'hooks.json') ($hooks | ConvertTo-Json -Depth 10)

        # The tester's shell, inside the jail: it checks it is jailed before anything runs, runs the hook, then looks
        # (from inside the namespace, before it ends and takes everything with it) for any process of the bomb.
        $child = Join-Path $TestDrive 'tester.ps1'
        Set-Content -LiteralPath $child -Value @'
param($ModulePath, $CodexHome, $ProjectPath, $SystemConfigPath, $Jail, $MarkerFile, $Cap)
$ErrorActionPreference = 'Stop'
# The marker comes from a file: in this process's arguments it would count this process as the bomb's.
$Marker = (Get-Content -Raw $MarkerFile).Trim()
$own = (Get-Content /proc/self/cgroup | Where-Object { $_ -match ':pids:' }) -replace '^\d+:pids:', ''
if (-not $Jail.EndsWith($own) -or $own -eq '/') { Write-Output (@{ jailed = $false; group = $own } | ConvertTo-Json -Compress); exit 3 }
Import-Module $ModulePath
$out = @(Invoke-CodexHook Stop -IncludeUntrusted -MaxProcesses $Cap -CodexHome $CodexHome -ProjectPath $ProjectPath -SystemConfigPath $SystemConfigPath)
$result = $out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' } | Select-Object -First 1
function Survivors { @(Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | Where-Object {
    try { (Get-Content -Raw "$($_.FullName)/cmdline").Contains($Marker) -and (Get-Content -Raw "$($_.FullName)/stat") -notmatch '\) Z ' } catch { $false } }).Count }
$now = Survivors
Start-Sleep -Seconds 1
$later = Survivors
Write-Output (@{ jailed = $true; status = $result.Status; error = $result.Error; stderr = $result.Stderr; survivors = $now; survivorsLater = $later } | ConvertTo-Json -Compress)
'@
        $markerFile = Join-Path $TestDrive 'marker.txt'
        Set-Content -LiteralPath $markerFile -Value $marker
        $pwsh = Get-PwshCommand
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $child, $script:ModulePath, $t.Home, $t.Project, $t.System, $script:Jail.Path, $markerFile, "$script:HookCap")
        $refusedBefore = Get-PidsJailEvent $script:Jail.Path
        $p = Start-InPidsJail $script:Jail.Path $pwsh[0] $arguments
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        $returned = $p.WaitForExit(180000)
        if (-not $returned) {
            # Killing unshare kills the namespace's init, and with it everything in the namespace.
            $p.Kill()
            $null = $p.WaitForExit(10000)
        }

        $returned | Should -BeTrue -Because 'the tester''s shell must come back from a fork bomb'
        $p.ExitCode | Should -Be 0 -Because "the tester's shell must not crash (stderr: $($stderr.Result))"
        $report = $stdout.Result.Trim().Split("`n")[-1] | ConvertFrom-Json
        $report.jailed | Should -BeTrue
        $report.status | Should -Be 'TimedOut'
        # The bomb did fork until the hook's cap refused it (so the cap, not a quiet hook, is what was tested).
        $report.stderr | Should -Match 'fork'
        $report.survivors | Should -Be 0
        $report.survivorsLater | Should -Be 0
        # The hook's own cap held the bomb: the outer jail, and so the tester's room for threads, was never full.
        (Get-PidsJailEvent $script:Jail.Path) - $refusedBefore | Should -Be 0
        # After the tester ended: nothing left in the jail, nothing with the marker anywhere this test can see.
        @(Get-PidsJailMember $script:Jail.Path).Count | Should -Be 0
        @(Get-MarkedProcess $marker).Count | Should -Be 0
    }
}

Describe 'Invoke-CodexHook on an output flood' -Skip:(-not $IsLinux) {
    BeforeAll {
        # The tester's pwsh and its eight flooding hooks share one pids- and memory-limited jail. Before one budget per
        # run, eight flooding handlers kept 64 MiB each per stream and took 6.2 GB; the limit is the safety net, and the
        # test asks that the tester never reached it.
        $script:FloodJail = New-PidsJail -MaxProcesses 200 -MemoryBytes 2GB
    }

    AfterAll {
        if ($script:FloodJail.Path) { Remove-PidsJail $script:FloodJail }
    }

    It 'eight handlers printing without end share one output budget; the tester comes back under its memory limit with the cut reported' {
        if (-not $script:FloodJail.Path) { Set-ItResult -Skipped -Because "no pids- and memory-limited jail for an output flood here: $($script:FloodJail.Why)"; return }

        $t = New-TestCodexHome
        # Four print lines without end, four one endless line (logged in 64 KiB pieces, so the log keeps pace with them
        # and the run's budget is reached within the timeout even when each line costs a log record).
        $handlers = @(1..8 | ForEach-Object {
                $flood = "yes codex-flood-$_-0123456789abcdefghijklmnopqrstuvwxyz"
                @{ type = 'command'; command = $(if ($_ % 2) { $flood } else { "$flood | tr -d '\n'" }); timeout = 4 }
            })
        Write-TestFile (Join-Path $t.Home 'hooks.json') (@{ hooks = @{ Stop = @(@{ hooks = $handlers }) } } | ConvertTo-Json -Depth 10)

        $child = Join-Path $TestDrive 'flood-tester.ps1'
        Set-Content -LiteralPath $child -Value @'
param($ModulePath, $CodexHome, $ProjectPath, $SystemConfigPath, $MemoryGroup, $LogPath)
$ErrorActionPreference = 'Stop'
$own = (Get-Content /proc/self/cgroup | Where-Object { $_ -match ':memory:' }) -replace '^\d+:memory:', ''
if (-not $MemoryGroup.EndsWith($own) -or $own -eq '/') { Write-Output (@{ jailed = $false; group = $own } | ConvertTo-Json -Compress); exit 3 }
Import-Module $ModulePath
# -IncludeSecret: the log is written as printed, not masked on the way, so it keeps pace with the flood.
$results = @(Invoke-CodexHook Stop -IncludeUntrusted -IncludeSecret -LogPath $LogPath -CodexHome $CodexHome -ProjectPath $ProjectPath -SystemConfigPath $SystemConfigPath |
    Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' })
# What the run kept is what its log reports: the log receives every byte the budget keeps, and the record of each
# stream's cut says how many bytes that stream had kept by then. (The objects show only the first 64 KiB of each.)
$cuts = @([System.IO.File]::ReadLines($LogPath) | Where-Object { $_.Contains('"truncated":true') } | ConvertFrom-Json)
$kept = ($cuts | Measure-Object kept_bytes -Sum).Sum
$shown = ($results | ForEach-Object { [long]$_.Stdout.Length + $_.Stderr.Length } | Measure-Object -Sum).Sum
Write-Output (@{ jailed = $true; count = $results.Count; statuses = @($results.Status); truncated = @($results | Where-Object OutputTruncated).Count
        cut = @($cuts | ForEach-Object { "$($_.hook)/$($_.stream)" } | Sort-Object -Unique).Count; kept = [long]$kept; shown = $shown; logged = (Get-Item $LogPath).Length
        printed = ($results | Measure-Object StdoutBytes -Sum).Sum } | ConvertTo-Json -Compress)
'@
        $pwsh = Get-PwshCommand
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $child, $script:ModulePath, $t.Home, $t.Project, $t.System, $script:FloodJail.MemoryPath, (Join-Path $TestDrive 'flood.log.jsonl'))
        $p = Start-InPidsJail $script:FloodJail.Path $pwsh[0] $arguments -MemoryPath $script:FloodJail.MemoryPath
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        $returned = $p.WaitForExit(180000)
        if (-not $returned) { $p.Kill(); $null = $p.WaitForExit(10000) }

        $returned | Should -BeTrue -Because 'the tester''s shell must come back from an output flood'
        $p.ExitCode | Should -Be 0 -Because "the tester's shell must not crash (stderr: $($stderr.Result))"
        $report = $stdout.Result.Trim().Split("`n")[-1] | ConvertFrom-Json
        $report.jailed | Should -BeTrue
        $report.count | Should -Be 8
        @($report.statuses | Where-Object { $_ -ne 'TimedOut' }).Count | Should -Be 0
        # The run kept one budget for all eight (64 MiB) and said where it cut each of them; the hooks printed far more
        # than that. A budget per handler or per stream would keep eight times as much, and fail here.
        $report.truncated | Should -BeGreaterThan 0
        $report.cut | Should -Be 8 -Because "every flooding handler met the one budget, and the log says where each was cut (cut records say $($report.kept) bytes were kept; the log holds $($report.logged) bytes)"
        $report.kept | Should -BeLessOrEqual (64MB)
        $report.kept | Should -BeGreaterThan (32MB) -Because 'the budget was used before output was dropped'
        $report.printed | Should -BeGreaterThan (64MB)
        $memory = Get-PidsJailMemory $script:FloodJail
        Write-Host "output flood: 8 handlers printed $([math]::Round($report.printed / 1MB)) MiB; the run kept $([math]::Round($report.kept / 1MB, 1)) MiB (the objects show $([math]::Round($report.shown / 1KB)) KiB); tester and hooks peaked at $([math]::Round($memory.PeakBytes / 1MB)) MiB of a $([math]::Round($memory.LimitBytes / 1MB)) MiB jail"
        $memory.LimitHits | Should -Be 0 -Because "the tester and its hooks peaked at $($memory.PeakBytes) bytes; the budget, not the jail's limit, must bound them"
        @(Get-PidsJailMember $script:FloodJail.Path).Count | Should -Be 0
    }
}

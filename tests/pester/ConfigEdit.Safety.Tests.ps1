# The promises of every change, tested with real processes: writers killed at random points never leave a broken
# or half-written file, and concurrent writers in separate processes serialize without losing an edit.
# A child process is the expensive part (about a CPU second each to start pwsh), so the kill test spends its children
# on kills inside the commit and runs until enough of them provably landed there, instead of counting edits; the
# children import the module's assembly (the cmdlets, not the views they never show).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Pwsh = Get-PwshCommand
    $script:ModuleAssembly = Join-Path (Split-Path $ModulePath) 'Codex.Plugins.dll'
    $script:Modes = @('prompt', 'writes', 'approve', 'auto')

    function New-ServerConfig([string[]] $Names, [int] $Padding = 0) {
        $sb = [System.Text.StringBuilder]::new()
        [void]$sb.Append("# generated for the safety tests; comments must survive`n")
        foreach ($n in $Names) {
            [void]$sb.Append("`n# server $n`n[mcp_servers.$n]`ncommand = `"srv-$n`"`nargs = [`"--port`", `"$($n.Length)`"]`n")
        }
        # Padding servers make the file big enough that a kill often lands inside a write.
        for ($i = 0; $i -lt $Padding; $i++) { [void]$sb.Append("`n[mcp_servers.pad_$i]`nurl = `"https://pad-$i.example.com/mcp`"  # padding`n") }
        return $sb.ToString()
    }

    function Start-ChildPwsh([string] $Script, [string] $Log) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($Pwsh[0])
        foreach ($a in @($Pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardOutput = $true
        return [System.Diagnostics.Process]::Start($psi)
    }

    # The mode edit k writes: server s(k mod 20), cycling through the modes on each pass.
    function Get-ExpectedModes([int] $Count) {
        $map = @{}
        for ($i = 0; $i -lt 20; $i++) { $map["s$i"] = $null }
        for ($k = 0; $k -lt $Count; $k++) { $map["s$($k % 20)"] = $Modes[[Math]::Floor($k / 20) % 4] }
        return $map
    }
}

Describe 'ConfigEdit safety' -Tag Slow {
    It 'a writer killed at random points, mostly inside the commit, leaves the file parseable and equal to the old or the new version' {
        $t = New-TestCodexHome; $s = $t.Splat
        $config = Join-Path $t.Home 'config.toml'
        $names = 0..19 | ForEach-Object { "s$_" }
        Write-TestFile $config (New-ServerConfig $names -Padding 1500)
        $log = Join-Path $t.Root 'done.log'
        Write-TestFile $log ''
        # The writer: edit k sets s(k mod 20) to mode k/20, then records k as done. It resumes after the last k
        # recorded, so an edit that was written but not recorded is simply applied again (a no-op).
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleAssembly'
`$modes = '$($Modes -join "','")'.Split(',').Trim("'")
`$k = @(Get-Content -LiteralPath '$log' | Where-Object { `$_ }).Count
while (`$true) {
    Set-McpToolApproval -Name "s`$(`$k % 20)" -Mode `$modes[[Math]::Floor(`$k / 20) % 4] -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)'
    [System.IO.File]::AppendAllText('$log', "`$k``n")
    `$k++
}
"@
        $kills = 0
        $midWrite = 0
        $problems = [System.Collections.Generic.List[string]]::new()
        # Until at least 100 edits, 12 kills and 3 kills that provably landed between writing the new version and
        # the rename; at most 40 children.
        while ($kills -lt 40) {
            $before = @(Get-Content -LiteralPath $log | Where-Object { $_ }).Count
            if ($before -ge 100 -and $kills -ge 12 -and $midWrite -ge 3) { break }
            # Temporary files a previous kill left (the next write clears them) are not this run's.
            $leftBefore = @([System.IO.Directory]::GetFiles($t.Home, '.config.toml.*.tmp'))
            $p = Start-ChildPwsh $child
            # Wait for a few edits of this run (module import takes a while), then kill at a random moment.
            $edits = if ($kills % 3 -eq 0) { Get-Random -Minimum 5 -Maximum 31 } else { Get-Random -Minimum 1 -Maximum 4 }
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@(Get-Content -LiteralPath $log | Where-Object { $_ }).Count -lt $before + $edits -and -not $p.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            if ($p.HasExited) { throw "the writer exited by itself: $($p.StandardError.ReadToEnd())" }
            if ($kills % 3 -ne 0) {
                # Two kills in three aim at the commit: the moment the writer holds the file's lock (it re-reads,
                # writes the temporary file, flushes it and renames it while it holds it), after a random few spins.
                $spins = Get-Random -Minimum 0 -Maximum 300
                $until = [DateTime]::UtcNow.AddSeconds(5)
                $held = $false
                while (-not $held -and [DateTime]::UtcNow -lt $until) {
                    try { ([System.IO.FileStream]::new("$config.lock", 'OpenOrCreate', 'ReadWrite', 'None')).Dispose() } catch [System.IO.IOException] { $held = $true }
                }
                for ($i = 0; $i -lt $spins; $i++) { }
            } else {
                Start-Sleep -Milliseconds (Get-Random -Minimum 0 -Maximum 300)
            }
            # Kill() without the tree: enumerating a process tree first would give the writer time to finish.
            $p.Kill()
            $p.WaitForExit()
            $kills++
            # A temporary file left behind means the kill landed between writing the new version and the rename.
            if (@([System.IO.Directory]::GetFiles($t.Home, '.config.toml.*.tmp') | Where-Object { $_ -notin $leftBefore }).Count) { $midWrite++ }

            $done = @(Get-Content -LiteralPath $log | Where-Object { $_ }).Count
            $all = @(Get-CodexMcpServer @s -ErrorVariable readErrors -ErrorAction SilentlyContinue)
            if ($readErrors) { $problems.Add("after kill $kills ($done edits): $($readErrors[0])"); continue }
            $actual = @{}; foreach ($srv in $all) { if ($srv.Name -like 's*') { $actual[$srv.Name] = $srv.DefaultToolsApprovalMode } }
            $old = Get-ExpectedModes $done
            $new = Get-ExpectedModes ($done + 1)
            $matchesOld = -not @($old.Keys | Where-Object { $old[$_] -ne $actual[$_] }).Count
            $matchesNew = -not @($new.Keys | Where-Object { $new[$_] -ne $actual[$_] }).Count
            if (-not ($matchesOld -or $matchesNew)) { $problems.Add("after kill $kills ($done edits): the file is neither version") }
            # Everything but the edited values is as generated: the padding servers and comments are intact.
            @($all | Where-Object Name -like 'pad_*').Count | Should -Be 1500
        }
        $problems | Should -BeNullOrEmpty
        $done = @(Get-Content -LiteralPath $log | Where-Object { $_ }).Count
        Write-Host "    $kills kills over $done edits; $midWrite of the kills landed between writing the new version and the rename"
        $done | Should -BeGreaterOrEqual 100
        $midWrite | Should -BeGreaterOrEqual 3 -Because "$kills kills were made and the test needs kills inside the commit to prove anything"
        [System.IO.File]::ReadAllText($config) | Should -Match '# server s19'

        # Killed writers leave temporary files (each one a kill between writing the new version and the rename);
        # the next write clears those of processes that are gone. The write must change something: an edit that
        # changes nothing writes nothing (with 141-160 edits done s0 is already 'auto').
        $current = (Get-CodexMcpServer s0 @s).DefaultToolsApprovalMode
        Set-McpToolApproval s0 -Mode ($Modes | Where-Object { $_ -ne $current } | Select-Object -First 1) @s
        Get-ChildItem -Force $t.Home -Filter '.config.toml.*.tmp' | Should -BeNullOrEmpty
    }

    It '8 processes making 30 edits each at once to different servers in one file keep all 240 edits' {
        $t = New-TestCodexHome
        $config = Join-Path $t.Home 'config.toml'
        $names = foreach ($w in 0..7) { foreach ($i in 0..29) { "w${w}_s$i" } }
        Write-TestFile $config (New-ServerConfig $names)
        $go = Join-Path $t.Root 'go'
        $procs = foreach ($w in 0..7) {
            # One Set-McpToolApproval per edit, each its own read, lock and write; -Force re-reads when another
            # process wrote in between (what it is for), so no edit is refused. All eight start editing together
            # once all have imported the module, so their edits overlap from the first to the last.
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleAssembly'
[System.IO.File]::WriteAllText('$(Join-Path $t.Root "ready-$w")', '')
while (-not [System.IO.File]::Exists('$go')) { Start-Sleep -Milliseconds 10 }
foreach (`$i in 0..29) {
    Set-McpToolApproval -Name "w${w}_s`$i" -Mode writes -Tool "tool_`$i" -Force -LockTimeoutSec 120 -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)'
}
"@
            Start-ChildPwsh $script
        }
        $deadline = [DateTime]::UtcNow.AddMinutes(5)
        while (@(Get-ChildItem -LiteralPath $t.Root -Filter 'ready-*').Count -lt 8 -and [DateTime]::UtcNow -lt $deadline -and -not @($procs | Where-Object HasExited).Count) { Start-Sleep -Milliseconds 50 }
        Write-TestFile $go ''
        foreach ($p in $procs) {
            if (-not $p.WaitForExit(600000)) { $p.Kill($true); throw 'a writer did not finish in 10 minutes' }
            $p.ExitCode | Should -Be 0 -Because $p.StandardError.ReadToEnd()
        }
        $servers = Get-CodexMcpServer -CodexHome $t.Home -SystemConfigPath $t.System -ProjectPath $t.Project
        $servers | Should -HaveCount 240
        $missing = @($servers | Where-Object { $_.ToolApprovalModes["tool_$(($_.Name -split '_s')[1])"] -ne 'writes' } | ForEach-Object Name)
        $missing | Should -BeNullOrEmpty
        # The comments of all 240 servers are still there.
        ([regex]::Matches([System.IO.File]::ReadAllText($config), '(?m)^# server ')).Count | Should -Be 240
    }
}

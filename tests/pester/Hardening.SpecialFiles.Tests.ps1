# Hardening: a home's owner can put a FIFO or a device where a reader expects a file (config.toml, hooks.json, SKILL.md,
# an agent file, a rollout, AGENTS.md). A plain open of a FIFO waits for a writer that never comes, and /dev/zero never
# ends: one planted name would hang an administrator's job over every home. Each reader must come back with one
# error for that name and everything else it read. The readers run in a child shell with a deadline, so a reader that
# blocks fails the test instead of hanging the suite (the child is killed at the deadline).

BeforeDiscovery {
    $script:CanMakeNodes = $IsLinux -and ((& id -u) -eq '0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-Fifo([string] $Path) {
        $null = New-Item -ItemType Directory -Force (Split-Path $Path)
        & mkfifo $Path
        if ($LASTEXITCODE -ne 0) { throw "mkfifo $Path failed" }
    }

    # One home with a FIFO in every place a reader looks, beside a good item of each kind.
    $script:t = New-TestCodexHome 'fifos'
    $h = $t.Home
    Write-TestFile (Join-Path $h 'config.toml') "[mcp_servers.good]`ncommand = `"node`"`n`n[hooks]`nStop = [{ hooks = [{ type = `"command`", command = `"echo good`" }] }]`n`n[agents.piped]`ndescription = `"piped`"`nconfig_file = `"agents/piped.toml`"`n"
    $script:HooksFifo = Join-Path $h 'hooks.json'
    New-Fifo $HooksFifo
    Write-TestFile (Join-Path $h 'skills/good/SKILL.md') "---`nname: good`ndescription: A good skill`n---`nBody"
    $script:SkillFifo = Join-Path $h 'skills/piped/SKILL.md'
    New-Fifo $SkillFifo
    Write-TestFile (Join-Path $h 'agents/good.toml') "name = `"good`"`ndescription = `"Good`"`ndeveloper_instructions = `"Be good.`"`n"
    $script:AgentFifo = Join-Path $h 'agents/piped.toml'
    New-Fifo $AgentFifo
    $script:RolloutFifo = Join-Path $h 'sessions/2026/12/07/rollout-2026-12-07T10-00-00-0199a0f0-0000-7000-8000-000000000001.jsonl'
    New-Fifo $RolloutFifo
    $script:AgentsMdFifo = Join-Path $t.Project 'AGENTS.md'
    New-Fifo $AgentsMdFifo

    # A home whose config.toml itself is a FIFO; and one whose config.toml is /dev/zero (a device that never ends).
    $script:p = New-TestCodexHome 'piped-config'
    $script:ConfigFifo = Join-Path $p.Home 'config.toml'
    New-Fifo $ConfigFifo
    $script:z = New-TestCodexHome 'zero-config'
    $script:ConfigZero = Join-Path $z.Home 'config.toml'

    function Invoke-WithDeadline([hashtable] $Cases, [int] $Seconds = 240) {
        # Each case: a script text run in one child shell; its results come back as one JSON line per case.
        $child = Join-Path $TestDrive ('readers-' + [guid]::NewGuid().ToString('N') + '.ps1')
        $lines = foreach ($name in $Cases.Keys) {
            "`$e = `$null; `$o = @($($Cases[$name]) -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 2>`$null)"
            "[pscustomobject]@{ Case = '$name'; Output = @(`$o | ForEach-Object { if (`$_.PSObject.Properties['Name']) { [string]`$_.Name } elseif (`$_.PSObject.Properties['Key']) { [string]`$_.Key } else { [string]`$_ } }); Errors = @(`$e | ForEach-Object { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId.Split(',')[0]; Target = [string]`$_.CategoryInfo.TargetName; Message = `$_.Exception.Message } }) } | ConvertTo-Json -Compress -Depth 4"
        }
        Set-Content -LiteralPath $child -Value (@("Import-Module '$script:ModulePath'", '$ErrorActionPreference = ''Continue''') + $lines)
        $pwsh = Get-PwshCommand
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $child)) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $proc = [System.Diagnostics.Process]::Start($psi)
        $out = $proc.StandardOutput.ReadToEndAsync()
        $err = $proc.StandardError.ReadToEndAsync()
        $returned = $proc.WaitForExit($Seconds * 1000)
        if (-not $returned) { $proc.Kill($true); $null = $proc.WaitForExit(10000) }
        $results = @{}
        foreach ($l in $out.Result.Split("`n")) { if ($l.Trim().StartsWith('{')) { $r = $l | ConvertFrom-Json; $results[$r.Case] = $r } }
        [pscustomobject]@{ Returned = $returned; Results = $results; Stderr = $err.Result }
    }

    function Assert-OneErrorFor($Run, [string] $Case, [string] $File) {
        $Run.Results.ContainsKey($Case) | Should -BeTrue -Because "$Case must come back (returned: $($Run.Returned); stderr: $($Run.Stderr))"
        $mine = @($Run.Results[$Case].Errors | Where-Object Target -eq $File)
        $mine.Count | Should -Be 1 -Because "the planted name ($File) is one error, got: $($Run.Results[$Case].Errors | ConvertTo-Json -Compress)"
        $mine[0].Message | Should -Match 'not a regular file'
        return $Run.Results[$Case]
    }
}

Describe 'A FIFO or a device where a reader expects a file' -Skip:(-not $IsLinux) {
    BeforeAll {
        $s = $t.Splat; $ps = $p.Splat
        $script:Run = Invoke-WithDeadline @{
            'Get-CodexHook'           = "Get-CodexHook -CodexHome '$($s.CodexHome)' -ProjectPath '$($s.ProjectPath)' -SystemConfigPath '$($s.SystemConfigPath)'"
            'Get-CodexSkill'          = "Get-CodexSkill -CodexHome '$($s.CodexHome)' -ProjectPath '$($s.ProjectPath)' -SystemConfigPath '$($s.SystemConfigPath)'"
            'Get-CodexAgent'          = "Get-CodexAgent -CodexHome '$($s.CodexHome)' -ProjectPath '$($s.ProjectPath)' -SystemConfigPath '$($s.SystemConfigPath)'"
            'Get-CodexSession'        = "Get-CodexSession -CodexHome '$($s.CodexHome)'"
            'Find-CodexSecret'        = "Find-CodexSecret -CodexHome '$($s.CodexHome)' -ProjectPath '$($s.ProjectPath)'"
            'Test-CodexConfiguration' = "Test-CodexConfiguration -CodexHome '$($s.CodexHome)' -ProjectPath '$($s.ProjectPath)' -SystemConfigPath '$($s.SystemConfigPath)'"
            'Get-CodexMcpServer'      = "Get-CodexMcpServer -CodexHome '$($ps.CodexHome)' -ProjectPath '$($ps.ProjectPath)' -SystemConfigPath '$($ps.SystemConfigPath)'"
            'Set-McpToolApproval'     = "Set-McpToolApproval -Name good -Mode Approve -CodexHome '$($ps.CodexHome)' -ProjectPath '$($ps.ProjectPath)' -SystemConfigPath '$($ps.SystemConfigPath)' -Confirm:`$false"
        }
    }

    It 'every reader came back before its deadline' {
        $Run.Returned | Should -BeTrue -Because "no reader may wait forever on a FIFO (stderr: $($Run.Stderr))"
    }

    It 'Get-CodexHook: a FIFO named hooks.json is one error; the config''s hook still comes out' {
        $r = Assert-OneErrorFor $Run 'Get-CodexHook' $HooksFifo
        @($r.Output).Count | Should -Be 1
    }

    It 'Get-CodexSkill: a FIFO named SKILL.md is one error; the good skill still comes out' {
        $r = Assert-OneErrorFor $Run 'Get-CodexSkill' $SkillFifo
        $r.Output | Should -Contain 'good'
    }

    It 'Get-CodexAgent: a FIFO as an agent''s config_file is one error; the good agent still comes out' {
        $r = Assert-OneErrorFor $Run 'Get-CodexAgent' $AgentFifo
        $r.Output | Should -Contain 'good'
    }

    It 'Get-CodexSession: a FIFO named like a rollout is one error' {
        $null = Assert-OneErrorFor $Run 'Get-CodexSession' $RolloutFifo
    }

    It 'Find-CodexSecret: the FIFOs it meets are errors, and it comes back' {
        $null = Assert-OneErrorFor $Run 'Find-CodexSecret' $AgentsMdFifo
    }

    It 'Test-CodexConfiguration: comes back over a home full of FIFOs, AGENTS.md among them one error' {
        $null = Assert-OneErrorFor $Run 'Test-CodexConfiguration' $AgentsMdFifo
    }

    It 'Get-CodexMcpServer: a config.toml that is a FIFO is one error for it' {
        $null = Assert-OneErrorFor $Run 'Get-CodexMcpServer' $ConfigFifo
    }

    It 'Set-McpToolApproval: a config.toml that is a FIFO is refused, and stays a FIFO' {
        $Run.Results.ContainsKey('Set-McpToolApproval') | Should -BeTrue
        # The unreadable file is its own error (the server it asked for is then not found: a second error, about the server).
        @($Run.Results['Set-McpToolApproval'].Errors | Where-Object { $_.Target -eq $ConfigFifo -and $_.Id -eq 'ConfigUnreadable' }).Count | Should -Be 1
        (& stat -c '%F' $ConfigFifo) | Should -Be 'fifo'
    }
}

Describe 'A device where config.toml should be' -Skip:(-not $CanMakeNodes) {
    It 'Get-CodexConfig on a config.toml that is /dev/zero: one error, and it comes back' {
        & mknod $ConfigZero c 1 5
        $zs = $z.Splat
        $run = Invoke-WithDeadline @{ 'Get-CodexConfig' = "Get-CodexConfig -CodexHome '$($zs.CodexHome)' -ProjectPath '$($zs.ProjectPath)' -SystemConfigPath '$($zs.SystemConfigPath)'" } -Seconds 120
        $run.Returned | Should -BeTrue -Because 'reading /dev/zero never ends'
        $null = Assert-OneErrorFor $run 'Get-CodexConfig' $ConfigZero
    }
}

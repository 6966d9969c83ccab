#Requires -Version 7.4
# Get-CodexSession and Measure-CodexSession on rollouts the real codex wrote. `codex exec` runs against the mock of the
# Responses API (MockResponsesServer.cs), whose scripts ask for: commands that succeed, fail and are blocked by a
# PreToolUse hook; calls to a small stdio MCP server (one answers, one returns an error, one runs past the server's
# tool timeout); a subagent that runs a command of its own, and a wait for it; then a second turn (exec resume). The
# metrics must equal what the mock asked for (counted from the scripts and the requests the mock received) and what
# the hook did. The compat runner (New-CompatContainer) runs this file once per codex release the repository pins.

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HookCompat.psm1') -Force
    $script:NodeMissing = if (Get-Command node -ErrorAction Ignore) { $null } else { 'node is not installed (it comes with npm, which the Test task needs for codex)' }
    $script:CodexPath = Get-CompatCodexPath
    $script:Version = [string](Get-CompatCodexVersion)
}

Describe 'Sessions the real codex wrote' -Tag Compat {
    BeforeAll {
        $script:Skip = if (-not $CodexPath) { Get-CompatCodexMissingReason } elseif (-not $IsLinux) { 'the hook commands here are POSIX shell' } elseif ($NodeMissing) { $NodeMissing } else { $null }
        if ($Skip) { return }

        # What the model asks for, per conversation. The expectations below are counted from these lists.
        $script:Scripts = [ordered]@{
            'TURN1-7c2e' = @(
                @{ name = 'exec_command'; arguments = @{ cmd = 'echo one' } }
                @{ name = 'exec_command'; arguments = @{ cmd = 'echo failing; exit 3' } }
                @{ name = 'exec_command'; arguments = @{ cmd = 'echo forbidden-word' } }
                @{ name = 'exec_command'; arguments = @{ cmd = 'echo three' } }
                @{ namespace = 'mcp__docs'; name = 'lookup'; arguments = @{ q = 'codex' } }
                @{ namespace = 'mcp__docs'; name = 'fail'; arguments = @{} }
                @{ namespace = 'mcp__docs'; name = 'slow'; arguments = @{} }
                @{ namespace = 'multi_agent_v1'; name = 'spawn_agent'; arguments = @{ message = 'SUB-4f1a list the files' } }
                @{ namespace = 'multi_agent_v1'; name = 'wait_agent'; arguments = @{ targets = @('{{agent_id}}'); timeout_ms = 60000 } }
            )
            'SUB-4f1a'   = @(@{ name = 'exec_command'; arguments = @{ cmd = 'echo from-subagent' } })
            'TURN2-9b3d' = @(@{ name = 'exec_command'; arguments = @{ cmd = 'echo two' } })
        }
        $script:Mock = Start-CompatMockResponses -Command 'true'
        foreach ($marker in $Scripts.Keys) { $Mock.AddScript($marker, [string[]]@($Scripts[$marker] | ForEach-Object { $_ | ConvertTo-Json -Compress -Depth 5 })) }

        # The hook blocks any command with the word "forbidden" (exit 2, reason on stderr), and passes the rest.
        $hook = 'cat > "$HOOK_STATE_DIR/last.json"; if grep -q forbidden "$HOOK_STATE_DIR/last.json"; then echo "no forbidden words" >&2; exit 2; fi; exit 0'
        $hooksJson = @{ hooks = @{ PreToolUse = @(@{ matcher = 'Bash'; hooks = @(@{ type = 'command'; command = $hook }) }) } } | ConvertTo-Json -Depth 10
        $script:H = New-CompatExecHome -Name "sessions-$Version" -Mock $Mock -HooksJson $hooksJson
        $server = (Resolve-Path (Join-Path $PSScriptRoot 'sessions/mcp-stdio-server.js')).ProviderPath
        Add-Content -LiteralPath (Join-Path $H.CodexHome 'config.toml') -Value @"

[mcp_servers.docs]
command = "node"
args = ["$server"]
startup_timeout_sec = 60
tool_timeout_sec = 2
env = { SLOW_MS = "6000" }
"@
        $state = (New-Item -ItemType Directory -Force (Join-Path $H.Records 'hook')).FullName
        function Invoke-ExecJson([string[]] $Arguments, [string] $OutFile) {
            $p = Start-CompatCodexProcess -CompatHome $H -ArgumentList $Arguments -Environment @{ HOOK_STATE_DIR = $state }
            try {
                $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
                if (-not $p.WaitForExit(180000)) { $p.Kill($true); throw "codex $($Arguments -join ' ') did not finish in 180 s" }
                $p.WaitForExit()
                [IO.File]::WriteAllText($OutFile, $out.Result)
                [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $out.Result; StdErr = $err.Result }
            } finally { $p.Dispose() }
        }
        $script:ExecFile1 = Join-Path $H.Records 'exec1.jsonl'
        $script:ExecFile2 = Join-Path $H.Records 'exec2.jsonl'
        $script:Run1 = Invoke-ExecJson @('exec', '--json', '--skip-git-repo-check', '--dangerously-bypass-hook-trust', 'please TURN1-7c2e') $ExecFile1
        $script:ThreadId = ((Get-Content -LiteralPath $ExecFile1 -TotalCount 1) | ConvertFrom-Json).thread_id
        $script:Run2 = Invoke-ExecJson @('exec', 'resume', '--json', '--skip-git-repo-check', '--dangerously-bypass-hook-trust', $ThreadId, 'again TURN2-9b3d') $ExecFile2

        # The requests the mock answered, by the conversation (marker) they belong to: each response reported 2 tokens.
        $script:RequestsByMarker = @{}
        foreach ($body in $Mock.Requests) {
            $request = $body | ConvertFrom-Json -Depth 100
            $userTexts = @($request.input | Where-Object { $_.type -eq 'message' -and $_.role -eq 'user' } | ForEach-Object { ($_.content | ForEach-Object text) -join '' } | Where-Object { -not $_.StartsWith('<') })
            $last = $userTexts[-1]
            $marker = @($Scripts.Keys | Where-Object { $last -and $last.Contains($_) })[0]
            if ($marker) { $RequestsByMarker[$marker] = 1 + [int]$RequestsByMarker[$marker] }
        }

        $script:Sessions = @(Get-CodexSession -CodexHome $H.CodexHome)
        $script:Main = @($Sessions | Where-Object Role -eq 'main')
        $script:Sub = @($Sessions | Where-Object Role -ne 'main')
        $script:Measured = @($Sessions | Measure-CodexSession -CodexHome $H.CodexHome)
        $script:MainM = $Measured | Where-Object Role -eq 'main'
        $script:SubM = $Measured | Where-Object Role -ne 'main'
    }
    AfterAll {
        if ($script:Mock) { $Mock.Dispose() }
    }

    It 'codex ran both turns' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $Run1.ExitCode | Should -Be 0 -Because $Run1.StdErr
        $Run2.ExitCode | Should -Be 0 -Because $Run2.StdErr
    }

    It 'Get-CodexSession lists the session and its subagent with their meta' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $Main.Count | Should -Be 1
        $Sub.Count | Should -Be 1
        $Main[0].Id | Should -Be $ThreadId
        $Main[0].CliVersion | Should -Be $Version
        $Main[0].Model | Should -Be 'gpt-test'
        $Main[0].ModelProvider | Should -Be 'mock'
        $Main[0].Cwd | Should -Be $H.WorkingDirectory
        $Main[0].Depth | Should -Be 0
        $Sub[0].ParentSessionId | Should -Be $ThreadId
        $Sub[0].Depth | Should -Be 1
        $Sub[0].Role | Should -Be 'default'
        $Main[0].End | Should -BeGreaterThan $Main[0].Start
        @(Get-CodexSession -CodexHome $H.CodexHome -Role default).Id | Should -Be $Sub[0].Id
        @(Get-CodexSession -CodexHome $H.CodexHome -Id ($ThreadId.Substring(0, 13) + '*')).Id | Should -Be $ThreadId
        @(Get-CodexSession -CodexHome $H.CodexHome -After (Get-Date).AddMinutes(30)).Count | Should -Be 0
    }

    It 'counts every tool call the mock asked for, per tool' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $asked = @($Scripts['TURN1-7c2e'] + $Scripts['TURN2-9b3d']) | ForEach-Object { if ($_.namespace -like 'mcp__*') { "$($_.namespace)__$($_.name)" } else { $_.name } } | Group-Object -NoElement
        $MainM.ToolCalls | Should -Be ($Scripts['TURN1-7c2e'].Count + $Scripts['TURN2-9b3d'].Count)
        foreach ($g in $asked) { ($MainM.Tools | Where-Object Tool -eq $g.Name).Calls | Should -Be $g.Count -Because $g.Name }
        $SubM.ToolCalls | Should -Be $Scripts['SUB-4f1a'].Count
        ($SubM.Tools | Where-Object Tool -eq 'exec_command').Calls | Should -Be 1
    }

    It 'counts the failing command, the blocked one and the hook reason' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $exec = $MainM.Tools | Where-Object Tool -eq 'exec_command'
        $exec.Failures | Should -Be 1 -Because 'one command exits 3'
        $exec.Blocked | Should -Be 1 -Because 'the hook blocked the one command with the word forbidden'
        $MainM.HookBlocks | Should -Be 1
        $MainM.BlockReasons | Should -Be @('no forbidden words')
    }

    It 'counts MCP calls, the failing tool, the timeout and their durations' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $MainM.McpCalls | Should -Be 3
        ($MainM.Tools | Where-Object Tool -eq 'mcp__docs__lookup').Failures | Should -Be 0
        ($MainM.Tools | Where-Object Tool -eq 'mcp__docs__fail').Failures | Should -Be 1
        $slow = $MainM.Tools | Where-Object Tool -eq 'mcp__docs__slow'
        $slow.TimedOut | Should -Be 1
        $slow.Duration.TotalSeconds | Should -BeGreaterOrEqual 2 -Because 'the call ran until the 2 s tool timeout'
        $MainM.McpTimeouts | Should -Be 1
        $MainM.McpFailures | Should -Be 2
    }

    It 'counts the subagent, turns and tokens as the mock served them' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $MainM.SubagentsSpawned | Should -Be 1
        $MainM.SubagentIds | Should -Be @($Sub[0].Id)
        $MainM.PeakOpenSubagents | Should -Be 1
        $MainM.Turns | Should -Be 2
        $MainM.CompletedTurns | Should -Be 2
        $MainM.Aborts | Should -Be 0
        $SubM.Turns | Should -Be 1
        $MainM.Tokens.Total | Should -Be (2 * ($RequestsByMarker['TURN1-7c2e'] + $RequestsByMarker['TURN2-9b3d']))
        $SubM.Tokens.Total | Should -Be (2 * $RequestsByMarker['SUB-4f1a'])
        $MainM.ExceedsLimits | Should -BeFalse
        $MainM.InvalidLines | Should -Be 0
        $MainM.Sources['ToolCalls'] | Should -Be 'rollout'
    }

    It 'sums per role, and holds the sessions to tighter limits when asked' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $byRole = @(Get-CodexSession -CodexHome $H.CodexHome | Measure-CodexSession -GroupBy Role)
        ($byRole | Where-Object Group -eq 'main').ToolCalls | Should -Be $MainM.ToolCalls
        ($byRole | Where-Object Group -eq 'default').TokensByRole['default'].Total | Should -Be $SubM.Tokens.Total
        $strict = @(Get-CodexSession -CodexHome $H.CodexHome | Measure-CodexSession -MaxDepth 0)
        ($strict | Where-Object Role -eq 'default').LimitBreaches.Limit | Should -Be 'agents.max_depth'
    }

    It 'takes hook outcomes from Invoke-CodexHook''s log and approvals from the exec event file, naming the source' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        # The same hook, given each command codex ran in the main session, logs its decisions under that session id.
        $log = Join-Path $H.Records 'hooks.jsonl'
        $commands = @($Scripts['TURN1-7c2e'] + $Scripts['TURN2-9b3d']) | Where-Object name -eq 'exec_command' | ForEach-Object { $_.arguments.cmd }
        $saved = $env:HOOK_STATE_DIR
        $env:HOOK_STATE_DIR = (New-Item -ItemType Directory -Force (Join-Path $H.Records 'module-hook')).FullName
        try {
            foreach ($c in $commands) {
                $null = Invoke-CodexHook PreToolUse -ToolName Bash -ToolInput @{ command = $c } -SessionId $ThreadId -CodexHome $H.CodexHome -ProjectPath $H.WorkingDirectory -SystemConfigPath '/etc/codex' -IncludeUntrusted -LogPath $log -Confirm:$false -WarningAction SilentlyContinue
            }
        } finally { $env:HOOK_STATE_DIR = $saved }
        $m = Measure-CodexSession -Path $MainM.File -HookLogPath $log -ExecJsonPath $ExecFile1, $ExecFile2
        $m.HookBlocked | Should -Be $MainM.HookBlocks -Because 'the hook blocked in the log what it blocked in codex'
        $m.HookPassed | Should -Be ($commands.Count - 1)
        $m.Sources['HookBlocked'] | Should -Be 'hook-log'
        $m.ApprovalsDenied | Should -Be 0 -Because 'approval_policy is never: codex asked for no approval'
        $m.Sources['ApprovalsDenied'] | Should -Be 'exec-json'
        $m.Sources['ApprovalsGranted'] | Should -Be 'none'
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-HookTestHome([hashtable] $Hooks, [string] $Config = '') {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'hooks.json') (@{ hooks = $Hooks } | ConvertTo-Json -Depth 10)
        Write-TestFile (Join-Path $t.Home 'config.toml') $Config
        return $t
    }

    function Split-Output($Output) {
        [pscustomobject]@{
            Results = @($Output | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' })
            Outcome = @($Output | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookOutcome' })[0]
        }
    }

    function Command([string] $Text, [int] $Timeout = 0, [string] $Matcher) {
        $h = @{ type = 'command'; command = $Text }
        if ($Timeout) { $h.timeout = $Timeout }
        $g = @{ hooks = @($h) }
        if ($PSBoundParameters.ContainsKey('Matcher')) { $g.matcher = $Matcher }
        return $g
    }
}

Describe 'Invoke-CodexHook' -Skip:(-not $IsLinux) {
    Context 'selection' {
        It 'runs only hooks whose matcher selects the tool, with apply_patch also matched by Edit and Write' {
            $t = New-HookTestHome @{ PreToolUse = @((Command 'echo bash' -Matcher 'Bash'), (Command 'echo edit' -Matcher 'Edit|Write'), (Command 'echo mcp' -Matcher 'mcp__memory__.*'), (Command 'echo all')) }
            $s = $t.Splat
            (Split-Output (Invoke-CodexHook PreToolUse -ToolName apply_patch -ToolInput @{ command = 'x' } -IncludeUntrusted @s)).Results.Command | Should -Be @('echo edit', 'echo all')
            (Split-Output (Invoke-CodexHook PreToolUse -ToolName mcp__memory__create_entities -IncludeUntrusted @s)).Results.Command | Should -Be @('echo mcp', 'echo all')
        }

        It 'skips untrusted, modified and disabled hooks as Codex does, and runs trusted ones' {
            $t = New-HookTestHome @{ Stop = @(@{ hooks = @(@{ type = 'command'; command = 'cat >/dev/null; exit 0' }, @{ type = 'command'; command = 'cat >/dev/null; true' }, @{ type = 'command'; command = 'cat >/dev/null; :' }) }) }
            $s = $t.Splat
            $hooks = @(Get-CodexHook @s)
            Add-Content (Join-Path $t.Home 'config.toml') ("[hooks.state.`"{0}`"]`ntrusted_hash = `"{1}`"`n[hooks.state.`"{2}`"]`nenabled = false`n" -f $hooks[0].Key, $hooks[0].CurrentHash, $hooks[2].Key)
            $r = (Split-Output (Invoke-CodexHook Stop @s)).Results
            $r.Status | Should -Be @('Completed', 'Skipped', 'Skipped')
            $r[1].Error | Should -Match '^Untrusted'
            $r[2].Error | Should -Match 'disabled'
            (Split-Output (Invoke-CodexHook Stop -IncludeUntrusted @s)).Results.Status | Should -Be @('Completed', 'Completed', 'Skipped')
        }

        It 'takes hooks from Get-CodexHook on the pipeline and runs them as one event' {
            $t = New-HookTestHome @{ Stop = @((Command 'echo a'), (Command 'echo b'), (Command 'echo c')) }
            $s = $t.Splat
            $o = Split-Output (Get-CodexHook @s | Where-Object Command -ne 'echo b' | Invoke-CodexHook Stop -IncludeUntrusted)
            $o.Results.Command | Should -Be @('echo a', 'echo c')
            @($o.Outcome).Count | Should -Be 1
        }
    }

    Context 'running' {
        It 'gives the hook the payload on stdin, the project as cwd and the plugin variables' {
            $t = New-TestCodexHome
            $plugin = Join-Path $t.Home 'plugins/cache/mk/p/1.0.0'
            Write-TestFile (Join-Path $plugin '.codex-plugin/plugin.json') '{"name":"p"}'
            Write-TestFile (Join-Path $plugin 'hooks/hooks.json') '{"hooks":{"UserPromptSubmit":[{"hooks":[{"type":"command","command":"cat > ${PLUGIN_ROOT}/payload; pwd > ${PLUGIN_ROOT}/cwd; echo \"$CLAUDE_PLUGIN_ROOT|$PLUGIN_DATA\" > ${PLUGIN_ROOT}/env"}]}]}}'
            Write-TestFile (Join-Path $t.Home 'config.toml') "[plugins.`"p@mk`"]`n"
            $s = $t.Splat
            $null = Invoke-CodexHook UserPromptSubmit -Prompt 'hello' -IncludeUntrusted @s
            $data = Join-Path $t.Home 'plugins/data/p-mk'
            $payload = Get-Content (Join-Path $plugin 'payload') -Raw | ConvertFrom-Json
            $payload.prompt | Should -Be 'hello'
            $payload.hook_event_name | Should -Be 'UserPromptSubmit'
            $payload.cwd | Should -Be $t.Project
            (Get-Content (Join-Path $plugin 'cwd')) | Should -Be $t.Project
            (Get-Content (Join-Path $plugin 'env')) | Should -Be "$plugin|$data"
        }

        It 'runs matching hooks concurrently and lets the last rewrite to finish win' {
            $write = 'cat >/dev/null; {0} echo ''{{"hookSpecificOutput":{{"hookEventName":"PreToolUse","permissionDecision":"allow","updatedInput":{{"command":"{1}"}}}}}}'''
            $t = New-HookTestHome @{ PreToolUse = @((Command ($write -f 'sleep 1;', 'slow')), (Command ($write -f '', 'fast'))) }
            $s = $t.Splat
            $o = Split-Output (Invoke-CodexHook PreToolUse -ToolInput @{ command = 'x' } -IncludeUntrusted @s)
            ($o.Results | Sort-Object FinishOrder).UpdatedInput | Should -Be @('{"command":"fast"}', '{"command":"slow"}')
            $o.Outcome.Decision | Should -Be 'Allow'
            $o.Outcome.UpdatedInput | Should -Be '{"command":"slow"}'
        }

        It 'lets any deny win over allows and rewrites' {
            $t = New-HookTestHome @{ PreToolUse = @((Command 'cat >/dev/null; echo ''{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","updatedInput":{"command":"ok"}}}'''), (Command 'cat >/dev/null; echo nope >&2; exit 2')) }
            $s = $t.Splat
            $o = (Split-Output (Invoke-CodexHook PreToolUse -ToolInput @{ command = 'x' } -IncludeUntrusted @s)).Outcome
            $o.Decision | Should -Be 'Deny'
            $o.Reason | Should -Be 'nope'
            $o.UpdatedInput | Should -BeNullOrEmpty
        }

        It 'masks secrets in stdout, stderr, reasons and the payload unless -IncludeSecret' {
            $t = New-HookTestHome @{ PreToolUse = @((Command 'cat; echo "token=ghp_0123456789abcdefghijABCDEFGHIJKLMNOP" >&2; exit 2')) }
            $s = $t.Splat
            $o = Split-Output (Invoke-CodexHook PreToolUse -ToolInput @{ command = 'curl -H "Authorization: Bearer sk-proj-abcdefghijklmnopqrstuvwx"' } -IncludeUntrusted @s)
            "$($o.Results[0].Stdout) $($o.Results[0].Stderr) $($o.Outcome.Reason) $($o.Outcome.Payload)" | Should -Not -Match 'ghp_0123|sk-proj-abc'
            $o.Results[0].Stderr | Should -Match 'token=\*\*\*\*\*'
            $plain = Split-Output (Invoke-CodexHook PreToolUse -ToolInput @{ command = 'x' } -IncludeUntrusted -IncludeSecret @s)
            $plain.Results[0].Stderr | Should -Match 'ghp_0123456789abcdefghijABCDEFGHIJKLMNOP'
        }

        It 'shows what would run with -WhatIf and runs nothing' {
            $t = New-HookTestHome @{ Stop = @((Command 'touch "$0.ran"')) }
            $mark = Join-Path $t.Home 'hooks.json.ran'
            # What-if lines go to the host, not to a stream: run a child pwsh and read what it printed.
            $pwsh = Get-PwshCommand
            $script = "Import-Module '$ModulePath'; Invoke-CodexHook Stop -IncludeUntrusted -WhatIf -CodexHome '$($t.Home)' -ProjectPath '$($t.Project)' -SystemConfigPath '$($t.System)'"
            $printed = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
            Test-Path $mark | Should -BeFalse
            "$printed" | Should -Match 'What if: .*touch'
            "$printed" | Should -Match '\\"hook_event_name\\":\\"Stop\\"|"hook_event_name":"Stop"'
        }

        It 'appends one JSON line per run to -LogPath, with the counts' {
            $t = New-HookTestHome @{ Stop = @((Command 'exit 0'), (Command 'exit 1')) }
            $s = $t.Splat
            $log = Join-Path $t.Root 'audit/hooks.jsonl'
            $null = Invoke-CodexHook Stop -IncludeUntrusted -LogPath $log @s
            $null = Invoke-CodexHook Stop -LogPath $log @s
            $lines = @(Get-Content $log | ForEach-Object { $_ | ConvertFrom-Json })
            $lines.Count | Should -Be 2
            $lines[0].counts.pass | Should -Be 1
            $lines[0].counts.fail | Should -Be 1
            $lines[1].counts.skip | Should -Be 2
            $lines[0].results[1].exit_code | Should -Be 1
        }

        It 'streams what the hooks print to -LogPath while they run, masked, tied to the run''s summary line' {
            # The hook prints a line, then waits (bounded) until that line is in the log: it can only see it there if
            # the output is streamed during the run, not written with the summary after it.
            $wait = 'echo "first line token=ghp_0123456789abcdefghijABCDEFGHIJKLMNOP"; i=0; while [ $i -lt 150 ] && ! grep -q "first line" "$HOOK_TEST_LOG"; do sleep 0.1; i=$((i+1)); done; ' +
                'if grep -q "first line" "$HOOK_TEST_LOG"; then echo seen-while-running; else echo not-seen; fi; printf "no newline at the end" >&2'
            $t = New-HookTestHome @{ UserPromptSubmit = @((Command $wait -Timeout 60)) }
            $s = $t.Splat
            $log = Join-Path $t.Root 'audit/hooks.jsonl'
            $o = Split-Output (Invoke-CodexHook UserPromptSubmit -Prompt 'hi' -IncludeUntrusted -LogPath $log -Environment @{ HOOK_TEST_LOG = $log } @s)
            $o.Results[0].Stdout | Should -Match 'seen-while-running'

            $records = @(Get-Content $log | ForEach-Object { $_ | ConvertFrom-Json })
            $summary = $records[-1]
            $summary.event | Should -Be 'UserPromptSubmit'
            $summary.run | Should -Not -BeNullOrEmpty
            $output = @($records | Select-Object -SkipLast 1)
            $output.run | Sort-Object -Unique | Should -Be $summary.run
            $output.hook | Sort-Object -Unique | Should -Be $o.Results[0].HookKey
            (@($output | Where-Object stream -eq 'stdout').text -join '') | Should -Match '(?s)^first line token=\*+.*\nseen-while-running\n$'
            (@($output | Where-Object stream -eq 'stderr').text -join '') | Should -Be 'no newline at the end'
            Get-Content -Raw $log | Should -Not -Match 'ghp_0123456789'
        }

        It 'replays a recorded payload given as a file, taking the event from it' {
            $t = New-HookTestHome @{ PreToolUse = @((Command 'cat > "$0.got"' -Matcher 'Bash')) }
            $s = $t.Splat
            $file = Join-Path $t.Root 'recorded.json'
            Write-TestFile $file '{"session_id":"s1","turn_id":"t1","transcript_path":null,"cwd":"/x","hook_event_name":"PreToolUse","model":"m","permission_mode":"default","tool_name":"Bash","tool_input":{"command":"ls"},"tool_use_id":"call_9"}'
            $o = Split-Output (Invoke-CodexHook -InputObject (Get-Item $file) -IncludeUntrusted @s)
            $o.Outcome.Event | Should -Be 'PreToolUse'
            ($o.Outcome.Payload | ConvertFrom-Json).tool_use_id | Should -Be 'call_9'
        }
    }

    Context 'bad input' {
        BeforeAll {
            $script:t = New-TestCodexHome
            $script:s = $t.Splat
            $script:scripts = Join-Path $t.Root 'scripts'
            $null = New-Item -ItemType Directory -Force $scripts
            Write-TestFile (Join-Path $scripts 'not-executable.sh') "#!/bin/sh`necho hi`n"
            Write-TestFile (Join-Path $t.Home 'hooks.json') (@{ hooks = @{
                        PreToolUse       = @(
                            (Command "$scripts/missing.sh" -Matcher 'Missing'),
                            (Command "$scripts/not-executable.sh" -Matcher 'NotExecutable'),
                            (Command 'echo "{}"' -Matcher 'NoStdin'),
                            (Command 'while IFS= read -r line; do :; done; echo "{}"' -Matcher 'ReadsForever'),
                            (Command 'cat >/dev/null; printf "\377\376{" ; exit 0' -Matcher 'BadUtf8'),
                            (Command 'echo never' -Matcher '('))
                    } } | ConvertTo-Json -Depth 10)
        }

        It 'a missing script fails with exit 127, and Codex would go on' {
            $o = Split-Output (Invoke-CodexHook PreToolUse -ToolName Missing -IncludeUntrusted @s -WarningAction SilentlyContinue)
            $o.Results[0].Status | Should -Be 'Failed'
            $o.Results[0].ExitCode | Should -Be 127
            $o.Results[0].Stderr | Should -Match 'missing.sh'
            $o.Outcome.Decision | Should -Be 'Proceed'
        }

        It 'a script that is not executable fails with exit 126' {
            $o = Split-Output (Invoke-CodexHook PreToolUse -ToolName NotExecutable -IncludeUntrusted @s -WarningAction SilentlyContinue)
            $o.Results[0].Status | Should -Be 'Failed'
            $o.Results[0].ExitCode | Should -Be 126
        }

        It 'a hook that never reads stdin still completes' {
            (Split-Output (Invoke-CodexHook PreToolUse -ToolName NoStdin -IncludeUntrusted @s -WarningAction SilentlyContinue)).Results[0].Status | Should -Be 'Completed'
        }

        It 'a hook that reads stdin until it ends gets end-of-file, as Codex closes stdin after the payload' {
            $r = (Split-Output (Invoke-CodexHook PreToolUse -ToolName ReadsForever -IncludeUntrusted @s -WarningAction SilentlyContinue)).Results[0]
            $r.Status | Should -Be 'Completed'
        }

        It 'output that is not UTF-8 is decoded with replacement characters and judged as text' {
            $r = (Split-Output (Invoke-CodexHook PreToolUse -ToolName BadUtf8 -IncludeUntrusted @s -WarningAction SilentlyContinue)).Results[0]
            $r.Stdout | Should -Match ([char]0xFFFD)
            $r.Status | Should -Be 'Completed'
        }

        It 'a matcher that is not a valid regex is a warning, and its group never runs' {
            $o = Split-Output (Invoke-CodexHook PreToolUse -ToolName '(' -IncludeUntrusted @s -WarningVariable warn -WarningAction SilentlyContinue)
            $o.Results | Should -BeNullOrEmpty
            "$warn" | Should -Match 'invalid matcher "\("'
        }

        It 'refuses an unknown event, a payload that is not JSON, and a payload of another event' {
            { Invoke-CodexHook BeforeTool @s } | Should -Throw -ErrorId 'HookInputInvalid,*'
            { Invoke-CodexHook -InputObject '{not json' @s } | Should -Throw -ErrorId 'HookInputInvalid,*'
            { Invoke-CodexHook Stop -InputObject '{"hook_event_name":"PreToolUse"}' @s } | Should -Throw -ErrorId 'HookInputInvalid,*'
        }
    }
}

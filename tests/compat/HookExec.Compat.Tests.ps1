#Requires -Version 7.4
# Invoke-CodexHook against the real Codex CLI (each pinned version) running hooks for real: `codex exec` drives an agent loop
# against a mock of the Responses API (MockResponsesServer.cs) on 127.0.0.1, the mock asks for one shell command,
# and codex fires its hooks with real payloads (--dangerously-bypass-hook-trust, as these hooks are not approved).
# 1. Payloads: a recording hook on every event stores what codex sent; Invoke-CodexHook, given the same inputs, must
#    send the same fields, in the same order, with the same JSON types.
# 2. Behaviours: for each hook behaviour, what codex did (hook status on stderr, whether the command ran, whether the
#    turn went on) must be what Invoke-CodexHook reports. Nothing here asserts on time.

BeforeDiscovery {
    $Behaviours = @(
        @{ Name = 'allow'; Event = 'PreToolUse'; Command = 'cat >/dev/null; exit 0' }
        @{ Name = 'deny by exit 2'; Event = 'PreToolUse'; Command = 'cat >/dev/null; echo "rm is not allowed" >&2; exit 2' }
        @{ Name = 'deny by JSON'; Event = 'PreToolUse'; Command = 'cat >/dev/null; echo ''{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"json says no"}}''' }
        @{ Name = 'rewrite'; Event = 'PreToolUse'; Command = 'cat >/dev/null; printf ''{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","updatedInput":{"command":"touch %s/rewritten"}}}'' "$HOOK_STATE_DIR"' }
        @{ Name = 'additional context'; Event = 'PreToolUse'; Command = 'cat >/dev/null; echo ''{"hookSpecificOutput":{"hookEventName":"PreToolUse","additionalContext":"CTX-MARKER-7f3a"}}''' }
        @{ Name = 'block on Stop'; Event = 'Stop'; Command = 'cat >/dev/null; if [ -e "$HOOK_STATE_DIR/blocked-once" ]; then exit 0; fi; touch "$HOOK_STATE_DIR/blocked-once"; echo ''{"decision":"block","reason":"KEEP-GOING-5c1d"}''' }
        @{ Name = 'continue:false'; Event = 'UserPromptSubmit'; Command = 'cat >/dev/null; echo ''{"continue":false,"stopReason":"not today"}''' }
        @{ Name = 'invalid JSON'; Event = 'PreToolUse'; Command = 'cat >/dev/null; echo "{not json"' }
        @{ Name = 'timeout'; Event = 'PreToolUse'; Command = 'cat >/dev/null; sleep 60'; Timeout = 2 }
        @{ Name = 'non-zero exit'; Event = 'PreToolUse'; Command = 'cat >/dev/null; echo broken >&2; exit 1' }
        @{ Name = 'huge output'; Event = 'PreToolUse'; Command = 'cat >/dev/null; head -c 20000000 /dev/zero | tr "\000" a' }
        @{ Name = 'forked sleeping child'; Event = 'PreToolUse'; Command = 'cat >/dev/null; sleep 300 & echo $! > "$HOOK_STATE_DIR/child.pid"; echo "{}"'; Timeout = 2 }
        @{ Name = 'non-UTF-8 reason'; Event = 'PreToolUse'; Command = 'cat >/dev/null; printf "\377\376 not utf-8" >&2; exit 2' }
        @{ Name = 'plain text on Stop'; Event = 'Stop'; Command = 'cat >/dev/null; echo all good' }
        @{ Name = 'plain text as context'; Event = 'UserPromptSubmit'; Command = 'cat >/dev/null; echo CTX-PLAIN-2b9e' }
    )
}

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HookCompat.psm1') -Force
    $CodexMissing = Get-CompatCodexMissingReason
    $Skip = if ($CodexMissing) { $CodexMissing } elseif (-not $IsLinux) { 'the hook commands here are POSIX shell' } else { $null }

    function Get-JsonKind($Value) {
        if ($null -eq $Value) { return 'null' }
        switch ($Value.GetType().Name) {
            'String' { return 'string' } 'Boolean' { return 'bool' }
            { $_ -in 'Int32', 'Int64', 'Double', 'Decimal', 'BigInteger' } { return 'number' }
            { $_ -in 'OrderedDictionary', 'Hashtable', 'PSCustomObject' } { return 'object' }
            default { if ($Value -is [System.Collections.IList]) { return 'array' } return $_ }
        }
    }

    function Read-Payload([string] $Path) {
        # Ordered and typed, to compare field order and JSON types.
        return [System.IO.File]::ReadAllText($Path) | ConvertFrom-Json -AsHashtable -Depth 20
    }

    function Get-Shape($Payload) {
        return ($Payload.Keys | ForEach-Object { '{0}:{1}' -f $_, (Get-JsonKind $Payload[$_]) }) -join ', '
    }
}

Describe 'Invoke-CodexHook sends the payloads codex exec sends' -Tag Compat {
    BeforeAll {
        if ($Skip) { return }
        $script:Mock = Start-CompatMockResponses -Command 'echo hello-from-tool'
        $recorder = @'
#!/bin/sh
# Stores the first payload of each event in $HOOK_RECORD_DIR/<event>.json.
f="$HOOK_RECORD_DIR/$1.json"
if [ -e "$f" ]; then cat >/dev/null; else cat > "$f"; fi
'@
        $events = @('SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SessionEnd', 'PreModelRequest', 'PostModelRequest')
        $script:ExecHome = New-CompatExecHome -Name 'hook-payloads' -Mock $Mock -HooksJson '{}'
        $script_ = Join-Path $ExecHome.Root 'record.sh'
        [System.IO.File]::WriteAllText($script_, $recorder.Replace("`r`n", "`n"))
        $null = & chmod +x $script_
        $hooks = [ordered]@{}
        foreach ($e in $events) { $hooks[$e] = @(@{ hooks = @(@{ type = 'command'; command = "$script_ $e" }) }) }
        [System.IO.File]::WriteAllText((Join-Path $ExecHome.CodexHome 'hooks.json'), (@{ hooks = $hooks } | ConvertTo-Json -Depth 10))
        $codexRecords = New-Item -ItemType Directory -Force (Join-Path $ExecHome.Records 'codex')
        $script:Run = Invoke-CompatCodexExec -CompatHome $ExecHome -Prompt 'say hi' -Environment @{ HOOK_RECORD_DIR = $codexRecords.FullName }
        $script:CodexPayloads = @{}
        foreach ($f in Get-ChildItem $codexRecords -Filter *.json) { $CodexPayloads[$f.BaseName] = Read-Payload $f.FullName }

        $moduleRecords = New-Item -ItemType Directory -Force (Join-Path $ExecHome.Records 'module')
        $saved = $env:HOOK_RECORD_DIR
        $env:HOOK_RECORD_DIR = $moduleRecords.FullName
        try {
            foreach ($e in $CodexPayloads.Keys) {
                $c = $CodexPayloads[$e]
                $p = @{ Event = $e; IncludeUntrusted = $true; CodexHome = $ExecHome.CodexHome; ProjectPath = $ExecHome.WorkingDirectory; SystemConfigPath = '/etc/codex' }
                # Inputs a caller gives; everything else is the module's own default.
                foreach ($pair in @(@('session_id', 'SessionId'), @('turn_id', 'TurnId'), @('transcript_path', 'TranscriptPath'), @('tool_name', 'ToolName'), @('tool_input', 'ToolInput'),
                        @('tool_response', 'ToolResponse'), @('tool_use_id', 'ToolUseId'), @('prompt', 'Prompt'), @('source', 'Source'), @('last_assistant_message', 'LastAssistantMessage'), @('reason', 'Reason'))) {
                    if ($c.Contains($pair[0]) -and $null -ne $c[$pair[0]]) { $p[$pair[1]] = $c[$pair[0]] }
                }
                $null = Invoke-CodexHook @p -WarningAction SilentlyContinue
            }
        } finally { $env:HOOK_RECORD_DIR = $saved }
        $script:ModulePayloads = @{}
        foreach ($f in Get-ChildItem $moduleRecords -Filter *.json) { $ModulePayloads[$f.BaseName] = Read-Payload $f.FullName }
    }
    AfterAll { if ($script:Mock) { $Mock.Dispose() } }

    It 'codex fired at least SessionStart, UserPromptSubmit, PreToolUse, PostToolUse and Stop' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $Run.ExitCode | Should -Be 0 -Because $Run.StdErr
        foreach ($e in 'SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop') { $CodexPayloads.Keys | Should -Contain $e }
    }

    It '<_> has the same fields, order and JSON types' -ForEach @('SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SessionEnd', 'PreModelRequest', 'PostModelRequest') {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        if (-not $CodexPayloads.ContainsKey($_)) { Set-ItResult -Skipped -Because "codex exec did not fire $_ in this run"; return }
        $ModulePayloads.Keys | Should -Contain $_
        Get-Shape $ModulePayloads[$_] | Should -BeExactly (Get-Shape $CodexPayloads[$_])
        # Values the module derives itself (not given as parameters) must be codex's too.
        foreach ($field in 'hook_event_name', 'cwd', 'model', 'permission_mode', 'stop_hook_active') {
            if ($CodexPayloads[$_].Contains($field)) { "$($ModulePayloads[$_][$field])" | Should -BeExactly "$($CodexPayloads[$_][$field])" -Because $field }
        }
        if ($CodexPayloads[$_].Contains('token_usage')) { Get-Shape $ModulePayloads[$_]['token_usage'] | Should -BeExactly (Get-Shape $CodexPayloads[$_]['token_usage']) }
        if ($_ -like '*ModelRequest') {
            # Where the releases differ: 0.171.0 names the request (kind, request_id, attempt_number, thread_id); 0.169.0 does not.
            $names = (Get-CompatCodexVersion) -ge [version]'0.171.0'
            $CodexPayloads[$_].Contains('request_id') | Should -Be $names -Because "codex $(Get-CompatCodexVersion) $(if ($names) { 'names' } else { 'does not name' }) the model request"
            $ModulePayloads[$_].Contains('request_id') | Should -Be $names
        }
    }
}

Describe 'Invoke-CodexHook decides what codex exec did' -Tag Compat {
    BeforeAll {
        if ($Skip) { return }
        $script:Mock = Start-CompatMockResponses -Command 'true'
    }
    AfterAll { if ($script:Mock) { $Mock.Dispose() } }

    It '<Name> (<Event>)' -ForEach $Behaviours {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $handler = @{ type = 'command'; command = $Command }
        if ($Timeout) { $handler.timeout = $Timeout }
        $json = @{ hooks = @{ $Event = @(@{ hooks = @($handler) }) } } | ConvertTo-Json -Depth 10
        $h = New-CompatExecHome -Name ('hook-' + ($Name -replace '[^a-z0-9]+', '-')) -Mock $Mock -HooksJson $json
        $codexState = (New-Item -ItemType Directory -Force (Join-Path $h.Records 'codex')).FullName
        $moduleState = (New-Item -ItemType Directory -Force (Join-Path $h.Records 'module')).FullName
        $toolCommand = "touch $codexState/tool-ran"
        $Mock.Command = $toolCommand
        $Mock.Reset()

        # codex: the real agent loop.
        $run = Invoke-CompatCodexExec -CompatHome $h -Environment @{ HOOK_STATE_DIR = $codexState }
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        $codexStatus = @($run.HookStatus | Where-Object Event -eq $Event | Where-Object Status -ne '')[0].Status
        $requests = $Mock.Requests
        $codexRan = Test-Path (Join-Path $codexState 'tool-ran')
        $codexRewrote = Test-Path (Join-Path $codexState 'rewritten')

        # The module: the same hook, the same event, without an agent.
        $saved = $env:HOOK_STATE_DIR
        $env:HOOK_STATE_DIR = $moduleState
        try {
            $p = @{ CodexHome = $h.CodexHome; ProjectPath = $h.WorkingDirectory; SystemConfigPath = '/etc/codex'; IncludeUntrusted = $true }
            $out = @(switch ($Event) {
                    'PreToolUse' { Invoke-CodexHook PreToolUse -ToolName Bash -ToolInput @{ command = $toolCommand } @p }
                    'Stop' { Invoke-CodexHook Stop -LastAssistantMessage 'done' @p }
                    'UserPromptSubmit' { Invoke-CodexHook UserPromptSubmit -Prompt 'run the command' @p }
                })
        } finally { $env:HOOK_STATE_DIR = $saved }
        $result = @($out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' })[0]
        $outcome = @($out | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookOutcome' })[0]

        # The hook's status: codex reports a timeout as Failed.
        ($result.Status -replace '^TimedOut$', 'Failed') | Should -Be $codexStatus -Because "codex printed 'hook: $Event $codexStatus'; the module said $($result.Status) ($($result.Error))"
        switch ($Event) {
            'PreToolUse' {
                $moduleRuns = $outcome.Decision -ne 'Deny' -and -not $outcome.UpdatedInput
                $moduleRuns | Should -Be $codexRan -Because "codex ran the command: $codexRan; the module decided $($outcome.Decision)"
                $moduleRewrites = [bool]$outcome.UpdatedInput -and ($outcome.UpdatedInput | ConvertFrom-Json).command -eq "touch $moduleState/rewritten"
                $moduleRewrites | Should -Be $codexRewrote
                $codexContext = [bool]($requests | Where-Object { $_ -match 'CTX-MARKER-7f3a' })
                ($outcome.AdditionalContext -eq 'CTX-MARKER-7f3a') | Should -Be $codexContext
            }
            'Stop' {
                # Codex went on with the reason as a new prompt exactly when the module says Block.
                $codexContinued = [bool]($requests | Where-Object { $_ -match 'KEEP-GOING-5c1d' })
                ($outcome.Decision -eq 'Block') | Should -Be $codexContinued
            }
            'UserPromptSubmit' {
                ($outcome.Decision -eq 'Stop') | Should -Be ($requests.Count -eq 0) -Because "codex sent $($requests.Count) model requests"
                $codexContext = [bool]($requests | Where-Object { $_ -match 'CTX-PLAIN-2b9e' })
                ($outcome.AdditionalContext -eq 'CTX-PLAIN-2b9e') | Should -Be $codexContext
            }
        }
        if ($Name -eq 'forked sleeping child') {
            # Both kill what is left of the hook on timeout: the background sleep holding the output must be gone on each side.
            foreach ($state in $codexState, $moduleState) {
                $childPid = [int](Get-Content (Join-Path $state 'child.pid'))
                $alive = $true
                for ($i = 0; $i -lt 50 -and $alive; $i++) { $alive = Test-Path "/proc/$childPid"; if ($alive) { Start-Sleep -Milliseconds 100 } }
                $alive | Should -BeFalse -Because "the child $childPid of the hook run from $state must have been killed"
            }
        }
        if ($Name -eq 'non-UTF-8 reason') { $result.Reason | Should -Match ([char]0xFFFD) }
    }
}

Describe 'A hook approved with Approve-CodexHook runs in codex without bypassing trust' -Tag Compat {
    BeforeAll {
        if ($Skip) { return }
        $script:TrustMock = Start-CompatMockResponses -Command 'echo hello-from-tool'
        $script:TrustHome = New-CompatExecHome -Name 'hook-approved' -Mock $TrustMock -HooksJson '{"hooks":{"PreToolUse":[{"hooks":[{"type":"command","command":"cat >/dev/null; touch \"$HOOK_STATE_DIR/ran\""}]}]}}'
        $script:TrustP = @{ CodexHome = $TrustHome.CodexHome; ProjectPath = $TrustHome.WorkingDirectory; SystemConfigPath = '/etc/codex' }
        function Invoke-TrustRun([string] $Name) {
            $state = New-Item -ItemType Directory -Force (Join-Path $TrustHome.Records $Name)
            $run = Invoke-CompatCodexExec -CompatHome $TrustHome -RespectTrust -Environment @{ HOOK_STATE_DIR = $state.FullName }
            [pscustomobject]@{ Run = $run; Ran = Test-Path (Join-Path $state.FullName 'ran') }
        }
    }
    AfterAll { if ($TrustMock) { $TrustMock.Dispose() } }

    It 'codex skips the hook before it is approved, and Invoke-CodexHook says Skipped' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $before = Invoke-TrustRun 'before'
        $before.Run.ExitCode | Should -Be 0 -Because $before.Run.StdErr
        $before.Ran | Should -BeFalse -Because 'codex does not run an untrusted hook without --dangerously-bypass-hook-trust'
        (Invoke-CodexHook PreToolUse -ToolName Bash -ToolInput @{ command = 'echo hi' } @TrustP -Confirm:$false | Where-Object { $_.PSObject.TypeNames[0] -eq 'Codex.Plugins.CodexHookResult' }).Status | Should -Be 'Skipped'
    }

    It 'codex runs it once Approve-CodexHook has trusted it' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $approved = Get-CodexHook @TrustP | Approve-CodexHook @TrustP -Confirm:$false -PassThru
        $approved.TrustStatus | Should -Be 'Trusted'
        $after = Invoke-TrustRun 'after'
        $after.Run.ExitCode | Should -Be 0 -Because $after.Run.StdErr
        $after.Ran | Should -BeTrue -Because "codex runs a hook whose trusted_hash Approve-CodexHook wrote (stderr: $($after.Run.StdErr))"
    }
}

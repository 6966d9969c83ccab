BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-HookHome {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'hooks.json') @'
{"hooks":{
  "PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"echo pre","timeout":30}]}],
  "Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]}}
'@
        $plugin = Join-Path $t.Home 'plugins/cache/mk/guard/1.0.0'
        Write-TestFile (Join-Path $plugin '.codex-plugin/plugin.json') '{"name":"guard","version":"1.0.0"}'
        Write-TestFile (Join-Path $plugin 'hooks/hooks.json') '{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"${PLUGIN_ROOT}/check.sh"}]}]}}'
        Write-TestFile (Join-Path $t.Home 'config.toml') @"
[plugins."guard@mk"]
enabled = true
"@
        return $t
    }
}

Describe 'Get-CodexHook' {
    Context 'inventory' {
        BeforeAll { $script:t = New-HookHome; $script:splat = $t.Splat }

        It 'lists user and plugin hooks with codex keys, in codex order' {
            $keys = (Get-CodexHook @splat).Key
            $keys | Should -Be @(
                "$($t.Home)/hooks.json:pre_tool_use:0:0"
                "$($t.Home)/hooks.json:stop:0:0"
                'guard@mk:hooks/hooks.json:pre_tool_use:0:0')
        }

        It 'filters by event, by key with wildcards, and by plugin' {
            (Get-CodexHook -Event Stop @splat).Event | Should -Be 'Stop'
            (Get-CodexHook -Event pre_tool_use @splat).Count | Should -Be 2
            (Get-CodexHook '*:stop:*' @splat).Command | Should -Be 'echo stop'
            (Get-CodexHook -PluginId 'guard@*' @splat).Key | Should -Be 'guard@mk:hooks/hooks.json:pre_tool_use:0:0'
        }

        It 'takes plugins from Get-CodexPlugin on the pipeline' {
            $hooks = @(Get-CodexPlugin @splat | Where-Object PluginId -eq 'guard@mk' | Get-CodexHook @splat)
            $hooks.PluginId | Should -Be 'guard@mk'
            $hooks[0].Command | Should -Be ((Join-Path $t.Home 'plugins/cache/mk/guard/1.0.0') + '/check.sh')
        }

        It 'reports untrusted hooks as not running, with the hash to approve' {
            $hook = Get-CodexHook -Event Stop @splat
            $hook.TrustStatus | Should -Be 'Untrusted'
            $hook.WouldRun | Should -BeFalse
            $hook.CurrentHash | Should -Match '^sha256:[0-9a-f]{64}$'
        }

        It 'shows Trusted once the hash is stored, and Modified after the hook changes' {
            $u = New-HookHome; $us = $u.Splat
            $hook = Get-CodexHook -Event Stop @us
            Add-Content (Join-Path $u.Home 'config.toml') "`n[hooks.state.`"$($hook.Key)`"]`ntrusted_hash = `"$($hook.CurrentHash)`"`n"
            (Get-CodexHook -Event Stop @us).TrustStatus | Should -Be 'Trusted'
            (Get-CodexHook -Event Stop @us).WouldRun | Should -BeTrue
            $file = Join-Path $u.Home 'hooks.json'
            [System.IO.File]::WriteAllText($file, [System.IO.File]::ReadAllText($file).Replace('echo stop', 'echo changed'))
            (Get-CodexHook -Event Stop @us).TrustStatus | Should -Be 'Modified'
        }

        It 'formats with the hook view, also after serialization' {
            $hook = Get-CodexHook -Event Stop @splat
            ($hook | Format-Table | Out-String) | Should -Match 'Untrusted'
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($hook))
            $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexHook'
            ($copy | Format-Table | Out-String) | Should -Match 'Untrusted'
            $copy.Key | Should -Be $hook.Key
        }
    }

    Context 'bad input' {
        It 'writes a non-terminating error with the id and file for a hooks.json that does not parse, and still lists the rest' {
            $t = New-HookHome; $ts = $t.Splat
            Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command"}]}]}}'
            $hooks = @(Get-CodexHook @ts -ErrorVariable err -ErrorAction SilentlyContinue)
            $hooks.Key | Should -Be 'guard@mk:hooks/hooks.json:pre_tool_use:0:0'
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'HookFileInvalid,*'
            $err[0].TargetObject | Should -Be (Join-Path $t.Home 'hooks.json')
            "$($err[0])" | Should -Match 'missing field `command`'
        }

        It 'warns about an invalid matcher and skips its group only' {
            $t = New-TestCodexHome; $ts = $t.Splat
            Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"PreToolUse":[{"matcher":"[","hooks":[{"type":"command","command":"a"}]},{"matcher":"Bash","hooks":[{"type":"command","command":"b"}]}]}}'
            $hooks = @(Get-CodexHook @ts -WarningVariable warn -WarningAction SilentlyContinue)
            $hooks.Command | Should -Be 'b'
            "$warn" | Should -Match 'invalid matcher "\["'
        }

        It 'says which key it did not find, and refuses an unknown event' {
            $t = New-HookHome; $ts = $t.Splat
            Get-CodexHook 'nope:stop:0:0' @ts -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'HookNotFound,*'
            { Get-CodexHook -Event BeforeTool @ts } | Should -Throw -ErrorId 'HookInputInvalid,*'
        }
    }
}

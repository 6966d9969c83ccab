BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-TrustHome {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"./guard.sh"}]}],"Stop":[{"hooks":[{"type":"command","command":"./done.sh"}]}]}}'
        Write-TestFile (Join-Path $t.Home 'config.toml') "# the user's settings`r`nmodel = `"gpt-5`"  # keep`r`n"
        Write-TestFile (Join-Path $t.System 'requirements.toml') "[hooks]`n[[hooks.SessionStart]]`n[[hooks.SessionStart.hooks]]`ntype = `"command`"`ncommand = `"/opt/policy/start.sh`"`n"
        return $t
    }
}

Describe 'Approve-CodexHook' {
    It 'writes the hash Get-CodexHook computes, so the hook reads as Trusted, and leaves the rest of the file alone' {
        $t = New-TrustHome
        $s = $t.Splat
        $before = [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml'))
        $hook = Get-CodexHook -Event PreToolUse @s
        $hook.TrustStatus | Should -Be 'Untrusted'
        $out = $hook | Approve-CodexHook -Confirm:$false -PassThru
        $out.Key | Should -Be $hook.Key
        $out.TrustStatus | Should -Be 'Trusted'
        $after = [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml'))
        $after.StartsWith($before) | Should -BeTrue -Because 'comments, CRLF and the trailing comment stay byte for byte'
        $after | Should -Match ([regex]::Escape("trusted_hash = `"$($hook.CurrentHash)`""))
        (Get-CodexHook -Event Stop @s).TrustStatus | Should -Be 'Untrusted' -Because 'only the approved hook changes'
    }

    It 'shows what the hook runs and the diff with -WhatIf, and writes nothing' {
        $t = New-TrustHome
        $s = $t.Splat
        $before = [System.IO.File]::ReadAllBytes((Join-Path $t.Home 'config.toml'))
        # What if: lines go to the host, not to a stream: run a child pwsh and read what it prints.
        $pwsh = Get-PwshCommand
        $script = "Import-Module '$ModulePath'; Get-CodexHook -Event PreToolUse -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)' | Approve-CodexHook -WhatIf"
        $text = (& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script) -join "`n"
        $text | Should -Match 'which runs: \./guard\.sh'
        $text | Should -Match '\+trusted_hash = "sha256:[0-9a-f]{64}"'
        [System.IO.File]::ReadAllBytes((Join-Path $t.Home 'config.toml')) | Should -Be $before
    }

    It 'sees a hook changed after approval as Modified, and approves it again' {
        $t = New-TrustHome
        $s = $t.Splat
        Get-CodexHook -Event Stop @s | Approve-CodexHook -Confirm:$false
        Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"./guard.sh"}]}],"Stop":[{"hooks":[{"type":"command","command":"./done.sh --loud"}]}]}}'
        (Get-CodexHook -Event Stop @s).TrustStatus | Should -Be 'Modified'
        (Get-CodexHook -Event Stop @s | Approve-CodexHook -Confirm:$false -PassThru).TrustStatus | Should -Be 'Trusted'
    }

    It 'revokes: the state table goes, and the hook is Untrusted again' {
        $t = New-TrustHome
        $s = $t.Splat
        $before = [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml'))
        Get-CodexHook @s | Where-Object { -not $_.IsManaged } | Approve-CodexHook -Confirm:$false
        $revoked = Get-CodexHook @s | Where-Object { -not $_.IsManaged } | Approve-CodexHook -Revoke -Confirm:$false -PassThru
        $revoked.TrustStatus | Should -Be @('Untrusted', 'Untrusted')
        [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml')) | Should -Not -Match 'hooks\.state'
        [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml')).StartsWith($before) | Should -BeTrue
    }

    It 'keeps a hook''s enabled = false when its trust is revoked' {
        $t = New-TrustHome
        $s = $t.Splat
        $key = (Get-CodexHook -Event Stop @s).Key
        Add-Content (Join-Path $t.Home 'config.toml') "`n[hooks.state.`"$key`"]`nenabled = false`ntrusted_hash = `"sha256:old`"`n"
        Approve-CodexHook $key -Revoke -Confirm:$false @s
        $text = [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml'))
        $text | Should -Match 'enabled = false'
        $text | Should -Not -Match 'trusted_hash'
    }

    It 'refuses managed hooks and unknown keys, one error each, and still approves the rest' {
        $t = New-TrustHome
        $s = $t.Splat
        $all = Get-CodexHook @s
        $managed = $all | Where-Object IsManaged
        $managed.TrustStatus | Should -Be 'Managed'
        $keys = @($managed.Key) + @('/no/such/hooks.json:stop:0:0') + @(($all | Where-Object Event -eq 'Stop').Key)
        $out = Approve-CodexHook $keys -Confirm:$false -PassThru @s -ErrorVariable err -ErrorAction SilentlyContinue
        $err.FullyQualifiedErrorId | Should -Be @('HookTrustNotNeeded,Codex.Plugins.Commands.ApproveCodexHookCommand', 'HookNotFound,Codex.Plugins.Commands.ApproveCodexHookCommand')
        $err[0].ToString() | Should -Match 'runs it without asking for trust'
        $out.Event | Should -Be 'Stop'
        $out.TrustStatus | Should -Be 'Trusted'
    }

    It 'refuses an mcp_tool handler, whose hash it cannot compute' {
        $t = New-TrustHome
        $s = $t.Splat
        Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"PreToolUse":[{"hooks":[{"type":"mcp_tool","server":"guard","tool":"check"}]}]}}'
        $hook = Get-CodexHook @s -WarningAction SilentlyContinue | Where-Object HandlerType -eq 'mcp_tool'
        if (-not $hook) { Set-ItResult -Skipped -Because 'this build of Get-CodexHook does not list mcp_tool handlers'; return }
        $null = $hook | Approve-CodexHook -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'HookTrustHashUnknown,Codex.Plugins.Commands.ApproveCodexHookCommand'
        [System.IO.File]::ReadAllText((Join-Path $t.Home 'config.toml')) | Should -Not -Match 'hooks\.state'
    }

    It 'asks for confirmation by default: trusting a hook lets Codex run its code' {
        (Get-Command Approve-CodexHook).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}

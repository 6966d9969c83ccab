#Requires -Version 7.4
# Whether codex can start with a configuration, held against the real Codex CLI on the same homes: every value of the
# wrong type, unknown variant and default permission profile codex refuses is an error finding of the audit (CODEX-
# CONFIG-001) in codex's words and at codex's key, and everything codex starts with (unknown keys, unknown feature
# names, a broken profile nobody selected) is not. The expectation of each case is what codex does with it.

BeforeDiscovery {
    # name, config.toml, and an optional profile file (work.config.toml, audited with -Profile work as codex --profile work).
    $script:Cases = @(
        @{ Name = 'approval_policy unknown variant'; Config = 'approval_policy = "sometimes"' }
        @{ Name = 'approval_policy granular table'; Config = "[approval_policy.granular]`nmcp_elicitations = true`nrules = true`nsandbox_approval = false" }
        @{ Name = 'sandbox_mode unknown variant'; Config = 'sandbox_mode = "read-only-ish"' }
        @{ Name = 'sandbox_mode integer'; Config = 'sandbox_mode = 3' }
        @{ Name = 'model integer'; Config = 'model = 5' }
        @{ Name = 'model as a date'; Config = 'model = 1979-05-27' }
        @{ Name = 'model_context_window string'; Config = 'model_context_window = "big"' }
        @{ Name = 'model_context_window float'; Config = 'model_context_window = 1.5' }
        @{ Name = 'model_context_window negative'; Config = 'model_context_window = -5' }
        @{ Name = 'model_verbosity unknown variant'; Config = 'model_verbosity = "loud"' }
        @{ Name = 'model_reasoning_summary unknown variant'; Config = 'model_reasoning_summary = "huge"' }
        @{ Name = 'hide_agent_reasoning string'; Config = 'hide_agent_reasoning = "yes"' }
        @{ Name = 'instructions integer'; Config = 'instructions = 3' }
        @{ Name = 'developer_instructions integer'; Config = 'developer_instructions = 3' }
        @{ Name = 'notify string'; Config = 'notify = "say hi"' }
        @{ Name = 'file_opener unknown variant'; Config = 'file_opener = "emacs"' }
        @{ Name = 'web_search unknown variant'; Config = 'web_search = "sometimes"' }
        @{ Name = 'tools.web_search string'; Config = "[tools]`nweb_search = `"yes`"" }
        @{ Name = 'tools.web_search boolean'; Config = "[tools]`nweb_search = true" }
        @{ Name = 'features value string'; Config = "[features]`nhooks = `"yes`"" }
        @{ Name = 'features unknown name'; Config = "[features]`nnot_a_feature = true" }
        @{ Name = 'features table form wrong type'; Config = "[features.apps_mcp_path_override]`nenabled = `"x`"" }
        @{ Name = 'tui.notifications integer'; Config = "[tui]`nnotifications = 3" }
        @{ Name = 'tui.notifications list'; Config = "[tui]`nnotifications = [`"agent-turn-complete`"]" }
        @{ Name = 'sandbox_workspace_write string boolean'; Config = "[sandbox_workspace_write]`nnetwork_access = `"true`"" }
        @{ Name = 'sandbox_workspace_write unknown key'; Config = "[sandbox_workspace_write]`nfoo = 1" }
        @{ Name = 'shell_environment_policy unknown variant'; Config = "[shell_environment_policy]`ninherit = `"some`"" }
        @{ Name = 'history unknown variant'; Config = "[history]`npersistence = `"forever`"" }
        @{ Name = 'otel exporter unknown variant'; Config = "[otel]`nexporter = `"carrier-pigeon`"" }
        @{ Name = 'project trust unknown variant'; Config = "[projects.`"/x`"]`ntrust_level = `"maybe`"" }
        @{ Name = 'project unknown key'; Config = "[projects.`"/x`"]`ntrust_level = `"trusted`"`nfoo = 1" }
        @{ Name = 'profiles table unknown variant'; Config = "[profiles.x]`napproval_policy = `"bad`"" }
        @{ Name = 'apps entry string boolean'; Config = "[apps.x]`nenabled = `"no`"" }
        @{ Name = 'agent role integer description'; Config = "[agents.reviewer]`ndescription = 3" }
        @{ Name = 'agents max_threads 0'; Config = "[agents]`nmax_threads = 0" }
        @{ Name = 'agents max_depth 0'; Config = "[agents]`nmax_depth = 0" }
        @{ Name = 'inline hook matcher integer'; Config = "[[hooks.PreToolUse]]`nmatcher = 3" }
        @{ Name = 'inline hook without command'; Config = "[[hooks.PreToolUse]]`n[[hooks.PreToolUse.hooks]]`ntype = `"command`"" }
        @{ Name = 'inline hook unknown type'; Config = "[[hooks.PreToolUse]]`n[[hooks.PreToolUse.hooks]]`ntype = `"banana`"`ncommand = `"x`"" }
        @{ Name = 'inline hook timeout string'; Config = "[[hooks.PreToolUse]]`n[[hooks.PreToolUse.hooks]]`ntype = `"command`"`ncommand = `"x`"`ntimeout = `"5`"" }
        @{ Name = 'inline hook unknown event'; Config = "[[hooks.NotAnEvent]]`n[[hooks.NotAnEvent.hooks]]`ntype = `"command`"`ncommand = `"x`"" }
        @{ Name = 'permission access word'; Config = "[permissions.p.filesystem]`n`":workspace_roots`" = `"rw`"" }
        @{ Name = 'permission description integer'; Config = "default_permissions = `"p`"`n[permissions.p]`nextends = `":workspace`"`ndescription = 3" }
        @{ Name = 'default_permissions without a permissions table'; Config = 'default_permissions = "ghost"' }
        @{ Name = 'default_permissions undefined'; Config = "default_permissions = `"ghost`"`n[permissions.other]`nextends = `":read-only`"" }
        @{ Name = 'default_permissions built-in'; Config = 'default_permissions = ":workspace"' }
        @{ Name = 'permissions without default_permissions'; Config = "[permissions.p]`nextends = `":workspace`"" }
        @{ Name = 'permissions with a legacy sandbox_mode'; Config = "sandbox_mode = `"read-only`"`n[permissions.q]`nextends = `":read-only`"" }
        @{ Name = 'default profile inheritance cycle'; Config = "default_permissions = `"p`"`n[permissions.p]`nextends = `"q`"`n[permissions.q]`nextends = `"p`"" }
        @{ Name = 'default profile undefined parent'; Config = "default_permissions = `"p`"`n[permissions.p]`nextends = `"zz`"" }
        @{ Name = 'default profile relative path'; Config = "default_permissions = `"p`"`n[permissions.p.filesystem]`n`"relative/x`" = `"read`"" }
        @{ Name = 'unused profile undefined parent'; Config = "default_permissions = `"p`"`n[permissions.p]`nextends = `":workspace`"`n[permissions.q]`nextends = `"zz`"" }
        @{ Name = 'unused profile cycle'; Config = "default_permissions = `"p`"`n[permissions.p]`nextends = `":workspace`"`n[permissions.q]`nextends = `"r`"`n[permissions.r]`nextends = `"q`"" }
        @{ Name = 'profile file unknown variant'; Config = 'model = "gpt-5"'; ProfileFile = 'sandbox_mode = "sometimes"' }
        @{ Name = 'profile file well typed'; Config = 'model = "gpt-5"'; ProfileFile = "sandbox_mode = `"read-only`"`n[features]`nhooks = true" }
        @{ Name = 'unknown top-level key'; Config = 'totally_unknown_key = 1' }
    )
}

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:CodexMissing = Get-CompatCodexMissingReason
    $script:Base = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot "../../out/compat-homes/schema-$PID"))

    function New-SchemaHome([string] $Name, [string] $Config, [string] $ProfileFile) {
        $root = Join-Path $Base ($Name -replace '[^A-Za-z0-9]+', '-')
        $codexHome = Join-Path $root 'home/.codex'
        $null = New-Item -ItemType Directory -Force $codexHome, (Join-Path $root 'work'), (Join-Path $root 'etc-codex')
        [IO.File]::WriteAllText((Join-Path $codexHome 'config.toml'), $Config + "`n")
        $profile = $null
        if ($ProfileFile) { [IO.File]::WriteAllText((Join-Path $codexHome 'work.config.toml'), $ProfileFile + "`n"); $profile = 'work' }
        [pscustomobject]@{
            CodexHome = $codexHome; UserHome = (Join-Path $root 'home'); WorkingDirectory = (Join-Path $root 'work')
            SystemConfigPath = $null; Profile = $profile; ClearEnvironment = @()
            Splat = @{ CodexHome = $codexHome; ProjectPath = (Join-Path $root 'work'); SystemConfigPath = (Join-Path $root 'etc-codex') }
        }
    }

    # codex's refusal: which load failed, its cause (serde's words) and the key it names ("in `features`").
    function Get-CodexRefusal([string] $StdErr) {
        $text = ($StdErr -replace '(?s)Stack backtrace:.*$', '')
        if ($text -notmatch '(failed to load (?:bootstrap )?configuration)\s*Caused by:\s*(?:\d+:\s*)?(.+?)(?:\s+in `([^`]+)`)?\s*(?:\d+:|$)') { return $null }
        $cause = $Matches[2] -replace '^.*?config\.toml:\d+:\d+:\s*', '' -replace '\s+', ' '
        [pscustomobject]@{ Phase = $Matches[1]; Cause = $cause.Trim(); Key = $Matches[3] }
    }

    # The first segments of a dotted key, without TOML quotes.
    function Get-KeySegments([string] $Key) { @([regex]::Matches($Key, '"[^"]*"|[^.\[\]]+') | ForEach-Object { $_.Value.Trim('"') }) }
}

AfterAll {
    if ($Base -and (Test-Path $Base)) { Remove-Item -Recurse -Force $Base }
}

Describe 'The audit says codex cannot start exactly when codex cannot start' -Tag Compat {
    It '<Name>' -ForEach $Cases -Skip:([bool]$CodexMissing) {
        $h = New-SchemaHome $Name $Config $ProfileFile
        $codex = Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'list', '--json')
        $s = $h.Splat
        $auditProfile = if ($h.Profile) { @{ Profile = $h.Profile } } else { @{} }
        $f = @(Test-CodexConfiguration @s @auditProfile -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $load = @($f | Where-Object RuleId -eq 'CODEX-CONFIG-001')

        if ($codex.ExitCode -eq 0) {
            $load | Should -BeNullOrEmpty -Because 'codex starts with this configuration'
            return
        }

        $refusal = Get-CodexRefusal $codex.StdErr
        $refusal | Should -Not -BeNullOrEmpty -Because "codex said: $($codex.StdErr)"
        $load | Should -Not -BeNullOrEmpty -Because "codex refuses it: $($refusal.Phase): $($refusal.Cause)"
        $load[0].Severity | Should -Be 'Error'
        $load[0].Message | Should -BeLike "*$($refusal.Phase):*"
        $load[0].File | Should -Not -BeNullOrEmpty
        $load[0].Line | Should -BeGreaterThan 0
        @($f | Where-Object RuleId -like 'CODEX-PERM-*') | Should -BeNullOrEmpty -Because 'nothing is said about the permissions of a configuration codex never loaded'
        if ($refusal.Key) {
            # codex names the key down to where serde stopped (a flattened table stops early); ours goes to the value.
            $ours = @(Get-KeySegments ($load[0].Message -replace '^.* in `([^`]+)`.*$', '$1'))
            $theirs = @(Get-KeySegments $refusal.Key)
            $shorter = [Math]::Min($ours.Count, $theirs.Count)
            ($ours[0..($shorter - 1)] -join '.') | Should -Be ($theirs[0..($shorter - 1)] -join '.')
        }

        # The cause in serde's words. An integer given for an enum of names only is where serde speaks of its own
        # inner shape ("invalid type: unit variant, expected string only"); the audit says what the value is instead.
        if ($refusal.Cause -notmatch 'unit variant') {
            $load[0].Message | Should -Match ([regex]::Escape($refusal.Cause))
        }
    }
}

Describe 'The audit of config files codex reads as absent, or cannot read' -Tag Compat {
    It '<Name>' -ForEach @(
        @{ Name = 'config.toml a link to nothing'; Prepare = { param($h) New-Item -ItemType SymbolicLink -Path (Join-Path $h.CodexHome 'config.toml') -Target (Join-Path $h.UserHome 'nowhere/config.toml') -Force | Out-Null } }
        @{ Name = 'config.toml a folder'; Prepare = { param($h) Remove-Item (Join-Path $h.CodexHome 'config.toml'); New-Item -ItemType Directory (Join-Path $h.CodexHome 'config.toml') | Out-Null } }
        @{ Name = 'config.toml not UTF-8'; Prepare = { param($h) [IO.File]::WriteAllBytes((Join-Path $h.CodexHome 'config.toml'), [byte[]](0x6D, 0x6F, 0x64, 0x65, 0x6C, 0x3D, 0x22, 0x63, 0xE9, 0x22, 0x0A)) } }
        @{ Name = 'config.toml empty'; Prepare = { param($h) [IO.File]::WriteAllText((Join-Path $h.CodexHome 'config.toml'), '') } }
        @{ Name = 'config.toml with a byte order mark'; Prepare = { param($h) [IO.File]::WriteAllText((Join-Path $h.CodexHome 'config.toml'), "model = `"gpt-5`"`n", [Text.UTF8Encoding]::new($true)) } }
        @{ Name = 'a trusted project''s config with an unknown variant'; Prepare = {
                param($h)
                $null = New-Item -ItemType Directory -Force (Join-Path $h.WorkingDirectory '.git'), (Join-Path $h.WorkingDirectory '.codex')
                [IO.File]::WriteAllText((Join-Path $h.CodexHome 'config.toml'), "[projects.`"$($h.WorkingDirectory)`"]`ntrust_level = `"trusted`"`n")
                [IO.File]::WriteAllText((Join-Path $h.WorkingDirectory '.codex/config.toml'), "sandbox_mode = `"bogus`"`n")
            } }
    ) {
        if ($CodexMissing) { Set-ItResult -Skipped -Because $CodexMissing; return }
        $h = New-SchemaHome $Name 'model = "gpt-5"' $null
        & $Prepare $h
        $codex = Invoke-Codex -CompatHome $h -ArgumentList @('mcp', 'list', '--json')
        $s = $h.Splat
        $load = @(Test-CodexConfiguration @s -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object RuleId -eq 'CODEX-CONFIG-001')
        if ($codex.ExitCode -eq 0) {
            $load | Should -BeNullOrEmpty -Because 'codex starts with this configuration'
        } else {
            $load | Should -Not -BeNullOrEmpty -Because "codex refuses it: $($codex.StdErr -replace '(?s)Stack backtrace:.*$', '')"
            $load[0].Message | Should -BeLike '*failed to load bootstrap configuration*'
        }
    }
}

# A shell that helps: names complete from the bound Codex home, default views fit 120 columns without losing what an
# admin acts on, previews never show a secret, and a -CodexHome that is a file is named as such.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    $t = New-TestCodexHome 'shell'
    $script:T = $t
    $script:S = $t.Splat
    $mk = Join-Path $t.Root 'marketplace'
    $script:ConfigText = @"
default_permissions = "tight"

[permissions.tight]
extends = ":workspace"

[mcp_servers.sentry]
url = "https://mcp.sentry.dev/mcp"
bearer_token_env_var = "SENTRY_TOKEN"
http_headers = { Authorization = "Bearer abcdef0123456789abcdef01", "X-Org" = "acme" }

[mcp_servers.warehouse-database]
command = "pg-mcp"
args = ["--read-only"]
env = { DATABASE_URL = "postgresql://app:hunter22secret@db.internal/warehouse", LOG_LEVEL = "debug" }
enabled_tools = ["query"]

[mcp_servers.openai-docs]
command = "docs-mcp"
env = { OPENAI_API_KEY = "sk-proj-abcdefghijklmnop1234567890" }

[marketplaces.team]
source_type = "local"
source = "$mk"

[plugins."docs@team"]
enabled = true
"@
    Write-TestFile (Join-Path $t.Home 'config.toml') $ConfigText
    Write-TestFile (Join-Path $t.Home 'work.config.toml') "model = `"gpt-5`"`n"
    Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') '{ "name": "team", "plugins": [ { "name": "docs", "source": "./plugins/docs" } ] }'
    Write-TestFile (Join-Path $t.Home 'plugins/cache/team/docs/1.0.0/.codex-plugin/plugin.json') '{"name":"docs","version":"1.0.0"}'
    Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"python3 ~/.codex/hooks/block-force-push.py --strict"}]}]}}'
    Write-TestFile (Join-Path $t.Home 'agents/reviewer.toml') "name = `"reviewer`"`ndescription = `"Reviews`"`ndeveloper_instructions = `"Review.`"`n"
    Write-TestFile (Join-Path $t.Home 'skills/release-notes/SKILL.md') "---`nname: release-notes`ndescription: Writes release notes.`n---`nBody`n"

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }

    function Format-At120($InputObject) { $InputObject | Out-String -Width 120 }

    function Get-TableColumn([string] $Text, [string] $Label) {
        # A column of a wrapped table, its pieces joined across lines: the header's dashes give each column's span.
        $lines = $Text -split "\r?\n"
        $rule = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^-+( +-+)*\s*$' })
        $header = $lines[$rule - 1]
        $spans = [regex]::Matches($lines[$rule], '-+') | ForEach-Object { [pscustomobject]@{ Start = $_.Index; Length = $_.Length } }
        $index = [array]::IndexOf(@($spans | ForEach-Object { $header.Substring($_.Start, [Math]::Min($_.Length, $header.Length - $_.Start)).Trim() }), $Label)
        $span = @($spans)[$index]
        $next = if ($index + 1 -lt @($spans).Count) { @($spans)[$index + 1].Start } else { [int]::MaxValue }
        ($lines[($rule + 1)..($lines.Count - 1)] | ForEach-Object {
                if ($_.Length -gt $span.Start) { $_.Substring($span.Start, [Math]::Min($next, $_.Length) - $span.Start).Trim() }
            }) -join ''
    }
}

Describe 'Tab completion from the bound Codex home' {
    It 'completes <Line>' -ForEach @(
        @{ Line = 'Get-CodexMcpServer -Name '; Expect = @('openai-docs', 'sentry', 'warehouse-database') }
        @{ Line = 'Set-McpToolApproval -Name war'; Expect = @('warehouse-database') }
        @{ Line = 'Get-CodexPlugin -Name '; Expect = @('docs', 'docs@team') }
        @{ Line = 'Disable-CodexPlugin -PluginId do'; Expect = @('docs', 'docs@team') }
        @{ Line = 'Get-CodexPlugin -Marketplace '; Expect = @('team') }
        @{ Line = 'Get-CodexMcpServer -Profile '; Expect = @('work') }
        @{ Line = 'Test-CodexPermissionProfile -Name t'; Expect = @('tight') }
        @{ Line = 'Get-CodexSkill -Name '; Expect = @('release-notes') }
        @{ Line = 'Get-CodexAgent -Name '; Expect = @('reviewer') }
        @{ Line = 'Test-CodexConfiguration -RuleId CODEX-MCP'; Expect = @('CODEX-MCP-001', 'CODEX-MCP-002') }
        @{ Line = 'Get-CodexConfig -Key mcp_servers.sentry.'; Expect = @('mcp_servers.sentry.bearer_token_env_var', 'mcp_servers.sentry.http_headers', 'mcp_servers.sentry.http_headers.Authorization', 'mcp_servers.sentry.http_headers.X-Org', 'mcp_servers.sentry.url') }
    ) {
        $line = $Line -replace '^(\S+) ', ('$1 -CodexHome ''{0}'' -SystemConfigPath ''{1}'' -ProjectPath ''{2}'' ' -f $T.Home, $T.System, $T.Project)
        @(Complete $line) | Should -Be $Expect
    }

    It 'offers completion on every parameter that names something, except those that name something new or free-form' {
        # Why each exception has no completer: the value is new, a secret, a remote machine, or free text of a payload.
        $free = @(
            'New-CodexPlugin -Name', 'New-CodexPlugin -DisplayName',                  # the name of a plugin not yet made
            'Find-CodexSecret -Key', 'Protect-CodexData -Key',                        # an HMAC key, a secret
            'Export-CodexAuditReport -Machine', 'Get-CodexSession -Machine', 'Measure-CodexSession -Machine', # a label for copied data
            'Publish-CodexManagedConfig -HostName', 'Publish-CodexManagedConfig -ComputerName', 'Publish-CodexManagedConfig -UserName',
            'Invoke-CodexHook -ToolName', 'Invoke-CodexHook -ToolUseId', 'Invoke-CodexHook -AgentId', 'Invoke-CodexHook -TurnId', # payload fields
            'Set-McpToolApproval -Tool'                                               # tools a server offers at run time
        )
        $missing = foreach ($c in Get-Command -Module Codex.Plugins) {
            foreach ($p in $c.Parameters.Values) {
                if ($p.Name -notmatch '(Name|Id|Key|Profile|Marketplace|Rule|Event|Role|Machine|Server|Tool|Kind)$') { continue }
                if ($p.ParameterType -notin [string], [string[]]) { continue }
                $offers = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] -or $_ -is [System.Management.Automation.ValidateSetAttribute] }
                if (-not $offers -and "$($c.Name) -$($p.Name)" -notin $free) { "$($c.Name) -$($p.Name)" }
            }
        }
        $missing | Should -BeNullOrEmpty
        @(Complete ("Compare-CodexPlugin -CodexHome '{0}' -SystemConfigPath '{1}' -ProjectPath '{2}' -PluginId do" -f $T.Home, $T.System, $T.Project)) | Should -Be @('docs@team')
    }

    It 'completes hook keys whole, and a prefix typed in the wrong case offers the right name' {
        $key = (Get-CodexHook @S).Key
        @(Complete ("Approve-CodexHook -CodexHome '{0}' -SystemConfigPath '{1}' -ProjectPath '{2}' -Key " -f $T.Home, $T.System, $T.Project)) | Should -Be @($key)
        @(Complete ("Get-CodexMcpServer -CodexHome '{0}' -SystemConfigPath '{1}' -ProjectPath '{2}' SEN" -f $T.Home, $T.System, $T.Project)) | Should -Be @('sentry')
    }
}

Describe 'Default views at 120 columns' {
    It 'shows the MCP servers'' Auth and approval' {
        $text = Format-At120 (Get-CodexMcpServer @S)
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
        $text | Should -Match 'Auth\s+Approval'
        $text | Should -Match 'BearerTokenEnvVar'
        $text | Should -Match 'auto\*'
        $text | Should -Not -Match 'hunter22'
    }

    It 'shows a finding''s whole message and its file:line' {
        $f = @(Test-CodexConfiguration @S -RuleId CODEX-MCP-002 -WarningAction SilentlyContinue)
        $text = Format-At120 $f
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
        $messages = (Get-TableColumn $text 'Message') -replace '\s+', ''
        $locations = Get-TableColumn $text 'Location'
        foreach ($finding in $f) {
            $messages | Should -Match ([regex]::Escape(($finding.Message -replace '\s+', '')))
            $locations | Should -Match ([regex]::Escape(('{0}:{1}' -f $finding.File, $finding.Line)))
        }
    }

    It 'shows a config value''s file:line whole' {
        $v = Get-CodexConfig default_permissions @S
        Get-TableColumn (Format-At120 $v) 'Source' | Should -Be ('{0}:{1}' -f $v.File, $v.Line)
    }

    It 'never breaks a hook key, which is what Approve-CodexHook takes' {
        $hook = Get-CodexHook @S
        $text = Format-At120 $hook
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
        $text | Should -Match ([regex]::Escape($hook.Key))
    }
}

Describe 'Previews never show a secret' {
    It 'masks context and changed lines of the -WhatIf diff' {
        # -WhatIf writes to the host, so the preview is read from a child shell's output, as a user sees it.
        $pwsh = Get-PwshCommand
        $script = "Import-Module '$ModulePath'; Set-McpToolApproval sentry, warehouse-database, openai-docs -Mode prompt -CodexHome '$($T.Home)' -SystemConfigPath '$($T.System)' -ProjectPath '$($T.Project)' -WhatIf"
        $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -Command $script 2>&1 | Out-String
        $out | Should -Match '\+default_tools_approval_mode = "prompt"'
        $out | Should -Match 'Authorization = "\*\*\*\*\*"'
        $out | Should -Not -Match 'abcdef0123456789|hunter22|sk-proj-abcdefghij'
        [IO.File]::ReadAllText((Join-Path $T.Home 'config.toml')) | Should -BeExactly $ConfigText
    }

    It 'masks the diff -Confirm shows, which is the same diff' {
        $pwsh = Get-PwshCommand
        $script = "Import-Module '$ModulePath'; Set-McpToolApproval openai-docs -Mode prompt -CodexHome '$($T.Home)' -SystemConfigPath '$($T.System)' -ProjectPath '$($T.Project)' -Confirm"
        $out = 'N' | & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -Command $script 2>&1 | Out-String
        $out | Should -Match 'default_tools_approval_mode = "prompt"'
        $out | Should -Match 'OPENAI_API_KEY = "\*\*\*\*\*"'
        $out | Should -Not -Match 'sk-proj-abcdefghij'
        [IO.File]::ReadAllText((Join-Path $T.Home 'config.toml')) | Should -BeExactly $ConfigText
    }
}

Describe 'Answering No at -Confirm' {
    It 'writes nothing and leaves no progress bar behind, in a terminal' -Skip:(-not (Get-Command script -ErrorAction Ignore) -or $IsWindows) {
        # A real terminal (script(1) gives one): progress is only drawn where a user would see it.
        $pwsh = (Get-PwshCommand) -join ' '
        $cmd = "Import-Module '$ModulePath'; Set-McpToolApproval openai-docs -Mode prompt -CodexHome '$($T.Home)' -SystemConfigPath '$($T.System)' -ProjectPath '$($T.Project)' -Confirm; 'finished'"
        $scriptFile = Join-Path $TestDrive 'confirm.ps1'
        Set-Content $scriptFile $cmd
        $log = Join-Path $TestDrive 'confirm.log'
        $answer = Join-Path $TestDrive 'answer.sh'
        Set-Content $answer "sleep 6; printf 'N\r'; sleep 4"
        & sh -c "sh '$answer' | script -qfc `"$pwsh -NoProfile -File '$scriptFile'`" '$log' >/dev/null 2>&1"
        # Terminal escapes and control characters out, so the text (and a failure message) is plain.
        $out = (Get-Content -Raw $log) -replace '\x1b\[[0-9;?]*[A-Za-z]', '' -replace '[\x00-\x08\x0b-\x1f]', ''
        $out | Should -Match 'finished'
        $out | Should -Match 'OPENAI_API_KEY = "\*\*\*\*\*"'
        ($out -match 'Writing ') | Should -BeFalse -Because 'nothing was confirmed, so nothing is written and no progress is drawn'
        [IO.File]::ReadAllText((Join-Path $T.Home 'config.toml')) | Should -BeExactly $ConfigText
    }
}

Describe 'A -CodexHome that is a file' {
    It 'says it is not a directory, as codex does' {
        $file = Join-Path $T.Root 'not-a-home'
        Set-Content $file 'x'
        $null = Get-CodexMcpServer -CodexHome $file -SystemConfigPath $T.System -ProjectPath $T.Project -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CodexHomeNotDirectory,*'
        "$($err[0])" | Should -Match 'is not a directory'
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Known secrets, fed through every cmdlet that outputs data; none may come out unmasked.
    $script:Token = 'ghp_Q3r8Tz1Lm9Xv4Kc7Wb2Np6Hd5Fs0Jy8Ua1Ee'
    $script:Password = 'Qz8vR3pW7x'
    $script:Openai = 'sk-proj-Wq8Zr3vT7kL9mW2xR7pN4bY6cF1hJ5sT3BlbkFJd0gA8eK3uV7iq8Zr3vT7kL9mW2xR'
    # Given as its own args element after a flag: no text rule sees it, only its place in the list.
    $script:FlagPassword = 'Vx4kTq9mZp'
    $script:Known = @($Token, $Password, $Openai, $FlagPassword)
    function Assert-NoSecret {
        param([Parameter(ValueFromPipeline)] $InputObject, [string] $Because)
        begin { $all = [System.Collections.Generic.List[string]]::new() }
        process { if ($null -ne $InputObject) { $all.Add($InputObject) } }
        end {
            # Format-List output is a stream of formatting records: render them together.
            $text = $all | Out-String -Width 400
            foreach ($secret in $script:Known) { $text | Should -Not -Match ([regex]::Escape($secret)) -Because $Because }
        }
    }
}

Describe 'Find-CodexSecret' {
    BeforeAll {
        $script:t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') @"
model = "o3"
[mcp_servers.gh]
command = "npx"
args = ["-y", "server", "--db", "postgres://app:$Password@db.internal/app"]
[mcp_servers.gh.env]
GITHUB_PERSONAL_ACCESS_TOKEN = "$Token"
[hooks]
UserPromptSubmit = [{ hooks = [{ type = "command", command = "notify --token $Openai" }] }]
"@
        Write-TestFile (Join-Path $t.Project 'AGENTS.md') "Use the key $Openai for evals.`n"
        Write-TestFile (Join-Path $t.Home 'skills/deploy/SKILL.md') "---`nname: deploy`ndescription: deploys`n---`nexport GITHUB_TOKEN=$Token`n"
    }

    It 'scans what Codex reads when given nothing, with file, line and a masked preview' {
        $f = @(Find-CodexSecret -CodexHome $t.Home -ProjectPath $t.Project -ErrorAction Stop)
        $f.File | Should -Contain (Join-Path $t.Home 'config.toml')
        $f.File | Should -Contain (Join-Path $t.Project 'AGENTS.md')
        $f.File | Should -Contain (Join-Path $t.Home 'skills/deploy/SKILL.md')
        ($f | Where-Object RuleId -eq 'github-pat' | Select-Object -First 1).MaskedPreview | Should -Match 'ghp_\u2026\[GITHUB_TOKEN#[0-9a-f]{8}\]'
        $f | Where-Object RuleId -eq 'url-password' | Should -Not -BeNullOrEmpty
        $f | Assert-NoSecret -Because 'findings never carry the secret'
        $f | Format-List * | Assert-NoSecret
        $f | ConvertTo-Json -Depth 5 | Assert-NoSecret
    }

    It 'says so when the home it was given does not exist, and still scans the project' {
        # A nightly scan of a mistyped home must not come back clean and silent.
        $missing = Join-Path $t.Root 'no-such-home/.codex'
        $f = @(Find-CodexSecret -CodexHome $missing -ProjectPath $t.Project -ErrorVariable err -ErrorAction SilentlyContinue)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CodexHomeNotFound,*'
        $err[0].TargetObject | Should -Be $missing
        $f.File | Should -Contain (Join-Path $t.Project 'AGENTS.md')
    }

    It 'gives the secret only with -IncludeSecret' {
        $f = Find-CodexSecret -Path (Join-Path $t.Project 'AGENTS.md') -IncludeSecret
        $f.Secret | Should -Be $Openai
    }

    It 'walks objects deeply and names the property path' {
        $o = [pscustomobject]@{ Name = 'x'; Env = @{ API_TOKEN = 'plain-but-named-1'; Other = "Bearer $Token" }; List = @('a', "pw $Password") }
        $f = @($o | Find-CodexSecret)
        $f.File | Should -Contain 'InputObject.Env.Other'
        $f.File | Should -Contain 'InputObject.Env.API_TOKEN'
        $f | Assert-NoSecret
    }

    It 'reports only new findings against a baseline file' {
        $all = @(Find-CodexSecret -Path $t.Home)
        $baseline = Join-Path $TestDrive 'baseline.txt'
        $all | Select-Object -ExpandProperty Fingerprint | Set-Content $baseline
        Find-CodexSecret -Path $t.Home -BaselinePath $baseline | Should -BeNullOrEmpty
    }

    It 'completes rule names and refuses unknown ones' {
        $c = TabExpansion2 -inputScript 'Find-CodexSecret -Rule github-' -cursorColumn 30
        $c.CompletionMatches.CompletionText | Should -Contain 'github-pat'
        { Find-CodexSecret -Path $t.Home -Rule no-such-rule } | Should -Throw -ErrorId 'SecretRuleUnknown,Codex.Plugins.Commands.FindCodexSecretCommand'
    }

    It 'goes on after unreadable, binary and missing files, each with its error id' {
        $dir = Join-Path $TestDrive 'bad'
        Write-TestFile (Join-Path $dir 'a.txt') "t=$Token`n"
        [System.IO.File]::WriteAllBytes((Join-Path $dir 'b.bin'), [byte[]](1, 0, 2, 3))
        [System.IO.File]::WriteAllBytes((Join-Path $dir 'c.txt'), [byte[]](0x66, 0xFF, 0x20) + [System.Text.Encoding]::UTF8.GetBytes($Token))
        $f = @(Find-CodexSecret -Path $dir, (Join-Path $dir 'missing.txt') -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue)
        $f.Count | Should -Be 2
        $errs.FullyQualifiedErrorId | Should -Contain 'SecretPathNotFound,Codex.Plugins.Commands.FindCodexSecretCommand'
        ($warns -join "`n") | Should -Match 'binary'
        ($warns -join "`n") | Should -Match 'not valid UTF-8'
    }
}

Describe 'Protect-CodexData and Unprotect-CodexData' {
    It 'masks strings and objects; placeholders round-trip through the mapping file' {
        $map = Join-Path $TestDrive 'map.json'
        $ticket = "From jane.doe@contoso.org about card 4539 1488 0343 6467; token $Token"
        $masked = $ticket | Protect-CodexData -Mode Placeholder -MappingPath $map
        $masked | Should -Be 'From <EMAIL_1> about card <CARD_NUMBER_1>; token <GITHUB_TOKEN_1>'
        if (-not $IsWindows) { [int](Get-Item $map).UnixFileMode | Should -Be 384 }
        $masked | Unprotect-CodexData -MappingPath $map | Should -Be $ticket
        '<EMAIL_7> wrote' | Unprotect-CodexData -MappingPath $map -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Match '^MaskMappingMismatch'
        $o = [pscustomobject]@{ PSTypeName = 'X.Thing'; password = 'hunter2-real'; nested = @{ url = "https://u:$Password@h/x" } } | Protect-CodexData -Mode Redact
        $o.password | Should -Be '[SECRET]'
        $o.nested.url | Should -Be 'https://u:[URL_PASSWORD]@h/x'
        $o.PSObject.TypeNames | Should -Contain 'X.Thing'
    }

    It 'writes masked copies of files (JSON stays valid), -InPlace atomically, -WhatIf writes nothing' {
        $src = Join-Path $TestDrive 'in.json'
        Write-TestFile $src "{`"env`": {`"TOKEN`": `"$Token`"}, `"note`": `"db postgres://a:$Password@h/d`"}"
        $r = Protect-CodexData -Path $src -Destination (Join-Path $TestDrive 'out.json')
        $r.Replacements | Should -Be 2
        $r | Out-String | Should -Match 'Json'
        Get-Content -Raw (Join-Path $TestDrive 'out.json') | ConvertFrom-Json | Should -Not -BeNullOrEmpty
        Get-Content -Raw (Join-Path $TestDrive 'out.json') | Assert-NoSecret
        Protect-CodexData -Path $src -InPlace -WhatIf
        Get-Content -Raw $src | Should -Match ([regex]::Escape($Token))
        Protect-CodexData -Path $src -InPlace -Confirm:$false | Out-Null
        Get-Content -Raw $src | Assert-NoSecret
        Get-ChildItem $TestDrive -Filter *.tmp -Force | Should -BeNullOrEmpty
    }

    It 'refuses bad input with an id, writes nothing for it, and goes on with the next file' {
        $dir = Join-Path $TestDrive 'p'
        Write-TestFile (Join-Path $dir 'bad.json') "{`"token`": `"$Token`","
        Write-TestFile (Join-Path $dir 'good.txt') "t=$Token"
        [System.IO.File]::WriteAllBytes((Join-Path $dir 'blob.txt'), [byte[]](1, 0, 2))
        $out = Join-Path $TestDrive 'pout'
        $null = New-Item -ItemType Directory $out
        $r = Get-ChildItem $dir -File | Protect-CodexData -Destination $out -ErrorVariable errs -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $errs.FullyQualifiedErrorId -replace ',.*' | Sort-Object | Should -Be @('SecretFileBinary', 'SecretFormatInvalid')
        (Get-ChildItem $out).Name | Should -Be 'good.txt'
        { Unprotect-CodexData -InputObject x -MappingPath (Join-Path $dir 'good.txt') } | Should -Throw -ErrorId 'MaskMappingInvalid,Codex.Plugins.Commands.UnprotectCodexDataCommand'
    }

    It 'masks piped files side by side, yet results, counts and placeholder numbers follow the order of the files' {
        $dir = Join-Path $TestDrive 'many'
        $names = foreach ($i in 0..11) {
            # File i holds i + 1 tokens and one address of its own, between filler of very different lengths.
            $lines = foreach ($k in 0..$i) { 'x' * (($i * 7919) % 50000); "t$k=ghp_$('{0:D2}{1:D2}' -f $i, $k)Zx8W6v5U4t3S2r1Q0pOnMlKjIhGfEdCb" }
            Write-TestFile (Join-Path $dir ('f{0:D2}.txt' -f $i)) (($lines + "mail person$i@contoso.org") -join "`n")
            'f{0:D2}.txt' -f $i
        }
        $out = New-Item -ItemType Directory (Join-Path $TestDrive 'many-redact')
        $r = Get-ChildItem $dir -File | Protect-CodexData -Destination $out -Mode Redact -Category Secret
        (Split-Path -Leaf $r.Path) | Should -Be $names
        $r.Replacements | Should -Be (1..12)
        $map = Join-Path $TestDrive 'many-map.json'
        $out = New-Item -ItemType Directory (Join-Path $TestDrive 'many-placeholder')
        $r = Get-ChildItem $dir -File | Protect-CodexData -Destination $out -Mode Placeholder -MappingPath $map -Category PersonalData
        (Split-Path -Leaf $r.Path) | Should -Be $names
        foreach ($i in 0..11) { Get-Content -Raw (Join-Path $out $names[$i]) | Should -Match "mail <EMAIL_$($i + 1)>$" }
        # Two files of one name into one folder: the second sees the first one's copy there, as one at a time would.
        $twin = Join-Path $TestDrive 'twin'
        Write-TestFile (Join-Path $twin 'f00.txt') "t=$Token"
        $out = New-Item -ItemType Directory (Join-Path $TestDrive 'many-twin')
        $r = Protect-CodexData -Path (Join-Path $dir 'f00.txt'), (Join-Path $dir 'f01.txt'), (Join-Path $twin 'f00.txt') -Destination $out -Mode Redact -ErrorVariable e -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 2
        $e.FullyQualifiedErrorId | Should -BeLike 'SecretDestinationInvalid,*'
    }

    It 'stops for a bad parameter with the InvalidArgument category' {
        $dir = Join-Path $TestDrive 'badparam'
        Write-TestFile (Join-Path $dir 'good.txt') "t=$Token"
        $bad = @(
            { Unprotect-CodexData -InputObject x -MappingPath (Join-Path $dir 'good.txt') }
            { 'x' | Protect-CodexData -Rule no-such-rule }
            { Find-CodexSecret -Path $dir -AllowPattern '(' }
        )
        foreach ($call in $bad) {
            $e = $null
            try { & $call } catch { $e = $_ }
            $e | Should -Not -BeNullOrEmpty
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    It 'a restored copy of a file goes to a destination folder under its name, and a missing file is not read' {
        $dir = Join-Path $TestDrive 'restore'
        $map = Join-Path $dir 'map.json'
        Write-TestFile (Join-Path $dir 'ticket.txt') 'mail alice@example.com'
        $null = Protect-CodexData -Path (Join-Path $dir 'ticket.txt') -InPlace -Mode Placeholder -MappingPath $map -Category PersonalData
        $out = New-Item -ItemType Directory (Join-Path $TestDrive 'restored')
        $r = Unprotect-CodexData -Path (Join-Path $dir 'ticket.txt'), (Join-Path $dir 'gone.txt') -Destination $out -MappingPath $map -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Destination | Should -Be (Join-Path $out 'ticket.txt')
        Get-Content -Raw (Join-Path $out 'ticket.txt') | Should -Be 'mail alice@example.com'
        $e.FullyQualifiedErrorId | Should -BeLike 'SecretPathNotFound,*'
    }
}

Describe 'New-CodexSecretHook' {
    It 'writes the [hooks] entry through the configuration edit, trusted, and -WhatIf shows the diff only' {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') "# mine`nmodel = `"o3`"`n"
        $s = $t.Splat
        $whatIf = New-CodexSecretHook @s -WhatIf 6>&1 | Out-String
        Get-Content -Raw (Join-Path $t.Home 'config.toml') | Should -Be "# mine`nmodel = `"o3`"`n"
        $hooks = @(New-CodexSecretHook @s -Trust -PassThru -Confirm:$false)
        $hooks.Event | Sort-Object | Should -Be @('PreToolUse', 'UserPromptSubmit')
        $hooks.TrustStatus | Should -Be @('Trusted', 'Trusted')
        Get-Content -Raw (Join-Path $t.Home 'config.toml') | Should -Match '^# mine\nmodel = "o3"\n'
        @(New-CodexSecretHook @s -Trust -PassThru -Confirm:$false).Count | Should -Be 2
        @(Get-CodexHook @s).Count | Should -Be 2
    }
}

Describe 'Test-CodexConfiguration secret rules' {
    It 'reports secrets in skills, AGENTS.md, agent files and hook commands with file, line and a masked preview' {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'skills/deploy/SKILL.md') "---`nname: deploy`ndescription: deploys`n---`nexport GITHUB_TOKEN=$Token`n"
        Write-TestFile (Join-Path $t.Project 'AGENTS.md') "# Rules`n`nUse the key $Openai for evals.`n"
        Write-TestFile (Join-Path $t.Home 'agents/reviewer.toml') "name = `"reviewer`"`ndescription = `"reviews`"`ndeveloper_instructions = `"Log in with postgres://u:$Password@db/x`"`n"
        Write-TestFile (Join-Path $t.Home 'config.toml') "[hooks]`nStop = [{ hooks = [{ type = `"command`", command = `"notify --token $Token`" }] }]`n"
        $s = $t.Splat
        $f = @(Test-CodexConfiguration @s -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object RuleId -like 'CODEX-SECRET-*')
        $f.RuleId | Sort-Object -Unique | Should -Be @('CODEX-SECRET-001', 'CODEX-SECRET-002', 'CODEX-SECRET-003', 'CODEX-SECRET-004')
        ($f | Where-Object RuleId -eq 'CODEX-SECRET-002').Line | Should -Be 3
        $f | Format-List * | Assert-NoSecret
    }
}

Describe 'No secret leaves through any output' {
    BeforeAll {
        $script:h = New-TestCodexHome
        Write-TestFile (Join-Path $h.Home 'config.toml') @"
[mcp_servers.db]
command = "uvx"
args = ["mcp-postgres", "postgresql://app:$Password@db/app", "--token=$Token", "--password", "$FlagPassword"]
env = { API_KEY = "$Openai" }
[mcp_servers.db.tools.query]
approval_mode = "approve"
[mcp_servers.web]
url = "https://mcp.example.io/mcp?access_token=$Token"
http_headers = { Authorization = "Bearer $Token", X-Multi = ["$Password", "b"] }
[hooks]
PreToolUse = [{ hooks = [{ type = "command", command = "echo $Token >&2; exit 2" }] }]
"@
        $script:hs = $h.Splat
    }

    It 'Get-CodexMcpServer, Get-CodexConfig, Get-CodexHook: objects, default views, Format-List *, JSON, -Verbose, -Debug' {
        foreach ($cmd in 'Get-CodexMcpServer', 'Get-CodexConfig', 'Get-CodexHook') {
            $o = & $cmd @hs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -Verbose -Debug 4>&1 5>&1
            $o | Assert-NoSecret -Because "$cmd output"
            $o | Format-List * | Assert-NoSecret -Because "$cmd Format-List *"
            $o | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] } | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue | Assert-NoSecret -Because "$cmd JSON"
        }
    }

    It 'a password given after --password: masked in place in Get-CodexMcpServer, shown with -IncludeSecret, and the audit report names the flag' {
        $db = Get-CodexMcpServer db @hs
        $db.Args | Should -Be @('mcp-postgres', 'postgresql://app:*****@db/app', '--token=*****', '--password', '*****')
        (Get-CodexMcpServer db @hs -IncludeSecret).Args[4] | Should -Be $FlagPassword
        $finding = @(Test-CodexConfiguration @hs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object { $_.Target -eq 'db.args' -and $_.Message -match '--password' })
        $finding.Count | Should -Be 1
        $report = $finding | Export-CodexAuditReport -Format Markdown
        $report | Should -Match 'the flag --password names it a secret'
        $report | Assert-NoSecret
    }

    It 'Invoke-CodexHook results, error records and its log' {
        $log = Join-Path $TestDrive 'hook.log'
        $o = Invoke-CodexHook PreToolUse @hs -ToolInput @{ command = "curl -H 'Authorization: Bearer $Token'" } -IncludeUntrusted -LogPath $log -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $o | Format-List * | Assert-NoSecret
        $o | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue | Assert-NoSecret
        $e | Out-String | Assert-NoSecret
        Get-Content -Raw $log | Assert-NoSecret -Because 'the hook log'
    }

    It 'Test-CodexConfiguration findings and reports in every format' {
        $f = @(Test-CodexConfiguration @hs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $f | Format-List * | Assert-NoSecret
        foreach ($format in 'Json', 'Sarif', 'Html', 'Markdown') {
            $f | Export-CodexAuditReport -Format $format | Assert-NoSecret -Because "the $format report"
        }
    }

    It 'Set-McpToolApproval -WhatIf diffs' {
        $diff = Set-McpToolApproval -Name db -Mode Prompt @hs -WhatIf 6>&1 | Out-String
        $diff | Assert-NoSecret
    }

    It 'error messages that quote a file' {
        $bad = New-TestCodexHome
        Write-TestFile (Join-Path $bad.Home 'config.toml') "api_key = `"$Openai`"`n[broken`n"
        $splat = $bad.Splat
        Get-CodexMcpServer @splat -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
        $e | Format-List * -Force | Assert-NoSecret
    }
}

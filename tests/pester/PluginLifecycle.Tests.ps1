# The plugin lifecycle as a user types it: New-CodexPlugin packages without copying secrets, Test-CodexPlugin
# refuses what codex plugin add refuses and reviews reach, Publish-CodexPlugin edits marketplace.json by splice
# (versions grow, publishers take turns), Install-/Uninstall-CodexPlugin change the cache and config as codex does,
# Compare-CodexPlugin reports each change once.
BeforeDiscovery {
    $script:HaveCorpus = Test-Path (Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins/plugins')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-Plugin([string] $Root, [string] $Name, [string] $Version = '1.0.0', [string] $Extra = '') {
        Write-TestFile (Join-Path $Root "$Name/.codex-plugin/plugin.json") "{ `"name`": `"$Name`", `"version`": `"$Version`"$Extra }"
        Write-TestFile (Join-Path $Root "$Name/skills/hello/SKILL.md") "---`nname: hello`ndescription: Says hello.`n---`nSay hello.`n"
        return (Join-Path $Root $Name)
    }

    function New-Marketplace([string] $Root, [string] $Text) {
        Write-TestFile (Join-Path $Root '.agents/plugins/marketplace.json') $Text
        return $Root
    }

    $script:Corpus = Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins/plugins'
}

Describe 'New-CodexPlugin' {
    It 'writes the curated layout and turns env and header values into environment references' {
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') @'
[mcp_servers.db]
command = "db-mcp"
args = ["--port", "5432"]
env = { DB_PASSWORD = "hunter2-very-secret", DB_HOST = "db.internal" }

[mcp_servers.api]
url = "https://api.example.com/mcp"
http_headers = { "X-Api-Key" = "sk-live-abcdefghijklmnop1234" }
'@
        $s = $t.Splat
        $servers = Get-CodexMcpServer @s -IncludeSecret
        $skill = Join-Path $TestDrive 'skills/triage'
        Write-TestFile (Join-Path $skill 'SKILL.md') "---`nname: triage`ndescription: Triage issues.`n---`nSteps.`n"
        $out = Join-Path $TestDrive 'out'
        $result = New-CodexPlugin -Name team-tools -Path $out -Version 1.2.0 -Description 'Team tools' -Author 'Platform' -Skill $skill -McpServer $servers `
            -Hook @{ Event = 'PreToolUse'; Matcher = 'Bash'; Command = './scripts/gate.sh'; Timeout = 30 } -CodexHome $t.Home

        $root = Join-Path $out 'team-tools'
        $result.Installable | Should -BeTrue
        $result.Version | Should -Be '1.2.0'
        $result.Skills | Should -Be @('team-tools:triage')
        @($result.McpServers | Sort-Object) | Should -Be @('api', 'db')
        $result.Hooks | Should -Be @('PreToolUse: ./scripts/gate.sh')
        $all = (Get-ChildItem -Recurse -File -Force $root | ForEach-Object { Get-Content -Raw $_.FullName }) -join "`n"
        $all | Should -Not -Match 'hunter2'
        $all | Should -Not -Match 'sk-live'
        $all | Should -Not -Match 'db\.internal'
        $mcp = Get-Content -Raw (Join-Path $root '.mcp.json') | ConvertFrom-Json
        $mcp.mcpServers.db.env_vars | Should -Be @('DB_HOST', 'DB_PASSWORD')
        $mcp.mcpServers.api.env_http_headers.'X-Api-Key' | Should -Be 'API_X_API_KEY'
        $manifest = Get-Content -Raw (Join-Path $root '.codex-plugin/plugin.json') | ConvertFrom-Json
        $manifest.skills | Should -Be './skills/'
        $manifest.mcpServers | Should -Be './.mcp.json'
        $manifest.interface.developerName | Should -Be 'Platform'
        (Get-Content -Raw (Join-Path $root 'hooks/hooks.json') | ConvertFrom-Json).hooks.PreToolUse[0].matcher | Should -Be 'Bash'
    }

    It 'refuses a skill holding a secret, and writes nothing' {
        $skill = Join-Path $TestDrive 'leaky'
        Write-TestFile (Join-Path $skill 'SKILL.md') "---`nname: leaky`ndescription: x`n---`nexport GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789`n"
        $out = Join-Path $TestDrive 'out2'
        New-CodexPlugin -Name leaky -Path $out -Skill $skill -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginPartInvalid,*'
        "$($err[0])" | Should -Not -Match 'ghp_abcdef'
        Join-Path $out 'leaky' | Should -Not -Exist
    }

    It 'refuses a skill folder with a link leaving it' -Skip:$IsWindows {
        $skill = Join-Path $TestDrive 'linky'
        Write-TestFile (Join-Path $skill 'SKILL.md') "---`nname: linky`ndescription: x`n---`n"
        Write-TestFile (Join-Path $TestDrive 'outside.txt') 'private'
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $skill 'secret.txt') -Target (Join-Path $TestDrive 'outside.txt')
        New-CodexPlugin -Name linky -Path (Join-Path $TestDrive 'out3') -Skill $skill -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginLinkLeavesRoot,*'
        Join-Path $TestDrive 'out3/linky' | Should -Not -Exist
    }

    It 'refuses names and versions Codex refuses, as parameter errors' {
        { New-CodexPlugin -Name 'bad.name' -Path $TestDrive } | Should -Throw -ErrorId 'PluginNameInvalid,*'
        { New-CodexPlugin -Name good -Version '1/0' -Path $TestDrive } | Should -Throw -ErrorId 'PluginVersionInvalid,*'
    }

    It '-WhatIf lists the files and writes none' {
        $out = Join-Path $TestDrive 'whatif'
        $text = New-CodexPlugin -Name wi -Path $out -Hook @{ Event = 'Stop'; Command = 'echo done' } -WhatIf 6>&1 | Out-String
        Join-Path $out 'wi' | Should -Not -Exist
    }
}

Describe 'Test-CodexPlugin' {
    It 'refuses what codex plugin add refuses, in codex words' {
        $root = Join-Path $TestDrive 'broken'
        $cases = [ordered]@{
            blankver = '{ "name": "blankver", "version": "  " }'
            numver   = '{ "name": "numver", "version": 1 }'
            slash    = '{ "name": "slash", "version": "1.0/0" }'
            desc     = '{ "name": "desc", "version": "1.0.0", "description": 5 }'
            caps     = '{ "name": "caps", "version": "1.0.0", "interface": { "capabilities": [1] } }'
            apps     = '{ "name": "apps", "version": "1.0.0", "apps": ["./a"] }'
            dotname  = '{ "name": "dot.name", "version": "1.0.0" }'
            badjson  = '{ "name": "badjson",'
            fine     = '{ "name": "fine", "version": "1.0.0", "hooks": 5, "skills": "../x", "unknown": {} }'
            noname   = '{ "version": "2.0.0" }'
        }
        foreach ($k in $cases.Keys) { Write-TestFile (Join-Path $root "$k/.codex-plugin/plugin.json") $cases[$k] }
        $null = New-Item -ItemType Directory (Join-Path $root 'nomanifest')
        $results = Get-ChildItem -Directory $root | Test-CodexPlugin
        $refused = @($results | Where-Object { -not $_.Installable } | ForEach-Object { Split-Path -Leaf $_.Path } | Sort-Object)
        $refused | Should -Be @('apps', 'badjson', 'blankver', 'caps', 'desc', 'dotname', 'nomanifest', 'numver', 'slash')
        ($results | Where-Object { $_.Path -like '*blankver' }).Findings[0].Message | Should -Match 'must not be blank'
        ($results | Where-Object { $_.Path -like '*numver' }).Findings[0].Message | Should -Match 'expected string'
        ($results | Where-Object { $_.Path -like '*noname' }).Name | Should -Be 'noname'
        ($results | Where-Object { $_.Path -like '*fine' }).Findings.RuleId | Should -Contain 'CODEX-PLUGIN-001'
    }

    It 'checks the name against the marketplace id it is offered under' {
        $p = New-Plugin (Join-Path $TestDrive 'named') 'real'
        (Test-CodexPlugin $p -PluginId 'other@m').Installable | Should -BeFalse
        (Test-CodexPlugin $p -PluginId 'real@m').PluginId | Should -Be 'real@m'
    }

    It 'reviews reach: servers, hosts, commands, hooks, network and secrets' {
        $p = New-Plugin (Join-Path $TestDrive 'reach') 'reach' '1.0.0' ', "mcpServers": "./.mcp.json"'
        Write-TestFile (Join-Path $p '.mcp.json') '{ "mcpServers": { "local": { "command": "npx", "args": ["-y", "pkg"], "env_vars": ["PKG_TOKEN"], "default_tools_approval_mode": "approve" }, "remote": { "url": "https://mcp.example.com/mcp", "bearer_token_env_var": "REMOTE_TOKEN" } } }'
        Write-TestFile (Join-Path $p 'hooks/hooks.json') '{ "hooks": { "PostToolUse": [ { "matcher": "Write", "hooks": [ { "type": "command", "command": "./check.sh" } ] } ] } }'
        Write-TestFile (Join-Path $p 'config/settings.json') '{ "api_key": "sk-proj-abcdefghijklmnopqrstuvwx" }'
        $r = Test-CodexPlugin $p
        $r.Hosts | Should -Be @('mcp.example.com')
        $r.Commands | Should -Contain 'npx -y pkg'
        $r.Commands | Should -Contain './check.sh'
        $r.EnvVars | Should -Be @('PKG_TOKEN', 'REMOTE_TOKEN')
        $r.NeedsNetwork | Should -BeTrue
        $r.SecretCount | Should -Be 1
        $rules = $r.Findings.RuleId
        foreach ($id in 'CODEX-PLUGIN-010', 'CODEX-PLUGIN-011', 'CODEX-PLUGIN-012', 'CODEX-PLUGIN-013', 'CODEX-PLUGIN-005') { $rules | Should -Contain $id }
        ($r.Findings | Where-Object RuleId -eq 'CODEX-PLUGIN-005').Message | Should -Not -Match 'sk-proj-abc'
    }

    It 'flags links that leave the plugin folder' -Skip:$IsWindows {
        $p = New-Plugin (Join-Path $TestDrive 'links') 'links'
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $p 'etc') -Target '/etc'
        $r = Test-CodexPlugin $p
        $r.Installable | Should -BeTrue
        ($r.Findings | Where-Object RuleId -eq 'CODEX-PLUGIN-004').File | Should -Be (Join-Path $p 'etc')
    }

    It 'passes every plugin of the curated corpus, with no secret found in its documentation' -Skip:(-not $HaveCorpus) {
        $r = Get-ChildItem -Directory $Corpus | Test-CodexPlugin
        @($r | Where-Object { -not $_.Installable }).Count | Should -Be 0
        $r.Count | Should -BeGreaterThan 150
        @($r.Findings | Where-Object RuleId -eq 'CODEX-PLUGIN-005' | ForEach-Object { "$($_.File):$($_.Line)" }) | Should -Be @()
    }

    It 'in prose, reports a key by its shape and not the words that talk about keys' {
        $p = New-Plugin (Join-Path $TestDrive 'prose') 'prose'
        $pat = 'ghp_' + 'Q3r8Tz1Lm9Xv4Kc7Wb2Np6Hd5Fs0Jy8Ua1Ee'
        Write-TestFile (Join-Path $p 'README.md') "# Prose`nRun ``hf auth login --token <token>`` or pass ``--password [TEXT]```nand ``const password = form.get(`"password`") as string;``.`nConnect with ``postgres://user:pass@localhost/db``.`n"
        Write-TestFile (Join-Path $p 'skills/hello/SKILL.md') "---`nname: hello`ndescription: Says hello.`n---`nUse the token $pat for the demo.`n"
        $r = Test-CodexPlugin $p
        $secrets = @($r.Findings | Where-Object RuleId -eq 'CODEX-PLUGIN-005')
        $secrets.Count | Should -Be 1
        $secrets[0].File | Should -Be (Join-Path $p 'skills/hello/SKILL.md')
        $secrets[0].Line | Should -Be 5
        "$($secrets[0].Severity)" | Should -Be 'Error'
        $secrets[0].Message | Should -Not -Match ([regex]::Escape($pat))
        $r.SecretCount | Should -Be 1
    }

    It 'feeds Export-CodexAuditReport' {
        $p = New-Plugin (Join-Path $TestDrive 'report') 'report'
        $file = Join-Path $TestDrive 'report.json'
        Test-CodexPlugin $p | Export-CodexAuditReport -Format Json -Path $file
        $file | Should -Exist
    }
}

Describe 'Publish-CodexPlugin' {
    BeforeEach {
        $script:market = New-Marketplace (Join-Path $TestDrive "mk-$([guid]::NewGuid().ToString('N'))") @'
{
    "name": "team",
    "interface": { "displayName": "Team" },
    "plugins": [
        {
            "source": "./plugins/first",
            "name": "first",   "category":"Kept as written"
        },
        {"name":"second","source":{"source":"url","url":"https://git.example.com/s.git"}}
    ]
}
'@
        $script:before = Get-Content -Raw (Join-Path $market '.agents/plugins/marketplace.json')
    }

    It 'adds an entry by splice: every other byte stays' {
        $p = New-Plugin (Join-Path $TestDrive 'src') 'third'
        $pub = Publish-CodexPlugin $p -Marketplace $market -Category Productivity
        $pub.Action | Should -Be 'Added'
        $after = Get-Content -Raw (Join-Path $market '.agents/plugins/marketplace.json')
        $cut = $before.LastIndexOf('}')
        $after.StartsWith($before.Substring(0, $before.IndexOf('{"name":"second"') + '{"name":"second","source":{"source":"url","url":"https://git.example.com/s.git"}}'.Length)) | Should -BeTrue
        $after | Should -Match '(?s)\},\n        \{\n            "name": "third",\n            "source": \{\n                "source": "local",\n                "path": "./plugins/third"'
        ($after | ConvertFrom-Json).plugins.name | Should -Be @('first', 'second', 'third')
        Join-Path $market 'plugins/third/.codex-plugin/plugin.json' | Should -Exist
    }

    It 'requires the version to grow and refuses the same version with other files' {
        $src = Join-Path $TestDrive 'grow'
        $p = New-Plugin $src 'grower' '1.0.0'
        (Publish-CodexPlugin $p -Marketplace $market).Action | Should -Be 'Added'
        (Publish-CodexPlugin $p -Marketplace $market).Action | Should -Be 'Unchanged'
        Write-TestFile (Join-Path $p 'skills/hello/SKILL.md') "---`nname: hello`ndescription: Says hello louder.`n---`n"
        Publish-CodexPlugin $p -Marketplace $market -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginVersionContentChanged,*'
        Write-TestFile (Join-Path $p '.codex-plugin/plugin.json') '{ "name": "grower", "version": "0.9.0" }'
        Publish-CodexPlugin $p -Marketplace $market -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'PluginVersionNotGreater,*'
        Write-TestFile (Join-Path $p '.codex-plugin/plugin.json') '{ "name": "grower", "version": "1.1.0" }'
        $up = Publish-CodexPlugin $p -Marketplace $market
        $up.Action | Should -Be 'Updated'
        $up.PreviousVersion | Should -Be '1.0.0'
        Get-Content -Raw (Join-Path $market 'plugins/grower/skills/hello/SKILL.md') | Should -Match 'louder'
    }

    It 'leaves a marketplace.json that does not parse untouched, with the line at fault' {
        $file = Join-Path $market '.agents/plugins/marketplace.json'
        Write-TestFile $file "{ `"name`": `"team`", `"plugins`": [ }"
        $p = New-Plugin (Join-Path $TestDrive 'src2') 'fourth'
        Publish-CodexPlugin $p -Marketplace $market -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MarketplaceManifestInvalid,*'
        "$($err[0])" | Should -Match 'marketplace.json:1'
        Get-Content -Raw $file | Should -Be "{ `"name`": `"team`", `"plugins`": [ }"
        Join-Path $market 'plugins/fourth' | Should -Not -Exist
    }

    It 'keeps both entries when two publishers run at once' {
        $a = New-Plugin (Join-Path $TestDrive 'pa') 'alpha'
        $b = New-Plugin (Join-Path $TestDrive 'pb') 'beta'
        $module = (Get-Module Codex.Plugins).Path -replace '\.dll$', '.psd1'
        $jobs = foreach ($p in $a, $b) {
            Start-ThreadJob -ScriptBlock { param($m, $p, $k) Import-Module $m; Publish-CodexPlugin $p -Marketplace $k } -ArgumentList $module, $p, $market
        }
        $results = $jobs | Wait-Job | Receive-Job
        @($results.Action) | Should -Be @('Added', 'Added')
        (Get-Content -Raw (Join-Path $market '.agents/plugins/marketplace.json') | ConvertFrom-Json).plugins.name | Sort-Object | Should -Be @('alpha', 'beta', 'first', 'second')
        Join-Path $market '.agents/plugins/marketplace.json.lock' | Should -Not -Exist
    }

    It 'leaves no marketplace.json.lock behind, whether it publishes, refuses or finds the file broken' {
        $lock = Join-Path $market '.agents/plugins/marketplace.json.lock'
        $p = New-Plugin (Join-Path $TestDrive 'lk') 'locker' '1.0.0'
        (Publish-CodexPlugin $p -Marketplace $market).Action | Should -Be 'Added'
        $lock | Should -Not -Exist
        Write-TestFile (Join-Path $p '.codex-plugin/plugin.json') '{ "name": "locker", "version": "0.1.0" }'
        Publish-CodexPlugin $p -Marketplace $market -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginVersionNotGreater,*'
        $lock | Should -Not -Exist
        Write-TestFile (Join-Path $market '.agents/plugins/marketplace.json') '{ "name": "team", "plugins": [ }'
        Publish-CodexPlugin $p -Marketplace $market -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'MarketplaceManifestInvalid,*'
        $lock | Should -Not -Exist
    }

    It 'refuses a plugin codex would refuse' {
        $p = Join-Path $TestDrive 'refused'
        Write-TestFile (Join-Path $p '.codex-plugin/plugin.json') '{ "name": "refused", "version": 3 }'
        Publish-CodexPlugin $p -Marketplace $market -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginRefused,*'
    }
}

Describe 'Install-CodexPlugin and Uninstall-CodexPlugin' {
    It 'copies into the cache, enables in config, and removes both again' {
        $t = New-TestCodexHome
        $mk = Join-Path $TestDrive 'imk'
        $null = New-Plugin (Join-Path $mk 'plugins') 'tool' '2.1.0'
        $null = New-Marketplace $mk '{ "name": "imk", "plugins": [ { "name": "tool", "source": "./plugins/tool" }, { "name": "off", "source": "./plugins/tool", "policy": { "installation": "NOT_AVAILABLE" } } ] }'
        Write-TestFile (Join-Path $t.Home 'config.toml') "# mine`n[marketplaces.imk]`nsource_type = `"local`"`nsource = `"$mk`"`n"
        $s = $t.Splat
        $plugin = Install-CodexPlugin tool@imk @s -PassThru
        $plugin.Installed | Should -BeTrue
        $plugin.Enabled | Should -BeTrue
        $plugin.ActiveVersion | Should -Be '2.1.0'
        Join-Path $t.Home 'plugins/cache/imk/tool/2.1.0/skills/hello/SKILL.md' | Should -Exist
        Get-Content -Raw (Join-Path $t.Home 'config.toml') | Should -Match '(?s)^# mine.*\[plugins\."tool@imk"\]\nenabled = true\n$'

        Install-CodexPlugin off@imk @s -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginRefused,*'

        Uninstall-CodexPlugin tool@imk @s -Confirm:$false
        Join-Path $t.Home 'plugins/cache/imk/tool' | Should -Not -Exist
        Get-Content -Raw (Join-Path $t.Home 'config.toml') | Should -Not -Match 'tool@imk'
        Uninstall-CodexPlugin tool@imk @s -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'PluginNotInstalled,*'
    }

    Context 'a config write that fails or is refused keeps the cache' {
        BeforeEach {
            $script:t = New-TestCodexHome
            $script:mk = Join-Path $TestDrive "kmk-$([guid]::NewGuid().ToString('N'))"
            $null = New-Plugin (Join-Path $mk 'plugins') 'keep' '1.0.0'
            $null = New-Marketplace $mk '{ "name": "kmk", "plugins": [ { "name": "keep", "source": "./plugins/keep" } ] }'
            $script:config = Join-Path $t.Home 'config.toml'
            Write-TestFile $config "[marketplaces.kmk]`nsource_type = `"local`"`nsource = `"$mk`"`n"
            $s = $t.Splat
            $null = Install-CodexPlugin keep@kmk @s
            $script:cache = Join-Path $t.Home 'plugins/cache/kmk/keep/1.0.0/.codex-plugin/plugin.json'
            $cache | Should -Exist
        }

        It 'config.toml changed on disk after it was read: ConfigChangedOnDisk, the cache and the config entry both stay' {
            $s = $t.Splat
            # The id reaches Uninstall-CodexPlugin (it stages its edit), then another tool changes config.toml before
            # the write at the end of the pipeline.
            [pscustomobject]@{ PluginId = 'keep@kmk' } | ForEach-Object { $_; [System.IO.File]::AppendAllText($config, "# another tool was here`n") } |
                Uninstall-CodexPlugin @s -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigChangedOnDisk,*'
            $err[0].TargetObject | Should -Be 'keep@kmk'
            $cache | Should -Exist
            Get-Content -Raw $config | Should -Match '\[plugins\."keep@kmk"\]\nenabled = true'
            (Get-CodexPlugin keep@kmk @s).Installed | Should -BeTrue
        }

        It 'a config.toml the writer will not write through (a link the home''s owner planted to root''s file): the cache stays' -Skip:($IsWindows -or (& id -u) -ne '0') {
            $rootFile = Join-Path $t.Root 'root-only/config.toml'
            Write-TestFile $rootFile (Get-Content -Raw $config)
            & chmod 0700 (Split-Path $rootFile)
            & chmod 0600 $rootFile
            $before = Get-Content -Raw $rootFile
            Remove-Item -Force $config
            $null = New-Item -ItemType SymbolicLink -Path $config -Target $rootFile
            & chown -R -h 4242:4242 (Join-Path $t.Root 'home')
            $s = $t.Splat
            Uninstall-CodexPlugin keep@kmk @s -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigLinkRefused,*'
            $cache | Should -Exist
            Get-Content -Raw $rootFile | Should -BeExactly $before
        }

        It 'an install of a newer version whose config write fails: no new version in the cache, the older one kept, no staged copy left' {
            $s = $t.Splat
            Disable-CodexPlugin keep@kmk @s
            $null = New-Plugin (Join-Path $mk 'plugins') 'keep' '2.0.0'
            [pscustomobject]@{ PluginId = 'keep@kmk' } | ForEach-Object { $_; [System.IO.File]::AppendAllText($config, "# another tool was here`n") } |
                Install-CodexPlugin @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ConfigChangedOnDisk,*'
            $err[0].TargetObject | Should -Be 'keep@kmk'
            $cache | Should -Exist
            Join-Path $t.Home 'plugins/cache/kmk/keep/2.0.0' | Should -Not -Exist
            @(Get-ChildItem -Force -Name (Join-Path $t.Home 'plugins/cache/kmk')) | Should -Be @('keep')
            Get-Content -Raw $config | Should -Match '\[plugins\."keep@kmk"\]\nenabled = false'

            # The same install with a write that succeeds: the new version in place, the older one gone.
            (Install-CodexPlugin keep@kmk @s -PassThru).ActiveVersion | Should -Be '2.0.0'
            @(Get-ChildItem -Force -Name (Join-Path $t.Home 'plugins/cache/kmk/keep')) | Should -Be @('2.0.0')
            @(Get-ChildItem -Force -Name (Join-Path $t.Home 'plugins/cache/kmk')) | Should -Be @('keep')
        }

        It 'an install under -WhatIf keeps the older version and stages no copy' {
            $s = $t.Splat
            Disable-CodexPlugin keep@kmk @s
            $null = New-Plugin (Join-Path $mk 'plugins') 'keep' '2.0.0'
            Install-CodexPlugin keep@kmk @s -WhatIf
            @(Get-ChildItem -Force -Name (Join-Path $t.Home 'plugins/cache/kmk/keep')) | Should -Be @('1.0.0')
            @(Get-ChildItem -Force -Name (Join-Path $t.Home 'plugins/cache/kmk')) | Should -Be @('keep')
        }

        It 'a malformed id is a bad argument (PluginIdInvalid), for Install and Uninstall alike' {
            $s = $t.Splat
            Install-CodexPlugin 'keep at kmk' @s -ErrorVariable e1 -ErrorAction SilentlyContinue
            Uninstall-CodexPlugin 'keep at kmk' @s -Confirm:$false -ErrorVariable e2 -ErrorAction SilentlyContinue
            foreach ($e in $e1[0], $e2[0]) {
                $e.FullyQualifiedErrorId | Should -BeLike 'PluginIdInvalid,*'
                $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            $cache | Should -Exist
        }

        It 'the same uninstall with a write that succeeds removes both, and -PassThru shows it available, not installed' {
            $s = $t.Splat
            $after = Uninstall-CodexPlugin keep@kmk @s -Confirm:$false -PassThru
            $after.Installed | Should -BeFalse
            Join-Path $t.Home 'plugins/cache/kmk/keep' | Should -Not -Exist
            Get-Content -Raw $config | Should -Not -Match 'keep@kmk'
        }
    }

    Context 'a git source (bare repositories reached through file://)' -Skip:(-not (Get-Command git -ErrorAction Ignore)) {
        BeforeAll {
            function Invoke-Git([string] $Dir, [string[]] $Arguments) {
                $out = & git -C $Dir -c user.email=test@example.com -c user.name=Test @Arguments 2>&1
                if ($LASTEXITCODE) { throw "git $Arguments failed: $out" }
                $out
            }
            # One repository holds two plugins under plugins/ (for git-subdir); another is a plugin at its root (url).
            $work = Join-Path $TestDrive 'git-work'
            $null = New-Plugin (Join-Path $work 'plugins') 'sub' '1.0.0'
            $null = New-Plugin (Join-Path $work 'plugins') 'other' '1.0.0'
            $null = Invoke-Git $TestDrive @('init', '-q', '-b', 'main', $work)
            $null = Invoke-Git $work @('add', '-A')
            $null = Invoke-Git $work @('commit', '-q', '-m', 'one')
            $script:firstSha = (Invoke-Git $work @('rev-parse', 'HEAD')).Trim()
            Write-TestFile (Join-Path $work 'plugins/sub/.codex-plugin/plugin.json') '{ "name": "sub", "version": "1.1.0" }'
            $null = Invoke-Git $work @('commit', '-q', '-am', 'two')
            $script:subRepo = Join-Path $TestDrive 'sub.git'
            $null = Invoke-Git $TestDrive @('clone', '-q', '--bare', $work, $subRepo)
            $rootWork = New-Plugin (Join-Path $TestDrive 'git-root') 'whole' '0.3.0'
            $null = Invoke-Git $TestDrive @('init', '-q', '-b', 'main', $rootWork)
            $null = Invoke-Git $rootWork @('add', '-A')
            $null = Invoke-Git $rootWork @('commit', '-q', '-m', 'one')
            $script:rootRepo = Join-Path $TestDrive 'whole.git'
            $null = Invoke-Git $TestDrive @('clone', '-q', '--bare', $rootWork, $rootRepo)
        }

        BeforeEach {
            $script:t = New-TestCodexHome
            $mk = Join-Path $TestDrive "gmk-$([guid]::NewGuid().ToString('N'))"
            $null = New-Marketplace $mk @"
{ "name": "gmk", "plugins": [
  { "name": "sub", "source": { "source": "git-subdir", "url": "file://$subRepo", "path": "./plugins/sub" } },
  { "name": "pinned", "source": { "source": "git-subdir", "url": "file://$subRepo", "path": "./plugins/sub", "sha": "$firstSha" } },
  { "name": "whole", "source": { "source": "url", "url": "file://$rootRepo", "ref": "main" } },
  { "name": "gone", "source": { "source": "url", "url": "file://$TestDrive/no-such-repo.git" } }
] }
"@
            $script:config = Join-Path $t.Home 'config.toml'
            Write-TestFile $config "[marketplaces.gmk]`nsource_type = `"local`"`nsource = `"$mk`"`n"
        }

        It 'clones a git-subdir source and copies only its path into the cache, at the version the clone holds' {
            $s = $t.Splat
            $p = Install-CodexPlugin sub@gmk @s -PassThru
            $p.Installed | Should -BeTrue
            $p.Enabled | Should -BeTrue
            $p.ActiveVersion | Should -Be '1.1.0'
            $cache = Join-Path $t.Home 'plugins/cache/gmk/sub/1.1.0'
            Join-Path $cache 'skills/hello/SKILL.md' | Should -Exist
            Join-Path $cache 'plugins' | Should -Not -Exist
            # The clone is gone; its staging folder stays, as codex leaves it.
            @(Get-ChildItem -Force (Join-Path $t.Home 'plugins/.marketplace-plugin-source-staging')).Count | Should -Be 0
        }

        It 'checks out the sha an entry pins' {
            $pmk = New-Marketplace (Join-Path $TestDrive "pmk-$([guid]::NewGuid().ToString('N'))") "{ `"name`": `"pmk`", `"plugins`": [ { `"name`": `"sub`", `"source`": { `"source`": `"git-subdir`", `"url`": `"file://$subRepo`", `"path`": `"plugins/sub`", `"sha`": `"$firstSha`" } } ] }"
            Add-Content -LiteralPath $config -Value "`n[marketplaces.pmk]`nsource_type = `"local`"`nsource = `"$pmk`""
            $s = $t.Splat
            (Install-CodexPlugin sub@pmk @s -PassThru).ActiveVersion | Should -Be '1.0.0'
            Join-Path $t.Home 'plugins/cache/pmk/sub/1.0.0/.codex-plugin/plugin.json' | Should -Exist
        }

        It 'refuses, after the clone, what codex plugin add refuses in it, and keeps cache and config clean' {
            $s = $t.Splat
            Install-CodexPlugin pinned@gmk @s -ErrorVariable err -ErrorAction SilentlyContinue
            # The entry is "pinned" but its plugin.json names "sub".
            $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginRefused,*'
            Join-Path $t.Home 'plugins/cache/gmk/pinned' | Should -Not -Exist
            Get-Content -Raw $config | Should -Not -Match 'pinned@gmk'
        }

        It 'clones a url source at its ref, the whole repository being the plugin' {
            $s = $t.Splat
            Install-CodexPlugin whole@gmk @s
            Join-Path $t.Home 'plugins/cache/gmk/whole/0.3.0/.codex-plugin/plugin.json' | Should -Exist
            Get-Content -Raw $config | Should -Match '\[plugins\."whole@gmk"\]\nenabled = true'
        }

        It 'a repository it cannot reach: PluginSourceFetchFailed, and neither cache nor config names the plugin' {
            $s = $t.Splat
            Install-CodexPlugin gone@gmk, sub@gmk @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginSourceFetchFailed,*'
            $err[0].TargetObject | Should -Be 'gone@gmk'
            Join-Path $t.Home 'plugins/cache/gmk/gone' | Should -Not -Exist
            $text = Get-Content -Raw $config
            $text | Should -Not -Match 'gone@gmk'
            # The other id in the same call goes on.
            $text | Should -Match 'sub@gmk'
        }

        It '-WhatIf names the clone and fetches nothing' {
            # -WhatIf writes to the host: a child pwsh's output shows it.
            $pwsh = Get-PwshCommand
            $what = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; Install-CodexPlugin sub@gmk -CodexHome '$($t.Home)' -ProjectPath '$($t.Project)' -SystemConfigPath '$($t.System)' -WhatIf" | Out-String
            $what | Should -Match ([regex]::Escape("clone file://$subRepo (path plugins/sub)"))
            Join-Path $t.Home 'plugins' | Should -Not -Exist
        }
    }

    Context 'an npm source (npm pack against a registry on 127.0.0.1)' -Skip:(-not (Get-Command npm -ErrorAction Ignore)) {
        BeforeAll {
            if (-not ('CodexPluginsTests.MockNpmRegistry' -as [type])) {
                Add-Type -Path (Join-Path $PSScriptRoot 'support/MockNpmRegistry.cs') -ReferencedAssemblies System.Net.HttpListener, System.Net.Primitives, System.Text.Json, System.Collections.Concurrent, System.Memory, System.Runtime, System.Net.Sockets, System.Collections, System.Linq, System.Security.Cryptography, Microsoft.Win32.Primitives
            }
            $script:registry = [CodexPluginsTests.MockNpmRegistry]::new()
            # npm reads its registry and cache from the environment, as it does under codex: this process's npm pack
            # children get the mock and a cache of their own (a package re-published in a test is never a cache hit).
            $script:savedNpm = @{ Registry = $env:npm_config_registry; Cache = $env:npm_config_cache }
            $env:npm_config_registry = $registry.Url
            $env:npm_config_cache = Join-Path $TestDrive 'npm-cache'

            function Publish-NpmPlugin([string] $Package, [string] $Version, [string] $Plugin, [string] $PluginVersion = $Version, [string] $PackageJsonName = $Package) {
                # A plugin folder as a team publishes it: package.json beside .codex-plugin, packed by npm itself.
                $dir = Join-Path $TestDrive "npm-src-$([guid]::NewGuid().ToString('N'))"
                $null = New-Plugin $dir $Plugin $PluginVersion
                $folder = Join-Path $dir $Plugin
                Write-TestFile (Join-Path $folder 'package.json') "{ `"name`": `"$PackageJsonName`", `"version`": `"$Version`" }"
                $out = Join-Path $dir 'packed'
                $null = New-Item -ItemType Directory $out
                $null = & npm pack --ignore-scripts --pack-destination $out $folder 2>&1
                if ($LASTEXITCODE) { throw "npm pack of $folder failed" }
                $registry.Add($Package, $Version, (Get-ChildItem $out -Filter *.tgz).FullName)
            }

            Publish-NpmPlugin 'codex-review-kit' '1.4.0' 'review'
            foreach ($v in '1.0.0', '1.3.0', '2.0.0') { Publish-NpmPlugin 'codex-ranged' $v 'ranged' }
            Publish-NpmPlugin '@team/notes' '0.2.0' 'notes'
            Publish-NpmPlugin 'codex-impostor' '1.0.0' 'impostor' -PackageJsonName 'someone-else'
            # An archive with a link in it, built as tar builds it (npm pack would leave the link out).
            $evil = Join-Path $TestDrive 'npm-evil'
            $null = New-Plugin $evil 'package' '1.0.0'
            Write-TestFile (Join-Path $evil 'package/.codex-plugin/plugin.json') '{ "name": "linked", "version": "1.0.0" }'
            Write-TestFile (Join-Path $evil 'package/package.json') '{ "name": "codex-linked", "version": "1.0.0" }'
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $evil 'package/leak') -Target '/etc/hostname'
            & tar -czf (Join-Path $TestDrive 'linked.tgz') -C $evil package
            $registry.Add('codex-linked', '1.0.0', (Join-Path $TestDrive 'linked.tgz'))
        }

        AfterAll {
            $registry.Dispose()
            $env:npm_config_registry = $savedNpm.Registry
            $env:npm_config_cache = $savedNpm.Cache
        }

        BeforeEach {
            $script:t = New-TestCodexHome
            $mk = Join-Path $TestDrive "nmk-$([guid]::NewGuid().ToString('N'))"
            $null = New-Marketplace $mk @"
{ "name": "nmk", "plugins": [
  { "name": "review", "source": { "source": "npm", "package": "codex-review-kit", "version": "1.4.0" } },
  { "name": "ranged", "source": { "source": "npm", "package": " codex-ranged ", "version": "^1.0.0" } },
  { "name": "notes", "source": { "source": "npm", "package": "@team/notes" } },
  { "name": "impostor", "source": { "source": "npm", "package": "codex-impostor" } },
  { "name": "linked", "source": { "source": "npm", "package": "codex-linked" } },
  { "name": "missing", "source": { "source": "npm", "package": "codex-not-published" } },
  { "name": "elsewhere", "source": { "source": "npm", "package": "codex-review-kit", "registry": "https://npm.invalid/" } }
] }
"@
            $script:config = Join-Path $t.Home 'config.toml'
            Write-TestFile $config "[marketplaces.nmk]`nsource_type = `"local`"`nsource = `"$mk`"`n"
        }

        It 'fetches the package with npm pack and copies its package folder into the cache at the plugin''s version' {
            $s = $t.Splat
            $p = Install-CodexPlugin review@nmk @s -PassThru
            $p.Installed | Should -BeTrue
            $p.Enabled | Should -BeTrue
            $p.ActiveVersion | Should -Be '1.4.0'
            $cache = Join-Path $t.Home 'plugins/cache/nmk/review/1.4.0'
            Join-Path $cache 'skills/hello/SKILL.md' | Should -Exist
            # The package's package.json comes along, as codex copies the whole package folder.
            Join-Path $cache 'package.json' | Should -Exist
            Get-Content -Raw $config | Should -Match '\[plugins\."review@nmk"\]\nenabled = true'
            # What was fetched is gone; the staging folder stays, as codex leaves it.
            @(Get-ChildItem -Force (Join-Path $t.Home 'plugins/.marketplace-plugin-source-staging')).Count | Should -Be 0
            $registry.Requests | Should -Contain '/codex-review-kit/-/package--v1.4.0.tgz'
        }

        It 'reads no npm project settings the home''s owner planted above the staging folder' {
            # npm would take the Codex home as the project (it has a package.json) and use its .npmrc's registry.
            Write-TestFile (Join-Path $t.Home 'package.json') '{ "name": "planted" }'
            Write-TestFile (Join-Path $t.Home '.npmrc') "registry=http://127.0.0.1:9/`n"
            $s = $t.Splat
            (Install-CodexPlugin review@nmk @s -PassThru).ActiveVersion | Should -Be '1.4.0'
        }

        It 'hands npm a range and a scoped name as the entry gives them (trimmed), and npm picks the version' {
            $s = $t.Splat
            (Install-CodexPlugin ranged@nmk @s -PassThru).ActiveVersion | Should -Be '1.3.0'
            $registry.Requests | Should -Contain '/codex-ranged/-/package--v1.3.0.tgz'
            (Install-CodexPlugin notes@nmk @s -PassThru).ActiveVersion | Should -Be '0.2.0'
        }

        It 'refuses a package whose package.json names another package, and one with a link, leaving cache and config clean' {
            $s = $t.Splat
            Install-CodexPlugin impostor@nmk, linked@nmk, notes@nmk @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 2
            $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginRefused,*'
            $err[0].Exception.Message | Should -Match "name 'someone-else' is not the package asked for, 'codex-impostor'"
            $err[1].FullyQualifiedErrorId | Should -BeLike 'PluginRefused,*'
            $err[1].Exception.Message | Should -Match 'package/leak. is a link'
            foreach ($gone in 'impostor', 'linked') {
                Join-Path $t.Home "plugins/cache/nmk/$gone" | Should -Not -Exist
                Get-Content -Raw $config | Should -Not -Match "$gone@nmk"
            }
            # The id after them in the same call goes on.
            Get-Content -Raw $config | Should -Match 'notes@nmk'
            @(Get-ChildItem -Force (Join-Path $t.Home 'plugins/.marketplace-plugin-source-staging')).Count | Should -Be 0
        }

        It 'a package the registry does not have, or a registry it cannot reach: PluginSourceFetchFailed with npm''s words' {
            $s = $t.Splat
            Install-CodexPlugin missing@nmk, elsewhere@nmk @s -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 2
            $err[0].FullyQualifiedErrorId | Should -BeLike 'PluginSourceFetchFailed,*'
            $err[0].TargetObject | Should -Be 'missing@nmk'
            $err[0].Exception.Message | Should -Match 'npm pack --ignore-scripts'
            $err[0].Exception.Message | Should -Match '404|E404|Not found'
            # The entry's own registry is the one npm is given, not the configured one.
            $err[1].Exception.Message | Should -Match '--registry https://npm.invalid/'
            Join-Path $t.Home 'plugins/cache' | Should -Not -Exist
        }

        It '-WhatIf names the package and registry, and fetches nothing' {
            $before = $registry.Requests.Count
            $pwsh = Get-PwshCommand
            $what = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; Install-CodexPlugin review@nmk, elsewhere@nmk -CodexHome '$($t.Home)' -ProjectPath '$($t.Project)' -SystemConfigPath '$($t.System)' -WhatIf" | Out-String
            $what | Should -Match ([regex]::Escape("fetch npm package codex-review-kit@1.4.0 from npm's configured registry"))
            $what | Should -Match ([regex]::Escape("fetch npm package codex-review-kit from https://npm.invalid/"))
            $registry.Requests.Count | Should -Be $before
            Join-Path $t.Home 'plugins' | Should -Not -Exist
        }
    }

    It '-WhatIf changes nothing' {
        $t = New-TestCodexHome
        $mk = Join-Path $TestDrive 'wmk'
        $null = New-Plugin (Join-Path $mk 'plugins') 'tool'
        $null = New-Marketplace $mk '{ "name": "wmk", "plugins": [ { "name": "tool", "source": "./plugins/tool" } ] }'
        Write-TestFile (Join-Path $t.Home 'config.toml') "[marketplaces.wmk]`nsource_type = `"local`"`nsource = `"$mk`"`n"
        $s = $t.Splat
        Install-CodexPlugin tool@wmk @s -WhatIf
        Join-Path $t.Home 'plugins/cache' | Should -Not -Exist
        Get-Content -Raw (Join-Path $t.Home 'config.toml') | Should -Not -Match 'plugins'
    }
}

Describe 'Compare-CodexPlugin' {
    It 'reports each change once, and flags what widens reach' {
        $old = New-Plugin (Join-Path $TestDrive 'old') 'cmp' '1.0.0' ', "mcpServers": "./.mcp.json"'
        Write-TestFile (Join-Path $old '.mcp.json') '{ "mcpServers": { "api": { "url": "https://a.example.com/mcp" } } }'
        Write-TestFile (Join-Path $old 'skills/bye/SKILL.md') "---`nname: bye`ndescription: Says bye.`n---`n"
        $new = Join-Path $TestDrive 'new/cmp'
        Copy-Item -Recurse $old $new
        Remove-Item -Recurse (Join-Path $new 'skills/bye')
        Write-TestFile (Join-Path $new '.mcp.json') '{ "mcpServers": { "api": { "url": "https://b.example.com/mcp" }, "shell": { "command": "bash" } } }'
        Write-TestFile (Join-Path $new 'hooks/hooks.json') '{ "hooks": { "Stop": [ { "hooks": [ { "type": "command", "command": "./notify.sh" } ] } ] } }'
        $d = @(Compare-CodexPlugin $old $new)
        @($d | ForEach-Object { "$($_.Change) $($_.Part) $($_.Name) $($_.Property)".Trim() } | Sort-Object) |
            Should -Be @('Added Hook hooks/hooks.json:stop:0:0', 'Added McpServer shell', 'Changed McpServer api url', 'Removed Skill bye')
        @($d | Where-Object WidensReach).Count | Should -Be 3
        ($d | Where-Object Part -eq 'Hook').NeedsTrustReview | Should -BeTrue
        @(Compare-CodexPlugin $old $new -WidensReach).Finding.RuleId | Select-Object -Unique | Should -Be 'CODEX-PLUGIN-020'
        @(Compare-CodexPlugin $old $old).Count | Should -Be 0
    }
}

Describe 'Compare-CodexPlugin on curated plugins with changes applied' -Skip:(-not $HaveCorpus) {
    It 'reports the new hook, the new MCP server, the changed URL and the removed skill of <_>, and nothing else' -ForEach @('github', 'linear', 'notion', 'figma') {
        $old = Join-Path $TestDrive "pair-$_/old"
        $new = Join-Path $TestDrive "pair-$_/new"
        Copy-Item -Recurse (Join-Path $Corpus $_) $old
        Copy-Item -Recurse (Join-Path $Corpus $_) $new
        # The shared corpus is read-only; its copy must take the changes.
        Get-ChildItem -Recurse -File $new | ForEach-Object { $_.IsReadOnly = $false }
        Get-ChildItem -Recurse -Directory $new | ForEach-Object { $_.UnixFileMode = $_.UnixFileMode -bor [System.IO.UnixFileMode]::UserWrite }
        (Get-Item $new).UnixFileMode = (Get-Item $new).UnixFileMode -bor [System.IO.UnixFileMode]::UserWrite
        $mcp = Get-Content -Raw (Join-Path $new '.mcp.json') | ConvertFrom-Json -AsHashtable
        $server = @($mcp.mcpServers.Keys)[0]
        $mcp.mcpServers[$server].url = 'https://changed.example.com/mcp'
        $mcp.mcpServers['added'] = @{ command = 'node'; args = @('./added.mjs') }
        Set-Content (Join-Path $new '.mcp.json') ($mcp | ConvertTo-Json -Depth 10)
        Write-TestFile (Join-Path $new 'hooks/hooks.json') '{ "hooks": { "SessionStart": [ { "hooks": [ { "type": "command", "command": "./hello.sh" } ] } ] } }'
        $skill = @(Get-ChildItem -Directory (Join-Path $new 'skills') | Sort-Object Name)[0]
        Remove-Item -Recurse $skill.FullName
        $skillName = (Test-CodexPlugin $old).SkillDetails | Where-Object { (Split-Path -Leaf (Split-Path $_.Path)) -eq $skill.Name } | ForEach-Object { ($_.Name -split ':')[-1] }

        $d = @(Compare-CodexPlugin $old $new -PluginId "$_@curated")
        @($d | ForEach-Object { "$($_.Change) $($_.Part) $($_.Name) $($_.Property)".Trim() } | Sort-Object) |
            Should -Be (@('Added Hook hooks/hooks.json:session_start:0:0', 'Added McpServer added', "Changed McpServer $server url", "Removed Skill $skillName") | Sort-Object)
        @($d | Where-Object WidensReach | ForEach-Object Part | Sort-Object) | Should -Be @('Hook', 'McpServer', 'McpServer')
    }
}

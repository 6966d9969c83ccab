# The plugin lifecycle against the real codex: what New-CodexPlugin writes and Publish-CodexPlugin lists, codex
# accepts, lists, installs and loads (its MCP servers, skills and hooks); Install-/Uninstall-CodexPlugin leave the
# same files and config as codex plugin add/remove; Test-CodexPlugin refuses exactly what codex plugin add refuses,
# on the curated corpus and on hand-made broken plugins.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:HaveCodex = [bool](Get-CompatCodexPath)
    $script:HaveCorpus = Test-Path (Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins/plugins')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../pester/Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:Codex = Get-CompatCodexPath
    $script:Corpus = Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins'

    function New-LifecycleRoot([string] $Name) {
        # Outside /tmp: codex warns about helper binaries under a temporary CODEX_HOME.
        $root = Join-Path $PSScriptRoot "../../out/compat-homes/lifecycle-$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        foreach ($d in 'codex', 'home', 'work', 'no-system') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }
        return (Resolve-Path $root).ProviderPath
    }

    function Invoke-RealCodex([string] $Root, [string[]] $Arguments) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new('sh')
        foreach ($a in @('-c', 'exec "$@" </dev/null', 'sh', $Codex) + $Arguments) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $psi.WorkingDirectory = Join-Path $Root 'work'
        $psi.Environment['CODEX_HOME'] = Join-Path $Root 'codex'
        $psi.Environment['HOME'] = Join-Path $Root 'home'
        foreach ($v in 'RUST_BACKTRACE', 'RUST_LIB_BACKTRACE') { $null = $psi.Environment.Remove($v) }
        $p = [System.Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
        if (-not $p.WaitForExit(180000)) { $p.Kill($true); throw "codex $Arguments did not finish" }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Stdout = $out.Result; Stderr = $err.Result }
    }

    function Invoke-AppServer([string] $Root, [string] $Method, [hashtable] $Params) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($Codex)
        $psi.ArgumentList.Add('app-server')
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $psi.WorkingDirectory = Join-Path $Root 'work'
        $psi.Environment['CODEX_HOME'] = Join-Path $Root 'codex'
        $psi.Environment['HOME'] = Join-Path $Root 'home'
        $p = [System.Diagnostics.Process]::Start($psi)
        try {
            $null = $p.StandardError.ReadToEndAsync()
            $p.StandardInput.WriteLine('{"id":1,"method":"initialize","params":{"clientInfo":{"name":"compat","version":"0"}}}')
            $p.StandardInput.WriteLine('{"method":"initialized"}')
            $p.StandardInput.WriteLine((@{ id = 2; method = $Method; params = $Params } | ConvertTo-Json -Depth 10 -Compress))
            $p.StandardInput.Flush()
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while ([DateTime]::UtcNow -lt $deadline) {
                $read = $p.StandardOutput.ReadLineAsync()
                if (-not $read.Wait([TimeSpan]::FromSeconds(120)) -or $null -eq $read.Result) { break }
                if (-not $read.Result.Trim()) { continue }
                $msg = ConvertFrom-Json $read.Result -Depth 30
                if ($msg.PSObject.Properties['id'] -and $msg.id -eq 2) { return $msg.result }
            }
            throw "app-server gave no $Method answer"
        } finally {
            if (-not $p.HasExited) { $p.Kill($true) }
            $p.Dispose()
        }
    }

    function Get-Tree([string] $Folder) {
        # Every file below the folder as 'relative path: sha256', the way a diff of two trees would compare them.
        if (-not (Test-Path $Folder)) { return @() }
        Get-ChildItem -Recurse -File -Force $Folder | ForEach-Object {
            '{0}: {1}' -f [System.IO.Path]::GetRelativePath($Folder, $_.FullName), (Get-FileHash -Algorithm SHA256 $_.FullName).Hash
        } | Sort-Object
    }

    function Invoke-InHome([string] $Root, [scriptblock] $Script) {
        $saved = $env:HOME; $env:HOME = Join-Path $Root 'home'
        try { & $Script } finally { $env:HOME = $saved }
    }

    function Install-OnBothSides([string] $Name, [string] $Marketplace, [string[]] $Ids) {
        # The same marketplace added on two homes; codex plugin add installs the ids on one, Install-CodexPlugin on
        # the other, and codex lists the module's side.
        $side = [pscustomobject]@{ Codex = New-LifecycleRoot "$Name-codex-side"; Module = New-LifecycleRoot "$Name-module-side"; Add = $null; CodexAdds = $null; List = $null }
        $side.Add = Invoke-RealCodex $side.Codex @('plugin', 'marketplace', 'add', $Marketplace)
        Copy-Item (Join-Path $side.Codex 'codex/config.toml') (Join-Path $side.Module 'codex/config.toml')
        $side.CodexAdds = @(foreach ($id in $Ids) { Invoke-RealCodex $side.Codex @('plugin', 'add', $id) })
        $m = $side.Module
        Invoke-InHome $m { Install-CodexPlugin $Ids -CodexHome (Join-Path $m 'codex') -ProjectPath (Join-Path $m 'work') -SystemConfigPath (Join-Path $m 'no-system') -Confirm:$false }
        $side.List = Invoke-RealCodex $m @('plugin', 'list', '--available', '--json')
        return $side
    }

    function Assert-ListedInstalled($List, [hashtable] $Versions) {
        # codex lists each id as installed and enabled, at the version given.
        $List.ExitCode | Should -Be 0
        $listed = $List.Stdout | ConvertFrom-Json
        foreach ($id in $Versions.Keys) {
            $p = @($listed.installed) | Where-Object pluginId -eq $id
            $p.installed | Should -BeTrue -Because $id
            $p.enabled | Should -BeTrue -Because $id
            $p.version | Should -Be $Versions[$id] -Because $id
        }
    }
}

Describe 'The plugin lifecycle agrees with the real codex' -Tag Compat -Skip:(-not $HaveCodex) {
    BeforeAll {
        # A team's Codex home: a stdio and an HTTP MCP server (with inline secrets), a skill, a hook.
        $script:authoring = New-LifecycleRoot 'author'
        Write-TestFile (Join-Path $authoring 'codex/config.toml') @'
[mcp_servers.notes]
command = "node"
args = ["./mcp/notes.mjs"]
env = { NOTES_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789" }

[mcp_servers.tickets]
url = "https://tickets.example.com/mcp"
http_headers = { "X-Api-Key" = "sk-proj-abcdefghijklmnopqrstuvwx" }
'@
        $skill = Join-Path $authoring 'skills/triage'
        Write-TestFile (Join-Path $skill 'SKILL.md') "---`nname: triage`ndescription: Triage new tickets by severity.`n---`nRead the ticket, then label it.`n"
        $servers = Invoke-InHome $authoring { Get-CodexMcpServer -CodexHome (Join-Path $authoring 'codex') -ProjectPath (Join-Path $authoring 'work') -SystemConfigPath (Join-Path $authoring 'no-system') -IncludeSecret }
        $script:build = Join-Path $authoring 'build'
        $script:created = New-CodexPlugin -Name team-tickets -Path $build -Version 1.0.0 -Description 'Ticket triage' -Author 'Platform' -Category Productivity `
            -Skill $skill -McpServer $servers -Hook @{ Event = 'PostToolUse'; Matcher = 'Bash'; Command = 'echo checked'; Timeout = 30 }

        # The marketplace: made by publishing (no marketplace.json before), plus two curated plugins beside it.
        $script:market = Join-Path $authoring 'marketplace'
        $script:published = @($created | Publish-CodexPlugin -Marketplace $market -InstallPolicy AVAILABLE -AuthPolicy ON_USE)
        if (Test-Path (Join-Path $Corpus 'plugins')) {
            foreach ($name in 'github', 'linear') { $script:published += Publish-CodexPlugin (Join-Path $Corpus "plugins/$name") -Marketplace $market -Category Productivity }
        }

        # Home A gets the plugin from codex; home B (the same config before the add) from Install-CodexPlugin.
        $script:a = New-LifecycleRoot 'codex-side'
        $script:b = New-LifecycleRoot 'module-side'
        $script:addMarket = Invoke-RealCodex $a @('plugin', 'marketplace', 'add', $market)
        Copy-Item (Join-Path $a 'codex/config.toml') (Join-Path $b 'codex/config.toml')
        $script:addPlugin = Invoke-RealCodex $a @('plugin', 'add', 'team-tickets@marketplace')
        $script:listA = Invoke-RealCodex $a @('plugin', 'list', '--available', '--json')
        Invoke-InHome $b { Install-CodexPlugin team-tickets@marketplace -CodexHome (Join-Path $b 'codex') -ProjectPath (Join-Path $b 'work') -SystemConfigPath (Join-Path $b 'no-system') -Confirm:$false }
        $script:listB = Invoke-RealCodex $b @('plugin', 'list', '--available', '--json')
    }

    It 'codex accepts the published marketplace and installs the new plugin' {
        $published.Action | Should -Not -Contain 'Unchanged'
        $addMarket.ExitCode | Should -Be 0 -Because $addMarket.Stderr
        $addPlugin.ExitCode | Should -Be 0 -Because $addPlugin.Stderr
    }

    It 'codex plugin list --available --json lists what Publish-CodexPlugin published, with the same fields' {
        $theirs = $listA.Stdout | ConvertFrom-Json
        $all = @($theirs.installed) + @($theirs.available)
        foreach ($pub in $published) {
            $t = $all | Where-Object pluginId -eq $pub.PluginId
            $t | Should -Not -BeNullOrEmpty -Because "$($pub.PluginId) was published"
            $t.version | Should -Be $pub.Version
            $t.installPolicy | Should -Be $pub.InstallPolicy
            $t.authPolicy | Should -Be $pub.AuthPolicy
            $t.source.path | Should -Be $pub.PluginPath
        }
        $ours = Invoke-InHome $a { Get-CodexPlugin -Available -CodexHome (Join-Path $a 'codex') -ProjectPath (Join-Path $a 'work') -SystemConfigPath (Join-Path $a 'no-system') }
        foreach ($t in $all) {
            $o = $ours | Where-Object PluginId -eq $t.pluginId
            "$($o.Version)|$($o.Installed)|$($o.Enabled)|$($o.InstallPolicy)|$($o.AuthPolicy)" | Should -Be "$($t.version)|$($t.installed)|$($t.enabled)|$($t.installPolicy)|$($t.authPolicy)" -Because $t.pluginId
        }
    }

    It 'codex mcp list shows the servers, with no secret in them' {
        $mcp = Invoke-RealCodex $a @('mcp', 'list', '--json')
        $mcp.ExitCode | Should -Be 0
        $servers = $mcp.Stdout | ConvertFrom-Json
        @($servers.name | Sort-Object) | Should -Be @('notes', 'tickets')
        ($servers | Where-Object name -eq 'notes').transport.type | Should -Be 'stdio'
        ($servers | Where-Object name -eq 'tickets').transport.type | Should -Be 'streamable_http'
        $mcp.Stdout | Should -Not -Match 'ghp_abcdef|sk-proj-abc'
        $get = Invoke-RealCodex $a @('mcp', 'get', 'tickets', '--json')
        $get.Stdout | Should -Match 'TICKETS_X_API_KEY'
    }

    It 'app-server skills/list and hooks/list show its skill and hook' {
        $skills = Invoke-AppServer $a 'skills/list' @{ cwds = @((Join-Path $a 'work')) }
        @($skills.data[0].skills.name) | Should -Contain 'team-tickets:triage'
        $hooks = Invoke-AppServer $a 'hooks/list' @{ cwds = @((Join-Path $a 'work')) }
        $hook = @($hooks.data[0].hooks) | Where-Object pluginId -eq 'team-tickets@marketplace'
        $hook.command | Should -Be 'echo checked'
        $hook.eventName | Should -Match 'postToolUse|PostToolUse'
    }

    It 'Install-CodexPlugin leaves the same cache files and config as codex plugin add' {
        Get-Tree (Join-Path $b 'codex/plugins/cache') | Should -Be (Get-Tree (Join-Path $a 'codex/plugins/cache'))
        Get-Content -Raw (Join-Path $b 'codex/config.toml') | Should -BeExactly (Get-Content -Raw (Join-Path $a 'codex/config.toml'))
        $t = ($listB.Stdout | ConvertFrom-Json).installed | Where-Object pluginId -eq 'team-tickets@marketplace'
        $t.installed | Should -BeTrue
        $t.enabled | Should -BeTrue
    }

    It 'Uninstall-CodexPlugin leaves the same files and config as codex plugin remove' {
        $remove = Invoke-RealCodex $a @('plugin', 'remove', 'team-tickets@marketplace')
        $remove.ExitCode | Should -Be 0
        Invoke-InHome $b { Uninstall-CodexPlugin team-tickets@marketplace -CodexHome (Join-Path $b 'codex') -ProjectPath (Join-Path $b 'work') -SystemConfigPath (Join-Path $b 'no-system') -Confirm:$false }
        Get-Tree (Join-Path $b 'codex/plugins') | Should -Be (Get-Tree (Join-Path $a 'codex/plugins'))
        # One known difference: codex rewrites the file and drops the blank line that separated the removed table;
        # the lossless editor removes the table's own lines only, so that blank line stays at the end.
        $ours = Get-Content -Raw (Join-Path $b 'codex/config.toml')
        $theirs = Get-Content -Raw (Join-Path $a 'codex/config.toml')
        $ours.TrimEnd() | Should -BeExactly $theirs.TrimEnd()
        $ours | Should -BeExactly ($theirs + "`n")
    }
}

Describe 'Test-CodexPlugin refuses exactly what codex plugin add refuses' -Tag Compat -Skip:(-not $HaveCodex) {
    BeforeAll {
        $script:root = New-LifecycleRoot 'refusals'
        $mk = Join-Path $root 'marketplace'
        $entries = [System.Collections.Generic.List[object]]::new()
        if (Test-Path (Join-Path $Corpus 'plugins')) {
            Copy-Item -Recurse (Join-Path $Corpus 'plugins') (Join-Path $mk 'plugins')
            & chmod -R u+w $mk
            foreach ($d in Get-ChildItem -Directory (Join-Path $mk 'plugins')) { $entries.Add(@{ name = $d.Name; source = "./plugins/$($d.Name)" }) }
        }
        # Hand-made plugins at each of codex's checks, and some it lets through.
        $broken = [ordered]@{
            'hm-blank-version' = '{ "name": "hm-blank-version", "version": " " }'
            'hm-number-version' = '{ "name": "hm-number-version", "version": 2 }'
            'hm-slash-version' = '{ "name": "hm-slash-version", "version": "1/2" }'
            'hm-dots-version' = '{ "name": "hm-dots-version", "version": ".." }'
            'hm-null-version' = '{ "name": "hm-null-version", "version": null }'
            'hm-desc-number' = '{ "name": "hm-desc-number", "version": "1.0.0", "description": 1 }'
            'hm-keywords-string' = '{ "name": "hm-keywords-string", "version": "1.0.0", "keywords": "a" }'
            'hm-interface-string' = '{ "name": "hm-interface-string", "version": "1.0.0", "interface": "x" }'
            'hm-display-number' = '{ "name": "hm-display-number", "version": "1.0.0", "interface": { "displayName": 1 } }'
            'hm-screens-object' = '{ "name": "hm-screens-object", "version": "1.0.0", "interface": { "screenshots": {} } }'
            'hm-apps-array' = '{ "name": "hm-apps-array", "version": "1.0.0", "apps": [] }'
            'hm-name-number' = '{ "name": 7, "version": "1.0.0" }'
            'hm-name-other' = '{ "name": "someone-else", "version": "1.0.0" }'
            'hm-bad-json' = '{ "name": "hm-bad-json", "version": "1.0.0"'
            'hm-lenient' = '{ "name": "hm-lenient", "version": "1.0.0", "skills": 5, "hooks": "nope", "mcpServers": [1], "interface": { "defaultPrompt": 5 }, "extra": true }'
            'hm-blank-name' = '{ "name": "", "version": "1.0.0" }'
            'hm-escaping-paths' = '{ "name": "hm-escaping-paths", "version": "1.0.0", "skills": "./../../etc", "mcpServers": "/etc/passwd" }'
        }
        foreach ($k in $broken.Keys) {
            Write-TestFile (Join-Path $mk "plugins/$k/.codex-plugin/plugin.json") $broken[$k]
            $entries.Add(@{ name = $k; source = "./plugins/$k" })
        }
        $null = New-Item -ItemType Directory -Force (Join-Path $mk 'plugins/hm-no-manifest')
        $entries.Add(@{ name = 'hm-no-manifest'; source = './plugins/hm-no-manifest' })
        Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') (@{ name = 'refusals'; plugins = $entries } | ConvertTo-Json -Depth 5)

        $script:addMarket = Invoke-RealCodex $root @('plugin', 'marketplace', 'add', $mk)
        $script:codexSays = [ordered]@{}
        foreach ($e in $entries) { $codexSays[$e.name] = (Invoke-RealCodex $root @('plugin', 'add', "$($e.name)@refusals")) }
        $script:oursSay = @{}
        foreach ($e in $entries) { $oursSay[$e.name] = Test-CodexPlugin (Join-Path $mk "plugins/$($e.name)") -PluginId "$($e.name)@refusals" }
    }

    It 'agrees on every plugin: installable or refused' {
        $addMarket.ExitCode | Should -Be 0
        $problems = foreach ($name in $codexSays.Keys) {
            $theirs = $codexSays[$name].ExitCode -eq 0
            $ours = $oursSay[$name].Installable
            if ($theirs -ne $ours) { "$name`: codex plugin add $(if ($theirs) { 'installs it' } else { "refuses it ($(($codexSays[$name].Stderr -split "`n")[0]))" }), Test-CodexPlugin says Installable=$ours $(@($oursSay[$name].Findings | Where-Object RuleId -eq 'CODEX-PLUGIN-002').Message)" }
        }
        $problems | Should -BeNullOrEmpty -Because ($problems -join "`n")
        @($codexSays.Values | Where-Object ExitCode -ne 0).Count | Should -BeGreaterThan 10
    }

    It 'installs into the version folder Test-CodexPlugin names' {
        foreach ($name in $codexSays.Keys) {
            if ($codexSays[$name].ExitCode -ne 0) { continue }
            Join-Path $root "codex/plugins/cache/refusals/$name/$($oursSay[$name].Version)" | Should -Exist -Because $name
        }
    }

    It 'refuses in codex words' {
        $oursSay['hm-blank-version'].Findings[0].Message | Should -Match ([regex]::Escape('must not be blank'))
        $codexSays['hm-blank-version'].Stderr | Should -Match ([regex]::Escape('must not be blank'))
        $oursSay['hm-name-other'].Findings[0].Message | Should -Match 'does not match marketplace plugin name'
        $codexSays['hm-name-other'].Stderr | Should -Match 'does not match marketplace plugin name'
    }
}

Describe 'Install-CodexPlugin from git sources agrees with codex plugin add' -Tag Compat -Skip:(-not $HaveCodex -or -not (Get-Command git -ErrorAction Ignore)) {
    BeforeAll {
        # No network here: the repositories are bare ones reached through file://, which codex clones like any URL.
        $script:gitRoot = New-LifecycleRoot 'git'
        function Invoke-Git([string] $Dir, [string[]] $Arguments) {
            $out = & git -C $Dir -c user.email=test@example.com -c user.name=Test @Arguments 2>&1
            if ($LASTEXITCODE) { throw "git $Arguments failed: $out" }
        }
        $work = Join-Path $gitRoot 'repo-work'
        foreach ($name in 'sub', 'other') {
            Write-TestFile (Join-Path $work "plugins/$name/.codex-plugin/plugin.json") "{ `"name`": `"$name`", `"version`": `"2.0.0`", `"skills`": `"./skills/`" }"
            Write-TestFile (Join-Path $work "plugins/$name/skills/hi/SKILL.md") "---`nname: hi-$name`ndescription: Says hi.`n---`nHi.`n"
        }
        Write-TestFile (Join-Path $work 'README.md') "A repository of plugins.`n"
        Invoke-Git $gitRoot @('init', '-q', '-b', 'main', $work); Invoke-Git $work @('add', '-A'); Invoke-Git $work @('commit', '-q', '-m', 'one')
        $subRepo = Join-Path $gitRoot 'plugins.git'
        Invoke-Git $gitRoot @('clone', '-q', '--bare', $work, $subRepo)
        $whole = Join-Path $gitRoot 'whole-work'
        Write-TestFile (Join-Path $whole '.codex-plugin/plugin.json') '{ "name": "whole", "version": "0.3.0" }'
        Write-TestFile (Join-Path $whole 'skills/w/SKILL.md') "---`nname: w`ndescription: Whole.`n---`nW.`n"
        Invoke-Git $gitRoot @('init', '-q', '-b', 'main', $whole); Invoke-Git $whole @('add', '-A'); Invoke-Git $whole @('commit', '-q', '-m', 'one')
        $wholeRepo = Join-Path $gitRoot 'whole.git'
        Invoke-Git $gitRoot @('clone', '-q', '--bare', $whole, $wholeRepo)
        $mk = Join-Path $gitRoot 'marketplace'
        Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') @"
{ "name": "gitmk", "plugins": [
  { "name": "sub", "source": { "source": "git-subdir", "url": "file://$subRepo", "path": "./plugins/sub", "ref": "main" } },
  { "name": "whole", "source": { "source": "url", "url": "file://$wholeRepo" } }
] }
"@
        $script:both = Install-OnBothSides 'git' $mk @('sub@gitmk', 'whole@gitmk')
        $script:ga = $both.Codex
        $script:gb = $both.Module

        function Get-TreeOutsideGit([string] $Folder) {
            # A clone's .git holds times and paths of its own; the plugin's files are what must match.
            Get-Tree $Folder | Where-Object { $_ -notmatch '(^|/)\.git/' }
        }
    }

    It 'codex installs both sources' {
        $both.Add.ExitCode | Should -Be 0
        @($both.CodexAdds | Where-Object ExitCode -ne 0).Count | Should -Be 0 -Because (($both.CodexAdds | ForEach-Object Stderr) -join "`n")
    }

    It 'leaves the same plugin files in the cache (the url source with its .git, as codex copies the clone) and the same config' {
        $ours = @(Get-TreeOutsideGit (Join-Path $gb 'codex/plugins'))
        $ours.Count | Should -BeGreaterThan 3
        $ours | Should -Be @(Get-TreeOutsideGit (Join-Path $ga 'codex/plugins'))
        foreach ($side in $ga, $gb) {
            Join-Path $side 'codex/plugins/cache/gitmk/whole/0.3.0/.git/HEAD' | Should -Exist
            Join-Path $side 'codex/plugins/cache/gitmk/sub/2.0.0/.git' | Should -Not -Exist
        }
        Get-Content -Raw (Join-Path $gb 'codex/config.toml') | Should -BeExactly (Get-Content -Raw (Join-Path $ga 'codex/config.toml'))
    }

    It 'codex lists what Install-CodexPlugin installed as installed and enabled, at the cloned version' {
        Assert-ListedInstalled $both.List @{ 'sub@gitmk' = '2.0.0'; 'whole@gitmk' = '0.3.0' }
    }
}

Describe 'Install-CodexPlugin from npm sources agrees with codex plugin add' -Tag Compat -Skip:(-not $HaveCodex -or -not (Get-Command npm -ErrorAction Ignore)) {
    BeforeAll {
        # No network here: a registry on 127.0.0.1 (tests/pester/support/MockNpmRegistry.cs) serves packages npm packed,
        # and both sides' npm pack reach it through npm_config_registry, as a machine's .npmrc would send them.
        if (-not ('CodexPluginsTests.MockNpmRegistry' -as [type])) {
            Add-Type -Path (Join-Path $PSScriptRoot '../pester/support/MockNpmRegistry.cs') -ReferencedAssemblies System.Net.HttpListener, System.Net.Primitives, System.Text.Json, System.Collections.Concurrent, System.Memory, System.Runtime, System.Net.Sockets, System.Collections, System.Linq, System.Security.Cryptography, Microsoft.Win32.Primitives
        }
        $script:registry = [CodexPluginsTests.MockNpmRegistry]::new()
        $script:npmRoot = New-LifecycleRoot 'npm'
        $script:savedNpm = @{ Registry = $env:npm_config_registry; Cache = $env:npm_config_cache }
        $env:npm_config_registry = $registry.Url
        $env:npm_config_cache = Join-Path $npmRoot 'npm-cache'
        foreach ($p in @(@('codex-npm-kit', 'kit', '1.0.0'), @('codex-npm-kit', 'kit', '1.2.0'), @('@team/npm-notes', 'notes', '0.4.0'))) {
            $src = Join-Path $npmRoot "src-$($p[1])-$($p[2])"
            Write-TestFile (Join-Path $src 'package.json') "{ `"name`": `"$($p[0])`", `"version`": `"$($p[2])`" }"
            Write-TestFile (Join-Path $src '.codex-plugin/plugin.json') "{ `"name`": `"$($p[1])`", `"version`": `"$($p[2])`", `"skills`": `"./skills/`" }"
            Write-TestFile (Join-Path $src "skills/$($p[1])/SKILL.md") "---`nname: $($p[1])`ndescription: From npm.`n---`nHi.`n"
            # An executable script: its mode travels in the archive and must land the same on both sides.
            Write-TestFile (Join-Path $src 'scripts/check.sh') "#!/bin/sh`necho ok`n"
            & chmod 755 (Join-Path $src 'scripts/check.sh')
            $out = Join-Path $npmRoot "packed-$($p[1])-$($p[2])"
            $null = New-Item -ItemType Directory $out
            $null = & npm pack --ignore-scripts --pack-destination $out $src 2>&1
            if ($LASTEXITCODE) { throw "npm pack of $src failed" }
            $registry.Add($p[0], $p[2], (Get-ChildItem $out -Filter *.tgz).FullName)
        }
        $mk = Join-Path $npmRoot 'marketplace'
        Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') @'
{ "name": "npmmk", "plugins": [
  { "name": "kit", "source": { "source": "npm", "package": "codex-npm-kit", "version": "~1.0" } },
  { "name": "notes", "source": { "source": "npm", "package": "@team/npm-notes" } }
] }
'@
        $script:both = Install-OnBothSides 'npm' $mk @('kit@npmmk', 'notes@npmmk')
        $script:na = $both.Codex
        $script:nb = $both.Module

        function Get-Modes([string] $Folder) {
            Get-ChildItem -Recurse -Force $Folder | ForEach-Object { '{0}: {1}' -f [System.IO.Path]::GetRelativePath($Folder, $_.FullName), $_.UnixFileMode } | Sort-Object
        }
    }

    AfterAll {
        $registry.Dispose()
        $env:npm_config_registry = $savedNpm.Registry
        $env:npm_config_cache = $savedNpm.Cache
    }

    It 'codex installs both packages' {
        $both.Add.ExitCode | Should -Be 0
        @($both.CodexAdds | Where-Object ExitCode -ne 0).Count | Should -Be 0 -Because (($both.CodexAdds | ForEach-Object Stderr) -join "`n")
    }

    It 'leaves the same files with the same modes in the cache (the package folder whole, package.json with it) and the same config' {
        $ours = @(Get-Tree (Join-Path $nb 'codex/plugins/cache'))
        $ours.Count | Should -Be 8
        $ours | Should -Be @(Get-Tree (Join-Path $na 'codex/plugins/cache'))
        @(Get-Modes (Join-Path $nb 'codex/plugins/cache')) | Should -Be @(Get-Modes (Join-Path $na 'codex/plugins/cache'))
        Join-Path $nb 'codex/plugins/cache/npmmk/kit/1.0.0/package.json' | Should -Exist
        Get-Content -Raw (Join-Path $nb 'codex/config.toml') | Should -BeExactly (Get-Content -Raw (Join-Path $na 'codex/config.toml'))
        # Both leave the staging folder empty behind them.
        foreach ($side in $na, $nb) { @(Get-ChildItem -Force (Join-Path $side 'codex/plugins/.marketplace-plugin-source-staging')).Count | Should -Be 0 }
    }

    It 'codex lists what Install-CodexPlugin installed as installed and enabled, at the version npm picked' {
        Assert-ListedInstalled $both.List @{ 'kit@npmmk' = '1.0.0'; 'notes@npmmk' = '0.4.0' }
    }
}

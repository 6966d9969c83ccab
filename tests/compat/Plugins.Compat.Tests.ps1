# Get-CodexPlugin against `codex plugin list --available --json` on the same files: the real curated marketplace
# (../shared/corpora/openai-plugins, copied and renamed because openai-curated is reserved) and a marketplace of edge
# cases. The binary is the reference; where it and the reference page disagree, these tests follow the binary.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:Corpus = Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins'
    $script:HaveCodex = [bool](Get-CompatCodexPath)
    $script:HaveCorpus = Test-Path (Join-Path $Corpus 'plugins')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../pester/Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:Codex = Get-CompatCodexPath
    $script:Corpus = Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins'

    function New-CompatRoot([string] $Name) {
        # Outside /tmp: codex warns about helper binaries under a temporary CODEX_HOME.
        $root = Join-Path $PSScriptRoot "../../out/compat-homes/$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        foreach ($d in 'codex', 'home', 'work') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }
        return (Resolve-Path $root).ProviderPath
    }

    function Invoke-Codex([string] $Root, [string[]] $Arguments) {
        $saved = @{ CODEX_HOME = $env:CODEX_HOME; HOME = $env:HOME; RUST_BACKTRACE = $env:RUST_BACKTRACE }
        $env:CODEX_HOME = Join-Path $Root 'codex'; $env:HOME = Join-Path $Root 'home'; $env:RUST_BACKTRACE = $null
        Push-Location (Join-Path $Root 'work')
        try {
            $out = $null | & $Codex @Arguments 2>&1
            return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Stdout = ($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n"; Stderr = ($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) -join "`n" }
        } finally {
            Pop-Location
            foreach ($k in $saved.Keys) { Set-Item "env:$k" -Value $saved[$k] }
        }
    }

    function Get-OurPlugins([string] $Root) {
        $saved = $env:HOME
        $env:HOME = Join-Path $Root 'home'
        try {
            Get-CodexPlugin -Available -CodexHome (Join-Path $Root 'codex') -ProjectPath (Join-Path $Root 'work') -SystemConfigPath (Join-Path $Root 'no-system') -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        } finally { $env:HOME = $saved }
    }

    function Compare-PluginList([object[]] $Theirs, [object[]] $Ours) {
        # Every field both report, plugin by plugin; the message names the plugin and the field.
        $problems = [System.Collections.Generic.List[string]]::new()
        $byId = @{}; foreach ($p in $Ours) { $byId[$p.PluginId] = $p }
        foreach ($t in $Theirs) {
            $o = $byId[$t.pluginId]
            if (-not $o) { $problems.Add("$($t.pluginId): listed by codex, missing from Get-CodexPlugin"); continue }
            $pairs = [ordered]@{
                name = @($t.name, $o.Name); marketplaceName = @($t.marketplaceName, $o.Marketplace); version = @($t.version, $o.Version)
                installed = @($t.installed, $o.Installed); enabled = @($t.enabled, $o.Enabled)
                installPolicy = @($t.installPolicy, $o.InstallPolicy); authPolicy = @($t.authPolicy, $o.AuthPolicy)
                'source.source' = @($t.source.source, $o.SourceKind)
                'source.path|url|package' = @($(switch ($t.source.source) { 'local' { $t.source.path } 'npm' { $t.source.package } default { $t.source.url } }), $o.Source)
            }
            foreach ($field in $pairs.Keys) {
                $a, $b = $pairs[$field]
                if ("$a" -ne "$b") { $problems.Add("$($t.pluginId).$field`: codex '$a', ours '$b'") }
            }
        }
        $theirIds = @($Theirs.pluginId)
        foreach ($o in $Ours) { if ($o.PluginId -notin $theirIds) { $problems.Add("$($o.PluginId): from Get-CodexPlugin, not listed by codex") } }
        return $problems
    }
}

Describe 'Get-CodexPlugin agrees with codex plugin list' -Tag Compat {
    Context 'the curated marketplace' -Skip:(-not ($HaveCodex -and $HaveCorpus)) {
        BeforeAll {
            $script:root = New-CompatRoot 'curated'
            $mk = Join-Path $root 'marketplace'
            Copy-Item -Recurse (Join-Path $Corpus '.') $mk
            Get-ChildItem -Recurse $mk | ForEach-Object { if (-not $_.PSIsContainer) { $_.IsReadOnly = $false } }
            & chmod -R u+w $mk
            $manifest = Join-Path $mk '.agents/plugins/marketplace.json'
            (Get-Content -Raw $manifest) -replace '"name": "openai-curated"', '"name": "curated-copy"' | Set-Content -NoNewline $manifest
            $script:add = Invoke-Codex $root @('plugin', 'marketplace', 'add', $mk)
            $script:installs = foreach ($p in 'linear', 'gmail', 'github', 'figma', 'slack') { Invoke-Codex $root @('plugin', 'add', "$p@curated-copy", '--json') }
            # One installed plugin turned off, as an admin would.
            $config = Join-Path $root 'codex/config.toml'
            (Get-Content -Raw $config) -replace '(\[plugins\."slack@curated-copy"\]\s*\nenabled = )true', '${1}false' | Set-Content -NoNewline $config
            $script:list = Invoke-Codex $root @('plugin', 'list', '--available', '--json')
            $script:theirs = $list.Stdout | ConvertFrom-Json
            $script:ours = @(Get-OurPlugins $root)
        }

        It 'codex accepted the marketplace and the installs' {
            $add.ExitCode | Should -Be 0
            $installs.ExitCode | Should -Not -Contain 1
            $list.ExitCode | Should -Be 0
            @($theirs.installed).Count | Should -Be 5
        }

        It 'agrees on every plugin id, version, installed and enabled state, install and auth policy' {
            $problems = Compare-PluginList (@($theirs.installed) + @($theirs.available)) $ours
            $problems | Should -BeNullOrEmpty -Because ($problems -join "`n")
            $ours.Count | Should -BeGreaterThan 150
        }

        It 'shows the cache path codex installed each plugin to, and its components' {
            foreach ($i in $installs) {
                $reply = $i.Stdout | ConvertFrom-Json
                $mine = $ours | Where-Object PluginId -eq $reply.pluginId
                $mine.Root | Should -Be $reply.installedPath -Because $reply.pluginId
            }
            $github = $ours | Where-Object PluginId -eq 'github@curated-copy'
            $github.Skills.Count | Should -BeGreaterThan 0
            $github.McpServers | Should -Be @('github')
            $github.Apps | Should -Be @('github')
        }

        It 'Get-CodexMcpServer still agrees with codex mcp list on the plugin servers' {
            $mcp = Invoke-Codex $root @('mcp', 'list', '--json')
            $mcp.ExitCode | Should -Be 0
            $theirServers = $mcp.Stdout | ConvertFrom-Json
            $saved = $env:HOME; $env:HOME = Join-Path $root 'home'
            try {
                $ourServers = Get-CodexMcpServer -CodexHome (Join-Path $root 'codex') -ProjectPath (Join-Path $root 'work') -SystemConfigPath (Join-Path $root 'no-system') -WarningAction SilentlyContinue |
                    Where-Object SourceKind -ne 'Agent'
            } finally { $env:HOME = $saved }
            @($ourServers.Name) | Should -Be @($theirServers.name)
            foreach ($t in $theirServers) {
                $o = $ourServers | Where-Object Name -eq $t.name
                $o.Enabled | Should -Be $t.enabled -Because "$($t.name).enabled"
                $o.Transport | Should -Be $t.transport.type -Because "$($t.name).transport"
            }
        }
    }

    Context 'edge cases codex decides' -Skip:(-not $HaveCodex) {
        BeforeAll {
            $script:root = New-CompatRoot 'edges'
            $mk = Join-Path $root 'marketplace'
            Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') @'
{ "name": "edges", "plugins": [
  { "name": "ok", "source": { "source": "local", "path": "./plugins/ok" }, "policy": { "installation": "INSTALLED_BY_DEFAULT", "authentication": "ON_USE" }, "category": "X" },
  { "name": "noversion", "source": "./plugins/noversion" },
  { "name": "npmpkg", "source": { "source": "npm", "package": "@acme/np", "version": "1.2.3" } },
  { "name": "npmnopackage", "source": { "source": "npm" } },
  { "name": "badjson", "source": "./plugins/badjson" },
  { "name": "missing", "source": "./plugins/missing" },
  { "name": "renamed", "source": "./plugins/renamed" },
  { "name": "escape", "source": "./../elsewhere" },
  { "name": "noproducts", "source": "./plugins/ok", "policy": { "products": [] } },
  { "name": "codexonly", "source": "./plugins/ok", "policy": { "products": ["CODEX"] } },
  { "name": "remote", "source": { "source": "git-subdir", "url": "https://git.invalid/x.git", "path": "./p/remote", "ref": "main" }, "policy": { "installation": "NOT_AVAILABLE" } },
  { "name": "byurl", "source": { "source": "url", "url": "https://git.invalid/y.git" } },
  { "name": "github-kind", "source": { "source": "github", "repo": "o/r" } }
] }
'@
            Write-TestFile (Join-Path $mk 'plugins/ok/.codex-plugin/plugin.json') '{"name":"ok","version":"1.10.0"}'
            Write-TestFile (Join-Path $mk 'plugins/noversion/.codex-plugin/plugin.json') '{"name":"noversion"}'
            Write-TestFile (Join-Path $mk 'plugins/badjson/.codex-plugin/plugin.json') '{"name": "badjson",'
            Write-TestFile (Join-Path $mk 'plugins/renamed/.codex-plugin/plugin.json') '{"name":"other-name","version":"3.0.0"}'
            $script:add = Invoke-Codex $root @('plugin', 'marketplace', 'add', $mk)
            $script:inst = Invoke-Codex $root @('plugin', 'add', 'ok@edges')
            # Enabled in config.toml but never installed (a config copied from another machine): codex lists it enabled.
            Add-Content -LiteralPath (Join-Path $root 'codex/config.toml') -Value "`n[plugins.`"noversion@edges`"]`nenabled = true"
            # Older versions beside the active one: codex keeps the highest semver.
            foreach ($v in '1.9.0', '1.2.0') { Copy-Item -Recurse (Join-Path $root 'codex/plugins/cache/edges/ok/1.10.0') (Join-Path $root "codex/plugins/cache/edges/ok/$v") }
            $script:list = Invoke-Codex $root @('plugin', 'list', '--available', '--json')
            $script:theirs = $list.Stdout | ConvertFrom-Json
            $script:ours = @(Get-OurPlugins $root)
        }

        It 'codex lists the edge marketplace' {
            $add.ExitCode | Should -Be 0
            $inst.ExitCode | Should -Be 0
            $list.ExitCode | Should -Be 0
        }

        It 'agrees on which entries are listed and how' {
            $problems = Compare-PluginList (@($theirs.installed) + @($theirs.available)) $ours
            $problems | Should -BeNullOrEmpty -Because ($problems -join "`n")
        }

        It 'flags what codex lists but cannot install' {
            ($ours | Where-Object Name -eq 'renamed').Findings.RuleId | Should -Contain 'PluginNameMismatch'
            ($ours | Where-Object Name -eq 'missing').Findings.RuleId | Should -Contain 'MarketplaceSourceUnresolved'
            ($ours | Where-Object Name -eq 'badjson').Findings.RuleId | Should -Contain 'PluginManifestInvalid'
        }
    }

    Context 'which npm sources codex lists (package, version and registry as written by hand)' -Skip:(-not $HaveCodex) {
        BeforeAll {
            $script:root = New-CompatRoot 'npm-sources'
            $mk = Join-Path $root 'marketplace'
            # Each source once; codex lists or skips it, and lists it with its values trimmed.
            $sources = @(
                @{ package = 'codex-kit' }, @{ package = ' codex-kit ' }, @{ package = 'UPPER' }, @{ package = '@scope/name' }, @{ package = '@SCOPE/x' }
                @{ package = '-x' }, @{ package = 'node_modules' }, @{ package = 'a..b' }, @{ package = 'x.' }, @{ package = '@_s/x' }, @{ package = '@s/.x' }
                @{ package = 'a' * 215 }, @{ package = '../evil' }, @{ package = 'a/b' }, @{ package = '@scope' }, @{ package = '@/x' }, @{ package = '@scope/' }
                @{ package = '@scope/name/extra' }, @{ package = '.hidden' }, @{ package = '_x' }, @{ package = 'a~b' }, @{ package = 'ü' }, @{ package = 'a b' }
                @{ package = 'x@1.0.0' }, @{ package = 'a:b' }, @{ package = 'a+b' }, @{ package = '@s/a~b' }, @{ package = '' }, @{ package = '   ' }, @{ package = 5 }
                @{ package = 'k'; version = '1.2.0' }, @{ package = 'k'; version = ' 1.2.0 ' }, @{ package = 'k'; version = '^1.0.0' }, @{ package = 'k'; version = 'latest' }
                @{ package = 'k'; version = '>=1 <2 || 3.x' }, @{ package = 'k'; version = 'a b' }, @{ package = 'k'; version = '$(id)' }, @{ package = 'k'; version = '--registry=x' }
                @{ package = 'k'; version = '.x' }, @{ package = 'k'; version = '@1' }, @{ package = 'k'; version = $null }, @{ package = 'k'; version = '' }
                @{ package = 'k'; version = '   ' }, @{ package = 'k'; version = '.' }, @{ package = 'k'; version = '..' }, @{ package = 'k'; version = 'file:../x' }
                @{ package = 'k'; version = 'https://x/y.tgz' }, @{ package = 'k'; version = 'github:x/y' }, @{ package = 'k'; version = 'x/y' }, @{ package = 'k'; version = 'a\b' }
                @{ package = 'k'; version = 5 }, @{ package = 'k'; registry = 'https://r.example' }, @{ package = 'k'; registry = ' https://r.example/path/ ' }
                @{ package = 'k'; registry = 'HTTPS://r.example:8443/' }, @{ package = 'k'; registry = 'https://[::1]/' }, @{ package = 'k'; registry = 'https:///x' }
                @{ package = 'k'; registry = 'https:r.example' }, @{ package = 'k'; registry = 'https://r.example/a b' }, @{ package = 'k'; registry = 'https://@r.example/' }
                @{ package = 'k'; registry = 'https://:@r.example/' }, @{ package = 'k'; registry = 'https:\\r.example' }, @{ package = 'k'; registry = 'https://ü.example/' }
                @{ package = 'k'; registry = 'https://r%41.example/' }, @{ package = 'k'; registry = 'https://-r.example./' }, @{ package = 'k'; registry = 'https://1.2.3.4/' }
                @{ package = 'k'; registry = $null }, @{ package = 'k'; registry = 'http://localhost:4873/' }, @{ package = 'k'; registry = 'https://user@r.example/' }
                @{ package = 'k'; registry = 'https://u:p@r.example/' }, @{ package = 'k'; registry = 'https://r.example/?' }, @{ package = 'k'; registry = 'https://r.example/#x' }
                @{ package = 'k'; registry = 'https://' }, @{ package = 'k'; registry = 'registry.npmjs.org' }, @{ package = 'k'; registry = 'https://r.example:99999/' }
                @{ package = 'k'; registry = 'https://r.example:abc/' }, @{ package = 'k'; registry = 'https://r ex/' }, @{ package = 'k'; registry = '' }, @{ package = 'k'; registry = 5 }
            )
            $i = 0
            $entries = foreach ($source in $sources) { @{ name = "npm$((++$i))"; source = @{ source = 'npm' } + $source } }
            Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') (@{ name = 'npmsrc'; plugins = @($entries) } | ConvertTo-Json -Depth 5)
            $script:add = Invoke-Codex $root @('plugin', 'marketplace', 'add', $mk)
            $script:list = Invoke-Codex $root @('plugin', 'list', '--available', '--json')
            $script:theirs = $list.Stdout | ConvertFrom-Json
            $script:ours = @(Get-OurPlugins $root)
            $script:sourceCount = $sources.Count
        }

        It 'codex reads the marketplace, and lists some of its entries and skips others' {
            $add.ExitCode | Should -Be 0
            $list.ExitCode | Should -Be 0
            @($theirs.available).Count | Should -BeGreaterThan 10
            @($theirs.available).Count | Should -BeLessThan $sourceCount
        }

        It 'agrees on which npm sources are listed, and with which package' {
            $problems = Compare-PluginList (@($theirs.installed) + @($theirs.available)) $ours
            $problems | Should -BeNullOrEmpty -Because ($problems -join "`n")
        }
    }

    Context 'where codex finds marketplaces' -Skip:(-not $HaveCodex) {
        BeforeAll {
            $script:root = New-CompatRoot 'roots'
            function Write-Marketplace([string] $Dir, [string] $Name) {
                Write-TestFile (Join-Path $Dir '.agents/plugins/marketplace.json') "{ `"name`": `"$Name`", `"plugins`": [ { `"name`": `"p-$Name`", `"source`": `"./p`" } ] }"
                Write-TestFile (Join-Path $Dir 'p/.codex-plugin/plugin.json') "{`"name`":`"p-$Name`",`"version`":`"1.0.0`"}"
            }
            # Fetched git marketplaces live under CODEX_HOME/.tmp/marketplaces/NAME; one never fetched has no root yet.
            Write-Marketplace (Join-Path $root 'codex/.tmp/marketplaces/fetched') 'fetched'
            Write-Marketplace (Join-Path $root 'home') 'personal'
            Write-Marketplace (Join-Path $root 'zz-local') 'zz-local'
            Write-Marketplace (Join-Path $root 'aa-local') 'aa-local'
            Write-Marketplace (Join-Path $root 'work/proj-local') 'proj-local'
            $userConfig = @"
[marketplaces.zz-local]
source_type = "local"
source = "$root/zz-local"

[marketplaces.fetched]
source_type = "git"
source = "https://git.invalid/fetched.git"

[marketplaces.aa-local]
source_type = "local"
source = "$root/aa-local"

[projects."$root/work"]
trust_level = "trusted"
"@
            # A trusted project's [marketplaces] counts too (the reference page says user config only; the binary reads it).
            Write-TestFile (Join-Path $root 'work/.codex/config.toml') @"
[marketplaces.proj-local]
source_type = "local"
source = "$root/work/proj-local"
"@
            # A configured git marketplace that was never fetched makes codex refuse the whole list.
            Write-TestFile (Join-Path $root 'codex/config.toml') ($userConfig + "`n[marketplaces.never-fetched]`nsource_type = `"git`"`nsource = `"https://git.invalid/never.git`"`n")
            $script:refused = Invoke-Codex $root @('plugin', 'list', '--available', '--json')
            $saved = $env:HOME; $env:HOME = Join-Path $root 'home'
            try {
                $null = Get-CodexPlugin -Available -CodexHome (Join-Path $root 'codex') -ProjectPath (Join-Path $root 'work') -SystemConfigPath (Join-Path $root 'no-system') -ErrorVariable script:unfetchedErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            } finally { $env:HOME = $saved }
            Write-TestFile (Join-Path $root 'codex/config.toml') $userConfig
            $script:list = Invoke-Codex $root @('plugin', 'list', '--available', '--json')
            $script:theirs = @(($list.Stdout | ConvertFrom-Json).available)
            $script:ours = @(Get-OurPlugins $root)
        }

        It 'reports a configured marketplace that was never fetched, which codex refuses' {
            $refused.ExitCode | Should -Be 1
            $refused.Stderr | Should -BeLike '*never-fetched*does not contain a supported manifest*'
            $unfetched = @($unfetchedErrors | Where-Object { $_.FullyQualifiedErrorId -like 'MarketplaceSourceUnresolved,*' })
            $unfetched.Count | Should -Be 1
            $unfetched[0].Exception.Issue.Target | Should -Be 'never-fetched'
        }

        It 'lists the same marketplaces in the same order' {
            $list.ExitCode | Should -Be 0 -Because $list.Stderr
            @($ours.Marketplace | Select-Object -Unique) | Should -Be @($theirs.marketplaceName | Select-Object -Unique)
        }

        It 'agrees on every entry' {
            $problems = Compare-PluginList $theirs $ours
            $problems | Should -BeNullOrEmpty -Because ($problems -join "`n")
        }
    }
}

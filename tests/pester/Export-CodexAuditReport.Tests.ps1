BeforeDiscovery {
    $script:Chromium = @(Get-Command chromium, chromium-browser, google-chrome -ErrorAction Ignore)[0]
    $script:Node = Get-Command node -ErrorAction Ignore
    $script:SchemaThere = Test-Path (Join-Path $PSScriptRoot '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Chromium = @(Get-Command chromium, chromium-browser, google-chrome -ErrorAction Ignore)[0]

    # Real findings from the module: a marketplace whose entries break in the ways plugins break.
    $t = New-TestCodexHome
    $mk = Join-Path $t.Root 'marketplace'
    Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') @'
{ "name": "team", "plugins": [
  { "name": "renamed", "source": "./plugins/renamed" },
  { "name": "gone", "source": "./plugins/gone" },
  { "name": "badversion", "source": "./plugins/badversion" }
] }
'@
    Write-TestFile (Join-Path $mk 'plugins/renamed/.codex-plugin/plugin.json') '{"name":"other","version":"1.0.0"}'
    Write-TestFile (Join-Path $mk 'plugins/badversion/.codex-plugin/plugin.json') '{"name":"badversion","version":"1.0/../x"}'
    Write-TestFile (Join-Path $t.Home 'config.toml') "[marketplaces.team]`nsource_type = `"local`"`nsource = `"$mk`"`n"
    $s = $t.Splat
    $script:Plugins = @(Get-CodexPlugin -Available @s -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
    $script:Findings = @($Plugins | ForEach-Object Findings)

    # Findings as they come back from remoting: deserialized, with PSComputerName; one carries markup in its text.
    $script:Remote = @(
        [pscustomobject]@{ PSTypeName = 'Deserialized.Codex.Plugins.CodexFinding'; RuleId = 'McpAutoApproveWithoutAllowList'; Severity = 'Warning'
            Message = 'Server <script>document.title="pwned"</script> | runs <img src=x onerror="document.title=1"> tools'; Target = 'evil'
            File = '/home/ana/.codex/config.toml'; Line = 12; Remediation = 'Add enabled_tools.'; PSComputerName = 'ana-laptop' }
        [pscustomobject]@{ PSTypeName = 'Deserialized.Codex.Plugins.CodexFinding'; RuleId = 'DangerFullAccess'; Severity = 'Error'
            Message = 'danger-full-access is reachable'; Target = 'default_permissions'; File = '/etc/codex/config.toml'; Line = 3
            Remediation = 'Use :workspace.'; PSComputerName = 'ci-runner-07' }
    )
    $script:Out = Join-Path $TestDrive 'reports'
    $null = New-Item -ItemType Directory $Out
}

Describe 'Export-CodexAuditReport' {
    It 'reads the findings Get-CodexPlugin attaches, from the plugins or from their Findings' {
        $Findings.RuleId | Should -Contain 'PluginNameMismatch'
        $viaPlugins = $Plugins | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $viaFindings = $Findings | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $viaPlugins.summary.total | Should -Be $Findings.Count
        $viaFindings.summary.total | Should -Be $Findings.Count
        ($viaPlugins.findings | Where-Object ruleId -eq 'PluginNameMismatch').pluginId | Should -Be 'renamed@team'
    }

    It 'writes JSON for SIEMs: a summary and flat findings with their machine' {
        $json = @($Findings) + $Remote | Export-CodexAuditReport -Format Json -Machine 'local-box' | ConvertFrom-Json
        $json.tool | Should -Be 'Codex.Plugins'
        $json.summary.total | Should -Be ($Findings.Count + 2)
        $json.summary.error | Should -Be (@($Findings | Where-Object Severity -eq 'Error').Count + 1)
        $json.summary.machines | Should -Be 3
        $json.findings[0].severity | Should -Be 'error'
        ($json.findings | Where-Object ruleId -eq 'DangerFullAccess').machine | Should -Be 'ci-runner-07'
        ($json.findings | Where-Object ruleId -eq 'PluginNameMismatch').machine | Should -Be 'local-box'
    }

    It 'writes SARIF 2.1.0 that the official schema accepts' -Skip:(-not ($Node -and $SchemaThere)) {
        $path = Join-Path $Out 'audit.sarif'
        @($Findings) + $Remote | Export-CodexAuditReport -Path $path
        $check = & node (Join-Path $PSScriptRoot 'support/validate-sarif.js') $path 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($check -join "`n")
        $sarif = Get-Content -Raw $path | ConvertFrom-Json
        $sarif.version | Should -Be '2.1.0'
        $run = $sarif.runs[0]
        $run.results.Count | Should -Be ($Findings.Count + 2)
        $danger = $run.results | Where-Object ruleId -eq 'DangerFullAccess'
        $danger.level | Should -Be 'error'
        $loc = $danger.locations[0].physicalLocation.artifactLocation
        $loc.uri | Should -Not -Match '^file:' -Because 'locations are relative to a base id a code-scanning service can map'
        [uri]::new([uri]$run.originalUriBaseIds.($loc.uriBaseId).uri, $loc.uri).AbsoluteUri | Should -Be 'file:///etc/codex/config.toml'
        $danger.locations[0].physicalLocation.region.startLine | Should -Be 3
        $run.tool.driver.rules[$danger.ruleIndex].id | Should -Be 'DangerFullAccess'
    }

    It 'the schema check fails on a log that breaks the schema (the check itself can fail)' -Skip:(-not ($Node -and $SchemaThere)) {
        $path = Join-Path $Out 'broken.sarif'
        $sarif = $Remote | Export-CodexAuditReport -Format Sarif | ConvertFrom-Json
        $sarif.runs[0].results[0].level = 'severe'
        $sarif | ConvertTo-Json -Depth 20 | Set-Content $path
        $null = & node (Join-Path $PSScriptRoot 'support/validate-sarif.js') $path 2>&1
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'writes a self-contained HTML page that Chromium renders, with markup in findings kept as text' -Skip:(-not $Chromium) {
        $path = Join-Path $Out 'audit.html'
        $file = @($Findings) + $Remote | Export-CodexAuditReport -Path $path -Title 'Fleet audit' -PassThru
        $file.FullName | Should -Be $path
        $html = Get-Content -Raw $path
        $html | Should -Not -Match '<(script|link|img)\b'
        $html | Should -Not -Match 'https?://(?!github\.com/codex-plugins)'

        $profileDir = Join-Path $TestDrive 'chromium-profile'
        $dom = & $Chromium.Source --headless --no-sandbox --disable-gpu --user-data-dir=$profileDir --dump-dom "file://$path" 2>$null
        $dom = $dom -join "`n"
        $dom | Should -Match '<title>Fleet audit</title>' -Because 'a script in a finding must not have run and renamed the page'
        $dom | Should -Match '&lt;script&gt;document.title'
        $dom | Should -Not -Match '<img'
        $dom | Should -Match 'id="by-machine"'
        $dom | Should -Match 'ci-runner-07'
        $dom | Should -Match 'renamed@team'
        ([regex]::Matches($dom, 'class="finding"')).Count | Should -Be ($Findings.Count + 2)
        $dom | Should -Match ('data-severity="error"><span class="n">{0}</span>' -f (@($Findings | Where-Object Severity -eq 'Error').Count + 1))
    }

    It 'writes Markdown whose table cells keep pipes and markup as text' {
        $md = $Remote | Export-CodexAuditReport -Format Markdown
        $md | Should -Match '^# Codex configuration audit'
        $md | Should -Match '\| error \| 1 \|'
        $md | Should -Match 'Server \\<script\\>document.title="pwned"\\</script\\> \\\| runs'
        $row = $md -split "`n" | Where-Object { $_ -match '^\| `McpAutoApprove' }
        ($row -split '(?<!\\)\|').Count | Should -Be 8 -Because 'six columns, and an escaped pipe must not add one'
    }

    It 'takes the format from the file extension, and honours -WhatIf and -NoClobber' {
        $path = Join-Path $Out 'from-extension.md'
        $Remote | Export-CodexAuditReport -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        $Remote | Export-CodexAuditReport -Path $path
        Get-Content -Raw $path | Should -Match '^# '
        { $Remote | Export-CodexAuditReport -Path $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFileExists,Codex.Plugins.Commands.ExportCodexAuditReportCommand'
        $refused = $null
        try { $Remote | Export-CodexAuditReport -Path $path -NoClobber -ErrorAction Stop } catch { $refused = $_ }
        $refused.CategoryInfo.Category | Should -Be 'InvalidArgument' -Because 'an existing -Path with -NoClobber is a parameter problem, stopped like every bad parameter of the module'
    }

    It 'refuses a read-only report file with ReportWriteFailed and leaves it as it was' -Skip:$IsWindows {
        $path = Join-Path $Out 'locked.json'
        Set-Content $path 'old'
        (Get-Item $path).UnixFileMode = 'UserRead, GroupRead, OtherRead'
        try {
            { $Remote | Export-CodexAuditReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ReportWriteFailed,Codex.Plugins.Commands.ExportCodexAuditReportCommand'
            (Get-Content -Raw $path).Trim() | Should -Be 'old'
        } finally { (Get-Item $path).UnixFileMode = 'UserRead, UserWrite' }
    }

    It 'reports input that is not a finding and still writes the rest' {
        $json = 'not a finding', $Remote[1] | Export-CodexAuditReport -ErrorVariable err -ErrorAction SilentlyContinue | ConvertFrom-Json
        $err[0].FullyQualifiedErrorId | Should -Be 'ReportInputInvalid,Codex.Plugins.Commands.ExportCodexAuditReportCommand'
        $json.summary.total | Should -Be 1
    }

    It 'reports what Test-CodexConfiguration finds, with each rule described' {
        $t2 = New-TestCodexHome
        Write-TestFile (Join-Path $t2.Home 'config.toml') "[agents]`nmax_threads = 9`n[mcp_servers.wide]`ncommand = `"x`"`ndefault_tools_approval_mode = `"auto`"`n"
        $s2 = $t2.Splat
        $sarif = Test-CodexConfiguration @s2 -WarningAction SilentlyContinue | Export-CodexAuditReport -Format Sarif | ConvertFrom-Json
        $rules = $sarif.runs[0].tool.driver.rules
        $rules.id | Should -Contain 'CODEX-MCP-001'
        ($rules | Where-Object id -eq 'CODEX-MCP-001').shortDescription.text | Should -Match 'enabled_tools allow list'
        ($rules | Where-Object id -eq 'CODEX-AGENT-001').helpUri | Should -Match 'docs/Test-CodexConfiguration\.md$'
    }

    It 'writes an empty report when there is nothing to report' {
        $json = @() | Export-CodexAuditReport | ConvertFrom-Json
        $json.summary.total | Should -Be 0
    }

    It 'lays the HTML out for reading: rule ids and locations on one line, the page''s width used, no table wider than the page' -Skip:(-not $Chromium) {
        $long = [pscustomobject]@{ PSTypeName = 'Deserialized.Codex.Plugins.CodexFinding'; RuleId = 'CODEX-PERM-004'; Severity = 'Warning'
            Message = ('The profile ''workspace-with-a-long-name'' can read /home/alexandra.long-surname/.config/gcloud/credentials.db ' * 3); Target = 'workspace-with-a-long-name'
            File = '/home/alexandra.long-surname/projects/storefront-platform/.codex/config.toml'; Line = 128; Remediation = 'Deny the folder in the profile or with requirements'' deny_read.'; PSComputerName = 'ana-laptop' }
        $path = Join-Path $Out 'layout.html'
        @($Findings) + $Remote + $long | Export-CodexAuditReport -Path $path
        # The report forbids scripts (its CSP); a copy without the CSP measures the layout in Chromium.
        $measure = @'
<script>
addEventListener('load', () => {
  const one = el => el.getClientRects().length === 1;
  const width = document.documentElement.clientWidth;
  const r = {
    ruleLines: [...document.querySelectorAll('tr.finding td:first-child code')].every(one),
    locationLines: [...document.querySelectorAll('tr.finding .loc code')].every(one),
    locations: document.querySelectorAll('tr.finding .loc code').length,
    overflow: [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > width + 1).length,
    bodyShare: Math.round(100 * document.body.getBoundingClientRect().width / width)
  };
  const pre = document.createElement('pre'); pre.id = 'measure'; pre.textContent = JSON.stringify(r); document.body.appendChild(pre);
});
</script>
'@
        $probe = Join-Path $Out 'layout-probe.html'
        ((Get-Content -Raw $path) -replace '<meta http-equiv="Content-Security-Policy"[^>]*>', '' -replace '</body>', "$measure</body>") | Set-Content $probe
        $profileDir = Join-Path $TestDrive 'chromium-layout'
        $dom = (& $Chromium.Source --headless --no-sandbox --disable-gpu --user-data-dir=$profileDir --window-size=1280,900 --virtual-time-budget=3000 --dump-dom "file://$probe" 2>$null) -join "`n"
        $dom | Should -Match '<pre id="measure">'
        $m = ([regex]::Match($dom, '<pre id="measure">(.*?)</pre>').Groups[1].Value -replace '&quot;', '"') | ConvertFrom-Json
        $m.ruleLines | Should -BeTrue -Because 'a rule id broken over two lines cannot be searched for'
        $m.locations | Should -BeGreaterThan 0
        $m.locationLines | Should -BeTrue -Because 'file:line is copied as one piece'
        $m.overflow | Should -Be 0 -Because 'no table may run off the page'
        $m.bodyShare | Should -BeGreaterOrEqual 90 -Because 'a fleet report uses the width of the page'
    }
}

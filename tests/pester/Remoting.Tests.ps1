# Objects whole after Start-Job (the same serializer as Invoke-Command): every output type keeps its nested data, and
# what comes back still feeds the next cmdlet.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # Makes a Codex home that produces every output type, then emits one of each in a fixed order. Runs here and in
    # the job, so the live and the deserialized objects come from the same files.
    $script:Produce = {
        param([string] $Root)
        $codexHome = Join-Path $Root 'home/.codex'
        $system = Join-Path $Root 'etc-codex'
        $project = Join-Path $Root 'work'
        $mk = Join-Path $Root 'marketplace'
        $s = @{ CodexHome = $codexHome; SystemConfigPath = $system; ProjectPath = $project }
        $q = @{ ErrorAction = 'SilentlyContinue'; WarningAction = 'SilentlyContinue' }
        Get-CodexConfig model @s @q
        Get-CodexConfig -ListLayer @s @q | Select-Object -First 1
        Get-CodexMcpServer @s @q
        Get-CodexPlugin @s @q
        Get-CodexMarketplace @s @q
        Get-CodexAgent @s @q
        Test-CodexConfiguration @s @q
        Get-CodexHook @s @q
        Get-CodexHook @s @q | Invoke-CodexHook Stop -IncludeUntrusted @q
        Test-CodexPermissionProfile @s -Name tight @q
        Test-CodexPermissionProfile @s -Name tight -Path (Join-Path $project 'a.txt') -Access Write @q
        Get-CodexSkill @s @q
        Measure-CodexSkillBudget @s @q
        Get-CodexInstallation -CodexHome $codexHome -CodexVersion 0.169.0 @q
        Test-CodexCompliance -CodexHome $codexHome -ProjectPath $project -SystemConfigPath $system @q
        Get-CodexSession -CodexHome $codexHome @q | Select-Object -First 1
        Measure-CodexSession -CodexHome $codexHome @q | Select-Object -First 1
        Measure-CodexSession -CodexHome $codexHome -Summary @q
        Find-CodexSecret -Path (Join-Path $codexHome 'config.toml') @q
        Test-CodexPlugin -Path (Join-Path $mk 'plugins/docs') @q
        Compare-CodexPlugin (Join-Path $codexHome 'plugins/cache/team/docs/1.0.0') (Join-Path $mk 'plugins/docs') -PluginId docs@team @q

        # What writes files writes into a folder of its own: the job and this runspace run the same block.
        $out = Join-Path $Root ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Force $out
        New-CodexManagedConfig -AllowedApprovalPolicy on-request -McpServer @{ tickets = 'tickets-mcp' } @q
        Protect-CodexData -Path (Join-Path $codexHome 'config.toml') -Destination (Join-Path $out 'config.masked.toml') @q
        $market = Join-Path $out 'market'
        $null = New-Item -ItemType Directory -Force (Join-Path $market '.agents/plugins')
        Set-Content (Join-Path $market '.agents/plugins/marketplace.json') '{ "name": "made", "plugins": [] }'
        New-CodexPlugin -Name made -Path (Join-Path $out 'plugins') -Version 1.0.0 -Description 'Made in the test' -Confirm:$false @q |
            Publish-CodexPlugin -Marketplace $market -Confirm:$false @q
    }

    $t = New-TestCodexHome 'remoting'
    $script:Root = $t.Root
    $mk = Join-Path $t.Root 'marketplace'
    Write-TestFile (Join-Path $t.Home 'config.toml') @"
model = "gpt-5"
default_permissions = "tight"

[permissions.tight]
extends = ":workspace"
[permissions.tight.filesystem]
"~/.ssh" = "deny"
[permissions.tight.network]
enabled = true
[permissions.tight.network.domains]
"example.com" = "allow"

[mcp_servers.tickets]
command = "tickets-mcp"
args = ["--verbose"]
env = { TICKETS_API_TOKEN = "t-123456789" }
enabled_tools = ["search"]

[mcp_servers.tickets.tools.search]
approval_mode = "approve"

[marketplaces.team]
source_type = "local"
source = "$mk"

[plugins."docs@team"]
enabled = true
"@
    Write-TestFile (Join-Path $mk '.agents/plugins/marketplace.json') '{ "name": "team", "plugins": [ { "name": "docs", "source": "./plugins/docs" } ] }'
    Write-TestFile (Join-Path $mk 'plugins/docs/.codex-plugin/plugin.json') '{"name":"docs","version":"1.1.0","interface":{"displayName":"Docs","logo":"../logo.png"}}'
    Write-TestFile (Join-Path $t.Home 'plugins/cache/team/docs/1.0.0/.codex-plugin/plugin.json') '{"name":"docs","version":"1.0.0","interface":{"displayName":"Docs","logo":"../logo.png"}}'
    Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo done"}]}]}}'
    Write-TestFile (Join-Path $t.Home 'agents/reviewer.toml') "name = `"reviewer`"`ndescription = `"Reviews`"`ndeveloper_instructions = `"Review.`"`nsandbox_mode = `"read-only`"`n"
    Write-TestFile (Join-Path $t.Home 'skills/notes/SKILL.md') "---`nname: notes`ndescription: Writes release notes.`n---`nBody`n"

    Copy-Item -Recurse (Join-Path $PSScriptRoot '../fixtures/sessions/home/sessions') (Join-Path $t.Home 'sessions')
    Add-Content (Join-Path $t.Home 'config.toml') "`n[mcp_servers.db]`ncommand = `"pg-mcp`"`nenabled_tools = [`"q`"]`nenv = { DATABASE_URL = `"postgresql://app:Xk9v2mQz7@db/app`" }`n"

    $script:Live = @(& $Produce $t.Root)
    $job = Start-Job -ScriptBlock {
        param($ModulePath, $Root, $Code)
        Import-Module $ModulePath
        & ([scriptblock]::Create($Code)) $Root
    } -ArgumentList $script:ModulePath, $t.Root, $Produce.ToString()
    $script:Received = @($job | Receive-Job -Wait -AutoRemoveJob)

    function Get-Shape($Value, [int] $Depth = 0) {
        # What an admin can read off an object, as text: leaves as strings, maps and lists element by element,
        # objects property by property. A nested object that came back as its ToString() has another shape.
        # Leaves are only marked, not compared: a run's durations and session ids differ from the job's.
        if ($null -eq $Value) { return '<null>' }
        if ($Value -is [string] -or $Value -is [ValueType]) { return '.' }
        if ($Depth -ge 4) { return '...' }
        if ($Value -is [System.Collections.IDictionary]) {
            return '{' + ((@($Value.Keys) | Sort-Object { "$_" } | ForEach-Object { "$_=" + (Get-Shape $Value[$_] ($Depth + 1)) }) -join ';') + '}'
        }
        if ($Value -is [System.Collections.IEnumerable]) { return '[' + ((@($Value) | ForEach-Object { Get-Shape $_ ($Depth + 1) }) -join ',') + ']' }
        $props = $Value.psobject.Properties | Where-Object { $_.MemberType -in 'Property', 'NoteProperty' -and $_.Name -notlike 'PS*' -and $_.Name -ne 'RunspaceId' } | Sort-Object Name
        return '(' + (($props | ForEach-Object { $_.Name + ':' + (Get-Shape $_.Value ($Depth + 1)) }) -join ';') + ')'
    }

    function Get-First([object[]] $Items, [string] $TypeName) {
        @($Items | Where-Object { $_.psobject.TypeNames -contains $TypeName -or $_.psobject.TypeNames -contains "Deserialized.$TypeName" })[0]
    }
}

Describe 'Objects through Start-Job' {
    It 'brings back every output type the module declares' {
        # CodexPublishResult needs remote machines: Publish-CodexManagedConfig.Tests.ps1 brings it back over SSH.
        $declared = (Get-Command -Module Codex.Plugins).OutputType.Name | Where-Object { $_ -like 'Codex.Plugins.*' -and $_ -ne 'Codex.Plugins.CodexPublishResult' } | Sort-Object -Unique
        foreach ($type in $declared) { Get-First $Received $type | Should -Not -BeNullOrEmpty -Because "$type must be produced by this test" }
    }

    It 'keeps <_> whole, nested collections included' -ForEach @(
        'Codex.Plugins.CodexConfigValue', 'Codex.Plugins.CodexConfigLayer', 'Codex.Plugins.CodexMcpServer', 'Codex.Plugins.CodexPlugin',
        'Codex.Plugins.CodexMarketplace', 'Codex.Plugins.CodexAgent', 'Codex.Plugins.CodexFinding', 'Codex.Plugins.CodexHook',
        'Codex.Plugins.CodexHookResult', 'Codex.Plugins.CodexHookOutcome', 'Codex.Plugins.CodexPermissionProfile', 'Codex.Plugins.CodexPermissionDecision',
        'Codex.Plugins.CodexSkill', 'Codex.Plugins.CodexSkillBudget', 'Codex.Plugins.CodexInstallation', 'Codex.Plugins.CodexCompliance',
        'Codex.Plugins.CodexSession', 'Codex.Plugins.CodexSessionMeasurement', 'Codex.Plugins.CodexSessionSummary', 'Codex.Plugins.CodexSecretFinding', 'Codex.Plugins.CodexPluginTestResult',
        'Codex.Plugins.CodexPluginDifference', 'Codex.Plugins.CodexManagedConfig', 'Codex.Plugins.CodexProtectResult', 'Codex.Plugins.CodexPluginPublication'
    ) {
        $live = Get-First $Live $_
        $back = Get-First $Received $_
        $live | Should -Not -BeNullOrEmpty
        $back.psobject.TypeNames[0] | Should -Be "Deserialized.$_"
        $shape = Get-Shape $back
        $shape | Should -Be (Get-Shape $live)
    }

    It 'feeds Export-CodexAuditReport with the findings of plugins that came back from a job' {
        $plugin = Get-First $Received 'Codex.Plugins.CodexPlugin'
        @($plugin.Findings).Count | Should -BeGreaterThan 0
        $json = $plugin | Export-CodexAuditReport -Format Json -ErrorVariable err | ConvertFrom-Json
        $err | Should -BeNullOrEmpty
        $json.summary.total | Should -Be @($plugin.Findings).Count
    }

    It 'keeps the Writable column of a permission profile after the job' {
        $profile = Get-First $Received 'Codex.Plugins.CodexPermissionProfile'
        ($profile | Format-Table | Out-String -Width 200) | Should -Match ([regex]::Escape($Root))
    }

    It 'refuses findings that came back as text, with ReportInputInvalid, instead of writing an empty report' {
        $flat = [pscustomobject]@{ PSTypeName = 'Deserialized.Codex.Plugins.CodexPlugin'; PluginId = 'docs@team'; Findings = 'PluginPathInvalid: bad' }
        $null = $flat | Export-CodexAuditReport -Format Json -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ReportInputInvalid,*'
        "$($err[0])" | Should -Match 'lost its fields|not a finding'
    }
}

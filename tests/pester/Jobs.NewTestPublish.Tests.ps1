# What New-, Test- and Publish- cmdlets return comes back whole through Start-Job (the serializer Invoke-Command uses
# too): nested members stay objects, not their ToString(), and what came back feeds the next cmdlet. Objects of the
# Get- cmdlets are covered with the same check in Remoting.Tests.ps1; the SSH fleet round trip is in
# Publish-CodexManagedConfig.Tests.ps1.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # Builds its own fixtures under $Root and emits one object of each type in a fixed order. Runs here and in the job,
    # so the live objects and the deserialized ones come from the same files.
    $script:Produce = {
        param([string] $Root)
        function Write-Text([string] $Path, [string] $Text) {
            $null = New-Item -ItemType Directory -Force ([System.IO.Path]::GetDirectoryName($Path))
            [System.IO.File]::WriteAllText($Path, $Text)
        }
        function New-NamedPipeSession {
            # A session to this very process over its named pipe: real remoting (serialization and all) without sshd.
            [CmdletBinding()]
            param([int] $ProcessId)
            $connection = [System.Management.Automation.Runspaces.NamedPipeConnectionInfo]::new($ProcessId)
            $runspace = [runspacefactory]::CreateRunspace($connection, $Host, [System.Management.Automation.Runspaces.TypeTable]::LoadDefaultTypeFiles())
            $runspace.Open()
            [System.Management.Automation.Runspaces.PSSession]::Create($runspace, 'NamedPipe', $PSCmdlet)
        }

        $codexHome = Join-Path $Root 'home/.codex'
        $s = @{ CodexHome = $codexHome; SystemConfigPath = (Join-Path $Root 'etc-codex'); ProjectPath = (Join-Path $Root 'work') }
        foreach ($d in $s.Values) { $null = New-Item -ItemType Directory -Force $d }
        Write-Text (Join-Path $codexHome 'config.toml') @"
approval_policy = "never"

[mcp_servers.docs]
command = "codex-mcp"

[mcp_servers.db]
command = "db-mcp"
env = { DB_HOST = "db.internal" }
"@
        $policy = New-CodexManagedConfig -AllowedApprovalPolicy on-request, untrusted -McpServer @{ docs = 'codex-mcp' } -Default @{ approval_policy = 'on-request' }
        $policy
        Test-CodexCompliance -Requirements $policy[0] @s

        $target = Join-Path $Root 'target'
        $null = New-Item -ItemType Directory -Force $target
        Write-Text (Join-Path $target 'requirements.toml') "allowed_approval_policies = [`"never`"]`n"
        $session = New-NamedPipeSession -ProcessId $PID
        try { $policy | Publish-CodexManagedConfig -Session $session -SystemConfigPath $target -Confirm:$false }
        finally { $session | Remove-PSSession }

        $skill = Join-Path $Root 'skills/triage'
        Write-Text (Join-Path $skill 'SKILL.md') "---`nname: triage`ndescription: Triage issues.`n---`nSteps.`n"
        $plugins = Join-Path $Root 'plugins'
        New-CodexPlugin -Name tools -Path $plugins -Version 1.0.0 -Skill $skill -McpServer (Get-CodexMcpServer db @s -IncludeSecret) `
            -Hook @{ Event = 'PreToolUse'; Matcher = 'Bash'; Command = './scripts/gate.sh' } -CodexHome $codexHome
        $next = Join-Path $Root 'next/tools'
        Copy-Item -Recurse (Join-Path $plugins 'tools') $next
        Write-Text (Join-Path $next '.mcp.json') '{ "mcpServers": { "db": { "command": "db-mcp" }, "shell": { "command": "bash" } } }'
        Test-CodexPlugin $next
        Compare-CodexPlugin (Join-Path $plugins 'tools') $next | Where-Object Name -eq 'shell'
    }

    $script:Root = Join-Path $TestDrive 'live'
    $script:Live = @(& $Produce $Root)
    $job = Start-Job -ScriptBlock {
        param($ModulePath, $Root, $Code)
        Import-Module $ModulePath
        & ([scriptblock]::Create($Code)) $Root
    } -ArgumentList $script:ModulePath, (Join-Path $TestDrive 'job'), $Produce.ToString()
    $script:Received = @($job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Continue)

    function Get-Shape($Value, [int] $Depth = 0) {
        # What can be read off an object: leaves marked (values differ between the two runs: paths, times, hashes of
        # paths), maps and lists element by element, objects property by property. A nested object that came back
        # as its ToString() has another shape.
        if ($null -eq $Value) { return '<null>' }
        if ($Value -is [string] -or $Value -is [ValueType]) { return '.' }
        if ($Depth -ge 5) { return '...' }
        if ($Value -is [System.Collections.IDictionary]) {
            return '{' + ((@($Value.Keys) | Sort-Object { "$_" } | ForEach-Object { "$_=" + (Get-Shape $Value[$_] ($Depth + 1)) }) -join ';') + '}'
        }
        if ($Value -is [System.Collections.IEnumerable]) { return '[' + ((@($Value) | ForEach-Object { Get-Shape $_ ($Depth + 1) }) -join ',') + ']' }
        $props = $Value.psobject.Properties | Where-Object { $_.MemberType -in 'Property', 'NoteProperty' -and $_.Name -notlike 'PS*' -and $_.Name -ne 'RunspaceId' } | Sort-Object Name
        return '(' + (($props | ForEach-Object { $_.Name + ':' + (Get-Shape $_.Value ($Depth + 1)) }) -join ';') + ')'
    }

    function New-NamedPipeSession {
        [CmdletBinding()]
        param([int] $ProcessId)
        $connection = [System.Management.Automation.Runspaces.NamedPipeConnectionInfo]::new($ProcessId)
        $runspace = [runspacefactory]::CreateRunspace($connection, $Host, [System.Management.Automation.Runspaces.TypeTable]::LoadDefaultTypeFiles())
        $runspace.Open()
        [System.Management.Automation.Runspaces.PSSession]::Create($runspace, 'NamedPipe', $PSCmdlet)
    }

    function Get-Of([object[]] $Items, [string] $TypeName) {
        @($Items | Where-Object { $_.psobject.TypeNames -contains $TypeName -or $_.psobject.TypeNames -contains "Deserialized.$TypeName" })
    }
}

Describe 'New-, Test- and Publish- output through Start-Job' {
    It 'keeps <_> whole, nested members included' -ForEach @(
        'Codex.Plugins.CodexManagedConfig', 'Codex.Plugins.CodexCompliance', 'Codex.Plugins.CodexPublishResult',
        'Codex.Plugins.CodexPluginTestResult', 'Codex.Plugins.CodexPluginDifference'
    ) {
        $live = Get-Of $Live $_
        $back = Get-Of $Received $_
        $live | Should -Not -BeNullOrEmpty -Because "the fixture must produce $_"
        $back.Count | Should -Be $live.Count
        $back[0].psobject.TypeNames[0] | Should -Be "Deserialized.$_"
        for ($i = 0; $i -lt $live.Count; $i++) { Get-Shape $back[$i] | Should -Be (Get-Shape $live[$i]) }
    }

    It 'has nested members worth checking (the fixture is not trivially flat)' {
        (Get-Of $Live 'Codex.Plugins.CodexCompliance')[0].Findings | Should -Not -BeNullOrEmpty
        (Get-Of $Live 'Codex.Plugins.CodexPublishResult')[0].BackupPath | Should -Not -BeNullOrEmpty
        $tested = (Get-Of $Live 'Codex.Plugins.CodexPluginTestResult')[0]
        $tested.SkillDetails | Should -Not -BeNullOrEmpty
        $tested.McpServerDetails | Should -Not -BeNullOrEmpty
        $tested.HookDetails | Should -Not -BeNullOrEmpty
        (Get-Of $Live 'Codex.Plugins.CodexPluginDifference')[0].Finding | Should -Not -BeNullOrEmpty
    }

    It 'feeds managed files that came back from a job into Publish-CodexManagedConfig and Test-CodexCompliance' {
        $files = Get-Of $Received 'Codex.Plugins.CodexManagedConfig'
        $t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') "approval_policy = `"never`"`n"
        $splat = $t.Splat
        $preview = Test-CodexCompliance -Requirements $files[0] @splat
        $preview.IsPreview | Should -BeTrue
        $preview.ApprovalPolicy | Should -Be 'on-request'

        $session = New-NamedPipeSession -ProcessId $PID
        try {
            $r = $files | Publish-CodexManagedConfig -Session $session -SystemConfigPath $t.System -Confirm:$false
        } finally { $session | Remove-PSSession }
        $r.Status | Should -Be 'Published'
        [System.IO.File]::ReadAllText((Join-Path $t.System 'requirements.toml')) | Should -BeExactly $files[0].Text
        [System.IO.File]::ReadAllText((Join-Path $t.System 'managed_config.toml')) | Should -BeExactly $files[1].Text
    }

    It 'feeds compliance and plugin test results that came back from a job into Export-CodexAuditReport' {
        foreach ($type in 'Codex.Plugins.CodexCompliance', 'Codex.Plugins.CodexPluginTestResult') {
            $back = (Get-Of $Received $type)[0]
            $json = $back | Export-CodexAuditReport -Format Json -ErrorVariable err | ConvertFrom-Json
            $err | Should -BeNullOrEmpty
            $json.summary.total | Should -Be @($back.Findings).Count
            @($back.Findings).Count | Should -BeGreaterThan 0 -Because "$type must carry findings here"
        }
    }

    It 'formats publish results and compliance that came back from a job with their views at 120 columns' {
        $publish = ((Get-Of $Received 'Codex.Plugins.CodexPublishResult') | Format-Table | Out-String -Width 120)
        $publish | Should -Match 'localhost\s+True\s+True\s+/'
        $publish | Should -Not -Match 'RunspaceId'
        ((Get-Of $Received 'Codex.Plugins.CodexCompliance') | Format-Table | Out-String -Width 120) | Should -Match 'False'
    }
}

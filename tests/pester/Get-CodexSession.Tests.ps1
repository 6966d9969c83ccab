BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Two rollouts codex 0.171.0 wrote against the compat mock (tests/fixtures/sessions): a main session and its subagent.
    $script:Fixture = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/sessions/home')).ProviderPath
    $script:MainId = '01a24e0a-470f-7430-8cd3-855553612436'
    $script:SubId = '01a24e0a-604d-7580-a7d5-6d60af1837bd'

    function Copy-Fixture {
        $t = New-TestCodexHome
        Copy-Item -Recurse (Join-Path $Fixture 'sessions') $t.Home
        return $t
    }
}

Describe 'Get-CodexSession' {
    It 'lists the sessions of a home, oldest first, with their meta' {
        $s = @(Get-CodexSession -CodexHome $Fixture)
        $s.Id | Should -Be @($MainId, $SubId)
        $s[0].Role | Should -Be 'main'
        $s[0].CliVersion | Should -Be '0.171.0'
        $s[1].ParentSessionId | Should -Be $MainId
        $s[1].Depth | Should -Be 1
        $s[0].PSObject.TypeNames[0] | Should -Be 'Codex.Plugins.CodexSession'
    }

    It 'filters by id (wildcards), role, cwd and time' {
        (Get-CodexSession -CodexHome $Fixture '01a24e0a-604d*').Id | Should -Be $SubId
        (Get-CodexSession -CodexHome $Fixture -Role main).Id | Should -Be $MainId
        @(Get-CodexSession -CodexHome $Fixture -Cwd '/srv/fleet/*').Count | Should -Be 2
        @(Get-CodexSession -CodexHome $Fixture -Cwd '/elsewhere/*').Count | Should -Be 0
        @(Get-CodexSession -CodexHome $Fixture -After ([datetime]'2026-12-08')).Count | Should -Be 0
        @(Get-CodexSession -CodexHome $Fixture -Before ([datetime]'2026-12-08')).Count | Should -Be 2
    }

    It 'says which id it did not find, with a stable error id' {
        $null = Get-CodexSession -CodexHome $Fixture 'no-such-session' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SessionNotFound,*'
    }

    It 'reports a missing home without stopping' {
        $null = Get-CodexSession -CodexHome (Join-Path $TestDrive 'none') -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'CodexHomeNotFound,*'
    }

    It 'reads copied rollouts with -Path and names the machine; a bad file is an error, the others still come out' {
        $t = Copy-Fixture
        $day = Join-Path $t.Home 'sessions/2026/12/07'
        Write-TestFile (Join-Path $day 'rollout-2026-12-07T02-00-00-01a24e0a-0000-7000-8000-0000000000ee.jsonl') ''
        $s = @(Get-CodexSession -Path (Join-Path $t.Home 'sessions') -Machine build01 -ErrorVariable e -ErrorAction SilentlyContinue)
        $s.Count | Should -Be 2
        $s.Machine | Should -Be @('build01', 'build01')
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SessionFileEmpty,*'
        $e[0].Exception.Message | Should -BeLike '*rollout-2026-12-07T02-00-00*'
    }

    It 'completes -Id from file names and -Role with the known roles' {
        $t = Copy-Fixture
        $env:CODEX_HOME_SAVED = $env:CODEX_HOME
        try {
            $line = "Get-CodexSession -CodexHome '$($t.Home)' -Id 01a24e0a-6"
            $ids = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $ids | Should -Be @($SubId)
            $line = "Get-CodexSession -CodexHome '$($t.Home)' -Role ex"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('explorer')
        } finally { $env:CODEX_HOME = $env:CODEX_HOME_SAVED }
    }

    It 'formats as a table that fits 120 columns, also after a job' {
        $text = Get-CodexSession -CodexHome $Fixture | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($MainId))
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
        $job = Start-Job { Import-Module $using:ModulePath; Get-CodexSession -CodexHome $using:Fixture }
        $back = @($job | Receive-Job -Wait -AutoRemoveJob)
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexSession'
        ($back | Out-String -Width 120) | Should -Match ([regex]::Escape($SubId))
        # A deserialized session still carries what Measure-CodexSession needs.
        (@($back | Measure-CodexSession)).Id | Should -Be @($MainId, $SubId)
    }
}

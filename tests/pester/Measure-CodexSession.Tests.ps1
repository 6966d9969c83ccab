BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Fixture = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/sessions/home')).ProviderPath
    $script:MainId = '01a24e0a-470f-7430-8cd3-855553612436'
    $script:SubId = '01a24e0a-604d-7580-a7d5-6d60af1837bd'
}

Describe 'Measure-CodexSession' {
    It 'measures every session of a home, one object each' {
        $m = @(Measure-CodexSession -CodexHome $Fixture)
        $m.Id | Should -Be @($MainId, $SubId)
        $main = $m[0]
        $main.ToolCalls | Should -Be 10
        $main.HookBlocks | Should -Be 1
        $main.McpTimeouts | Should -Be 1
        $main.SubagentsSpawned | Should -Be 1
        $main.Turns | Should -Be 2
        ($main.Tools | Where-Object Tool -eq 'exec_command').Failures | Should -Be 1
    }

    It 'takes sessions from Get-CodexSession and sums them per role' {
        $s = @(Get-CodexSession -CodexHome $Fixture | Measure-CodexSession -GroupBy Role)
        $s.Group | Should -Be @('default', 'main')
        ($s | Where-Object Group -eq 'main').ToolCalls | Should -Be 10
        $total = Get-CodexSession -CodexHome $Fixture | Measure-CodexSession -Summary
        $total.Sessions | Should -Be 2
        $total.ToolCalls | Should -Be 11
        $total.PSObject.TypeNames[0] | Should -Be 'Codex.Plugins.CodexSessionSummary'
    }

    It 'measures nothing, not the whole home, when the pipeline brings no session' {
        # An audit filter that matched nothing: measuring every session of the home instead would report sessions
        # (or, for a wrong -CodexHome upstream, the default home's) that the admin filtered out.
        @(Get-CodexSession -CodexHome $Fixture | Where-Object Id -eq 'no-such-session' | Measure-CodexSession -CodexHome $Fixture).Count | Should -Be 0
        $total = @() | Measure-CodexSession -CodexHome $Fixture -Summary
        @($total | Where-Object Sessions -gt 0).Count | Should -Be 0
    }

    It 'holds sessions to the [agents] limits of the home, or to -MaxDepth' {
        $t = New-TestCodexHome
        Copy-Item -Recurse (Join-Path $Fixture 'sessions') $t.Home
        Write-TestFile (Join-Path $t.Home 'config.toml') "[agents]`nmax_depth = 0`n"
        $m = @(Measure-CodexSession -CodexHome $t.Home)
        ($m | Where-Object Role -eq 'default').ExceedsLimits | Should -BeTrue
        ($m | Where-Object Role -eq 'main').ExceedsLimits | Should -BeFalse
        @(Measure-CodexSession -CodexHome $t.Home -MaxDepth 1 | Where-Object ExceedsLimits).Count | Should -Be 0
    }

    It 'measures the rest when one file has a cut-off last line, and says which' {
        $t = New-TestCodexHome
        Copy-Item -Recurse (Join-Path $Fixture 'sessions') $t.Home
        $f = Get-ChildItem -Recurse (Join-Path $t.Home 'sessions') -Filter "*$SubId.jsonl"
        $bytes = [IO.File]::ReadAllBytes($f.FullName)
        [IO.File]::WriteAllBytes($f.FullName, $bytes[0..($bytes.Length - 30)])
        $m = @(Measure-CodexSession -CodexHome $t.Home -ErrorVariable e -ErrorAction SilentlyContinue)
        $m.Count | Should -Be 2
        ($m | Where-Object Id -eq $SubId).IsComplete | Should -BeFalse
        $e[0].FullyQualifiedErrorId | Should -BeLike 'SessionLineTruncated,*'
    }

    It 'names the source of every metric, and takes hook outcomes from an Invoke-CodexHook log' {
        $log = Join-Path $TestDrive 'hooks.jsonl'
        $payload = @{ session_id = $MainId } | ConvertTo-Json -Compress
        Write-TestFile $log ((@{ event = 'PreToolUse'; counts = @{ pass = 3; fail = 1; skip = 0; block = 1 }; payload = $payload } | ConvertTo-Json -Compress) + "`n")
        $m = Measure-CodexSession -CodexHome $Fixture -HookLogPath $log | Where-Object Id -eq $MainId
        $m.HookRuns | Should -Be 5
        $m.HookBlocked | Should -Be 1
        $m.Sources['HookRuns'] | Should -Be 'hook-log'
        $m.Sources['ToolCalls'] | Should -Be 'rollout'
        $m.Sources['ApprovalsGranted'] | Should -Be 'none'
        $m.ApprovalsGranted | Should -BeNullOrEmpty
    }

    It 'formats measurements and summaries within 120 columns' {
        foreach ($text in @((Measure-CodexSession -CodexHome $Fixture | Out-String -Width 120), (Measure-CodexSession -CodexHome $Fixture -GroupBy Day | Out-String -Width 120), ((Measure-CodexSession -CodexHome $Fixture -Summary).Tools | Out-String -Width 120))) {
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
        }
        (Measure-CodexSession -CodexHome $Fixture | Out-String -Width 120) | Should -Match ([regex]::Escape($MainId))
    }

    It 'feeds Export-CodexAuditReport: metrics in JSON and HTML, limit breaches as findings, also after a job' {
        $m = @(Measure-CodexSession -CodexHome $Fixture -MaxDepth 0)
        $json = $m | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $json.sessions.count | Should -Be 2
        $json.sessions.toolCalls | Should -Be 11
        $json.sessions.sources.toolCalls | Should -Be 'rollout'
        $json.findings.ruleId | Should -Be @('CODEX-SESSION-001')
        $html = $m | Export-CodexAuditReport -Format Html
        $html | Should -Match '<svg id="chart-tools"'
        $html | Should -Not -Match '<script'
        $sarif = $m | Export-CodexAuditReport -Format Sarif | ConvertFrom-Json
        $sarif.runs[0].results.ruleId | Should -Be @('CODEX-SESSION-001')

        $job = Start-Job { Import-Module $using:ModulePath; Measure-CodexSession -CodexHome $using:Fixture -MaxDepth 0 }
        $back = @($job | Receive-Job -Wait -AutoRemoveJob)
        $again = $back | Export-CodexAuditReport -Format Json | ConvertFrom-Json
        $again.sessions.toolCalls | Should -Be 11
        $again.findings.ruleId | Should -Be @('CODEX-SESSION-001')
    }
}

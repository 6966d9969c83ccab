BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-NpmCodex([string] $Root, [string] $Version) {
        # What npm leaves: node_modules/@openai/codex with bin/codex.js, and a bin folder whose codex links to it.
        $package = Join-Path $Root 'lib/node_modules/@openai/codex'
        Write-TestFile (Join-Path $package 'package.json') "{`"name`": `"@openai/codex`", `"version`": `"$Version`", `"bin`": {`"codex`": `"bin/codex.js`"}}"
        Write-TestFile (Join-Path $package 'bin/codex.js') "#!/usr/bin/env node`n"
        $bin = New-Item -ItemType Directory -Force (Join-Path $Root 'bin')
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $bin 'codex') -Target (Join-Path $package 'bin/codex.js')
        return $bin.FullName
    }

    function Write-Rollout([string] $CodexHome, [string] $Day, [string] $Version) {
        $line = "{`"timestamp`":`"$($Day)T10:00:00Z`",`"type`":`"session_meta`",`"payload`":{`"id`":`"x`",`"cli_version`":`"$Version`",`"base_instructions`":{`"text`":`"...`"}}}"
        $parts = $Day -split '-'
        Write-TestFile (Join-Path $CodexHome "sessions/$($parts[0])/$($parts[1])/$($parts[2])/rollout-$($Day)T10-00-00-$([guid]::NewGuid()).jsonl") "$line`n"
    }
}

Describe 'Get-CodexInstallation' {
    BeforeAll { $script:savedPath = $env:PATH }
    AfterEach { $env:PATH = $savedPath }

    It 'reads the version of the codex on PATH from the npm package it links to, and the newest rollout beside it' -Skip:$IsWindows {
        $t = New-TestCodexHome
        $bin = New-NpmCodex (Join-Path $t.Root 'npm') '0.171.0'
        Write-Rollout $t.Home '2026-11-02' '0.168.0'
        Write-Rollout $t.Home '2026-12-01' '0.169.0'
        $env:PATH = "$bin$([System.IO.Path]::PathSeparator)$env:PATH"

        $i = Get-CodexInstallation -CodexHome $t.Home -WarningVariable warnings
        $i.Version | Should -Be '0.171.0'
        $i.VersionSource | Should -Be 'Binary'
        $i.Checked | Should -BeTrue
        $i.BehavesAs | Should -Be '0.171.0'
        $i.CodexPath | Should -Be (Join-Path $bin 'codex')
        $i.ResolvedPath | Should -BeLike '*/@openai/codex/bin/codex.js'
        $i.RolloutVersion | Should -Be '0.169.0'
        $i.Note | Should -Match 'written by Codex 0\.169\.0'
        $warnings | Should -BeNullOrEmpty
        ($i | Out-String -Width 120) | Should -Match '0\.171\.0\s+Binary\s+True\s+0\.171\.0\s+0\.169\.0'
    }

    It 'falls back to the newest rollout, then to the newest checked release, and says so' {
        $t = New-TestCodexHome
        $env:PATH = (Join-Path $t.Root 'nothing-here')
        $none = Get-CodexInstallation -CodexHome $t.Home
        $none.VersionSource | Should -Be 'Default'
        $none.Version | Should -Be $none.CheckedVersions[-1]
        $none.Note | Should -Match 'assumes the newest checked release'

        Write-Rollout $t.Home '2026-12-05' '0.169.0'
        (Get-CodexInstallation -CodexHome $t.Home).VersionSource | Should -Be 'Rollout'
    }

    It 'warns with CodexVersionNotChecked for a version the module was not checked against, and applies the older rules' {
        $t = New-TestCodexHome
        $i = Get-CodexInstallation -CodexHome $t.Home -CodexVersion 0.170.2 -WarningVariable warnings -WarningAction SilentlyContinue
        $i.Checked | Should -BeFalse
        $i.BehavesAs | Should -Be '0.169.0'
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Codex 0\.170\.2 \(Parameter\) was not checked'
    }

    It 'refuses a -CodexVersion that is no version and a -CodexPath that names no file, with stable ids' {
        $t = New-TestCodexHome
        { Get-CodexInstallation -CodexHome $t.Home -CodexVersion latest } | Should -Throw -ErrorId 'CodexVersionInvalid,Codex.Plugins.Commands.GetCodexInstallationCommand'
        { Get-CodexInstallation -CodexHome $t.Home -CodexPath (Join-Path $t.Root 'no-codex') } | Should -Throw -ErrorId 'CodexPathNotFound,Codex.Plugins.Commands.GetCodexInstallationCommand'
    }

    It 'completes -CodexVersion with the checked releases, newest first' {
        $line = 'Get-CodexInstallation -CodexVersion 0.1'
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $found | Should -Be @('0.171.0', '0.169.0')
    }

    It 'comes back from a job with its view and drives Measure-CodexSkillBudget by CodexHome' {
        $t = New-TestCodexHome
        $job = Start-Job -ScriptBlock {
            param($module, $home_)
            Import-Module $module
            Get-CodexInstallation -CodexHome $home_ -CodexVersion 0.169.0
        } -ArgumentList $ModulePath, $t.Home
        $received = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $received.PSTypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexInstallation'
        ($received | Format-Table | Out-String) | Should -Match 'Parameter'
        $budget = $received | Measure-CodexSkillBudget -CodexVersion $received.Version -SystemConfigPath $t.System -ProjectPath $t.Project
        $budget.CodexVersion | Should -Be '0.169.0'
        $budget.CodexHome | Should -Be $t.Home
    }
}

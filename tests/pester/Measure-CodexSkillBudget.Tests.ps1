BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-BudgetHome([int] $Count, [int] $DescriptionLength = 200, [string] $Config = '') {
        $t = New-TestCodexHome
        $null = New-Item -ItemType Directory -Force (Join-Path $t.Root 'home')
        for ($i = 0; $i -lt $Count; $i++) {
            $description = ("Skill $i helps with task $i. " * 40).Substring(0, $DescriptionLength).Trim()
            Write-TestFile (Join-Path $t.Home ("skills/skill-{0:D3}/SKILL.md" -f $i)) ("---`nname: skill-{0:D3}`ndescription: {1}`n---`nBody" -f $i, $description)
        }
        # Top-level keys first: after [skills] they would belong to that table.
        Write-TestFile (Join-Path $t.Home 'config.toml') "$Config`n[skills]`nbundled = { enabled = false }`n"
        return $t
    }

    function Get-LineCost([string] $Line) { [Math]::Ceiling(([System.Text.Encoding]::UTF8.GetByteCount($Line) + 1) / 4) }
}

Describe 'Measure-CodexSkillBudget' {
    BeforeAll {
        $script:savedHome = $env:HOME
    }

    AfterAll { $env:HOME = $savedHome }

    It 'measures a small list against the default budget of 0.169.0: 2% of its default model''s 272,000 tokens, every description whole' {
        $t = New-BudgetHome 5
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget -CodexVersion 0.169.0 @ts
        $b.ContextWindow | Should -Be 272000
        $b.Model | Should -Be 'gpt-6.1-sol'
        $b.ModelSource | Should -Be 'Default'
        $b.CodexVersion | Should -Be '0.169.0'
        $b.CodexVersionSource | Should -Be 'Parameter'
        $b.ContextWindowSource | Should -Be 'Default'
        $b.BudgetUnit | Should -Be 'Tokens'
        $b.Budget | Should -Be 5440
        $b.Outcome | Should -Be 'Full'
        $b.IncludedCount | Should -Be 5
        $b.Overflow | Should -Be 0
        $b.Skills.Outcome | Sort-Object -Unique | Should -Be 'Full'
        $b.RenderedText | Should -Match '^<skills_instructions>\n## Skills\n'
        $b.RenderedText | Should -Match '(?m)^- skill-000: Skill 0 helps with task 0\. .* \(file: r0/skill-000/SKILL\.md\)$'
        # What it says it used is what the lines cost.
        $b.Used | Should -Be ((@($b.Skills.Line) | ForEach-Object { Get-LineCost $_ } | Measure-Object -Sum).Sum)
    }

    It 'cuts descriptions when the whole list does not fit, and says by how much' {
        $t = New-BudgetHome 40 400
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget 100000 @ts
        $b.Outcome | Should -Be 'DescriptionsTruncated'
        $b.Budget | Should -Be 2000
        $b.IncludedCount | Should -Be 40
        $b.Used | Should -BeLessOrEqual 2000
        $b.Overflow | Should -Be ($b.FullCost - 2000)
        $b.TruncatedDescriptionChars | Should -BeGreaterThan 0
        @($b.Skills | Where-Object Outcome -eq 'Truncated').Count | Should -BeGreaterThan 0
        $b.Warning | Should -Match '2% skills context budget'
    }

    It 'leaves skills out when even bare lines do not fit, keeping codex''s order' {
        $t = New-BudgetHome 120 80
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget -ContextWindow 20000 @ts
        $b.Outcome | Should -Be 'SkillsOmitted'
        $b.OmittedCount | Should -BeGreaterThan 0
        $b.IncludedCount + $b.OmittedCount | Should -Be 120
        $listed = @($b.Skills | Where-Object Outcome -ne 'Omitted')
        $listed.Name | Should -Be @($b.Skills.Name | Select-Object -First $listed.Count) -Because 'skills are kept in list order until the budget is spent'
        $listed.Outcome | Sort-Object -Unique | Should -Be 'DescriptionRemoved'
        $b.Warning | Should -Match "and $($b.OmittedCount) additional skills were not included"
        @($b.Skills | Where-Object Outcome -eq 'Omitted' | Where-Object { $null -ne $_.Line }).Count | Should -Be 0
    }

    It 'suggests cuts that make the whole list fit' {
        $t = New-BudgetHome 30 500
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget 100000 @ts
        $b.Outcome | Should -Not -Be 'Full'
        $b.SuggestedCuts | Should -Not -BeNullOrEmpty
        @($b.Skills | Where-Object SuggestedCut).Name | Should -Be $b.SuggestedCuts
        # Take the advice: disable them in config.toml and measure again.
        $rules = ($b.SuggestedCuts | ForEach-Object { "[[skills.config]]`nname = `"$_`"`nenabled = false`n" }) -join "`n"
        Add-Content -Path (Join-Path $t.Home 'config.toml') -Value $rules
        $after = Measure-CodexSkillBudget 100000 @ts
        $after.Outcome | Should -Be 'Full'
        $after.LoadedCount | Should -Be 30
        $after.ListableCount | Should -Be (30 - $b.SuggestedCuts.Count)
    }

    It 'follows the release: 0.171.0 takes its default model gpt-6.2-sol and 500,000 tokens' {
        $t = New-BudgetHome 3 50
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget -CodexVersion 0.171.0 @ts
        ($b.Model, $b.ContextWindow, $b.Budget, $b.MaxContextWindow) | Should -Be @('gpt-6.2-sol', 500000, 10000, 872000)
        ($b | Out-String -Width 120) | Should -Match '500,000 \(gpt-6\.2-sol\)\s+10,000 tokens'
    }

    It 'caps model_context_window at the configured model''s maximum, and a model no catalog knows at 272,000' {
        $t = New-BudgetHome 3 50 "model = 'gpt-5'`nmodel_context_window = 1000000"
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget -CodexVersion 0.171.0 @ts
        ($b.Model, $b.CatalogModel, $b.ContextWindow, $b.ContextWindowSource) | Should -Be @('gpt-5', $null, 272000, 'Config (capped)')
        $b.ModelSource | Should -Match 'config\.toml:1'
        # -ContextWindow is a what-if: taken as given, above the cap.
        (Measure-CodexSkillBudget 1000000 -CodexVersion 0.171.0 @ts).Budget | Should -Be 20000
    }

    It 'takes the window from model_context_window, capped at 872,000 as codex caps it, and 0 as unknown' {
        $t = New-BudgetHome 3 50 'model_context_window = 400000'
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget @ts
        $b.ContextWindowSource | Should -Be 'Config'
        $b.Budget | Should -Be 8000
        Set-Content -Path (Join-Path $t.Home 'config.toml') -Value "model_context_window = 5000000`n[skills]`nbundled = { enabled = false }"
        $capped = Measure-CodexSkillBudget @ts
        $capped.ContextWindow | Should -Be 872000
        $capped.ContextWindowSource | Should -Be 'Config (capped)'
        $unknown = Measure-CodexSkillBudget -ContextWindow 0 @ts
        $unknown.ContextWindow | Should -BeNullOrEmpty
        $unknown.BudgetUnit | Should -Be 'Characters'
        $unknown.Budget | Should -Be 8000
        { Measure-CodexSkillBudget -ContextWindow -5 @ts } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Codex.Plugins.Commands.MeasureCodexSkillBudgetCommand'
    }

    It 'measures the AGENTS.md chain against project_doc_max_bytes and warns when codex will cut it' {
        $t = New-BudgetHome 2
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        Write-TestFile (Join-Path $t.Project '.git/HEAD') "ref: refs/heads/main`n"
        $null = New-Item -ItemType Directory -Force (Join-Path $t.Project 'app')
        Write-TestFile (Join-Path $t.Project 'AGENTS.md') ('R' * 30000)
        Write-TestFile (Join-Path $t.Project 'app/AGENTS.md') ('S' * 10000)
        Write-TestFile (Join-Path $t.Home 'AGENTS.md') ('G' * 5000)
        $b = Measure-CodexSkillBudget -CodexHome $t.Home -SystemConfigPath $t.System -ProjectPath (Join-Path $t.Project 'app') -WarningVariable w -WarningAction SilentlyContinue
        $b.ProjectDocFiles | Should -Be @((Join-Path $t.Home 'AGENTS.md'), (Join-Path $t.Project 'AGENTS.md'), (Join-Path $t.Project 'app/AGENTS.md'))
        $b.ProjectDocBytes | Should -Be 40000 -Because 'the global AGENTS.md does not count against the project limit'
        $b.ProjectDocMaxBytes | Should -Be 32768
        $b.ProjectDocTruncatedBytes | Should -Be (40000 - 32768)
        $w.Message | Should -Match 'leaves 7232 out'
    }

    It 'shows a one-line summary and a per-skill table' {
        $t = New-BudgetHome 4
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget -CodexVersion 0.169.0 @ts
        ($b | Format-Table | Out-String -Width 120) | Should -Match 'Full\s+272,000 \(gpt-6\.1-sol\)\s+5,440 tokens'
        ($b.Skills | Format-Table | Out-String) | Should -Match 'skill-003\s+User\s+Full'
    }

    It 'the budget survives serialization with its entries' {
        $t = New-BudgetHome 3
        $ts = $t.Splat
        $env:HOME = Join-Path $t.Root 'home'
        $b = Measure-CodexSkillBudget @ts
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($b, 3))
        $copy.PSTypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexSkillBudget'
        $copy.Outcome | Should -Be 'Full'
        $copy.RenderedText | Should -BeExactly $b.RenderedText
        $copy.Skills[0].PSTypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexSkillBudgetEntry'
        $copy.Skills[0].Name | Should -Be 'skill-000'
        ($copy | Format-Table | Out-String) | Should -Match 'Full'
    }
}

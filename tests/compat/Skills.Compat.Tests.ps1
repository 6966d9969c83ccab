# Measure-CodexSkillBudget and Get-CodexSkill against the real codex (each pinned version) on the same files:
# - the startup skill list `codex debug prompt-input` renders (the <skills_instructions> block: skills, order, paths,
#   truncated descriptions, omitted skills) must equal Measure-CodexSkillBudget's RenderedText, for six skill sets and
#   two context windows each;
# - the skills and errors app-server `skills/list` reports must equal what Get-CodexSkill returns and writes.
# Each set is generated into out/compat-homes (codex warns about helper binaries under /tmp). The curated corpus is
# read in place through a symbolic link, never copied.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:HaveCodex = [bool](Get-CompatCodexPath)
    # shared/ sits beside the repository (as on CI); CODEX_COMPAT_CORPUS names it elsewhere (a git worktree).
    $script:CorpusPath = if ($env:CODEX_COMPAT_CORPUS) { $env:CODEX_COMPAT_CORPUS } else { Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins/plugins' }
    $script:HaveCorpus = Test-Path $CorpusPath

    # Each set with the windows it is rendered for: 0 = no model_context_window in config.toml (codex then assumes
    # 272,000 tokens), else the value written to config.toml.
    $script:SkillSets = @(
        @{ Name = 'few'; Windows = @(0, 8000); NeedsCorpus = $false; Description = 'a few skills in every scope, bundled system skills, plugins, disabled and explicit-only skills' }
        @{ Name = 'hundred'; Windows = @(0, 60000); NeedsCorpus = $false; Description = '100 generated skills over four roots, descriptions of every length, some not ASCII' }
        @{ Name = 'corpus600'; Windows = @(0, 1000000); NeedsCorpus = $true; Description = 'the 605 skills of the curated plugin corpus, read in place' }
        @{ Name = 'long-descriptions'; Windows = @(0, 120000); NeedsCorpus = $false; Description = 'descriptions from 1,000 to 2,000 characters around the 1,024 cap, multi-byte ones too' }
        @{ Name = 'long-names'; Windows = @(0, 6000); NeedsCorpus = $false; Description = 'names of 60 to 66 characters, plugin:name crossing 64 (allowed: the limit is on the written name)' }
        @{ Name = 'omission'; Windows = @(0, 20000); NeedsCorpus = $false; Description = '300 skills, enough to leave skills out' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../pester/Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $script:CodexPath = Get-CompatCodexPath
    $script:CorpusPath = if ($env:CODEX_COMPAT_CORPUS) { $env:CODEX_COMPAT_CORPUS } else { Join-Path $PSScriptRoot '../../../shared/corpora/openai-plugins/plugins' }

    function New-SkillCompatRoot([string] $Name) {
        $root = Join-Path $PSScriptRoot "../../out/compat-homes/skills-$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        foreach ($d in 'codex', 'home', 'work/.git', 'system') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }
        Set-Content -Path (Join-Path $root 'work/.git/HEAD') -Value 'ref: refs/heads/main'
        return (Resolve-Path $root).ProviderPath
    }

    function Write-Skill([string] $Folder, [string] $Name, [string] $Description, [string] $Extra = '') {
        $null = New-Item -ItemType Directory -Force $Folder
        $text = "---`nname: $Name`ndescription: $Description`n$Extra---`n# $Name`n`nInstructions.`n"
        [System.IO.File]::WriteAllText((Join-Path $Folder 'SKILL.md'), $text, [System.Text.UTF8Encoding]::new($false))
    }

    function Install-TestPlugin([string] $Root, [string] $Plugin, [string[]] $Skills, [string] $Marketplace = 'mk') {
        $base = Join-Path $Root "codex/plugins/cache/$Marketplace/$Plugin/1.0.0"
        $null = New-Item -ItemType Directory -Force (Join-Path $base '.codex-plugin')
        Set-Content -Path (Join-Path $base '.codex-plugin/plugin.json') -Value "{`"name`": `"$Plugin`", `"version`": `"1.0.0`"}"
        foreach ($s in $Skills) { Write-Skill (Join-Path $base "skills/$s") $s "Plugin $Plugin skill ${s}: does $s work for the team." }
    }

    function Set-SkillConfig([string] $Root, [string] $Body, [long] $Window) {
        $text = if ($Window -gt 0) { "model_context_window = $Window`n$Body" } else { $Body }
        [System.IO.File]::WriteAllText((Join-Path $Root 'codex/config.toml'), $text)
    }

    function Invoke-SkillCodex([string] $Root, [string] $WorkingDirectory, [string[]] $Arguments) {
        # stdin is /dev/null; CODEX_HOME and HOME are the set's own.
        $psi = [System.Diagnostics.ProcessStartInfo]::new()
        $psi.FileName = 'sh'
        foreach ($a in @('-c', 'exec "$0" "$@" </dev/null', $CodexPath) + $Arguments) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.WorkingDirectory = $WorkingDirectory
        $psi.Environment['CODEX_HOME'] = Join-Path $Root 'codex'
        $psi.Environment['HOME'] = Join-Path $Root 'home'
        foreach ($v in 'RUST_BACKTRACE', 'RUST_LIB_BACKTRACE', 'RUST_LOG') { $null = $psi.Environment.Remove($v) }
        $p = [System.Diagnostics.Process]::Start($psi)
        try {
            $out = $p.StandardOutput.ReadToEndAsync()
            $err = $p.StandardError.ReadToEndAsync()
            if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw "codex $($Arguments -join ' ') did not finish in 120 s" }
            $p.WaitForExit()
            [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $out.GetAwaiter().GetResult(); StdErr = $err.GetAwaiter().GetResult() }
        } finally { $p.Dispose() }
    }

    function Get-CodexSkillBlock([string] $Root, [string] $WorkingDirectory) {
        $r = Invoke-SkillCodex $Root $WorkingDirectory @('debug', 'prompt-input', 'hi')
        if ($r.ExitCode -ne 0) { throw "codex debug prompt-input failed ($($r.ExitCode)): $($r.StdErr)" }
        $messages = ConvertFrom-Json $r.StdOut -Depth 20
        foreach ($m in $messages) {
            foreach ($c in @($m.content)) {
                if ($c.text -and $c.text.Contains('<skills_instructions>')) { return $c.text }
            }
        }
        return $null
    }

    function Invoke-ModuleInSetHome([string] $Root, [scriptblock] $Script) {
        # Get-CodexSkill reads ~/.agents/skills from HOME, as codex does: point HOME at the set's home meanwhile.
        $saved = $env:HOME
        $env:HOME = Join-Path $Root 'home'
        try { & $Script } finally { $env:HOME = $saved }
    }

    function Get-ModuleSkillBlock([string] $Root, [string] $WorkingDirectory, [string] $System) {
        Invoke-ModuleInSetHome $Root {
            $b = Measure-CodexSkillBudget -CodexHome (Join-Path $Root 'codex') -ProjectPath $WorkingDirectory -SystemConfigPath $System -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $b.RenderedText
        }
    }

    function Compare-SkillBlock([string] $Theirs, [string] $Ours) {
        # The first differing line, with its number and both sides: a 600-line block must fail readably.
        if ($null -eq $Theirs -and $null -eq $Ours) { return $null }
        $a = @("$Theirs" -split "`n"); $b = @("$Ours" -split "`n")
        for ($i = 0; $i -lt [Math]::Max($a.Count, $b.Count); $i++) {
            $x = if ($i -lt $a.Count) { $a[$i] } else { '<missing>' }
            $y = if ($i -lt $b.Count) { $b[$i] } else { '<missing>' }
            if ($x -cne $y) { return "line $($i + 1) of $($a.Count): codex renders`n  $x`nMeasure-CodexSkillBudget renders`n  $y" }
        }
        return $null
    }

    function Get-SkillLines([string] $Block) { @("$Block" -split "`n" | Where-Object { $_ -match '^- .*\(file: ' }) }

    function New-SkillSet([string] $Name) {
        $root = New-SkillCompatRoot $Name
        $cwd = Join-Path $root 'work'
        $configBody = "[skills]`nbundled = { enabled = false }`n"
        switch ($Name) {
            'few' {
                $cwd = Join-Path $root 'work/app'
                Write-Skill "$root/codex/skills/release-notes" 'release-notes' 'Write release notes from merged pull requests. Use when preparing a release.'
                Write-Skill "$root/codex/skills/disabled-one" 'disabled-one' 'A skill the config turns off.'
                Write-Skill "$root/codex/skills/explicit-only" 'explicit-only' 'Only when named with $explicit-only.'
                $null = New-Item -ItemType Directory -Force "$root/codex/skills/explicit-only/agents"
                Set-Content "$root/codex/skills/explicit-only/agents/openai.yaml" -Value "policy:`n  allow_implicit_invocation: false"
                Write-Skill "$root/home/.agents/skills/triage" 'triage' 'Triage new issues: label, deduplicate, ask for missing details.'
                # The same name in two roots: codex keeps both (skills are told apart by path, not by name).
                Write-Skill "$root/home/.agents/skills/release-notes" 'release-notes' 'A second release-notes skill, from ~/.agents/skills.'
                Write-Skill "$root/codex/skills/path-off" 'path-off' 'Disabled by the path of its SKILL.md.'
                Write-Skill "$root/work/.agents/skills/repo-conventions" 'repo-conventions' 'Follow this repository''s conventions: naming, tests, commit messages.'
                Write-Skill "$root/work/app/.agents/skills/app-deploy" 'app-deploy' 'Deploy the app to staging, then production after checks pass.'
                Write-Skill "$root/work/.codex/skills/project-review" 'project-review' 'Review changes against the project checklist.'
                Install-TestPlugin $root 'shipit' @('deploy', 'rollback')
                Install-TestPlugin $root 'notes' @('summarize')
                # Bundled system skills stay on: codex writes them to $CODEX_HOME/skills/.system on its first run.
                $configBody = "[[skills.config]]`nname = `"disabled-one`"`nenabled = false`n`n[[skills.config]]`npath = `"$root/codex/skills/path-off/SKILL.md`"`nenabled = false`n`n[plugins.`"shipit@mk`"]`nenabled = true`n`n[plugins.`"notes@mk`"]`nenabled = true`n"
            }
            'hundred' {
                $words = 'deploy review test lint format release triage summarize migrate audit document profile benchmark refactor translate'.Split(' ')
                $roots = @("$root/codex/skills", "$root/home/.agents/skills", "$root/work/.agents/skills", "$root/work/.codex/skills")
                for ($i = 0; $i -lt 100; $i++) {
                    $len = 20 + (($i * 37) % 700)
                    $text = ((1..200 | ForEach-Object { $words[($i + $_) % $words.Count] }) -join ' ')
                    if ($i % 9 -eq 0) { $text = "Prüfe Änderungen für Café-Kunden — " + $text }
                    Write-Skill (Join-Path $roots[$i % 4] ("skill-{0:D3}" -f $i)) ("skill-{0:D3}" -f $i) $text.Substring(0, [Math]::Min($len, $text.Length)).Trim()
                }
            }
            'corpus600' {
                $null = New-Item -ItemType Directory -Force "$root/home/.agents/skills"
                $null = New-Item -ItemType SymbolicLink -Path "$root/home/.agents/skills/corpus" -Target (Resolve-Path $CorpusPath).ProviderPath
                $configBody = ''
            }
            'long-descriptions' {
                $i = 0
                foreach ($len in 1000, 1020, 1023, 1024, 1025, 1030, 1100, 2000) {
                    $text = ('Long description ' * 150).Substring(0, $len - 1) + '.'
                    Write-Skill "$root/codex/skills/long-$len" "long-$len" $text
                    $i++
                }
                $accented = ('é' * 1030)
                Write-Skill "$root/codex/skills/accented-1030" 'accented-1030' $accented
                $emoji = ([string][char]::ConvertFromUtf32(0x1F4A1)) * 1025
                Write-Skill "$root/codex/skills/emoji-1025" 'emoji-1025' $emoji
            }
            'long-names' {
                foreach ($len in 60, 63, 64, 65, 66) {
                    $n = ('n' * ($len - 3)) + ('{0:D3}' -f $len)
                    Write-Skill "$root/codex/skills/name-$len" $n "A skill whose name has $len characters."
                }
                # 'plug:' plus 59 or 60 characters: 64 and 65 once namespaced; codex counts only the written name.
                Install-TestPlugin $root 'plug' @((('p' * 56) + '059'), (('p' * 57) + '060'))
                $configBody = "[skills]`nbundled = { enabled = false }`n`n[plugins.`"plug@mk`"]`nenabled = true`n"
            }
            'omission' {
                for ($i = 0; $i -lt 300; $i++) {
                    Write-Skill (Join-Path "$root/codex/skills" ("area-{0:D2}/task-{1:D3}" -f ($i % 30), $i)) ("task-{0:D3}" -f $i) "Handle task $i for area $($i % 30): gather context, make the change, verify it, report back."
                }
            }
        }
        return [pscustomobject]@{ Root = $root; WorkingDirectory = $cwd; ConfigBody = $configBody; System = Join-Path $root 'system' }
    }
}

Describe 'Measure-CodexSkillBudget renders the startup skill list codex debug prompt-input renders' -Tag Compat -Skip:(-not $HaveCodex) {
    Context '<Name>: <Description>' -ForEach $SkillSets {
        BeforeAll {
            $script:set = if ($NeedsCorpus -and -not (Test-Path $CorpusPath)) { $null } else { New-SkillSet $Name }
        }

        It 'window <_>: same skills, order, paths, truncations and omissions' -ForEach $Windows {
            if (-not $set) { Set-ItResult -Skipped -Because "the curated corpus is not at $CorpusPath (../shared is absent)"; return }
            Set-SkillConfig $set.Root $set.ConfigBody $_
            # codex first: it writes its bundled system skills on its first run, and both sides must read them.
            $theirs = Get-CodexSkillBlock $set.Root $set.WorkingDirectory
            $ours = Get-ModuleSkillBlock $set.Root $set.WorkingDirectory $set.System
            $theirs | Should -Not -BeNullOrEmpty -Because 'every set lists at least one skill'
            Compare-SkillBlock $theirs $ours | Should -BeNullOrEmpty
            $ours | Should -BeExactly $theirs
        }
    }

    Context 'what the sets show' {
        It 'the default window is the default model''s (not the reference''s 8,000 characters) and a configured window is capped at its maximum, 872,000' {
            # 0.169.0's default model is gpt-6.1-sol (272,000 tokens), 0.171.0's gpt-6.2-sol (500,000): 2% of each.
            $expected = if ((Get-CompatCodexVersion) -ge [version]'0.171.0') { @{ Model = 'gpt-6.2-sol'; Budget = 10000 } } else { @{ Model = 'gpt-6.1-sol'; Budget = 5440 } }
            $set = New-SkillSet 'omission'
            Set-SkillConfig $set.Root $set.ConfigBody 0
            $budget = Invoke-ModuleInSetHome $set.Root { Measure-CodexSkillBudget -CodexHome (Join-Path $set.Root 'codex') -ProjectPath $set.WorkingDirectory -SystemConfigPath $set.System }
            $budget.CodexVersion | Should -Be (Get-CompatCodexVersion).ToString(3) -Because 'the module finds the codex on PATH'
            $budget.ContextWindowSource | Should -Be 'Default'
            $budget.Model | Should -Be $expected.Model
            $budget.Budget | Should -Be $expected.Budget
            $budget.BudgetUnit | Should -Be 'Tokens'
            # codex fills exactly that: the listed lines cost at most the budget (4 bytes each, rounded up per line).
            $lines = Get-SkillLines (Get-CodexSkillBlock $set.Root $set.WorkingDirectory)
            $cost = ($lines | ForEach-Object { [Math]::Ceiling(([System.Text.Encoding]::UTF8.GetByteCount($_) + 1) / 4) } | Measure-Object -Sum).Sum
            $cost | Should -BeLessOrEqual $expected.Budget
            $cost | Should -BeGreaterThan ($expected.Budget - 60) -Because 'codex fills the budget up to the last line that fits'

            Set-SkillConfig $set.Root $set.ConfigBody 5000000
            $capped = Invoke-ModuleInSetHome $set.Root { Measure-CodexSkillBudget -CodexHome (Join-Path $set.Root 'codex') -ProjectPath $set.WorkingDirectory -SystemConfigPath $set.System }
            $capped.ContextWindow | Should -Be 872000
            $capped.RenderedText | Should -BeExactly (Get-CodexSkillBlock $set.Root $set.WorkingDirectory)
        }

        It 'the sets reach every outcome: full, descriptions cut, skills omitted, and both path styles' {
            $outcomes = @{}
            foreach ($case in @(@('few', 0), @('omission', 20000), @('hundred', 60000), @('long-descriptions', 0))) {
                $set = New-SkillSet $case[0]
                Set-SkillConfig $set.Root $set.ConfigBody $case[1]
                $null = Get-CodexSkillBlock $set.Root $set.WorkingDirectory
                $b = Invoke-ModuleInSetHome $set.Root { Measure-CodexSkillBudget -CodexHome (Join-Path $set.Root 'codex') -ProjectPath $set.WorkingDirectory -SystemConfigPath $set.System }
                $outcomes["$($case[0])"] = $b
            }
            $outcomes['few'].Outcome | Should -Be 'Full'
            $outcomes['omission'].Outcome | Should -Be 'SkillsOmitted'
            $outcomes['omission'].OmittedCount | Should -BeGreaterThan 0
            $outcomes['hundred'].Outcome | Should -Be 'DescriptionsTruncated'
            @($outcomes['long-descriptions'].Skills | Where-Object DescriptionCapped).Count | Should -Be 6 -Because 'six descriptions are over 1,024 characters'
            @($outcomes.Values.PathStyle | Sort-Object -Unique) | Should -Contain 'Aliased'
        }
    }
}

Describe 'Measure-CodexSkillBudget follows the configured model''s window and cap as codex does' -Tag Compat -Skip:(-not $HaveCodex) {
    # The 300-skill set leaves skills out at every budget here, so a window that differs by one model shows in the list.
    It '<Case>' -ForEach @(
        @{ Case = 'an unknown model (gpt-5) with model_context_window = 1000000 budgets as 272,000'; Top = "model = `"gpt-5`"`nmodel_context_window = 1000000"; Window = 272000 }
        @{ Case = 'gpt-5.5 is capped at its own maximum, 272,000'; Top = "model = `"gpt-5.5`"`nmodel_context_window = 600000"; Window = 272000 }
        @{ Case = 'gpt-daybreak-red-latest without a window takes its own 372,000'; Top = 'model = "gpt-daybreak-red-latest"'; Window = 372000 }
        @{ Case = 'a dated model name matches its catalog entry by prefix (gpt-6.1-terra-2026-11: 500,000)'; Top = 'model = "gpt-6.1-terra-2026-11"'; Window = 500000 }
        @{ Case = 'a namespaced model matches after its namespace (custom/gpt-6.1-terra)'; Top = 'model = "custom/gpt-6.1-terra"'; Window = 500000 }
        @{ Case = 'a window under the model''s maximum is taken as configured (850,000)'; Top = "model = `"gpt-6-sol`"`nmodel_context_window = 850000"; Window = 850000 }
        @{ Case = 'a profile that changes the model and the window (gpt-5.5, 900,000 capped at 272,000)'; Top = 'model = "gpt-6-sol"'; Profile = 'small'; ProfileText = "model = `"gpt-5.5`"`nmodel_context_window = 900000"; Window = 272000 }
        @{ Case = 'a profile without a model keeps the default model and sets only the window (300,000)'; Top = ''; Profile = 'wide'; ProfileText = 'model_context_window = 300000'; Window = 300000 }
    ) {
        $set = New-SkillSet 'omission'
        [System.IO.File]::WriteAllText((Join-Path $set.Root 'codex/config.toml'), "$Top`n$($set.ConfigBody)")
        $profileName = if ($_.ContainsKey('Profile')) { $_.Profile } else { $null }
        $arguments = @('debug', 'prompt-input', 'hi')
        if ($profileName) {
            [System.IO.File]::WriteAllText((Join-Path $set.Root "codex/$profileName.config.toml"), "$($_.ProfileText)`n")
            $arguments = @('--profile', $profileName) + $arguments
        }
        $r = Invoke-SkillCodex $set.Root $set.WorkingDirectory $arguments
        $r.ExitCode | Should -Be 0 -Because $r.StdErr
        $theirs = foreach ($m in (ConvertFrom-Json $r.StdOut -Depth 20)) { foreach ($c in @($m.content)) { if ($c.text -and $c.text.Contains('<skills_instructions>')) { $c.text } } }
        $budget = Invoke-ModuleInSetHome $set.Root {
            $p = @{ CodexHome = (Join-Path $set.Root 'codex'); ProjectPath = $set.WorkingDirectory; SystemConfigPath = $set.System }
            if ($profileName) { $p.Profile = $profileName }
            Measure-CodexSkillBudget @p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        $budget.ContextWindow | Should -Be $Window -Because "model $($budget.Model) ($($budget.ModelSource)), cap $($budget.MaxContextWindow)"
        Compare-SkillBlock $theirs $budget.RenderedText | Should -BeNullOrEmpty
        $budget.RenderedText | Should -BeExactly $theirs
    }
}

Describe 'Get-CodexSkill agrees with app-server skills/list' -Tag Compat -Skip:(-not $HaveCodex) {
    BeforeAll {
        function Get-AppServerSkills([string] $Root, [string] $WorkingDirectory) {
            # JSON-RPC over stdio: initialize, initialized, skills/list; read answers until ours comes (a scan of 600
            # skills on a busy machine takes seconds), then end the server.
            $psi = [System.Diagnostics.ProcessStartInfo]::new($CodexPath)
            $psi.ArgumentList.Add('app-server')
            $psi.RedirectStandardInput = $true
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.UseShellExecute = $false
            $psi.WorkingDirectory = $WorkingDirectory
            $psi.Environment['CODEX_HOME'] = Join-Path $Root 'codex'
            $psi.Environment['HOME'] = Join-Path $Root 'home'
            foreach ($v in 'RUST_BACKTRACE', 'RUST_LIB_BACKTRACE', 'RUST_LOG') { $null = $psi.Environment.Remove($v) }
            $p = [System.Diagnostics.Process]::Start($psi)
            try {
                $stderr = $p.StandardError.ReadToEndAsync()
                $p.StandardInput.WriteLine('{"id":1,"method":"initialize","params":{"clientInfo":{"name":"compat","version":"0"}}}')
                $p.StandardInput.WriteLine('{"method":"initialized"}')
                $p.StandardInput.WriteLine('{"id":2,"method":"skills/list","params":{"cwds":[' + (ConvertTo-Json $WorkingDirectory) + ']}}')
                $p.StandardInput.Flush()
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                while ([DateTime]::UtcNow -lt $deadline) {
                    $read = $p.StandardOutput.ReadLineAsync()
                    if (-not $read.Wait([TimeSpan]::FromSeconds(120))) { break }
                    $line = $read.Result
                    if ($null -eq $line) { break }
                    if (-not $line.Trim()) { continue }
                    $msg = ConvertFrom-Json $line -Depth 20
                    if ($msg.PSObject.Properties['id'] -and $msg.id -eq 2) { return $msg.result.data[0] }
                }
                throw "app-server gave no skills/list answer within 120 s"
            } finally {
                if (-not $p.HasExited) { $p.Kill($true) }
                $p.Dispose()
            }
        }

        function Get-ModuleSkills([string] $Root, [string] $WorkingDirectory, [string] $System) {
            Invoke-ModuleInSetHome $Root {
                $errors = $null
                $skills = @(Get-CodexSkill -CodexHome (Join-Path $Root 'codex') -ProjectPath $WorkingDirectory -SystemConfigPath $System -ErrorAction SilentlyContinue -ErrorVariable errors -WarningAction SilentlyContinue)
                [pscustomobject]@{ Skills = $skills; Errors = @($errors) }
            }
        }

        function Compare-SkillList($Theirs, $Ours) {
            $problems = [System.Collections.Generic.List[string]]::new()
            $a = @($Theirs.skills | ForEach-Object { '{0} | {1} | {2} | enabled={3} | plugin={4}' -f $_.name, $_.scope, $_.path, $_.enabled.ToString().ToLowerInvariant(), $_.pluginId })
            $b = @($Ours.Skills | ForEach-Object { '{0} | {1} | {2} | enabled={3} | plugin={4}' -f $_.Name, $_.Scope.ToString().ToLowerInvariant(), $_.Path, $_.Enabled.ToString().ToLowerInvariant(), $_.PluginId })
            for ($i = 0; $i -lt [Math]::Max($a.Count, $b.Count); $i++) {
                if ($a[$i] -cne $b[$i]) { $problems.Add("skill $($i + 1): skills/list says '$($a[$i])', Get-CodexSkill says '$($b[$i])'") }
            }
            $theirErrors = @($Theirs.errors | ForEach-Object { "$($_.path): $($_.message)" } | Sort-Object)
            # Only skills codex refuses: our extra diagnostics (link loops, ignored metadata) are not skills/list errors.
            $refusing = 'SkillFrontMatterMissing', 'SkillFrontMatterInvalid', 'SkillDescriptionMissing', 'SkillNameTooLong', 'SkillFileUnreadable'
            $ourErrors = @($Ours.Errors | Where-Object { (Get-CompatErrorId $_) -in $refusing } | ForEach-Object { "$($_.Exception.Issue.File): $($_.Exception.Issue.Message)" } | Sort-Object)
            $ourPaths = @($ourErrors | ForEach-Object { ($_ -split ': ', 2)[0] })
            foreach ($e in $theirErrors) {
                $path, $message = $e -split ': ', 2
                $mine = @($ourErrors | Where-Object { $_.StartsWith("${path}: ") })
                if ($mine.Count -eq 0) { $problems.Add("error for $path reported by skills/list ('$message') but not by Get-CodexSkill"); continue }
                # YAML parser wording differs (serde_yaml against YamlDotNet); every other message is codex's own.
                $ourMessage = ($mine[0] -split ': ', 2)[1]
                if ($message.StartsWith('invalid YAML:')) { if (-not $ourMessage.StartsWith('invalid YAML:')) { $problems.Add("$path`: codex '$message', ours '$ourMessage'") } }
                elseif ($message -cne $ourMessage) { $problems.Add("$path`: codex '$message', ours '$ourMessage'") }
            }
            $theirPaths = @($theirErrors | ForEach-Object { ($_ -split ': ', 2)[0] })
            foreach ($p in $ourPaths) { if ($p -notin $theirPaths) { $problems.Add("error for $p written by Get-CodexSkill, not reported by skills/list") } }
            return $problems
        }

        $script:bad = New-SkillCompatRoot 'bad-input'
        $skills = Join-Path $bad 'codex/skills'
        Write-Skill "$skills/good" 'good' 'A well-formed skill.'
        $null = New-Item -ItemType Directory -Force "$skills/no-front-matter"; Set-Content "$skills/no-front-matter/SKILL.md" '# Only markdown'
        $null = New-Item -ItemType Directory -Force "$skills/unclosed"; Set-Content "$skills/unclosed/SKILL.md" "---`nname: unclosed`ndescription: never closed"
        $null = New-Item -ItemType Directory -Force "$skills/bad-yaml"; Set-Content "$skills/bad-yaml/SKILL.md" "---`nname: bad-yaml`ndescription: `"unterminated`n---"
        $null = New-Item -ItemType Directory -Force "$skills/list-description"; Set-Content "$skills/list-description/SKILL.md" "---`nname: list-description`ndescription: [a, b]`n---"
        $null = New-Item -ItemType Directory -Force "$skills/duplicate-key"; Set-Content "$skills/duplicate-key/SKILL.md" "---`nname: a`nname: b`ndescription: x`n---"
        $null = New-Item -ItemType Directory -Force "$skills/no-description"; Set-Content "$skills/no-description/SKILL.md" "---`nname: no-description`n---"
        $null = New-Item -ItemType Directory -Force "$skills/bom"; [System.IO.File]::WriteAllText("$skills/bom/SKILL.md", "---`nname: bom`ndescription: x`n---`n", [System.Text.UTF8Encoding]::new($true))
        Write-Skill "$skills/long-name" ('x' * 65) 'Name over 64.'
        Write-Skill "$skills/name-64" ('y' * 64) 'Name of exactly 64.'
        Write-Skill "$skills/long-description" 'long-description' (('d' * 1100))
        Write-Skill "$skills/lenient" 'colon: in name' 'Text: with a colon, [brackets and {braces'
        Write-Skill "$skills/a/b/c/d/e/depth-6" 'depth-6' 'Six levels down.'
        Write-Skill "$skills/a/b/c/d/e/f/depth-7" 'depth-7' 'Seven levels down: not scanned.'
        Write-Skill "$skills/.hidden/secret" 'secret' 'Hidden folders are skipped.'
        Write-Skill "$skills/bad-metadata" 'bad-metadata' 'Its agents/openai.yaml does not parse.'
        $null = New-Item -ItemType Directory -Force "$skills/bad-metadata/agents"; Set-Content "$skills/bad-metadata/agents/openai.yaml" 'policy: [unclosed'
        # agents/openai.yaml: only for chatgpt (the CLI drops it), an unknown product (the file is ignored, the skill
        # listed), and a short description over 1,024 characters (loaded: 0.169.0 has no limit on it).
        foreach ($case in @(@('for-chatgpt', '[chatgpt]'), @('for-codex', '[CODEX]'), @('unknown-product', '[nonsense]'))) {
            Write-Skill "$skills/$($case[0])" $case[0] "policy.products: $($case[1])."
            $null = New-Item -ItemType Directory -Force "$skills/$($case[0])/agents"
            Set-Content "$skills/$($case[0])/agents/openai.yaml" "policy:`n  products: $($case[1])"
        }
        Write-Skill "$skills/long-short-description" 'long-short-description' 'Its short description is long.' "metadata:`n  short-description: $('s' * 1030)`n"
        $null = New-Item -ItemType SymbolicLink -Path "$skills/loop" -Target $skills
        Write-Skill "$bad/elsewhere/linked" 'linked' 'Reached through a link.'
        $null = New-Item -ItemType SymbolicLink -Path "$skills/via-link" -Target "$bad/elsewhere"
        Set-SkillConfig $bad "[skills]`nbundled = { enabled = false }`n" 0
    }

    It 'on the bad-input fixture: the same skills, and an error for each skill codex refuses' {
        $theirs = Get-AppServerSkills $bad (Join-Path $bad 'work')
        $ours = Get-ModuleSkills $bad (Join-Path $bad 'work') (Join-Path $bad 'system')
        @($theirs.errors).Count | Should -BeGreaterOrEqual 8 -Because 'the fixture holds eight kinds of skill codex refuses'
        Compare-SkillList $theirs $ours | Should -BeNullOrEmpty
        # Not codex errors, but ours: the loop and the metadata codex silently skips.
        (@($ours.Errors) + @()) | Where-Object { (Get-CompatErrorId $_) -eq 'SkillSymlinkLoop' } | Should -Not -BeNullOrEmpty
    }

    It 'on the <_> set: the same skills in the same order, with enabled state and plugin' -ForEach @('few', 'long-names') {
        $set = New-SkillSet $_
        Set-SkillConfig $set.Root $set.ConfigBody 0
        $null = Get-CodexSkillBlock $set.Root $set.WorkingDirectory
        $theirs = Get-AppServerSkills $set.Root $set.WorkingDirectory
        $ours = Get-ModuleSkills $set.Root $set.WorkingDirectory $set.System
        Compare-SkillList $theirs $ours | Should -BeNullOrEmpty
    }

    It 'on the curated corpus: every SKILL.md a skill or an error, the same on both sides' -Skip:(-not $HaveCorpus) {
        $set = New-SkillSet 'corpus600'
        Set-SkillConfig $set.Root "[skills]`nbundled = { enabled = false }`n" 0
        $theirs = Get-AppServerSkills $set.Root $set.WorkingDirectory
        $ours = Get-ModuleSkills $set.Root $set.WorkingDirectory $set.System
        $files = @(Get-ChildItem -LiteralPath $CorpusPath -Recurse -Filter SKILL.md -File).Count
        $files | Should -BeGreaterThan 600
        (@($theirs.skills).Count + @($theirs.errors).Count) | Should -Be $files
        Compare-SkillList $theirs $ours | Should -BeNullOrEmpty
    }

    It 'an unreadable folder: codex skips it silently, an unreadable SKILL.md is an error in our words too' {
        # The tests run as root, who reads everything: codex runs as nobody in a user namespace instead. The module
        # cannot run there (its pwsh lives under /root), so this checks codex's side of what the engine tests inject.
        $probe = & unshare --user id -u 2>$null
        if ($LASTEXITCODE -ne 0 -or "$probe".Trim() -eq '0') { Set-ItResult -Skipped -Because 'unshare --user cannot run codex as an unprivileged user here'; return }
        $root = New-SkillCompatRoot 'unreadable'
        Write-Skill "$root/codex/skills/open" 'open' 'Readable.'
        Write-Skill "$root/codex/skills/locked/inside" 'inside' 'Below a folder nobody can list.'
        Write-Skill "$root/codex/skills/locked-file" 'locked-file' 'A SKILL.md nobody can read.'
        Set-SkillConfig $root "[skills]`nbundled = { enabled = false }`n" 0
        & chmod -R a+rwX $root
        & chmod 000 "$root/codex/skills/locked" "$root/codex/skills/locked-file/SKILL.md"
        $saved = $script:CodexPath
        try {
            $wrapper = Join-Path $root 'codex-as-nobody.sh'
            Set-Content $wrapper "#!/bin/sh`nexec unshare --user '$saved' `"`$@`""
            & chmod 755 $wrapper
            $script:CodexPath = $wrapper
            $list = Get-AppServerSkills $root (Join-Path $root 'work')
        } finally {
            $script:CodexPath = $saved
            & chmod 755 "$root/codex/skills/locked"
            & chmod 644 "$root/codex/skills/locked-file/SKILL.md"
        }
        @($list.skills.name) | Should -Be @('open')
        $error0 = @($list.errors)
        $error0.Count | Should -Be 1 -Because 'the unreadable folder is skipped without an error'
        $error0[0].path | Should -BeLike '*/locked-file/SKILL.md'
        # The engine's words for an unreadable SKILL.md (UnauthorizedAccessException) are codex's.
        # (The engine lives in the module's own load context, loaded by the first cmdlet; the output types live in
        # Codex.Plugins.Types, so the engine is found by its assembly name.)
        $null = Get-CodexSkill -CodexHome (Join-Path $root 'codex') -ProjectPath (Join-Path $root 'work') -SystemConfigPath (Join-Path $root 'system') -ErrorAction SilentlyContinue
        $engine = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'Codex.Plugins.Core' } | Select-Object -First 1
        $engine | Should -Not -BeNullOrEmpty
        $engine.GetType('Codex.Plugins.Skills.SkillMessages').GetField('PermissionDenied').GetValue($null) | Should -BeExactly $error0[0].message
    }

    It 'admin skills from the system folder (/etc/codex/skills) are listed and come first after system skills' {
        $reason = Test-CompatSystemMount
        if ($reason) { Set-ItResult -Skipped -Because $reason; return }
        $set = New-SkillSet 'few'
        Write-Skill "$($set.System)/skills/fleet-policy" 'fleet-policy' 'Apply the fleet policy: the admin scope.'
        Set-SkillConfig $set.Root "[skills]`nbundled = { enabled = false }`n" 0
        $saved = $script:CodexPath
        try {
            # codex sees the set's system folder as /etc/codex through a private mount namespace.
            $wrapper = Join-Path $set.Root 'codex-with-system.sh'
            Set-Content $wrapper "#!/bin/sh`nexec unshare -m sh -c 'mount --bind `"`$0`" /etc/codex && exec `"`$@`"' '$($set.System)' '$saved' `"`$@`""
            & chmod +x $wrapper
            $script:CodexPath = $wrapper
            $theirs = Get-CodexSkillBlock $set.Root $set.WorkingDirectory
        } finally { $script:CodexPath = $saved }
        # The module read the folder codex saw as /etc/codex: name it as codex does before comparing.
        $ours = (Get-ModuleSkillBlock $set.Root $set.WorkingDirectory $set.System).Replace($set.System, '/etc/codex')
        (Get-SkillLines $theirs)[0] | Should -Match '^- fleet-policy: '
        Compare-SkillBlock $theirs $ours | Should -BeNullOrEmpty
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-SkillHome {
        # Skills in every scope a user has, a plugin, and the mistakes people make in SKILL.md.
        $t = New-TestCodexHome
        $t | Add-Member -NotePropertyName UserHome -NotePropertyValue (Join-Path $t.Root 'home')
        Write-TestFile (Join-Path $t.Project '.git/HEAD') "ref: refs/heads/main`n"
        function Skill([string] $Folder, [string] $Text) { Write-TestFile (Join-Path $Folder 'SKILL.md') $Text }
        Skill (Join-Path $t.Home 'skills/release-notes') "---`nname: release-notes`ndescription: Write release notes from merged pull requests.`n---`nBody"
        Skill (Join-Path $t.Home 'skills/deploy-staging') "---`nname: deploy-staging`ndescription: Deploy to staging.`n---`nBody"
        Skill (Join-Path $t.Home 'skills/explicit') "---`nname: explicit`ndescription: Only when asked for by name.`n---`nBody"
        Write-TestFile (Join-Path $t.Home 'skills/explicit/agents/openai.yaml') "interface:`n  display_name: Explicit`npolicy:`n  allow_implicit_invocation: false`n"
        Skill (Join-Path $t.UserHome '.agents/skills/triage') "---`nname: triage`ndescription: Triage new issues.`n---`nBody"
        Skill (Join-Path $t.Project '.agents/skills/conventions') "---`nname: conventions`ndescription: Follow the repository conventions.`n---`nBody"
        Skill (Join-Path $t.System 'skills/fleet-policy') "---`nname: fleet-policy`ndescription: Apply the fleet policy.`n---`nBody"
        $plugin = Join-Path $t.Home 'plugins/cache/team/docs/1.0.0'
        Write-TestFile (Join-Path $plugin '.codex-plugin/plugin.json') '{"name":"docs","version":"1.0.0"}'
        Skill (Join-Path $plugin 'skills/search') "---`nname: search`ndescription: Search the team docs.`n---`nBody"
        Skill (Join-Path $plugin 'skills/cite') "---`ndescription: Cite a docs page.`n---`nBody"
        Write-TestFile (Join-Path $t.Home 'config.toml') "[skills]`nbundled = { enabled = false }`n`n[[skills.config]]`nname = `"deploy-staging`"`nenabled = false`n`n[plugins.`"docs@team`"]`nenabled = true`n"
        return $t
    }

    function Add-BadSkills($t) {
        $skills = Join-Path $t.Home 'skills'
        Write-TestFile (Join-Path $skills 'notes-only/SKILL.md') "# Notes`nNo front matter here."
        Write-TestFile (Join-Path $skills 'broken-yaml/SKILL.md') "---`nname: broken-yaml`ndescription: `"unterminated`n---`n"
        Write-TestFile (Join-Path $skills 'too-long-name/SKILL.md') "---`nname: $('n' * 65)`ndescription: x`n---`n"
        Write-TestFile (Join-Path $skills 'no-description/SKILL.md') "---`nname: no-description`n---`n"
        Write-TestFile (Join-Path $skills 'wordy/SKILL.md') "---`nname: wordy`ndescription: $('word ' * 230)`n---`n"
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $skills 'loop') -Target $skills
    }

}

Describe 'Get-CodexSkill' {
    BeforeAll {
        $script:t = New-SkillHome
        $script:s = $t.Splat
        # ~/.agents/skills is read from HOME, as Codex does: HOME points into the test tree, never at the real one.
        $script:savedHome = $env:HOME
        $env:HOME = $t.UserHome
    }

    AfterAll { $env:HOME = $savedHome }

    It 'lists the skills of every scope in the order codex does: repo, user (plugins too), admin' {
        $skills = Get-CodexSkill @s
        $skills.Name | Should -Be @('conventions', 'deploy-staging', 'docs:cite', 'docs:search', 'explicit', 'release-notes', 'triage', 'fleet-policy')
        ($skills | Where-Object Name -eq 'conventions').Scope | Should -Be 'Repo'
        ($skills | Where-Object Name -eq 'fleet-policy').Scope | Should -Be 'Admin'
        ($skills | Where-Object Name -eq 'docs:search').PluginId | Should -Be 'docs@team'
    }

    It 'says which skills codex lists for the model, and why not the others' {
        $skills = Get-CodexSkill @s
        ($skills | Where-Object Name -eq 'deploy-staging').Status | Should -Be 'Disabled'
        $explicit = $skills | Where-Object Name -eq 'explicit'
        $explicit.Status | Should -Be 'NotImplicit'
        $explicit.Listed | Should -BeFalse
        $explicit.DisplayName | Should -Be 'Explicit'
        ($skills | Where-Object Listed).Count | Should -Be 6
    }

    It 'filters by name with wildcards and by scope, and names what it cannot find' {
        (Get-CodexSkill docs:* @s).Name | Should -Be @('docs:cite', 'docs:search')
        (Get-CodexSkill -Scope Repo, Admin @s).Name | Should -Be @('conventions', 'fleet-policy')
        $found = Get-CodexSkill tirage @s -ErrorVariable missing -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'SkillNotFound,Codex.Plugins.Commands.GetCodexSkillCommand'
        $missing[0].Exception.Message | Should -Match 'Did you mean: triage'
    }

    It 'takes plugins from Get-CodexPlugin on the pipeline' {
        $skills = Get-CodexPlugin docs @s | Get-CodexSkill
        $skills.Name | Should -Be @('docs:cite', 'docs:search')
        $skills.PluginId | Sort-Object -Unique | Should -Be 'docs@team'
    }

    It 'shows a table grouped by Codex home, with status and description size' {
        $table = Get-CodexSkill @s | Format-Table | Out-String -Width 200
        $table | Should -Match 'Codex home: '
        $table | Should -Match 'Name\s+Scope\s+Status\s+Chars\s+Description'
        $table | Should -Match 'explicit\s+User\s+NotImplicit'
    }

    Context 'bad input' {
        BeforeAll {
            $script:b = New-SkillHome
            $script:bs = $b.Splat
            Add-BadSkills $b
            $env:HOME = $b.UserHome
        }

        AfterAll { $env:HOME = $t.UserHome }

        It 'writes one error per refused skill, with its id and file, and still returns the rest' {
            $skills = Get-CodexSkill @bs -ErrorVariable problems -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
            $skills.Name | Should -Contain 'release-notes'
            $skills.Name | Should -Contain 'wordy'
            $ids = $problems | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }
            $ids | Sort-Object | Should -Be @('SkillDescriptionMissing', 'SkillFrontMatterInvalid', 'SkillFrontMatterMissing', 'SkillNameTooLong', 'SkillSymlinkLoop')
            foreach ($p in $problems) {
                $p.CategoryInfo.TargetName | Should -Exist
                $p.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            }
            ($problems | Where-Object { $_.FullyQualifiedErrorId -like 'SkillFrontMatterMissing*' }).CategoryInfo.TargetName | Should -BeLike '*notes-only*SKILL.md'
            $warnings.Message | Should -Match 'wordy.*1,?0?2?1|lists only the first 1021'
        }

        It 'stops at the first refused skill under -ErrorAction Stop' {
            { Get-CodexSkill @bs -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw
        }

        It 'reports a folder it cannot read and lists the others (needs a user without root''s override)' -Skip:((& id -u) -eq '0') {
            $locked = Join-Path $b.Home 'skills/locked'
            Write-TestFile (Join-Path $locked 'inside/SKILL.md') "---`nname: inside`ndescription: x`n---`n"
            & chmod 000 $locked
            try {
                $skills = Get-CodexSkill @bs -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                $skills.Name | Should -Contain 'release-notes'
                ($problems | Where-Object { $_.FullyQualifiedErrorId -like 'SkillFolderUnreadable*' }).CategoryInfo.TargetName | Should -Be $locked
            } finally { & chmod 755 $locked }
        }
    }

    It 'shows progress while it scans many skills' {
        $big = New-TestCodexHome
        for ($i = 0; $i -lt 450; $i++) { Write-TestFile (Join-Path $big.Home "skills/s$i/SKILL.md") "---`nname: s$i`ndescription: Skill $i.`n---`n" }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; `$ProgressPreference = 'Continue'; Get-CodexSkill -CodexHome '$($big.Home)' -SystemConfigPath '$($big.System)' -ProjectPath '$($big.Project)'")
            $out = $ps.Invoke()
            # HOME is the process's: the shared test home's ~/.agents skill comes too.
            @($out | Where-Object { $_.Name -match '^s\d+$' }).Count | Should -Be 450
            $ps.Streams.Progress.Activity | Should -Contain 'Reading Codex skills'
            @($ps.Streams.Progress | Where-Object StatusDescription -like 'Skill * of 4*').Count | Should -BeGreaterThan 0
        } finally { $ps.Dispose() }
    }

    It 'skills survive serialization with their data and their view' {
        $skill = Get-CodexSkill explicit @s
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($skill, 2))
        $copy.PSTypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexSkill'
        $copy.Name | Should -Be 'explicit'
        $copy.Status | Should -Be 'NotImplicit'
        $copy.Path | Should -Be $skill.Path
        $copy.CodexHome | Should -Be $t.Home
        ($copy | Format-Table | Out-String) | Should -Match 'NotImplicit'
    }

    It 'loads YamlDotNet in the module''s own load context, not the default one' {
        $null = Get-CodexSkill @s
        [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies.GetName().Name | Should -Not -Contain 'YamlDotNet'
        $ours = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'Codex.Plugins'
        $ours.Assemblies.GetName().Name | Should -Contain 'YamlDotNet'
    }

    It 'works beside another module that loaded a different YamlDotNet, in either order' {
        # A stand-in for another module's YamlDotNet: an assembly of that name and another version, in the default context.
        $fakeDir = Join-Path $TestDrive 'fake-yamldotnet'
        $null = New-Item -ItemType Directory -Force $fakeDir
        $fake = Join-Path $fakeDir 'YamlDotNet.dll'
        Add-Type -OutputAssembly $fake -TypeDefinition @'
[assembly: System.Reflection.AssemblyVersion("5.0.0.0")]
namespace YamlDotNet.Other { public static class Probe { public static string Name() { return "other yaml"; } } }
'@
        $pwsh = Get-PwshCommand
        $check = "`$s = Get-CodexSkill release-notes -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)' -ErrorAction Stop; " +
            "if (`$s.Description -notlike 'Write release notes*') { throw 'module broken' }; " +
            "if ([YamlDotNet.Other.Probe]::Name() -ne 'other yaml') { throw 'other YamlDotNet broken' }; 'both work'"
        foreach ($script in @(
                "Add-Type -Path '$fake'; Import-Module '$ModulePath'; $check",
                "Import-Module '$ModulePath'; `$null = Get-CodexSkill -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)'; Add-Type -Path '$fake'; $check")) {
            $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
            $output = & $pwsh[0] @arguments 2>&1 | Out-String
            $output | Should -Match 'both work'
        }
    }
}

# Links leaving the home: root reads a home uid 4242 owns, where the owner linked a skill folder, an agent file, a
# rollout, a plugin folder, hooks.json, a marketplace and a TOML file to files only root may read. Codex run by the
# owner reads nothing through such links (it cannot); root could read all of it. The rule: a link is followed only to
# what its owner could read. Nothing of root's files comes out (objects, views, JSON, reports, findings, errors), each
# reader says which link it did not follow, and a link to a file the owner may read is still followed.
BeforeDiscovery {
    $script:IsRoot = -not $IsWindows -and ((& id -u) -eq '0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Owner = '4242'
    $script:t = New-TestCodexHome
    $script:s = $t.Splat
    $h = $t.Home

    # Root's files, outside the home, in a folder only root may enter.
    $r = Join-Path $t.Root 'root-only'
    Write-TestFile (Join-Path $r 'skill/SKILL.md') "---`nname: root-skill`ndescription: ROOT-SECRET-skill`n---`nBody"
    Write-TestFile (Join-Path $r 'agent.toml') "name = `"root-agent`"`ndescription = `"ROOT-SECRET-agent`"`ndeveloper_instructions = `"ROOT-SECRET-instructions`"`n"
    Write-TestFile (Join-Path $r 'rollout.jsonl') (@(
            '{"timestamp":"2026-12-07T10:00:00.000Z","type":"session_meta","payload":{"id":"0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee","timestamp":"2026-12-07T10:00:00.000Z","cwd":"/root/ROOT-SECRET-cwd","originator":"codex_cli_rs","cli_version":"0.169.0"}}'
            '{"timestamp":"2026-12-07T10:00:01.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"ROOT-SECRET-rollout token=ghp_R00tR00tR00tR00tR00tR00tR00tR00tR00t"}]}}'
        ) -join "`n")
    Write-TestFile (Join-Path $r 'plugin/.codex-plugin/plugin.json') '{"name":"rootplug","version":"1.0.0","description":"ROOT-SECRET-plugin"}'
    Write-TestFile (Join-Path $r 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo ROOT-SECRET-hook"}]}]}}'
    Write-TestFile (Join-Path $r 'market/.agents/plugins/marketplace.json') '{"name":"rootmarket","plugins":[{"name":"rootplug","source":"./plugins/ROOT-SECRET-source","description":"ROOT-SECRET-market"}]}'
    Write-TestFile (Join-Path $r 'settings.toml') "api_key = `"ROOT-SECRET-settings-9f2c41d7e8b3a6`"`n"
    Write-TestFile (Join-Path $r 'AGENTS.md') "Deploy with ROOT-SECRET-agents-md and password=R00tR00tR00t`n"
    & chmod -R go-rwx $r

    # A file outside the home that the owner may read: linking to it is the owner's business, and it is read.
    $shared = Join-Path $t.Root 'shared'
    Write-TestFile (Join-Path $shared 'team-skill/SKILL.md') "---`nname: team-skill`ndescription: Shared with everyone`n---`nBody"

    # The home: the owner's own things, and links to root's.
    Write-TestFile (Join-Path $h 'config.toml') "model = `"gpt-5`"`n`n[plugins.`"rootplug@team`"]`nenabled = true`n"
    Write-TestFile (Join-Path $h 'skills/own-skill/SKILL.md') "---`nname: own-skill`ndescription: The owner's own`n---`nBody"
    Write-TestFile (Join-Path $h 'agents/own.toml') "name = `"own-agent`"`ndescription = `"The owner's own`"`ndeveloper_instructions = `"Help.`"`n"
    $script:Links = [ordered]@{
        Skill    = @((Join-Path $h 'skills/root-skill'), (Join-Path $r 'skill'))
        Shared   = @((Join-Path $h 'skills/team-skill'), (Join-Path $shared 'team-skill'))
        Agent    = @((Join-Path $h 'agents/root.toml'), (Join-Path $r 'agent.toml'))
        Rollout  = @((Join-Path $h 'sessions/2026/12/07/rollout-2026-12-07T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl'), (Join-Path $r 'rollout.jsonl'))
        Plugin   = @((Join-Path $h 'plugins/cache/team/rootplug/1.0.0'), (Join-Path $r 'plugin'))
        Hooks    = @((Join-Path $h 'hooks.json'), (Join-Path $r 'hooks.json'))
        Market   = @((Join-Path $h '.tmp/plugins'), (Join-Path $r 'market'))
        Settings = @((Join-Path $h 'work.config.toml'), (Join-Path $r 'settings.toml'))
        AgentsMd = @((Join-Path $h 'AGENTS.md'), (Join-Path $r 'AGENTS.md'))
    }
    foreach ($link in $Links.Values) {
        $null = New-Item -ItemType Directory -Force (Split-Path $link[0])
        $null = New-Item -ItemType SymbolicLink -Path $link[0] -Target $link[1]
    }
    & chown -R -h "${Owner}:${Owner}" (Split-Path $h)

    function Invoke-Reader([scriptblock] $Reader) {
        # Everything a user could see: the objects in full, their JSON, their default view, and every error.
        $WarningPreference = 'SilentlyContinue'
        $ErrorActionPreference = 'Continue'
        $all = @(& $Reader 2>&1)
        $output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $views = @(($output | Format-List * | Out-String -Width 400), ($output | Out-String -Width 400),
            ($output | ConvertTo-Json -Depth 8 -WarningAction SilentlyContinue)) + @($errors | ForEach-Object { $_.Exception.Message; $_.ErrorDetails.Message })
        [pscustomobject]@{ Output = $output; Errors = $errors; Seen = ($views | ForEach-Object { [string]$_ }) -join "`n" }
    }

    function Assert-NothingOfRoots($Result, [string[]] $NotFollowed) {
        $Result.Seen | Should -Not -Match 'ROOT-SECRET|R00tR00t'
        foreach ($link in $NotFollowed) {
            $said = @($Result.Errors | Where-Object { $_.Exception.Message -like "*$link*a link owned by uid $Owner*" })
            $said.Count | Should -BeGreaterThan 0 -Because "the link $link is not followed, and the reader says so (errors: $($Result.Errors.Exception.Message -join ' | '))"
        }
    }
}

Describe 'Links that leave a home, read as root' -Skip:(-not $IsRoot) {
    It 'Get-CodexSkill lists the owner''s skill and the shared one, and not the skill linked to root''s folder' {
        $r = Invoke-Reader { Get-CodexSkill @s }
        Assert-NothingOfRoots $r $Links.Skill[0]
        $r.Output.Name | Should -Contain 'own-skill'
        $r.Output.Name | Should -Contain 'team-skill'
        $r.Output.Name | Should -Not -Contain 'root-skill'
    }

    It 'Measure-CodexSkillBudget counts nothing of the linked root skill' {
        $r = Invoke-Reader { Measure-CodexSkillBudget @s }
        Assert-NothingOfRoots $r $Links.Skill[0]
    }

    It 'Get-CodexAgent lists the owner''s agent and not the one linked to root''s file' {
        $r = Invoke-Reader { Get-CodexAgent @s }
        Assert-NothingOfRoots $r $Links.Agent[0]
        $r.Output.Name | Should -Contain 'own-agent'
        $r.Output.Name | Should -Not -Contain 'root-agent'
    }

    It '<_> shows nothing of a rollout linked to root''s file' -ForEach @('Get-CodexSession', 'Measure-CodexSession') {
        $command = $_
        $r = Invoke-Reader { & $command @s }
        Assert-NothingOfRoots $r $Links.Rollout[0]
    }

    It 'Get-CodexPlugin shows nothing of a plugin folder linked to root''s' {
        $r = Invoke-Reader { Get-CodexPlugin @s }
        Assert-NothingOfRoots $r $Links.Plugin[0]
    }

    It 'Get-CodexPlugin -Available and Get-CodexMarketplace show nothing of a marketplace linked to root''s' {
        $r = Invoke-Reader { Get-CodexPlugin @s -Available; Get-CodexMarketplace @s }
        Assert-NothingOfRoots $r $Links.Market[0]
    }

    It 'Get-CodexHook shows nothing of a hooks.json linked to root''s' {
        $r = Invoke-Reader { Get-CodexHook @s }
        Assert-NothingOfRoots $r $Links.Hooks[0]
    }

    It 'Find-CodexSecret with its default scope finds nothing in root''s files and says which links it did not follow' {
        $r = Invoke-Reader { Find-CodexSecret -CodexHome $t.Home -ProjectPath $t.Project }
        Assert-NothingOfRoots $r @($Links.Rollout[0], $Links.Settings[0], $Links.AgentsMd[0], $Links.Hooks[0], $Links.Agent[0])
        @($r.Output | Where-Object { $_.File -like "$($Links.Settings[0])*" -or $_.File -like "$($Links.Rollout[0])*" }) | Should -BeNullOrEmpty
    }

    It 'Test-CodexConfiguration and its report through Export-CodexAuditReport show nothing of root''s files' {
        $r = Invoke-Reader { Test-CodexConfiguration @s }
        Assert-NothingOfRoots $r @($Links.AgentsMd[0], $Links.Hooks[0])
        $report = Invoke-Reader { Test-CodexConfiguration @s -ErrorAction SilentlyContinue | Export-CodexAuditReport -Format Json }
        Assert-NothingOfRoots $report @()
        $report.Output | Should -Not -BeNullOrEmpty
    }
}

# Hardening: a huge file blinds no reader and cannot end the shell. A 300 MiB one-line hooks.json or SKILL.md ended the
# admin's pwsh with an OutOfMemoryException, and manifests, marketplaces, configuration and agent files were read into
# memory whatever their size. Every kind of file now has a size limit, checked before a byte is read: each big file is one
# FileTooLarge error for that file (a one-line SKILL.md is SkillFrontMatterMissing, as in codex) and everything else
# still comes out. The readers run in a child pwsh inside a memory-limited control group this test makes and proves
# first, so a reader that still read the files would hit the jail's limit, not the machine's; where the machine cannot
# give one the test skips and says why (under CI it must run).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'support/PidsJail.psm1') -Force

    function Write-BigFile([string] $Path, [string] $Head, [long] $Size, [string] $Tail = '') {
        # Real bytes, one line: the head, 'x' up to the size, the tail. Written in 1 MiB pieces (never held whole).
        $null = New-Item -ItemType Directory -Force (Split-Path $Path)
        $utf8 = [System.Text.UTF8Encoding]::new($false)
        # (Names of their own: PowerShell's $head is $Head, a [string] parameter.)
        $headBytes = $utf8.GetBytes($Head); $tailBytes = $utf8.GetBytes($Tail)
        $chunk = [byte[]]::new(1MB); [System.Array]::Fill($chunk, [byte][char]'x')
        $stream = [System.IO.File]::Create($Path)
        try {
            $stream.Write($headBytes, 0, $headBytes.Length)
            $left = $Size - $headBytes.Length - $tailBytes.Length
            while ($left -gt 0) { $n = [int][Math]::Min($left, $chunk.Length); $stream.Write($chunk, 0, $n); $left -= $n }
            $stream.Write($tailBytes, 0, $tailBytes.Length)
        }
        finally { $stream.Dispose() }
    }

    $script:Jail = New-PidsJail -MaxProcesses 64 -MemoryBytes 1GB
    if (-not $script:Jail.Path) { return }

    $script:t = New-TestCodexHome
    $h = $t.Home
    $big = 300MB
    $market = Join-Path $t.Root 'market'
    $hugeMarket = Join-Path $t.Root 'market-huge'
    Write-TestFile (Join-Path $market '.agents/plugins/marketplace.json') '{"name":"team","plugins":[{"name":"a","source":"./plugins/a"}]}'
    $script:BigMarketplace = Join-Path $hugeMarket '.agents/plugins/marketplace.json'
    Write-BigFile $BigMarketplace '{"name":"huge","plugins":[{"name":"x","source":"./x","description":"' $big '"}]}'

    $cache = Join-Path $h 'plugins/cache/team'
    foreach ($name in 'a', 'b') {
        Write-TestFile (Join-Path $cache "$name/1.0.0/.codex-plugin/plugin.json") "{`"name`":`"$name`",`"version`":`"1.0.0`",`"mcpServers`":`"./.mcp.json`"}"
        Write-TestFile (Join-Path $cache "$name/1.0.0/skills/$name-one/SKILL.md") "---`nname: $name-one`ndescription: First skill of $name`n---`nBody"
    }
    Write-TestFile (Join-Path $cache 'a/1.0.0/.mcp.json') '{"mcpServers":{"a-server":{"command":"node"}}}'
    $script:BigMcp = Join-Path $cache 'b/1.0.0/.mcp.json'
    Write-BigFile $BigMcp '{"mcpServers":{"b-server":{"command":"' (65MB) '"}}}'
    $script:BigManifest = Join-Path $cache 'c/1.0.0/.codex-plugin/plugin.json'
    Write-BigFile $BigManifest '{"name":"c","version":"1.0.0","description":"' (65MB) '"}'

    # hooks.json and SKILL.md: the two that ended the shell, 300 MiB on one line.
    Write-TestFile (Join-Path $h 'config.toml') @"
model = "gpt-5"

[marketplaces.team]
source_type = "local"
source = "$market"

[marketplaces.huge]
source_type = "local"
source = "$hugeMarket"

[plugins."a@team"]
enabled = true

[plugins."b@team"]
enabled = true

[plugins."c@team"]
enabled = true

[mcp_servers.home-server]
command = "uvx"

[[hooks.Stop]]
[[hooks.Stop.hooks]]
type = "command"
command = "echo config"
"@
    $script:BigHooks = Join-Path $h 'hooks.json'
    Write-BigFile $BigHooks '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo ' $big '"}]}]}}'
    Write-TestFile (Join-Path $h 'skills/good/SKILL.md') "---`nname: good`ndescription: A good skill`n---`nBody"
    $script:OneLineSkill = Join-Path $h 'skills/one-line/SKILL.md'
    Write-BigFile $OneLineSkill '' $big
    $script:OpenSkill = Join-Path $h 'skills/open/SKILL.md'
    Write-BigFile $OpenSkill "---`nname: open`ndescription: " $big

    Write-TestFile (Join-Path $h 'agents/reviewer.toml') "name = `"reviewer`"`ndescription = `"Reviews`"`ndeveloper_instructions = `"Review.`"`n"
    $script:BigAgent = Join-Path $h 'agents/huge.toml'
    Write-BigFile $BigAgent "name = `"huge`"`ndescription = `"Huge`"`ndeveloper_instructions = `"" (65MB) "`"`n"
    $script:BigSystem = Join-Path $t.System 'config.toml'
    Write-BigFile $BigSystem 'model_instructions_file = "' $big "`"`n"

    # Every reader in one child pwsh inside the jail; each reports its error ids with their files and what came out.
    $child = Join-Path $TestDrive 'big-file-reader.ps1'
    Set-Content -LiteralPath $child -Value @'
param($ModulePath, $CodexHome, $ProjectPath, $SystemConfigPath, $MemoryGroup)
$ErrorActionPreference = 'Stop'
$own = (Get-Content /proc/self/cgroup | Where-Object { $_ -match ':memory:' }) -replace '^\d+:memory:', ''
if (-not $MemoryGroup.EndsWith($own) -or $own -eq '/') { Write-Output (@{ jailed = $false; group = $own } | ConvertTo-Json -Compress); exit 3 }
Import-Module $ModulePath
$s = @{ CodexHome = $CodexHome; ProjectPath = $ProjectPath; SystemConfigPath = $SystemConfigPath }
$readers = [ordered]@{
    'Get-CodexHook'           = { Get-CodexHook @s | ForEach-Object Command }
    'Get-CodexSkill'          = { Get-CodexSkill @s | ForEach-Object Name }
    'Get-CodexPlugin'         = { Get-CodexPlugin @s | ForEach-Object PluginId }
    'Get-CodexPlugin -Available' = { Get-CodexPlugin -Available @s | ForEach-Object PluginId }
    'Get-CodexMarketplace'    = { Get-CodexMarketplace @s | ForEach-Object Name }
    'Get-CodexMcpServer'      = { Get-CodexMcpServer @s | ForEach-Object Name }
    'Get-CodexAgent'          = { Get-CodexAgent @s | ForEach-Object Name }
    'Get-CodexConfig'         = { Get-CodexConfig @s | Where-Object Key -eq 'model' | ForEach-Object Value }
    'Test-CodexConfiguration' = { Test-CodexConfiguration @s | ForEach-Object RuleId }
}
$report = [ordered]@{ jailed = $true }
# Errors merged into the output (Continue: a non-terminating error stays one); a terminating one is caught and reported.
$ErrorActionPreference = 'Continue'
$WarningPreference = 'SilentlyContinue'
foreach ($name in $readers.Keys) {
    try {
        $all = @(& $readers[$name] 2>&1)
        $thrown = $null
    }
    catch { $all = @(); $thrown = "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
    $report[$name] = @{
        out = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" })
        errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { @{ id = ($_.FullyQualifiedErrorId -split ',')[0]; target = "$($_.CategoryInfo.TargetName)"; message = $_.Exception.Message } })
        thrown = $thrown
    }
}
Write-Output ($report | ConvertTo-Json -Depth 6 -Compress)
'@
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $child, $script:ModulePath, $t.Home, $t.Project, $t.System, $script:Jail.MemoryPath)
    $p = Start-InPidsJail $script:Jail.Path $pwsh[0] $arguments -MemoryPath $script:Jail.MemoryPath
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    $script:Returned = $p.WaitForExit(300000)
    if (-not $script:Returned) { $p.Kill(); $null = $p.WaitForExit(10000) }
    $script:ExitCode = $p.ExitCode
    $script:StdErr = $stderr.Result
    $last = $stdout.Result.Trim().Split("`n")[-1]
    $script:Report = if ($last.StartsWith('{')) { $last | ConvertFrom-Json -AsHashtable } else { $null }
    $script:Memory = Get-PidsJailMemory $script:Jail
    Write-Host "big files: the readers peaked at $([math]::Round($script:Memory.PeakBytes / 1MB)) MiB of a $([math]::Round($script:Memory.LimitBytes / 1MB)) MiB jail"

    function Skip-WithoutJail {
        if ($script:Jail.Path) { return $false }
        if ($env:CI -eq 'true') { throw "Under CI the big-file tests must run in a memory-limited jail: $($script:Jail.Why)" }
        Set-ItResult -Skipped -Because "no memory-limited jail for the big-file readers here: $($script:Jail.Why)"
        return $true
    }

    function Assert-BigFile([string] $Reader, [string] $ErrorId, [string] $File) {
        $r = $script:Report[$Reader]
        $r.thrown | Should -BeNullOrEmpty -Because "$Reader must not end on a big file"
        $mine = @($r.errors | Where-Object { $_.target -eq $File })
        $mine.Count | Should -Be 1 -Because "one big file ($File) is one error for $Reader, got: $(($r.errors | ForEach-Object { "$($_.id) $($_.target)" }) -join '; ')"
        $mine[0].id | Should -Be $ErrorId
        if ($ErrorId -eq 'FileTooLarge') { $mine[0].message | Should -Match 'limit of \d+ MiB' }
        return $r
    }
}

AfterAll {
    if ($script:Jail.Path) { Remove-PidsJail $script:Jail }
}

Describe 'Files larger than their kind''s limit, read in a memory-limited jail' -Skip:(-not $IsLinux) {
    It 'every reader came back in its jail, without reaching the jail''s memory limit' {
        if (Skip-WithoutJail) { return }
        $script:Returned | Should -BeTrue
        $script:ExitCode | Should -Be 0 -Because "the readers' shell must not crash (stderr: $script:StdErr)"
        $script:Report.jailed | Should -BeTrue
        $script:Memory.LimitHits | Should -Be 0 -Because "nothing of the big files is read (peak $($script:Memory.PeakBytes) bytes)"
    }

    It 'Get-CodexHook: a 300 MiB one-line hooks.json is one FileTooLarge; the config''s hook still comes out' {
        if (Skip-WithoutJail) { return }
        $r = Assert-BigFile 'Get-CodexHook' 'FileTooLarge' $BigHooks
        $r.out | Should -Contain 'echo config'
    }

    It 'Get-CodexSkill: a 300 MiB one-line SKILL.md is SkillFrontMatterMissing, as in codex; one whose front matter never closes is FileTooLarge; the others still come out' {
        if (Skip-WithoutJail) { return }
        $null = Assert-BigFile 'Get-CodexSkill' 'SkillFrontMatterMissing' $OneLineSkill
        $r = Assert-BigFile 'Get-CodexSkill' 'FileTooLarge' $OpenSkill
        foreach ($name in 'good', 'a:a-one', 'b:b-one') { $r.out | Should -Contain $name }
    }

    It 'Get-CodexPlugin: a 65 MiB plugin.json is one FileTooLarge; a and b still come out' {
        if (Skip-WithoutJail) { return }
        $r = Assert-BigFile 'Get-CodexPlugin' 'FileTooLarge' $BigManifest
        $r.out | Should -Contain 'a@team'
        $r.out | Should -Contain 'b@team'
    }

    It '<_>: a 300 MiB marketplace.json is one FileTooLarge; the other marketplace still comes out' -ForEach @('Get-CodexPlugin -Available', 'Get-CodexMarketplace') {
        if (Skip-WithoutJail) { return }
        $r = Assert-BigFile $_ 'FileTooLarge' $BigMarketplace
        $r.out | Should -Contain $(if ($_ -eq 'Get-CodexMarketplace') { 'team' } else { 'a@team' })
    }

    It 'Get-CodexMcpServer: a 65 MiB .mcp.json is one FileTooLarge; the other servers still come out' {
        if (Skip-WithoutJail) { return }
        $r = Assert-BigFile 'Get-CodexMcpServer' 'FileTooLarge' $BigMcp
        $r.out | Should -Contain 'home-server'
        $r.out | Should -Contain 'a-server'
    }

    It 'Get-CodexAgent: a 65 MiB agent file is one FileTooLarge; the other agent still comes out' {
        if (Skip-WithoutJail) { return }
        $r = Assert-BigFile 'Get-CodexAgent' 'FileTooLarge' $BigAgent
        $r.out | Should -Contain 'reviewer'
    }

    It 'Get-CodexConfig: a 300 MiB config.toml layer is one FileTooLarge; the other layers'' values still come out' {
        if (Skip-WithoutJail) { return }
        $r = Assert-BigFile 'Get-CodexConfig' 'FileTooLarge' $BigSystem
        $r.out | Should -Be 'gpt-5'
    }

    It 'Test-CodexConfiguration comes back over all of them' {
        if (Skip-WithoutJail) { return }
        $script:Report['Test-CodexConfiguration'].thrown | Should -BeNullOrEmpty
    }
}

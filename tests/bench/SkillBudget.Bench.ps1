#Requires -Version 7.4
<#
.SYNOPSIS
    The startup skill list of 600 skills: Measure-CodexSkillBudget (warm, in this session) against
    `codex debug prompt-input` (the real Codex CLI, one process per call) on the same files.

.DESCRIPTION
    The skills: the curated plugin corpus (../shared/corpora/openai-plugins, 604 skills under plugins/), read in
    place through a symbolic link in ~/.agents/skills; without the corpus, 600 generated skills over 40 folders with
    descriptions of 40 to 900 characters. Bundled system skills are off, model_context_window is not set (both sides
    use 2% of 272,000 tokens), so the list is cut and both sides do the whole budget computation.

    Ours: Measure-CodexSkillBudget -CodexHome <home> -ProjectPath <project> -SystemConfigPath <empty folder>, one
    warm-up call, then the median of -Rounds calls. Codex: `codex debug prompt-input hi` with CODEX_HOME=<home>,
    HOME=<home's user folder>, cwd = the project, stdin /dev/null; one warm-up, then the median of -Rounds runs,
    interleaved with ours. Both outputs are checked: the rendered <skills_instructions> blocks must be identical,
    or the numbers mean nothing. Ratio = ours / codex. Prints numbers only; a ratio above the target is reported, not
    failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).

.PARAMETER Rounds
    Measured calls of each side. Default 7.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(3, 50)][int] $Rounds = 7
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$codex = Get-BenchCodex
$corpus = if ($env:CODEX_COMPAT_CORPUS) { $env:CODEX_COMPAT_CORPUS } else { Join-Path $repoRoot '../shared/corpora/openai-plugins/plugins' }

# --- the skills -----------------------------------------------------------------------------------------------------
$benchRoot = Join-Path $repoRoot 'out/bench/skills'
if (Test-Path $benchRoot) { Remove-Item $benchRoot -Recurse -Force }
$codexHome = (New-Item -ItemType Directory -Force (Join-Path $benchRoot 'codex-home')).FullName
$userHome = (New-Item -ItemType Directory -Force (Join-Path $benchRoot 'user-home')).FullName
$project = (New-Item -ItemType Directory -Force (Join-Path $benchRoot 'project')).FullName
$system = (New-Item -ItemType Directory -Force (Join-Path $benchRoot 'system-empty')).FullName
$skillRoot = (New-Item -ItemType Directory -Force (Join-Path $userHome '.agents/skills')).FullName
[System.IO.File]::WriteAllText((Join-Path $codexHome 'config.toml'), "[skills]`nbundled = { enabled = false }`n")

if (Test-Path $corpus) {
    $null = New-Item -ItemType SymbolicLink -Path (Join-Path $skillRoot 'corpus') -Target (Resolve-Path $corpus).ProviderPath
    $source = "the curated corpus, read in place ($((Resolve-Path $corpus).ProviderPath))"
}
else {
    $words = 'review deploy triage migrate document benchmark refactor release audit summarize'.Split(' ')
    for ($i = 0; $i -lt 600; $i++) {
        $folder = Join-Path $skillRoot ('area-{0:D2}/skill-{1:D3}' -f ($i % 40), $i)
        $null = New-Item -ItemType Directory -Force $folder
        $len = 40 + ($i * 97) % 860
        $text = ((1..200 | ForEach-Object { $words[($i + $_) % $words.Count] }) -join ' ').Substring(0, $len).Trim()
        [System.IO.File]::WriteAllText((Join-Path $folder 'SKILL.md'), ("---`nname: skill-{0:D3}`ndescription: {1}`n---`n# Skill {0}`n`nInstructions.`n" -f $i, $text))
    }
    $source = '600 generated skills (the curated corpus is absent)'
}
$fileCount = @(Get-ChildItem -LiteralPath $skillRoot -Recurse -Filter SKILL.md -File -FollowSymlink).Count

Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
$env:HOME = $userHome # ~/.agents/skills is read from HOME, on both sides
# -CodexPath: the budget follows the release; both sides answer for the same codex.
$ourCall = { (Measure-CodexSkillBudget -CodexHome $codexHome -ProjectPath $project -SystemConfigPath $system -CodexPath $codex -ErrorAction SilentlyContinue -WarningAction SilentlyContinue) }
$codexEnv = @{ CODEX_HOME = $codexHome; HOME = $userHome; RUST_BACKTRACE = $null; RUST_LOG = $null }
$codexCall = { Invoke-TimedProcess -FilePath $codex -ArgumentList @('debug', 'prompt-input', 'hi') -Environment $codexEnv -WorkingDirectory $project -StdinNull }

function Get-SkillBlock([string] $Json) {
    foreach ($m in (ConvertFrom-Json $Json -Depth 20)) {
        if (-not $m.PSObject.Properties['content']) { continue }
        foreach ($c in @($m.content)) {
            if ($c.PSObject.Properties['text'] -and $c.text -and $c.text.Contains('<skills_instructions>')) { return $c.text }
        }
    }
    return $null
}

Write-Output "  skills: $source, $fileCount SKILL.md files"
Write-Output "  ours:   Measure-CodexSkillBudget -CodexHome <home> -ProjectPath <project> -SystemConfigPath <empty>, in session, warm"
Write-Output "  codex:  $codex debug prompt-input hi (codex-cli $((& $codex --version 2>$null) -replace '^codex-cli\s*', '')), CODEX_HOME=<home>, HOME=<user home>, stdin /dev/null"
Write-Output "  rounds: 1 warm-up + $Rounds measured each, interleaved; $(Get-BenchLoad) at start"

# --- warm-up, with the correctness check ----------------------------------------------------------------------------
$warmOurs = Measure-InSession $ourCall
$warmCodex = & $codexCall
if ($warmCodex.ExitCode -ne 0) { throw "codex debug prompt-input failed (exit $($warmCodex.ExitCode)): $($warmCodex.StdErr)" }
$theirBlock = Get-SkillBlock $warmCodex.StdOut
$budget = $warmOurs.Output[0]
if ($budget.RenderedText -cne $theirBlock) { throw 'Measure-CodexSkillBudget and codex debug prompt-input render different skill lists: fix that before timing.' }

# --- measured rounds ------------------------------------------------------------------------------------------------
# Uncached: config.toml changed since the last read (bytes never parsed here), as after another tool's edit.
$configFile = Join-Path $codexHome 'config.toml'
$configText = if (Test-Path $configFile) { [System.IO.File]::ReadAllText($configFile) } else { '' }
$ours = [System.Collections.Generic.List[double]]::new()
$oursUncached = [System.Collections.Generic.List[double]]::new()
$theirs = [System.Collections.Generic.List[double]]::new()
for ($round = 0; $round -lt $Rounds; $round++) {
    $steps = if ($round % 2) { 'codex', 'ours', 'uncached' } else { 'uncached', 'ours', 'codex' }
    foreach ($step in $steps) {
        if ($step -eq 'uncached') {
            [System.IO.File]::WriteAllText($configFile, $configText + "`n# touched by another tool, round $round`n")
            $r = Measure-InSession $ourCall
            if ($r.Output[0].IncludedCount -ne $budget.IncludedCount) { throw 'Measure-CodexSkillBudget changed its answer after the change.' }
            $oursUncached.Add($r.Milliseconds)
        }
        elseif ($step -eq 'ours') {
            $r = Measure-InSession $ourCall
            if ($r.Output[0].IncludedCount -ne $budget.IncludedCount) { throw 'Measure-CodexSkillBudget changed its answer between rounds.' }
            $ours.Add($r.Milliseconds)
        }
        else {
            $r = & $codexCall
            if ($r.ExitCode -ne 0) { throw "codex debug prompt-input failed (exit $($r.ExitCode)): $($r.StdErr)" }
            $theirs.Add($r.Milliseconds)
        }
    }
}

$oursMedian = Get-Median $ours
$codexMedian = Get-Median $theirs
Write-BenchLine 'skills loaded / listable' ('{0:N0} / {1:N0}' -f $budget.LoadedCount, $budget.ListableCount)
Write-BenchLine 'outcome (both sides, identical blocks)' ('{0}: {1:N0} listed, {2:N0} left out, {3:N0} of {4:N0} {5}' -f $budget.Outcome, $budget.IncludedCount, $budget.OmittedCount, $budget.Used, $budget.Budget, $budget.BudgetUnit.ToLowerInvariant())
Write-BenchLine 'first call, ours (cold in this session)' (Format-Ms $warmOurs.Milliseconds)
Write-BenchLine 'Measure-CodexSkillBudget, warm (median)' (Format-Ms $oursMedian)
Write-BenchLine 'codex debug prompt-input (median)' (Format-Ms $codexMedian)
Write-BenchLine 'ours, config changed since the last read (median)' (Format-Ms (Get-Median $oursUncached))
Write-BenchLine '  samples ours' (($ours | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine '  samples ours, uncached' (($oursUncached | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine '  samples codex' (($theirs | ForEach-Object { '{0:N0}' -f $_ }) -join ' ')
Write-BenchLine 'machine at the end' (Get-BenchLoad)
Write-BenchRatio 'ratio (ours / codex)' ($oursMedian / $codexMedian) 1.0
Write-BenchRatio 'ratio, uncached (ours / codex)' ((Get-Median $oursUncached) / $codexMedian) 1.0

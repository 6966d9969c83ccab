#Requires -Version 7.4
<#
.SYNOPSIS
    Tool-call counts by tool over 1 GB of rollouts: Measure-CodexSession against jq computing the same counts on the
    same files; peak memory of ours; and the cost per session file of Get-CodexSession on a home of 10,000 sessions.

.DESCRIPTION
    The data: 10,000 sessions (about 1 GB) in $CODEX_HOME/sessions/YYYY/MM/DD over 60 days, made from the two rollouts
    codex 0.171.0 wrote in the compat tests (tests/fixtures/sessions) with their ids, times and call ids renewed and
    the tool-call part of the main session repeated a varying number of times. It is generated once into a cache
    folder outside the repository (-CachePath, default ../.codex-plugins-bench-cache beside the repository) and
    reused while the generator version is the same.

    Ours: a child pwsh that imports the module and runs `Measure-CodexSession -Path <sessions> -Summary`, reading the
    per-tool counts off the summary; timed from process start to exit (startup included), and its peak resident
    memory (VmHWM) read at the end. jq: `cat` of the same files into `jq -n` reducing every function_call and
    custom_tool_call to a count per tool name (mcp__server__tool for MCP tools), as one shell pipeline. Both sides'
    counts must be equal, or the numbers mean nothing. Median of -Rounds runs each, interleaved. Ratio = ours / jq.

    Then Get-CodexSession over the 10,000 sessions (warm, in this session): the median time divided by the number of
    files, the cost of one session's meta.

    jq comes from Debian: the script installs it with apt-get when it is missing (as root), or says why it cannot.
    Prints numbers only; a ratio above its target is reported, not failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(1, 20)][int] $Rounds = 3,
    [string] $CachePath,
    [ValidateRange(100, 100000)][int] $Sessions = 10000
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
if (-not $CachePath) { $CachePath = Join-Path (Split-Path $repoRoot) '.codex-plugins-bench-cache' }
$generatorVersion = 'sessions-v2'
$dataRoot = Join-Path $CachePath "$generatorVersion-$Sessions"
$codexHome = Join-Path $dataRoot 'home'
$sessionsRoot = Join-Path $codexHome 'sessions'

# --- jq, from Debian ----------------------------------------------------------------------------------------------
if (-not (Get-Command jq -ErrorAction Ignore)) {
    if ($IsLinux -and (Get-Command apt-get -ErrorAction Ignore) -and (& id -u) -eq '0') {
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & timeout 300 apt-get update -qq
        & timeout 600 apt-get install -y -qq --no-install-recommends jq
    }
    if (-not (Get-Command jq -ErrorAction Ignore)) { throw 'jq is not installed and this machine cannot install it (apt-get as root): it is the peer of this bench.' }
}

# --- the data, generated once ---------------------------------------------------------------------------------------
$generator = @'
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

public static class CodexBenchRollouts
{
    // Renews the ids, times and call ids of the template rollouts, and repeats the main session's tool-call lines
    // (from its first function_call to its last function_call_output) 1 to 5 times, so sessions differ in size (about 1 GB in all).
    public static long Generate(string mainTemplate, string subTemplate, string sessionsRoot, int sessions)
    {
        string[] main = File.ReadAllLines(mainTemplate);
        string[] sub = File.ReadAllLines(subTemplate);
        string mainId = IdOf(mainTemplate), subId = IdOf(subTemplate);
        int first = Array.FindIndex(main, l => l.Contains("\"type\":\"function_call\""));
        int last = Array.FindLastIndex(main, l => l.Contains("\"type\":\"function_call_output\""));
        long bytes = 0;
        var start = new DateTime(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc);
        var random = new Random(42);
        for (int i = 0; i < sessions; i++)
        {
            bool isSub = i % 5 == 4;
            DateTime t = start.AddMinutes(i * 8.64);
            string id = string.Format("{0:x8}-{1:x4}-7{2:x3}-8{3:x3}-{4:x12}", 0x01a00000 + i, i % 65536, i % 4096, (i * 7) % 4096, (long)i * 7919);
            var text = new StringBuilder(200_000);
            string[] template = isSub ? sub : main;
            string templateId = isSub ? subId : mainId;
            int repeats = isSub ? 1 : 1 + random.Next(5);
            for (int n = 0; n < template.Length; n++)
            {
                if (!isSub && n == first)
                {
                    for (int r = 1; r < repeats; r++)
                    {
                        for (int k = first; k <= last; k++)
                        {
                            text.Append(Renew(template[k], templateId, id, t, "r" + r)).Append('\n');
                        }
                    }
                }

                text.Append(Renew(template[n], templateId, id, t, "r0")).Append('\n');
            }

            string dir = Path.Combine(sessionsRoot, t.ToString("yyyy"), t.ToString("MM"), t.ToString("dd"));
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, "rollout-" + t.ToString("yyyy-MM-dd'T'HH-mm-ss") + "-" + id + ".jsonl");
            byte[] body = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(path, body);
            bytes += body.Length;
        }

        return bytes;
    }

    private static string IdOf(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return name.Substring(name.Length - 36);
    }

    private static string Renew(string line, string templateId, string id, DateTime t, string round) =>
        line.Replace(templateId, id).Replace("2026-12-07T01:07", t.ToString("yyyy-MM-dd'T'HH:mm")).Replace("\"call_", "\"call_" + round + "_");
}
'@
$stamp = Join-Path $dataRoot 'complete'
if (-not (Test-Path $stamp)) {
    if (Test-Path $dataRoot) { Remove-Item $dataRoot -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $sessionsRoot
    Add-Type -TypeDefinition $generator
    $fixtures = Join-Path $repoRoot 'tests/fixtures/sessions/home/sessions/2026/12/07'
    $mainTemplate = (Get-ChildItem $fixtures -Filter '*01a24e0a-470f-7430-8cd3-855553612436.jsonl').FullName
    $subTemplate = (Get-ChildItem $fixtures -Filter '*01a24e0a-604d-7580-a7d5-6d60af1837bd.jsonl').FullName
    $elapsed = [System.Diagnostics.Stopwatch]::StartNew()
    $bytes = [CodexBenchRollouts]::Generate($mainTemplate, $subTemplate, $sessionsRoot, $Sessions)
    Set-Content -LiteralPath $stamp -Value $bytes
    Write-Host ('Generated {0:N0} sessions, {1:N0} MB, in {2:N1} s into {3}' -f $Sessions, ($bytes / 1MB), $elapsed.Elapsed.TotalSeconds, $dataRoot)
}
$totalBytes = [long](Get-Content -LiteralPath $stamp)
$fileCount = @(Get-ChildItem -Recurse -File $sessionsRoot -Filter 'rollout-*.jsonl').Count
Write-Host ('Data: {0:N0} rollouts, {1:N0} MB, in {2}' -f $fileCount, ($totalBytes / 1MB), $sessionsRoot)

# --- the two sides --------------------------------------------------------------------------------------------------
$pwsh = Get-BenchPwsh
$oursScript = @'
param($ModulePath, $Root)
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
$s = Measure-CodexSession -Path $Root -Summary -ErrorAction Stop
$counts = [ordered]@{}
foreach ($g in $s.Tools | Group-Object Tool | Sort-Object Name) { $counts[$g.Name] = ($g.Group | Measure-Object Calls -Sum).Sum }
$hwm = (Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -replace '\D', ''
[pscustomobject]@{ Counts = $counts; PeakKB = [long]$hwm } | ConvertTo-Json -Compress
'@
$oursFile = Join-Path $dataRoot 'ours.ps1'
Set-Content -LiteralPath $oursFile -Value $oursScript
$jqFilter = 'reduce (inputs | select(.type == "response_item" and (.payload.type == "function_call" or .payload.type == "custom_tool_call")) | .payload | (if ((.namespace // "") | startswith("mcp__")) then (.namespace | rtrimstr("_")) + "__" + .name else .name end)) as $n ({}; .[$n] += 1)'

function Invoke-Ours {
    $r = Invoke-TimedProcess -FilePath $pwsh.FilePath -ArgumentList (@($pwsh.PrefixArgument) + @('-NoProfile', '-NonInteractive', '-File', $oursFile, $ModulePath, $sessionsRoot))
    if ($r.ExitCode -ne 0) { throw "Measure-CodexSession failed: $($r.StdErr)" }
    $o = $r.StdOut | ConvertFrom-Json -AsHashtable
    [pscustomobject]@{ Milliseconds = $r.Milliseconds; Counts = $o.Counts; PeakMB = $o.PeakKB / 1024 }
}

function Invoke-Jq {
    $r = Invoke-TimedProcess -FilePath 'bash' -ArgumentList @('-c', "find '$sessionsRoot' -name 'rollout-*.jsonl' -print0 | sort -z | xargs -0 cat | jq -c -n '$jqFilter'")
    if ($r.ExitCode -ne 0) { throw "jq failed: $($r.StdErr)" }
    [pscustomobject]@{ Milliseconds = $r.Milliseconds; Counts = ($r.StdOut | ConvertFrom-Json -AsHashtable) }
}

$ours = @(); $peer = @()
$null = Invoke-Ours  # warm the file cache for both sides
for ($i = 0; $i -lt $Rounds; $i++) {
    $ours += Invoke-Ours
    $peer += Invoke-Jq
}

$a = ($ours[0].Counts.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ', '
$b = ($peer[0].Counts.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ', '
if ($a -ne $b) { throw "The counts differ:`n  Measure-CodexSession: $a`n  jq                  : $b" }
Write-Host "Counts agree: $a"

$oursMedian = Get-Median ($ours | ForEach-Object Milliseconds)
$jqMedian = Get-Median ($peer | ForEach-Object Milliseconds)
$peak = ($ours | Measure-Object PeakMB -Maximum).Maximum
Write-Output "Session rollouts: tool calls per tool over $('{0:N0}' -f ($totalBytes / 1MB)) MB ($fileCount files), $(Get-BenchLoad)"
Write-BenchLine 'Measure-CodexSession -Summary (child pwsh)' (Format-Ms $oursMedian)
Write-BenchLine 'jq -n reduce (same counts)' (Format-Ms $jqMedian)
Write-BenchRatio 'ratio ours / jq' ($oursMedian / $jqMedian) 1
Write-BenchLine 'throughput ours' ('{0:N0} MB/s' -f ($totalBytes / 1MB / ($oursMedian / 1000)))
Write-BenchLine 'peak memory ours (VmHWM, target < 200 MB)' ('{0:N0} MB  ({1})' -f $peak, $(if ($peak -lt 200) { 'meets target' } else { 'above target' }))

# --- Get-CodexSession on a home of 10,000 sessions ------------------------------------------------------------------
Import-Module $ModulePath -Force
$null = @(Get-CodexSession -CodexHome $codexHome)
$times = for ($i = 0; $i -lt $Rounds; $i++) {
    $m = Measure-InSession { Get-CodexSession -CodexHome $codexHome }
    if ($m.Count -ne $fileCount) { throw "Get-CodexSession returned $($m.Count) of $fileCount sessions." }
    $m.Milliseconds
}
$median = Get-Median $times
Write-BenchLine "Get-CodexSession over $fileCount sessions (warm)" (Format-Ms $median)
Write-BenchLine 'cost per session file' ('{0:N3} ms' -f ($median / $fileCount))

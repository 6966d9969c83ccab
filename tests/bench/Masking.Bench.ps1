#Requires -Version 7.4
<#
.SYNOPSIS
    Throughput and recall of Find-CodexSecret and Protect-CodexData against secretlint 13 (recommended preset) on the
    same generated corpus in the same run; peak memory on a 1 GB file and a 2 GB single line; the secret hook's cost
    per call.

.DESCRIPTION
    The corpus (-SizeMB, default 100) is generated here, streaming, into a temporary folder (removed at the end): files of rollout JSON
    lines, config TOML, logs and Markdown with secrets planted in shapes both tools know (GitHub, GitLab, npm, Slack,
    OpenAI, Anthropic, AWS, SendGrid, Stripe, private key blocks, basic-auth URLs), each one's file and line recorded.
    Recall = planted secrets reported on their line (Find, secretlint) or gone from the output (Protect).
    Speed = corpus MB / wall seconds, the median of -Rounds rounds in which the three runs alternate (the load of a
    shared machine drifts; no tool gets the quiet minute). Like for like: every timed run is a new process, and each
    tool's start-up is left out. Ours: a child pwsh imports the module, runs the cmdlet once on a one-line file, and
    times its corpus run itself (cmdlet, pipeline and collecting the findings included; Find and Protect each in a
    process of their own, so neither warms the other). secretlint (a new node process each run,
    `node node_modules/.bin/secretlint --format json`): its median corpus run less its median run on that file (node
    start, module load, rule set-up, one file), measured in every round next to the corpus run. The raw ratio with secretlint's start-up counted is printed too.
    Peak memory: a child pwsh runs Find-CodexSecret (and Protect-CodexData) on one generated 1 GB file and on a
    2 GB file without a newline, and prints its own PeakWorkingSet64 (the whole process: runtime and module included).
    Hook: the command New-CodexSecretHook writes, run -HookRounds times with a payload on stdin; median ms per call.
    Prints numbers and ratios only; a target missed is reported, not failed.

.PARAMETER ModulePath
    The built module manifest (out/Codex.Plugins/Codex.Plugins.psd1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(1, 10000)][int] $SizeMB = 100,
    [ValidateRange(0, 4096)][int] $BigFileMB = 1024,
    [ValidateRange(0, 4096)][int] $SingleLineMB = 2048,
    [ValidateRange(0, 100)][int] $HookRounds = 7,
    [ValidateRange(1, 20)][int] $Rounds = 3
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force

$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
# Outside the repository: secretlint skips files its .gitignore lists (out/ is), which would leave it nothing to scan.
$work = Join-Path ([System.IO.Path]::GetTempPath()) "codex-plugins-masking-bench-$PID"
if (Test-Path $work) { Remove-Item $work -Recurse -Force }
$corpus = New-Item -ItemType Directory -Force (Join-Path $work 'corpus')
$random = [System.Random]::new(13)
$alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
function Rand([int] $n, [string] $alphabet = $alnum) { -join (1..$n | ForEach-Object { $alphabet[$random.Next($alphabet.Length)] }) }
$pem = "-----BEGIN RSA PRIVATE KEY-----`n" + ((1..8 | ForEach-Object { Rand 64 ($alnum + '+/') }) -join "`n") + "`n-----END RSA PRIVATE KEY-----"
$makers = @(
    { "GITHUB_TOKEN=ghp_$(Rand 36)" }
    { "gitlab: glpat-$(Rand 20)" }
    { "//registry.npmjs.org/:_authToken=npm_$(Rand 36)" }
    { "SLACK_BOT_TOKEN=xoxb-$(Rand 12 '0123456789')-$(Rand 13 '0123456789')-$(Rand 24)" }
    { "OPENAI_API_KEY=sk-proj-$(Rand 58)T3BlbkFJ$(Rand 58)" }
    { "ANTHROPIC_API_KEY=sk-ant-api03-$(Rand 93)AA" }
    { "aws_access_key_id = AKIA$(Rand 16 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')" }
    { "SENDGRID_API_KEY=SG.$(Rand 22).$(Rand 43)" }
    { "STRIPE_SECRET_KEY=sk_live_$(Rand 24)" }
    { "url = `"https://deploy:$(Rand 12)@git.internal.example.net/repo.git`"" }
)
$filler = @(
    { '{"timestamp":"2026-12-01T10:00:00Z","type":"event_msg","payload":{"type":"agent_message","message":"' + (Rand 90 'abcdefghijklmnopqrstuvwxyz     ') + '"}}' }
    { '{"type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"ls -la src/' + (Rand 12 'abcdefghij') + '\"]}"}}' }
    { "2026-12-01T10:00:0$($random.Next(10))Z INFO request GET /api/v1/items/$($random.Next(100000)) 200 $($random.Next(900))ms trace=$(Rand 32 '0123456789abcdef')" }
    { "model = `"gpt-5-codex`"`n[mcp_servers.s$($random.Next(1000))]`ncommand = `"npx`"`nargs = [`"-y`", `"@scope/server-$(Rand 6 'abcdefgh')`"]" }
    { "## Notes $($random.Next(1000))`nThe build uses version 4.$($random.Next(20)).$($random.Next(99)); see https://docs.example.com/page/$($random.Next(999)) for details." }
)
$labels = [System.Collections.Generic.List[object]]::new()
$fileCount = [Math]::Max(1, [int]($SizeMB / 2))
$perFile = [long]$SizeMB * 1MB / $fileCount
Write-Host "Generating $SizeMB MB in $fileCount files ..."
for ($i = 0; $i -lt $fileCount; $i++) {
    $path = Join-Path $corpus ('part{0:d3}.{1}' -f $i, @('jsonl', 'log', 'md', 'toml', 'txt')[$i % 5])
    $writer = [System.IO.StreamWriter]::new($path, $false, [System.Text.UTF8Encoding]::new($false))
    $line = 1; $written = 0L
    $fill = @(1..200 | ForEach-Object { & $filler[$random.Next($filler.Count)] })
    while ($written -lt $perFile) {
        if ($random.Next(60) -eq 0) {
            $maker = $random.Next($makers.Count + 1)
            $text = if ($maker -eq $makers.Count) { $pem } else { & $makers[$maker] }
            $secretLine = $line
            $labels.Add([pscustomobject]@{ File = $path; Line = $secretLine; Text = $text })
        } else {
            $text = $fill[$random.Next($fill.Count)]
        }
        $writer.Write($text); $writer.Write("`n")
        $written += $text.Length + 1
        $line += 1 + ($text.Split("`n").Count - 1)
    }
    $writer.Dispose()
}
$bytes = (Get-ChildItem $corpus -File | Measure-Object Length -Sum).Sum
$mb = $bytes / 1MB
Write-Host ("Corpus: {0:N1} MB, {1} files, {2} planted secrets; {3} at start" -f $mb, $fileCount, $labels.Count, (Get-BenchLoad))

function Get-Recall([object[]] $Hits) {
    # Hits: objects with File and Line (1-based); a label counts when a hit lands on one of its lines.
    $set = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($h in $Hits) { $null = $set.Add("$($h.File)`n$($h.Line)") }
    $found = 0
    foreach ($l in $labels) {
        $span = $l.Text.Split("`n").Count
        for ($k = 0; $k -lt $span; $k++) { if ($set.Contains("$($l.File)`n$($l.Line + $k)")) { $found++; break } }
    }
    return $found / $labels.Count
}

# Start-up, the same for both tools: loaded, and one one-line file scanned, before the clock starts.
$warm = New-Item -ItemType Directory -Force (Join-Path $work 'warm-up')
$warmFile = Join-Path $warm 'one-line.txt'
& $makers[0] | Set-Content -LiteralPath $warmFile

# Like for like: each timed run is a new process, as secretlint's is, and each tool's start-up is left out. Ours: a child
# pwsh imports the module, runs the cmdlet once on the one-line file, then times the corpus run itself (cmdlet, pipeline
# and the findings collected included). secretlint: its median corpus run less its median run on the one-line file.
# The three runs alternate, -Rounds times (Find, Protect, secretlint; then again), and each tool's median is taken: on a
# shared machine the load drifts within seconds, and timing each tool in one block would hand one of them the quiet
# minute. Recall comes from the last round of each (the runs are deterministic).
$pwsh = Get-BenchPwsh
$secretlint = Join-Path $root 'node_modules/.bin/secretlint'
$rc = Join-Path $work '.secretlintrc.json'
'{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' | Set-Content $rc
$hasPeer = (Test-Path $secretlint) -and (Get-Command node -ErrorAction Ignore)
if (-not $hasPeer) { Write-Host 'secretlint is not installed (./build.ps1 installs it with npm ci): no peer numbers.' }
$peerReport = Join-Path $work 'secretlint.json'
$hitsFile = Join-Path $work 'find-hits.tsv'
$masked = Join-Path $work 'masked'
$prelude = "`$ErrorActionPreference='Stop'; `$ProgressPreference='SilentlyContinue'; Import-Module '$ModulePath'"
$clock = "`$p = [System.Diagnostics.Process]::GetCurrentProcess(); `$c = `$p.TotalProcessorTime; `$w = [System.Diagnostics.Stopwatch]::StartNew()"
$stopClock = "`$s = `$w.Elapsed.TotalSeconds; `$p.Refresh(); `$cpu = (`$p.TotalProcessorTime - `$c).TotalSeconds; [Console]::Out.WriteLine(`"SECONDS=`$s CPU=`$cpu`")"
$findChild = $prelude + "; `$null = Find-CodexSecret -Path '$warm' -MaxFileSize 0; $clock" +
    "; `$f = @(Find-CodexSecret -Path '$corpus' -MaxFileSize 0); $stopClock" +
    "; `$f | ForEach-Object { `"`$(`$_.File)``t`$(`$_.Line)`" } | Set-Content '$hitsFile'"
$protectChild = $prelude + "; `$null = Protect-CodexData -Path '$warmFile' -Destination '$(Join-Path $work 'one-line.masked.txt')' -Force -Format Text -Category Secret -Mode Redact; $clock" +
    "; `$null = Get-ChildItem '$corpus' -File | Protect-CodexData -Destination '$masked' -Format Text -Category Secret -Mode Redact; $stopClock"
function Invoke-OurRun([string] $Command) {
    # Wall seconds as the child timed them, and the CPU seconds its process spent in that time (all threads).
    $r = Invoke-TimedProcess -FilePath $pwsh.FilePath -ArgumentList ($pwsh.PrefixArgument + @('-NoProfile', '-NonInteractive', '-Command', $Command))
    $line = $r.StdOut -split "`n" | Where-Object { $_ -match '^SECONDS=' } | Select-Object -Last 1
    if ($r.ExitCode -ne 0 -or $line -notmatch '^SECONDS=(\S+) CPU=(\S+)') { throw "The timed child failed (exit $($r.ExitCode)): $($r.StdErr)" }
    return [pscustomobject]@{ Seconds = [double]::Parse($Matches[1], [cultureinfo]::InvariantCulture); Cpu = [double]::Parse($Matches[2], [cultureinfo]::InvariantCulture) }
}
# secretlint's CPU seconds (user + system of the node process) through /usr/bin/time where there is one.
$gnuTime = if (-not $IsWindows -and (Test-Path /usr/bin/time)) { '/usr/bin/time' }
function Invoke-Peer([string[]] $Target, [string] $Output) {
    $arguments = @($secretlint, '--secretlintrc', $rc, '--format', 'json', '--output', $Output) + $Target
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $r = if ($gnuTime) { Invoke-TimedProcess -FilePath $gnuTime -ArgumentList (@('-f', 'CPU=%U %S', 'node') + $arguments) } else { Invoke-TimedProcess -FilePath 'node' -ArgumentList $arguments }
    $seconds = $watch.Elapsed.TotalSeconds
    $cpu = if ($r.StdErr -match 'CPU=(\S+) (\S+)') { [double]::Parse($Matches[1], [cultureinfo]::InvariantCulture) + [double]::Parse($Matches[2], [cultureinfo]::InvariantCulture) } else { [double]::NaN }
    [pscustomobject]@{ Seconds = $seconds; Cpu = $cpu }
}
$findTimes = [System.Collections.Generic.List[double]]::new()
$protectTimes = [System.Collections.Generic.List[double]]::new()
$peerTimes = [System.Collections.Generic.List[double]]::new()
$startupTimes = [System.Collections.Generic.List[double]]::new()
$findCpu, $protectCpu, $peerCpu, $startupCpu = 1..4 | ForEach-Object { , [System.Collections.Generic.List[double]]::new() }
for ($round = 1; $round -le $Rounds; $round++) {
    $find = Invoke-OurRun $findChild
    if (Test-Path $masked) { Remove-Item $masked -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $masked
    $protect = Invoke-OurRun $protectChild
    $findTimes.Add($find.Seconds); $findCpu.Add($find.Cpu); $protectTimes.Add($protect.Seconds); $protectCpu.Add($protect.Cpu)
    $peerLine = ''
    if ($hasPeer) {
        # Its start-up (the one-line file) is measured in every round too, next to its corpus run, under the same load.
        $start = Invoke-Peer @("$warm/*") (Join-Path $work 'secretlint-warm.json')
        $run = Invoke-Peer @("$corpus/*") $peerReport
        $startupTimes.Add($start.Seconds); $startupCpu.Add($start.Cpu); $peerTimes.Add($run.Seconds); $peerCpu.Add($run.Cpu)
        $peerLine = ", secretlint {0:N2} s (start-up {1:N2} s); CPU s: Find {2:N2}, Protect {3:N2}, secretlint {4:N2} (start-up {5:N2})" -f $run.Seconds, $start.Seconds, $find.Cpu, $protect.Cpu, $run.Cpu, $start.Cpu
    }
    Write-Host ("Round {0}: Find {1:N2} s, Protect {2:N2} s{3}; {4}" -f $round, $find.Seconds, $protect.Seconds, $peerLine, (Get-BenchLoad))
}
$startup = if ($hasPeer) { Get-Median $startupTimes.ToArray() }
$findings = foreach ($h in Get-Content $hitsFile) { $file, $line = $h -split "`t"; [pscustomobject]@{ File = $file; Line = [long]$line } }
$findSeconds = Get-Median $findTimes.ToArray()
$protectSeconds = Get-Median $protectTimes.ToArray()
$findRecall = Get-Recall $findings
$gone = 0
foreach ($group in $labels | Group-Object File) {
    $out = [System.IO.File]::ReadAllText((Join-Path $masked (Split-Path $group.Name -Leaf)))
    foreach ($l in $group.Group) { if (-not $out.Contains($l.Text)) { $gone++ } }
}
$protectRecall = $gone / $labels.Count
$peer = $null
if ($hasPeer) {
    $peerRawSeconds = Get-Median $peerTimes.ToArray()
    $peerSeconds = $peerRawSeconds - $startup
    $results = Get-Content -Raw $peerReport | ConvertFrom-Json -Depth 20
    $hits = foreach ($r in $results) { foreach ($m in $r.messages) { [pscustomobject]@{ File = $r.filePath; Line = $m.loc.start.line } } }
    $peer = [pscustomobject]@{ Seconds = $peerSeconds; RawSeconds = $peerRawSeconds; Startup = $startup; Recall = (Get-Recall @($hits)) }
}

'{0,-34} {1,10} {2,8} {3,8}' -f 'tool', 'MB/s', 'recall', 'seconds' | Write-Host
'{0,-34} {1,10:N1} {2,8:P1} {3,8:N1}' -f 'Find-CodexSecret', ($mb / $findSeconds), $findRecall, $findSeconds | Write-Host
'{0,-34} {1,10:N1} {2,8:P1} {3,8:N1}' -f 'Protect-CodexData -Mode Redact', ($mb / $protectSeconds), $protectRecall, $protectSeconds | Write-Host
if ($peer) {
    '{0,-34} {1,10:N1} {2,8:P1} {3,8:N1}' -f 'secretlint 13 (preset-recommend)', ($mb / $peer.Seconds), $peer.Recall, $peer.Seconds | Write-Host
    Write-Host ("Ratio Find/secretlint: {0:N1}x faster (target >= 10x); Protect/secretlint: {1:N1}x; recall {2:P1} vs {3:P1} (target: at least secretlint's)" -f ($peer.Seconds / $findSeconds), ($peer.Seconds / $protectSeconds), $findRecall, $peer.Recall)
    if ($gnuTime) {
        # Work done, whatever the load: CPU seconds of all threads (ours on up to two cores), secretlint's less its start-up.
        $peerWork = (Get-Median $peerCpu.ToArray()) - (Get-Median $startupCpu.ToArray())
        Write-Host ("CPU seconds (medians): Find {0:N2}, Protect {1:N2}, secretlint {2:N2} less start-up {3:N2} = {4:N2}; CPU ratio Find {5:N1}x, Protect {6:N1}x" -f (Get-Median $findCpu.ToArray()), (Get-Median $protectCpu.ToArray()), (Get-Median $peerCpu.ToArray()), (Get-Median $startupCpu.ToArray()), $peerWork, ($peerWork / (Get-Median $findCpu.ToArray())), ($peerWork / (Get-Median $protectCpu.ToArray())))
    }
    Write-Host ("Timing: medians of {4} alternating rounds; each run a new process, start-up excluded on both sides (ours timed inside the process after import and a one-line run; secretlint's corpus run less its run on a one-line file, {0:N2} s, medians); its raw run {1:N1} s. With its start-up counted: Find {2:N1}x, Protect {3:N1}x" -f $peer.Startup, $peer.RawSeconds, ($peer.RawSeconds / $findSeconds), ($peer.RawSeconds / $protectSeconds), $Rounds)
}
Remove-Item $corpus, $masked, $warm -Recurse -Force

# Peak memory of a child pwsh on one big file, and on one line with no newline.
function Measure-Peak([string] $File, [string] $Command) {
    $script = "`$ErrorActionPreference='Stop'; Import-Module '$ModulePath'; $Command; [Console]::Out.WriteLine([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)"
    $r = Invoke-TimedProcess -FilePath $pwsh.FilePath -ArgumentList ($pwsh.PrefixArgument + @('-NoProfile', '-NonInteractive', '-Command', $script))
    $peak = [long](($r.StdOut -split "`n" | Where-Object { $_ -match '^\d+\s*$' } | Select-Object -Last 1))
    [pscustomobject]@{ Seconds = $r.Milliseconds / 1000; PeakMB = $peak / 1MB; ExitCode = $r.ExitCode; Err = $r.StdErr }
}
function New-BigFile([string] $Path, [int] $SizeMB, [switch] $SingleLine) {
    $block = [System.Text.StringBuilder]::new()
    while ($block.Length -lt 1MB) {
        [void]$block.Append((& $filler[$random.Next($filler.Count)]))
        [void]$block.Append($(if ($SingleLine) { ' ' } else { "`n" }))
        if ($random.Next(50) -eq 0) { [void]$block.Append((& $makers[$random.Next($makers.Count)])).Append($(if ($SingleLine) { ' ' } else { "`n" })) }
    }
    $chunk = [System.Text.Encoding]::UTF8.GetBytes($block.ToString().Substring(0, 1MB))
    $stream = [System.IO.File]::Create($Path)
    try { for ($i = 0; $i -lt $SizeMB; $i++) { $stream.Write($chunk, 0, $chunk.Length) } } finally { $stream.Dispose() }
}
foreach ($case in @(@{ Name = 'file'; MB = $BigFileMB; Single = $false }, @{ Name = 'single line'; MB = $SingleLineMB; Single = $true })) {
    if ($case.MB -le 0) { continue }
    $big = Join-Path $work "big-$($case.MB).txt"
    New-BigFile $big $case.MB -SingleLine:$case.Single
    $find = Measure-Peak $big "`$n = 0; Find-CodexSecret -Path '$big' -MaxFileSize 0 | ForEach-Object { `$n++ }; [Console]::Error.WriteLine(`$n)"
    Write-Host ("{0} MB {1}: Find-CodexSecret {2:N1} s ({3:N1} MB/s), peak working set {4:N0} MB (target < 200 MB){5}" -f $case.MB, $case.Name, $find.Seconds, ($case.MB / $find.Seconds), $find.PeakMB, $(if ($find.ExitCode) { " exit $($find.ExitCode): $($find.Err)" } else { '' }))
    if (-not $case.Single) {
        $prot = Measure-Peak $big "Protect-CodexData -Path '$big' -Destination '$big.masked' -Format Text -Category Secret | Out-Null"
        Write-Host ("{0} MB {1}: Protect-CodexData {2:N1} s ({3:N1} MB/s), peak working set {4:N0} MB" -f $case.MB, $case.Name, $prot.Seconds, ($case.MB / $prot.Seconds), $prot.PeakMB)
        Remove-Item "$big.masked" -ErrorAction Ignore
    }
    Remove-Item $big
}

# The secret hook: its command as New-CodexSecretHook writes it, per call.
if ($HookRounds -gt 0) {
    $hookScript = Join-Path (Split-Path $ModulePath) 'Codex.Plugins.SecretHook.ps1'
    $payload = '{"hook_event_name":"UserPromptSubmit","prompt":"deploy with ghp_Q3r8Tz1Lm9Xv4Kc7Wb2Np6Hd5Fs0Jy8Ua1Ee"}'
    $times = foreach ($i in 1..$HookRounds) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
        foreach ($a in $pwsh.PrefixArgument + @('-NoProfile', '-NonInteractive', '-File', $hookScript)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
        $w = [System.Diagnostics.Stopwatch]::StartNew()
        $p = [System.Diagnostics.Process]::Start($psi)
        $p.StandardInput.Write($payload); $p.StandardInput.Close()
        $out = $p.StandardOutput.ReadToEnd(); $p.WaitForExit()
        if ($out -notmatch '"block"') { Write-Host "hook did not block: $out" }
        $w.Elapsed.TotalMilliseconds
    }
    $bare = foreach ($i in 1..$HookRounds) {
        (Invoke-TimedProcess -FilePath $pwsh.FilePath -ArgumentList ($pwsh.PrefixArgument + @('-NoProfile', '-NonInteractive', '-Command', 'exit 0'))).Milliseconds
    }
    Write-Host ("Secret hook: median {0:N0} ms per call; a bare pwsh start here: {1:N0} ms (the engine's own share: {2:N0} ms)" -f (Get-Median $times), (Get-Median $bare), ((Get-Median $times) - (Get-Median $bare)))
}
Write-Host "Machine at the end: $(Get-BenchLoad) (wall-clock ratios are only comparable at a similar load)"
Remove-Item $work -Recurse -Force -ErrorAction Ignore

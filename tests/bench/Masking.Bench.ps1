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
    Speed = corpus MB / wall seconds, start-up excluded on both sides in the same way: each tool has started, loaded
    and scanned one one-line file before its clock starts. Ours: the module is imported in this process and
    Find-CodexSecret and Protect-CodexData have each run once on that file. secretlint (a new node process each run,
    `node node_modules/.bin/secretlint --format json`): its corpus run less the median of three runs on that file
    (node start, module load, rule set-up, one file). The raw ratio with secretlint's start-up counted is printed too.
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
    [ValidateRange(0, 100)][int] $HookRounds = 7
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
$null = Find-CodexSecret -Path $warm -MaxFileSize 0
$null = Protect-CodexData -Path $warmFile -Destination (Join-Path $work 'one-line.masked.txt') -Format Text -Category Secret -Mode Redact

# Ours: Find-CodexSecret.
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$findings = @(Find-CodexSecret -Path $corpus -MaxFileSize 0)
$findSeconds = $watch.Elapsed.TotalSeconds
$findRecall = Get-Recall $findings

# Ours: Protect-CodexData into a copy.
$masked = New-Item -ItemType Directory -Force (Join-Path $work 'masked')
$watch.Restart()
$null = Get-ChildItem $corpus -File | Protect-CodexData -Destination $masked -Format Text -Category Secret -Mode Redact
$protectSeconds = $watch.Elapsed.TotalSeconds
$gone = 0
foreach ($group in $labels | Group-Object File) {
    $out = [System.IO.File]::ReadAllText((Join-Path $masked (Split-Path $group.Name -Leaf)))
    foreach ($l in $group.Group) { if (-not $out.Contains($l.Text)) { $gone++ } }
}
$protectRecall = $gone / $labels.Count

# The peer: secretlint 13 with the recommended preset, on the same files.
$secretlint = Join-Path $root 'node_modules/.bin/secretlint'
$rc = Join-Path $work '.secretlintrc.json'
'{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' | Set-Content $rc
$peer = $null
if ((Test-Path $secretlint) -and (Get-Command node -ErrorAction Ignore)) {
    $report = Join-Path $work 'secretlint.json'
    $startup = Get-Median @(foreach ($i in 1..3) {
        $watch.Restart()
        & node $secretlint --secretlintrc $rc --format json --output (Join-Path $work 'secretlint-warm.json') "$warm/*" 2>$null
        $watch.Elapsed.TotalSeconds
    })
    $watch.Restart()
    & node $secretlint --secretlintrc $rc --format json --output $report "$corpus/*" 2>$null
    $peerRawSeconds = $watch.Elapsed.TotalSeconds
    $peerSeconds = $peerRawSeconds - $startup
    $results = Get-Content -Raw $report | ConvertFrom-Json -Depth 20
    $hits = foreach ($r in $results) { foreach ($m in $r.messages) { [pscustomobject]@{ File = $r.filePath; Line = $m.loc.start.line } } }
    $peer = [pscustomobject]@{ Seconds = $peerSeconds; RawSeconds = $peerRawSeconds; Startup = $startup; Recall = (Get-Recall @($hits)) }
} else {
    Write-Host 'secretlint is not installed (./build.ps1 installs it with npm ci): no peer numbers.'
}

'{0,-34} {1,10} {2,8} {3,8}' -f 'tool', 'MB/s', 'recall', 'seconds' | Write-Host
'{0,-34} {1,10:N1} {2,8:P1} {3,8:N1}' -f 'Find-CodexSecret', ($mb / $findSeconds), $findRecall, $findSeconds | Write-Host
'{0,-34} {1,10:N1} {2,8:P1} {3,8:N1}' -f 'Protect-CodexData -Mode Redact', ($mb / $protectSeconds), $protectRecall, $protectSeconds | Write-Host
if ($peer) {
    '{0,-34} {1,10:N1} {2,8:P1} {3,8:N1}' -f 'secretlint 13 (preset-recommend)', ($mb / $peer.Seconds), $peer.Recall, $peer.Seconds | Write-Host
    Write-Host ("Ratio Find/secretlint: {0:N1}x faster (target >= 10x); Protect/secretlint: {1:N1}x; recall {2:P1} vs {3:P1} (target: at least secretlint's)" -f ($peer.Seconds / $findSeconds), ($peer.Seconds / $protectSeconds), $findRecall, $peer.Recall)
    Write-Host ("Timing: start-up excluded on both sides (loaded, one one-line file scanned before the clock); secretlint's start-up was {0:N2} s (median of 3), its raw run {1:N1} s. With its start-up counted: Find {2:N1}x, Protect {3:N1}x" -f $peer.Startup, $peer.RawSeconds, ($peer.RawSeconds / $findSeconds), ($peer.RawSeconds / $protectSeconds))
}
Remove-Item $corpus, $masked, $warm -Recurse -Force

# Peak memory of a child pwsh on one big file, and on one line with no newline.
$pwsh = Get-BenchPwsh
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

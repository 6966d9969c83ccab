#Requires -Version 7.4
<#
.SYNOPSIS
    Helpers for the hook compat tests: the real codex's own view of hooks (app-server hooks/list over JSON-RPC), and
    both sides' hooks brought to one comparable shape.
#>

Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1')

function Start-CompatCodexProcess {
    <# Starts codex with arguments on a compat home, stdin open (for JSON-RPC) or closed, the case's system folder as /etc/codex. #>
    param([Parameter(Mandatory)] $CompatHome, [Parameter(Mandatory)][string[]] $ArgumentList, [switch] $KeepStdin, [hashtable] $Environment = @{})
    $codex = Get-CompatCodexPath
    $psi = [System.Diagnostics.ProcessStartInfo]::new()
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.StandardOutputEncoding = [System.Text.UTF8Encoding]::new($false)
    $psi.StandardErrorEncoding = [System.Text.UTF8Encoding]::new($false)
    $psi.WorkingDirectory = $CompatHome.WorkingDirectory
    if ($CompatHome.SystemConfigPath) {
        $psi.FileName = 'unshare'
        foreach ($a in @('-m', 'sh', '-c', 'mount --bind "$0" /etc/codex && exec "$@"', $CompatHome.SystemConfigPath, $codex) + $ArgumentList) { $psi.ArgumentList.Add($a) }
    } else {
        $psi.FileName = $codex
        foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
    }
    $psi.Environment['CODEX_HOME'] = $CompatHome.CodexHome
    $psi.Environment['HOME'] = $CompatHome.UserHome
    foreach ($name in @('RUST_BACKTRACE', 'RUST_LIB_BACKTRACE') + $CompatHome.ClearEnvironment) { $null = $psi.Environment.Remove($name) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
    $p = [System.Diagnostics.Process]::Start($psi)
    if (-not $KeepStdin) { $p.StandardInput.Close() }
    return $p
}

function Invoke-CompatHookList {
    <#
    .SYNOPSIS
        codex app-server: initialize, initialized, then hooks/list for the case's working directory. Returns the
        entry for that cwd (hooks, warnings, errors).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $CompatHome, [int] $TimeoutSeconds = 60)
    $p = Start-CompatCodexProcess -CompatHome $CompatHome -ArgumentList @('app-server') -KeepStdin
    $stderr = $p.StandardError.ReadToEndAsync()
    try {
        $send = {
            param($message)
            $p.StandardInput.WriteLine(($message | ConvertTo-Json -Depth 10 -Compress))
            $p.StandardInput.Flush()
        }
        $receive = {
            param([int] $id)
            $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
            while ([DateTime]::UtcNow -lt $deadline) {
                $read = $p.StandardOutput.ReadLineAsync()
                if (-not $read.Wait([TimeSpan]::FromSeconds($TimeoutSeconds))) { break }
                $line = $read.Result
                if ($null -eq $line) { break }
                $message = $line | ConvertFrom-Json -Depth 50
                if ($message.PSObject.Properties['id'] -and $message.id -eq $id) { return $message }
            }
            throw "codex app-server gave no answer to request $id (stderr: $($stderr.Result))"
        }
        & $send @{ id = 1; method = 'initialize'; params = @{ clientInfo = @{ name = 'codex-plugins-compat'; version = '0' } } }
        $null = & $receive 1
        & $send @{ method = 'initialized' }
        & $send @{ id = 2; method = 'hooks/list'; params = @{ cwds = @($CompatHome.WorkingDirectory) } }
        $answer = & $receive 2
        if ($answer.PSObject.Properties['error']) { throw "hooks/list failed: $($answer.error | ConvertTo-Json -Compress)" }
        return @($answer.result.data)[0]
    } finally {
        try { $p.StandardInput.Close() } catch { }
        if (-not $p.WaitForExit(5000)) { $p.Kill($true) }
        $p.Dispose()
    }
}

function ConvertTo-CompatHookRow {
    <#
    One comparable line per hook. Codex's side comes from hooks/list, the module's from Get-CodexHook; the module's
    paths under the case's system folder are written as /etc/codex, where codex reads them. For plugin hooks codex's
    hash is "<definition hash>/<plugin files hash>"; codex trusts by the definition part, which the module computes.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Hook, [string] $SystemPath, [switch] $Codex)
    process {
        if ($Codex) {
            $hash = [string]$Hook.currentHash
            [pscustomobject]@{
                Key = $Hook.key; Event = ($Hook.eventName.Substring(0, 1).ToUpperInvariant() + $Hook.eventName.Substring(1))
                Matcher = $Hook.matcher; Command = $Hook.command; TimeoutSec = [int]$Hook.timeoutSec; Source = $Hook.source
                PluginId = $Hook.pluginId; Enabled = [bool]$Hook.enabled; IsManaged = [bool]$Hook.isManaged
                Trust = (Get-Culture).TextInfo.ToTitleCase($Hook.trustStatus); Hash = $hash.Split('/')[0]
                StatusMessage = $Hook.statusMessage; Async = [bool]$Hook.async; AdditionalContextLimit = $Hook.additionalContextLimit
            }
        } else {
            $fix = { param([string] $s) if ($SystemPath -and $s) { $s.Replace($SystemPath, '/etc/codex') } else { $s } }
            [pscustomobject]@{
                Key = & $fix $Hook.Key; Event = $Hook.Event; Matcher = $Hook.Matcher; Command = & $fix $Hook.Command; TimeoutSec = $Hook.TimeoutSec
                Source = $Hook.Source; PluginId = $Hook.PluginId; Enabled = $Hook.Enabled; IsManaged = $Hook.IsManaged; Trust = $Hook.TrustStatus
                Hash = $Hook.CurrentHash; StatusMessage = $Hook.StatusMessage; Async = $Hook.Async
                AdditionalContextLimit = if ($null -ne $Hook.AdditionalContextLimit) { [long]$Hook.AdditionalContextLimit } else { $null }
            }
        }
    }
}

function Compare-CompatHookRow {
    <# Differences between codex's rows and the module's, in order; empty when they agree on every field. #>
    [CmdletBinding()]
    param([object[]] $Theirs, [object[]] $Ours)
    $problems = [System.Collections.Generic.List[string]]::new()
    $theirKeys = @($Theirs | ForEach-Object Key)
    $ourKeys = @($Ours | ForEach-Object Key)
    if (($theirKeys -join "`n") -cne ($ourKeys -join "`n")) {
        $problems.Add("keys differ:`n  codex : $($theirKeys -join "`n          ")`n  module: $($ourKeys -join "`n          ")")
        return , $problems.ToArray()
    }
    for ($i = 0; $i -lt $theirKeys.Count; $i++) {
        foreach ($field in 'Event', 'Matcher', 'Command', 'TimeoutSec', 'Source', 'PluginId', 'Enabled', 'IsManaged', 'Trust', 'Hash', 'StatusMessage', 'Async', 'AdditionalContextLimit') {
            $a = $Theirs[$i].$field; $b = $Ours[$i].$field
            if ("$a" -cne "$b") { $problems.Add("$($theirKeys[$i]) $field`: codex '$a', module '$b'") }
        }
    }
    return , $problems.ToArray()
}


function Start-CompatMockResponses {
    <# The mock Responses API (MockResponsesServer.cs, compiled once per session) answering on a free loopback port. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Command)
    if (-not ('CodexPluginsTests.MockResponsesServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'MockResponsesServer.cs') -ReferencedAssemblies System.Net.HttpListener, System.Net.Primitives, System.Text.Json, System.Collections.Concurrent, System.Memory, System.Runtime, System.Net.Sockets, System.Collections, Microsoft.Win32.Primitives, System.Linq
    }
    return [CodexPluginsTests.MockResponsesServer]::new($Command)
}

function New-CompatExecHome {
    <#
    .SYNOPSIS
        A Codex home under out/compat-homes whose model provider is the mock, with approval_policy never and full
        access so the command runs, and the given hooks.json. Returns the compat-home object Invoke-Codex takes.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Name, [Parameter(Mandatory)] $Mock, [Parameter(Mandatory)][string] $HooksJson)
    $root = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath "out/compat-homes/$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    foreach ($d in 'home', 'userhome', 'work', 'rec') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }
    $codexHome = Join-Path $root 'home'
    [System.IO.File]::WriteAllText((Join-Path $codexHome 'config.toml'), @"
model = "gpt-test"
model_provider = "mock"
approval_policy = "never"
sandbox_mode = "danger-full-access"

[model_providers.mock]
name = "mock"
base_url = "$($Mock.BaseUrl)"
wire_api = "responses"
requires_openai_auth = false
"@)
    [System.IO.File]::WriteAllText((Join-Path $codexHome 'hooks.json'), $HooksJson)
    [pscustomobject]@{
        Name = $Name; Root = $root; CodexHome = $codexHome; UserHome = Join-Path $root 'userhome'; WorkingDirectory = Join-Path $root 'work'
        Records = Join-Path $root 'rec'; SystemConfigPath = $null; Profile = $null; ClearEnvironment = @()
    }
}

function Invoke-CompatCodexExec {
    <#
    codex exec --skip-git-repo-check --dangerously-bypass-hook-trust PROMPT on the home; returns exit code, stdout,
    stderr and the hook status lines. -RespectTrust leaves the bypass out, so only trusted hooks run.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $CompatHome, [string] $Prompt = 'run the command', [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 120, [switch] $RespectTrust)
    $arguments = @('exec', '--skip-git-repo-check') + $(if ($RespectTrust) { @() } else { @('--dangerously-bypass-hook-trust') }) + @($Prompt)
    $p = Start-CompatCodexProcess -CompatHome $CompatHome -ArgumentList $arguments -Environment $Environment
    try {
        $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
        if (-not $p.WaitForExit($TimeoutSeconds * 1000)) { $p.Kill($true); throw "codex exec did not finish within $TimeoutSeconds s" }
        $p.WaitForExit()
        $stderr = $err.Result
        # codex exec prints "hook: <Event> <Status>" on stderr when a hook finishes.
        $statuses = @([regex]::Matches($stderr, '(?m)^hook: (?<event>\w+) (?<status>\w+)\s*$') | ForEach-Object { [pscustomobject]@{ Event = $_.Groups['event'].Value; Status = $_.Groups['status'].Value } })
        [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $out.Result; StdErr = $stderr; HookStatus = $statuses }
    } finally { $p.Dispose() }
}

Export-ModuleMember -Function Start-CompatCodexProcess, Invoke-CompatHookList, ConvertTo-CompatHookRow, Compare-CompatHookRow, Start-CompatMockResponses, New-CompatExecHome, Invoke-CompatCodexExec

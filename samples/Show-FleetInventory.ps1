#Requires -Version 7.4
<#
.SYNOPSIS
    Shows what Codex sees on each machine of a small fleet: config layers, MCP servers, and a summary.

.DESCRIPTION
    Without -CodexHome, inventories the sample fleet in samples/fleet. Each machine there is a folder with the three
    places Codex reads:

        <machine>/codex-home/   $CODEX_HOME: config.toml, the profile work.config.toml, an installed plugin
        <machine>/system/       /etc/codex: config.toml, requirements.toml or managed_config.toml
        <machine>/project/      the repository Codex is started in, with its .codex/config.toml

    and an optional machine.psd1 (Description; Profile, the profile the machine runs Codex with; Detail, a server to
    show in full). Trust entries in the fleet's config files need absolute paths, so the fleet is copied to
    out/demo/fleet first and the {{ROOT}} token in its files is replaced with that folder.

    With -CodexHome, shows the same for that Codex home only, with the current folder as the project and the
    platform's system folder (/etc/codex, %ProgramData%\OpenAI\Codex).

    For each machine: the layers (Get-CodexConfig -ListLayer), the MCP servers (Get-CodexMcpServer), servers per
    transport, disabled servers and why, and where secrets were masked. One server is shown in full with Format-List.
    Secrets stay masked throughout: nothing here passes -IncludeSecret. Errors the module reports (a file that does
    not parse, a server Codex would refuse) are shown where they occur.

.PARAMETER ModulePath
    The module manifest to import (out/Codex.Plugins/Codex.Plugins.psd1 after ./build.ps1 Build).

.PARAMETER CodexHome
    A Codex home to inventory instead of the sample fleet.

.EXAMPLE
    dotnet pwsh ./build.ps1 Demo

.EXAMPLE
    ./samples/Show-FleetInventory.ps1 -ModulePath ./out/Codex.Plugins/Codex.Plugins.psd1 -CodexHome ~/.codex
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [string] $CodexHome
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Continue'     # the module's errors are non-terminating: show them and carry on
$ProgressPreference = 'SilentlyContinue'

Import-Module (Resolve-Path -LiteralPath $ModulePath -ErrorAction Stop).ProviderPath -ErrorAction Stop

# --- display helpers -----------------------------------------------------------------------------------------------

$script:Width = 120
try { if ($Host.UI.RawUI.WindowWidth -gt $script:Width) { $script:Width = $Host.UI.RawUI.WindowWidth } } catch { $null = $_ }

function Show-Heading([string] $Text, [string] $Subtitle) {
    ''
    $Text
    '=' * [Math]::Min($Text.Length, $script:Width)
    if ($Subtitle) { $Subtitle }
}

function Show-Section([string] $Text) {
    ''
    "-- $Text"
}

function Show-Table {
    # Tables go out as text so they stay in order with the headings and errors around them, at a fixed width even
    # when the output is redirected (where the console width would be 80).
    param([Parameter(ValueFromPipeline)] $InputObject, [object[]] $Property, [string] $Empty = '   (none)')
    begin { $rows = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $rows.Add($InputObject) } }
    end {
        if ($rows.Count -eq 0) { return $Empty }
        $text = $rows | Format-Table -Property $Property -AutoSize -Wrap | Out-String -Width $script:Width
        $text.Trim("`r", "`n")
    }
}

function Get-ShortPath([string] $Path, [string] $Root) {
    if (-not $Path) { return $Path }
    $sep = [System.IO.Path]::DirectorySeparatorChar
    if ($Root -and $Path.StartsWith($Root.TrimEnd($sep) + $sep, [StringComparison]::Ordinal)) {
        return $Path.Substring($Root.TrimEnd($sep).Length + 1)
    }
    $userHome = [Environment]::GetFolderPath('UserProfile')
    if ($userHome -and $Path.StartsWith($userHome + $sep, [StringComparison]::Ordinal)) {
        return '~' + $sep + $Path.Substring($userHome.Length + 1)
    }
    return $Path
}

function Get-ShortText([string] $Text, [string] $Root) {
    # Messages name machine paths in full; in the sample fleet the folder above the machines is written as ….
    if (-not $Root) { return $Text }
    return $Text.Replace((Split-Path $Root -Parent), '…')
}

function Get-Shortened([string] $Text, [int] $Max = 48) {
    if (-not $Text -or $Text.Length -le $Max) { return $Text }
    return $Text.Substring(0, $Max - 1) + '…'
}

function Get-DefinedIn($Server, [string] $Root) {
    # Plugin files live deep in the cache: name them by plugin and version instead.
    $path = Get-ShortPath $Server.File $Root
    if ($Server.PluginId -and $path -match '(^|[\\/])plugins[\\/]cache[\\/][^\\/]+[\\/][^\\/]+[\\/]([^\\/]+)[\\/](.+)$') {
        return '{0} {1}: {2}:{3}' -f $Server.PluginId, $Matches[2], $Matches[3], $Server.Line
    }
    return '{0}:{1}' -f $path, $Server.Line
}

# --- the machines --------------------------------------------------------------------------------------------------

$machines = [System.Collections.Generic.List[object]]::new()
if ($CodexHome) {
    $machines.Add([pscustomobject]@{
        Name        = [Environment]::MachineName
        Description = "Codex home $CodexHome, project $((Get-Location).ProviderPath), system folder (default)"
        Root        = $null
        Parameters  = @{ CodexHome = $CodexHome; ProjectPath = (Get-Location).ProviderPath }
        Detail      = $null
    })
}
else {
    $source = Join-Path $PSScriptRoot 'fleet'
    $work = New-Item -ItemType Directory -Force (Join-Path $PSScriptRoot '../out/demo') -ErrorAction Stop
    $fleet = Join-Path $work.FullName 'fleet'
    if (Test-Path $fleet) { Remove-Item $fleet -Recurse -Force -ErrorAction Stop }
    Copy-Item $source $fleet -Recurse -ErrorAction Stop

    # {{ROOT}} stands for the fleet's folder: trust entries ([projects."<abs path>"]) only work with absolute paths.
    # TOML basic strings and JSON strings both need backslashes (Windows paths) escaped.
    $rootText = $fleet.Replace('\', '\\')
    foreach ($file in Get-ChildItem $fleet -Recurse -File -Force -Include *.toml, *.json) {
        $text = [System.IO.File]::ReadAllText($file.FullName)
        if ($text.Contains('{{ROOT}}')) {
            [System.IO.File]::WriteAllText($file.FullName, $text.Replace('{{ROOT}}', $rootText), [System.Text.UTF8Encoding]::new($false))
        }
    }

    foreach ($dir in Get-ChildItem $fleet -Directory | Sort-Object Name) {
        $info = @{}
        $infoPath = Join-Path $dir.FullName 'machine.psd1'
        if (Test-Path $infoPath) { $info = Import-PowerShellDataFile $infoPath }
        $parameters = @{
            CodexHome        = Join-Path $dir.FullName 'codex-home'
            ProjectPath      = Join-Path $dir.FullName 'project'
            SystemConfigPath = Join-Path $dir.FullName 'system'
        }
        if ($info['Profile']) { $parameters.Profile = $info['Profile'] }
        $machines.Add([pscustomobject]@{
            Name        = $dir.Name
            Description = $info['Description']
            Root        = $dir.FullName
            Parameters  = $parameters
            Detail      = $info['Detail']
        })
    }

    "Codex.Plugins $((Get-Module Codex.Plugins).Version): inventory of the sample fleet ($($machines.Count) machines)."
    "Working copy: $fleet (paths below are relative to each machine's folder)."
}

# --- one machine ---------------------------------------------------------------------------------------------------

$detailShown = $false
$fleetFindings = [System.Collections.Generic.List[object]]::new()
foreach ($machine in $machines) {
    $p = $machine.Parameters
    $root = $machine.Root
    $problems = [System.Collections.Generic.List[object]]::new()
    $how = if ($p['Profile']) { "codex --profile $($p.Profile)" } else { 'codex' }
    Show-Heading $machine.Name $machine.Description
    "Codex runs as: $how, started in $(Get-ShortPath $p.ProjectPath $root)$([System.IO.Path]::DirectorySeparatorChar)"

    # A file that does not load is also reported by Get-CodexMcpServer below (it reads the same layers), so its error
    # is shown once, in that section; the layer table says which file it was.
    Show-Section 'Configuration layers, lowest precedence first (Get-CodexConfig -ListLayer)'
    $layers = @(Get-CodexConfig -ListLayer @p -ErrorAction SilentlyContinue)
    # Every folder from the project root (the git repository) down to the project may hold a .codex/config.toml;
    # the ones that do not are left out of the table.
    $candidates = @($layers | Where-Object { $_.Kind -eq 'Project' -and -not $_.Exists })
    $layers | Where-Object { $_.Kind -ne 'Project' -or $_.Exists } | Show-Table -Property @(
        'Kind'
        @{ Name = 'Status'; Expression = {
            if ($_.Applied) { 'applied' }
            elseif (-not $_.Exists) { 'absent' }
            elseif ($_.Kind -eq 'Requirements') { 'enforced' }   # constrains the result; supplies no values
            else { 'skipped' } } }
        @{ Name = 'Values'; Expression = { $_.ValueCount }; Alignment = 'Right' }
        @{ Name = 'File'; Expression = { Get-ShortPath $_.Path $root } }
        @{ Name = 'Note'; Expression = { if (-not $_.Applied -and $_.Exists -and $_.Reason) { Get-ShortText $_.Reason $root } } }
    )
    if ($candidates.Count) { "(Not shown: $($candidates.Count) candidate project folder(s) without a .codex/config.toml.)" }

    Show-Section "MCP servers (Get-CodexMcpServer$(if ($p['Profile']) { " -Profile $($p.Profile)" }))"
    # Non-terminating errors (a file that does not parse, a server Codex would skip) do not stop the inventory: the
    # rest still comes out. They are collected here and shown in their own section below the table, with their ids.
    $servers = @(Get-CodexMcpServer @p -ErrorAction SilentlyContinue -ErrorVariable +problems)
    $servers | Show-Table -Property @(
        'Name'
        @{ Name = 'Enabled'; Expression = { if ($_.Enabled) { 'yes' } else { 'no' } } }
        'Transport'
        @{ Name = 'From'; Expression = { if ($_.PluginId) { $_.PluginId } elseif ($_.AgentName) { "agent $($_.AgentName)" } else { $_.SourceKind } } }
        @{ Name = 'Target'; Expression = { Get-Shortened $(if ($_.Transport -eq 'stdio') { (@($_.Command) + @($_.Args)) -join ' ' } else { $_.Url }) 38 } }
        @{ Name = 'Auth'; Expression = { @($_.Auth) -join ', ' } }
    )

    if ($problems.Count) {
        Show-Section "Problems the module reported ($($problems.Count) non-terminating error(s); the inventory went on)"
        $problems | ForEach-Object {
            $message = if ($_.ErrorDetails -and $_.ErrorDetails.Message) { $_.ErrorDetails.Message } else { $_.Exception.Message }
            [pscustomobject]@{
                ErrorId = ($_.FullyQualifiedErrorId -split ',')[0]
                Message = Get-ShortText $message $root
                Fix     = if ($_.ErrorDetails) { $_.ErrorDetails.RecommendedAction }
            }
        } | Format-List | Out-String -Width $script:Width | ForEach-Object { $_.Trim("`r", "`n") }
    }

    Show-Section 'Servers per transport'
    $servers | Group-Object Transport | Sort-Object Name | ForEach-Object {
        [pscustomobject]@{
            Transport = $_.Name
            Servers   = $_.Count
            Enabled   = @($_.Group | Where-Object Enabled).Count
            Disabled  = @($_.Group | Where-Object { -not $_.Enabled }).Count
        }
    } | Show-Table -Property Transport, Servers, Enabled, Disabled

    Show-Section 'Disabled servers and why'
    # Where the deciding `enabled = false` sits: Get-CodexConfig knows the layer, file and line of every value.
    # (Its configuration errors were already shown above.)
    $values = @{}
    Get-CodexConfig -Key mcp_servers, plugins @p -ErrorAction Ignore | ForEach-Object { $values[$_.Key] = $_ }
    $servers | Where-Object { -not $_.Enabled } | ForEach-Object {
        $server = $_
        $why = switch ($server.DisabledBy) {
            'Requirements' {
                "not on the MCP allowlist in $(Get-ShortPath $server.DisabledIn $root)"
            }
            default {
                $setting = $values["$($server.ConfigKey).enabled"]
                if ($setting) { "enabled = false in the $($setting.Layer) layer, $(Get-ShortPath $setting.File $root):$($setting.Line)" }
                else { "enabled = false in $(Get-ShortPath $server.File $root)" }
            }
        }
        [pscustomobject]@{ Name = $server.Name; DisabledBy = $server.DisabledBy; Why = $why }
    } | Show-Table -Property Name, DisabledBy, Why

    Show-Section 'Masked values: every env and header value is shown as ***** (-IncludeSecret shows them)'
    $servers | ForEach-Object {
        $server = $_
        foreach ($field in 'Env', 'HttpHeaders') {
            $masked = @($server.$field.GetEnumerator() | Where-Object Value -eq '*****' | ForEach-Object Key)
            if ($masked.Count) {
                [pscustomobject]@{
                    Server      = $server.Name
                    Field       = $field
                    Names       = $masked -join ', '
                    'Defined in' = Get-DefinedIn $server $root
                }
            }
        }
    } | Show-Table -Property Server, Field, Names, 'Defined in'

    Show-Section 'Plugins (Get-CodexPlugin)'
    Get-CodexPlugin @p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Show-Table -Property @(
        'PluginId', 'Version'
        @{ Name = 'Enabled'; Expression = { if ($_.Enabled) { 'yes' } else { 'no' } } }
        @{ Name = 'Skills'; Expression = { @($_.Skills).Count }; Alignment = 'Right' }
        @{ Name = 'MCP servers'; Expression = { @($_.McpServers) -join ', ' } }
        @{ Name = 'Findings'; Expression = { @($_.Findings).Count }; Alignment = 'Right' }
    )

    Show-Section 'Hooks and whether Codex would run them (Get-CodexHook)'
    Get-CodexHook @p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Show-Table -Property @(
        'Event', 'Matcher'
        @{ Name = 'Command'; Expression = { Get-Shortened $_.Command 44 } }
        'TrustStatus'
        @{ Name = 'Runs'; Expression = { if ($_.WouldRun) { 'yes' } else { 'no' } } }
        @{ Name = 'From'; Expression = { if ($_.PluginId) { $_.PluginId } else { Get-ShortPath $_.File $root } } }
    )

    Show-Section 'Startup skill list against its budget (Measure-CodexSkillBudget)'
    Measure-CodexSkillBudget @p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Show-Table -Property @(
        @{ Name = 'Skills'; Expression = { $_.ListableCount }; Alignment = 'Right' }
        'Outcome'
        @{ Name = 'Used'; Expression = { '{0:N0} of {1:N0} {2}' -f $_.Used, $_.Budget, $_.BudgetUnit.ToLowerInvariant() } }
        @{ Name = 'AGENTS.md bytes'; Expression = { '{0:N0} of {1:N0}' -f $_.ProjectDocBytes, $_.ProjectDocMaxBytes } }
    )

    # The policy audit of this machine, kept for the fleet report below; PSComputerName is what remoting would add.
    $findings = @(Test-CodexConfiguration @p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
    foreach ($f in $findings) { $fleetFindings.Add(($f | Add-Member -NotePropertyName PSComputerName -NotePropertyValue $machine.Name -PassThru -Force)) }
    Show-Section "Policy findings (Test-CodexConfiguration): $($findings.Count)"
    $findings | Show-Table -Property @{ Name = "Severity"; Expression = { "$($_.Severity)" } }, RuleId, @{ Name = "Target"; Expression = { Get-Shortened (Get-ShortText $_.Target $root) 28 } }, @{ Name = "Message"; Expression = { Get-Shortened (Get-ShortText $_.Message $root) 60 } }

    if (-not $detailShown) {
        $detail = if ($machine.Detail) { $servers | Where-Object Name -eq $machine.Detail | Select-Object -First 1 }
        if (-not $detail) { $detail = $servers | Where-Object { $_.Env.Count -gt 0 } | Select-Object -First 1 }
        if (-not $detail) { $detail = $servers | Select-Object -First 1 }
        if ($detail) {
            Show-Section "One server in full: $($detail.Name) (Get-CodexMcpServer $($detail.Name) | Format-List)"
            ($detail | Format-List | Out-String -Width $script:Width).Trim("`r", "`n")
            $detailShown = $true
        }
    }

}
# --- the fleet ------------------------------------------------------------------------------------------------------

Show-Heading 'Fleet audit' "Every machine's findings in one report (Export-CodexAuditReport), as a scheduled audit job would write it."
$fleetFindings | Group-Object PSComputerName | Sort-Object Name | ForEach-Object {
    [pscustomobject]@{
        Machine  = $_.Name
        Error    = @($_.Group | Where-Object { "$($_.Severity)" -eq 'Error' }).Count
        Warning  = @($_.Group | Where-Object { "$($_.Severity)" -eq 'Warning' }).Count
        Rules    = (@($_.Group.RuleId | Sort-Object -Unique) -join ', ')
    }
} | Show-Table -Property Machine, Error, Warning, Rules
$reportFolder = Join-Path $PSScriptRoot '../out/demo'
$null = New-Item -ItemType Directory -Force $reportFolder
$html = $fleetFindings | Export-CodexAuditReport -Path (Join-Path $reportFolder 'fleet-audit.html') -Title 'Sample fleet audit' -PassThru
$sarif = $fleetFindings | Export-CodexAuditReport -Path (Join-Path $reportFolder 'fleet-audit.sarif') -Title 'Sample fleet audit' -PassThru
''
"Reports: $((Resolve-Path $html.FullName -Relative)) (open it in a browser), $((Resolve-Path $sarif.FullName -Relative)) (SARIF 2.1.0 for code scanning)."

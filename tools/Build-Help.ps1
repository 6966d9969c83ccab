#Requires -Version 7.4
<#
.SYNOPSIS
    Checks docs/*.md against the built module's cmdlets, then writes the module's MAML help and about topics.

.DESCRIPTION
    The pages use PlatyPS's command-help schema 2.0.0. Their markdown is read by a small C# tool on Markdig and
    YamlDotNet (tools/HelpBuilder, built by build.ps1), which also says what is wrong with a page on its own (schema
    sections and yaml fields, placeholders, empty words, fewer than two examples, unclosed code fences).

    This script imports the module and checks that each page tells the truth about its cmdlet. The run fails listing
    every problem when an exported cmdlet has no page, when a page documents a parameter the cmdlet lacks or misses
    one it has, or when its facts about a parameter (type, sets, aliases, required, position, pipeline input,
    wildcards, accepted values), its SYNTAX sets, its front matter or its example code disagree with the cmdlet. A
    page for a cmdlet the module does not export is only a warning: it may document work in progress.

    Then the tool writes <OutputPath>/<assembly>.dll-Help.xml (words from the pages, parameter facts from the
    cmdlets) and docs/about_*.md as <OutputPath>/about_*.help.txt.

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Build-Help.ps1 -ModulePath out/Codex.Plugins/Codex.Plugins.psd1 -DocsPath docs -OutputPath out/Codex.Plugins/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $DocsPath,
    [Parameter(Mandatory)][string] $OutputPath,
    # The built tool (build.ps1 builds it into out/HelpBuilder).
    [string] $HelpBuilderPath = (Join-Path $PSScriptRoot '../out/HelpBuilder/Codex.Plugins.HelpBuilder.dll')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$AllSets = '__AllParameterSets'
$CommonParameterNames = [System.Management.Automation.Cmdlet]::CommonParameters

function Invoke-HelpBuilder {
    param([string[]] $Arguments)
    if (-not (Test-Path -LiteralPath $HelpBuilderPath)) { throw "The help tool is not built ($HelpBuilderPath): run ./build.ps1 Build." }
    $output = & dotnet $HelpBuilderPath @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The help tool failed (exit code $LASTEXITCODE):`n$($output -join "`n")" }
}

function Get-TypeDisplayName {
    param([Parameter(Mandatory)][type] $Type)
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $arguments = $Type.GetGenericArguments() | ForEach-Object { Get-TypeDisplayName $_ }
        return ($Type.Name -replace '`\d+$', '') + '[' + ($arguments -join ', ') + ']'
    }
    return $Type.Name
}

# What the cmdlet says about itself: the facts the pages are checked against and the MAML's parameter facts.
function Get-CommandModel {
    param([Parameter(Mandatory)][System.Management.Automation.CmdletInfo] $Command)

    $sets = foreach ($set in @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        # The default set first, positional parameters first by position: the way PowerShell prints syntax.
        $members = @(foreach ($p in $set.Parameters | Where-Object Name -notin $CommonParameterNames) {
                [pscustomobject]@{
                    Name = $p.Name; Mandatory = $p.IsMandatory; Position = if ($p.Position -ge 0) { [string]$p.Position } else { 'Named' }
                    ByValue = $p.ValueFromPipeline; ByPropertyName = $p.ValueFromPipelineByPropertyName
                }
            })
        $ordered = @($members | Where-Object Position -ne 'Named' | Sort-Object { [int]$_.Position }) + @($members | Where-Object Position -eq 'Named')
        [pscustomobject]@{ Name = $set.Name; IsDefault = $set.IsDefault; Parameters = $ordered }
    }
    $parameters = [ordered]@{}
    foreach ($meta in $Command.Parameters.Values | Where-Object Name -notin $CommonParameterNames) {
        $type = $meta.ParameterType
        $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
        $validateSet = @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
        $parameters[$meta.Name] = [pscustomobject]@{
            Name = $meta.Name
            TypeName = if ($meta.SwitchParameter) { 'SwitchParameter' } else { Get-TypeDisplayName $type }
            TypeFullName = $type.FullName
            IsArray = $type.IsArray
            IsSwitch = [bool]$meta.SwitchParameter
            Aliases = @($meta.Aliases)
            Globbing = [bool]@($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            AcceptedValues = @(if ($validateSet) { $validateSet[0].ValidValues } elseif ($element.IsEnum) { [enum]::GetNames($element) })
            InAllSets = $meta.ParameterSets.ContainsKey($AllSets)
            Sets = @($sets | Where-Object { $meta.Name -in @($_.Parameters | ForEach-Object Name) } | ForEach-Object Name)
            Spellings = @((Get-TypeDisplayName $type), $type.FullName, $type.Name) + @(if ($meta.SwitchParameter) { 'SwitchParameter', 'switch', 'System.Management.Automation.SwitchParameter' })
        }
    }
    $dll = Split-Path -Leaf $Command.ImplementingType.Assembly.Location
    return [pscustomobject]@{
        Name = $Command.Name; Verb = $Command.Verb; Noun = $Command.Noun
        HelpFile = if ($Command.HelpFile) { $Command.HelpFile } else { "$dll-Help.xml" }
        Sets = @($sets); Parameters = $parameters
    }
}

function Format-PipelineInput {
    param([bool] $ByValue, [bool] $ByPropertyName)
    $kinds = @(if ($ByValue) { 'ByValue' }; if ($ByPropertyName) { 'ByPropertyName' })
    if ($kinds.Count -eq 0) { return 'False' }
    return "True ($($kinds -join ', '))"
}

function Format-SetList {
    param($Real, $Model)
    if ($Real.InAllSets -or $Real.Sets.Count -eq $Model.Sets.Count) { return '(All)' }
    return $Real.Sets -join ', '
}

# Does the page tell the truth about its cmdlet? (What a page lacks on its own, the tool has said.)
function Test-CommandPage {
    param([Parameter(Mandatory)] $Page, [Parameter(Mandatory)] $Model, [Parameter(Mandatory)] $Module)

    $where = $Page.DisplayPath
    $meta = $Page.Metadata
    foreach ($fact in @(@('external help file', $Model.HelpFile), @('Module Name', $Module.Name))) {
        $said = if ($meta.PSObject.Properties[$fact[0]]) { $meta.($fact[0]) } else { '' }
        if ($said -ne $fact[1]) { "${where}: the front matter must say '$($fact[0]): $($fact[1])'; it says '$said'." }
    }
    if ($Page.Title -cne $Model.Name) { "${where}:$($Page.TitleLine): the title must be '# $($Model.Name)'; it is '# $($Page.Title)'." }

    # SYNTAX: one block per parameter set, naming that set's parameters.
    foreach ($set in $Model.Sets) {
        $block = @($Page.Syntax | Where-Object Name -eq $set.Name) | Select-Object -First 1
        if (-not $block) { "${where}: SYNTAX has no '### $($set.Name)' block for the parameter set $($set.Name)."; continue }
        if ($null -eq $block.Code) { continue }
        $named = @([regex]::Matches($block.Code, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Select-Object -Unique)
        $expected = @($set.Parameters | ForEach-Object Name)
        foreach ($n in $named | Where-Object { $_ -notin $expected }) { "${where}:$($block.Line): SYNTAX '### $($set.Name)' shows -$n, which is not in that parameter set." }
        foreach ($n in $expected | Where-Object { $_ -notin $named }) { "${where}:$($block.Line): SYNTAX '### $($set.Name)' leaves out -$n." }
    }
    foreach ($extra in @($Page.Syntax | ForEach-Object Name) | Where-Object { $_ -notin $Model.Sets.Name }) {
        "${where}: SYNTAX shows a parameter set '$extra' that $($Model.Name) does not have (it has $($Model.Sets.Name -join ', '))."
    }

    # PARAMETERS: the same names as the cmdlet, each yaml block true to the cmdlet.
    foreach ($doc in $Page.Parameters) {
        if (-not $Model.Parameters.Contains($doc.Name)) { "${where}:$($doc.Line): documents -$($doc.Name), which $($Model.Name) does not have."; continue }
        $real = $Model.Parameters[$doc.Name]
        if ($real.Name -cne $doc.Name) { "${where}:$($doc.Line): write -$($real.Name), as the cmdlet spells it, not -$($doc.Name)." }
        foreach ($problem in Test-ParameterYaml -Doc $doc -Real $real -Model $Model) { "${where}:$problem" }
    }
    foreach ($name in $Model.Parameters.Keys | Where-Object { $_ -notin @($Page.Parameters | ForEach-Object Name) }) {
        "${where}: does not document -$name; add a '### -$name' section under PARAMETERS."
    }

    foreach ($ex in $Page.Examples) {
        foreach ($block in $ex.Scripts) { foreach ($problem in Test-ExampleCode -Block $block -Title $ex.Title -Module $Module) { "${where}:$problem" } }
    }
}

function Test-ParameterYaml {
    param($Doc, $Real, $Model)

    $name = $Real.Name
    $uses = @(foreach ($set in $Model.Sets) { foreach ($p in $set.Parameters | Where-Object Name -eq $name) { [pscustomobject]@{ Set = $set.Name; Use = $p } } })
    $covered = [System.Collections.Generic.List[string]]::new()
    foreach ($yaml in $Doc.Yaml) {
        $v = $yaml.Values
        $at = "$($yaml.Line): -${name}:"
        $get = { param([string] $Key) if ($v.PSObject.Properties[$Key]) { [string]$v.$Key } else { $null } }

        $type = & $get 'Type'
        if ($null -ne $type -and $type -notin @($Real.TypeName) + $Real.Spellings) { "$at 'Type: $type', but the parameter is $($Real.TypeName)." }

        $aliases = & $get 'Aliases'
        if ($null -ne $aliases -and (@($aliases -split ',' | ForEach-Object Trim | Where-Object { $_ } | Sort-Object) -join ',') -ne (@($Real.Aliases | Sort-Object) -join ',')) {
            "$at 'Aliases: $aliases', but the cmdlet has 'Aliases: $($Real.Aliases -join ', ')'."
        }

        $wildcards = & $get 'Accept wildcard characters'
        if ($null -ne $wildcards -and $wildcards -ne [string]$Real.Globbing) { "$at 'Accept wildcard characters: $wildcards', but the cmdlet says $($Real.Globbing)." }

        $accepted = & $get 'Accepted values'
        if (($Real.AcceptedValues.Count -gt 0 -or $null -ne $accepted) -and
            (@([string]$accepted -split ',' | ForEach-Object Trim | Where-Object { $_ } | Sort-Object) -join ',') -ne (@($Real.AcceptedValues | Sort-Object) -join ',')) {
            $want = if ($Real.AcceptedValues.Count -gt 0) { "'Accepted values: $($Real.AcceptedValues -join ', ')'" } else { 'no Accepted values line' }
            "$at 'Accepted values: $accepted', but the cmdlet needs $want."
        }

        $setText = & $get 'Parameter Sets'
        if ($null -eq $setText) { continue }
        $sets = if ($setText.Trim() -eq '(All)') { @($Model.Sets.Name) } else { @($setText -split ',' | ForEach-Object Trim | Where-Object { $_ }) }
        foreach ($s in $sets | Where-Object { $_ -notin $Real.Sets }) { "$at 'Parameter Sets: $setText' names $s, but -$name is only in $(Format-SetList $Real $Model)." }
        # One message per wrong line, naming every set where it is wrong.
        $wrong = [ordered]@{}
        foreach ($use in $uses | Where-Object Set -in $sets) {
            $covered.Add($use.Set)
            $facts = [ordered]@{
                'Required' = [string]$use.Use.Mandatory; 'Position' = $use.Use.Position
                'Accept pipeline input' = Format-PipelineInput $use.Use.ByValue $use.Use.ByPropertyName
            }
            foreach ($key in $facts.Keys) {
                $said = & $get $key
                if ($null -eq $said -or $said -eq $facts[$key]) { continue }
                $id = "${key}: $said|${key}: $($facts[$key])"
                if (-not $wrong.Contains($id)) { $wrong[$id] = [System.Collections.Generic.List[string]]::new() }
                $wrong[$id].Add($use.Set)
            }
        }
        foreach ($id in $wrong.Keys) {
            $said, $actual = $id -split '\|', 2
            $inSets = if ($wrong[$id].Count -gt 1) { "parameter sets $($wrong[$id] -join ', ')" } else { "parameter set $($wrong[$id][0])" }
            "$at '$said', but in the $inSets the cmdlet says '$actual'."
        }
    }
    $missing = @($Real.Sets | Where-Object { $_ -notin $covered })
    if ($missing.Count -gt 0 -and @($Doc.Yaml).Count -gt 0) {
        "$($Doc.Line): -${name}: no yaml block covers the parameter set(s) $($missing -join ', '); write 'Parameter Sets: $(Format-SetList $Real $Model)'."
    }
}

# Example code must parse, and every call to one of the module's cmdlets must use parameters that exist (PowerShell
# accepts unambiguous prefixes and aliases, so the check does too).
function Test-ExampleCode {
    param($Block, [string] $Title, $Module)

    $tokens = $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Block.Text, [ref]$tokens, [ref]$errors)
    foreach ($e in $errors) { "$($Block.Line + $e.Extent.StartLineNumber): '$Title' does not parse: $($e.Message)" }
    foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $commandName = $call.GetCommandName()
        if (-not $commandName -or -not $Module.ExportedCmdlets.ContainsKey($commandName)) { continue }
        $parameters = $Module.ExportedCmdlets[$commandName].Parameters.Values
        foreach ($p in @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
            $exact = @($parameters | Where-Object { $_.Name -eq $p.ParameterName -or $_.Aliases -contains $p.ParameterName })
            $prefix = @($parameters | Where-Object { $_.Name -like "$($p.ParameterName)*" -or @($_.Aliases -like "$($p.ParameterName)*").Count -gt 0 })
            if ($exact.Count -eq 0 -and $prefix.Count -ne 1) {
                "$($Block.Line + $p.Extent.StartLineNumber): '$Title' calls $commandName with -$($p.ParameterName), which $commandName does not have."
            }
        }
    }
}

$module = Import-Module -Name (Resolve-Path -LiteralPath $ModulePath).ProviderPath -PassThru -Force -ErrorAction Stop
if ($module -is [array]) { $module = $module | Where-Object Name -eq ([System.IO.Path]::GetFileNameWithoutExtension($ModulePath)) | Select-Object -First 1 }
$docsLabel = Split-Path -Leaf (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$work = Join-Path ([System.IO.Path]::GetTempPath()) "codex-help-$([guid]::NewGuid().ToString('n'))"
$null = New-Item -ItemType Directory -Path $work
try {
    Invoke-HelpBuilder 'read', $DocsPath, (Join-Path $work 'pages.json')
    $report = Get-Content -Raw -LiteralPath (Join-Path $work 'pages.json') | ConvertFrom-Json
    $problems = [System.Collections.Generic.List[string]]::new([string[]]@($report.Problems))
    $pages = @{}
    foreach ($page in $report.Pages) { $pages[$page.Name] = $page }

    $models = [System.Collections.Generic.List[object]]::new()
    foreach ($command in @($module.ExportedCmdlets.Values | Sort-Object Name)) {
        $model = Get-CommandModel -Command $command
        if (-not $pages.ContainsKey($command.Name)) { $problems.Add("$($command.Name): has no help page; write $docsLabel/$($command.Name).md (PlatyPS schema 2.0.0, copy an existing page).") }
        else { foreach ($p in Test-CommandPage -Page $pages[$command.Name] -Model $model -Module $module) { $problems.Add($p) } }
        $models.Add($model)
    }
    foreach ($orphan in $pages.Keys | Where-Object { -not $module.ExportedCmdlets.ContainsKey($_) } | Sort-Object) {
        Write-Warning "$docsLabel/$orphan.md documents no cmdlet that $($module.Name) exports; it is left out of the help."
    }
    if ($problems.Count -gt 0) {
        # The classic error view prints the message as written, one problem a line, where the concise view would fold it.
        $ErrorView = 'NormalView'
        $message = "Help check failed: $($problems.Count) problem(s) in $DocsPath`n  - " + ($problems -join "`n  - ")
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new($message), 'HelpCheckFailed', 'InvalidData', $DocsPath))
    }

    $facts = Join-Path $work 'commands.json'
    $json = @($models | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Verb = $_.Verb; Noun = $_.Noun; HelpFile = $_.HelpFile; Sets = $_.Sets; Parameters = @($_.Parameters.Values) } })
    ConvertTo-Json -InputObject $json -Depth 8 | Set-Content -LiteralPath $facts -Encoding utf8NoBOM
    Invoke-HelpBuilder 'write', $DocsPath, $facts, $OutputPath
}
finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore }

# Get-Help skips a file it cannot read without saying why; reading it back here makes that a build error.
foreach ($helpFile in @($models.HelpFile | Select-Object -Unique)) {
    [xml] $written = Get-Content -Raw -LiteralPath (Join-Path $OutputPath $helpFile)
    $count = @($written.helpItems.ChildNodes | Where-Object LocalName -eq 'command').Count
    if ($count -ne @($models | Where-Object HelpFile -eq $helpFile).Count) { throw "$helpFile holds $count commands, not one per cmdlet." }
}
$abouts = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File).Count
Write-Host "Help: $($models.Count) cmdlet(s) and $abouts about topic(s) in $((Resolve-Path -LiteralPath $OutputPath).ProviderPath)"

#Requires -Version 7.4
<#
.SYNOPSIS
    Checks docs/*.md against the built module's cmdlets, then writes the module's MAML help and about topics.

.DESCRIPTION
    The markdown pages use PlatyPS's command-help schema 2.0.0 (platyPS 0.14; Microsoft.PowerShell.PlatyPS 1.x reads
    it too). Every page is checked against the cmdlet it documents, as the imported module reports it, and the run
    fails listing every problem when:
      - an exported cmdlet has no page;
      - a page documents a parameter the cmdlet lacks, or misses one it has;
      - a page has fewer than two examples, an empty synopsis or description, or a parameter without a description;
      - a page's facts about a parameter (type, sets, aliases, required, position, pipeline input, wildcards,
        accepted values), its SYNTAX sets or its example code disagree with the cmdlet;
      - a page or an about topic does not follow the schema (missing or unknown sections, unclosed code fences).
    A page for a cmdlet the module does not export is only a warning: it may document work in progress.

    Then it writes <OutputPath>/<assembly>.dll-Help.xml (the file Get-Help looks for beside a binary module) and
    turns docs/about_*.md into <OutputPath>/about_*.help.txt. With the built-in converter, types, required, position,
    pipeline input, aliases and wildcards come from the cmdlet and the words from the markdown. When PlatyPS is
    installed it converts the checked pages instead (-Converter Auto); -Converter Builtin forces the built-in one.

    -Scaffold writes docs/<Verb-Noun>.md for each exported cmdlet without a page: front matter, SYNTAX and every
    parameter's yaml block come from the cmdlet, and the words are {{ placeholders }} that the check rejects until
    they are replaced.

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Build-Help.ps1 -ModulePath out/Codex.Plugins/Codex.Plugins.psd1 -DocsPath docs -OutputPath out/Codex.Plugins/en-US

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Build-Help.ps1 -ModulePath out/Codex.Plugins/Codex.Plugins.psd1 -DocsPath docs -OutputPath out/Codex.Plugins/en-US -Scaffold
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $DocsPath,
    [Parameter(Mandatory)][string] $OutputPath,
    [ValidateSet('Auto', 'Builtin', 'PlatyPS')]
    [string] $Converter = 'Auto',

    # Writes a skeleton page, facts filled in from the cmdlet, for every exported cmdlet that has none.
    [switch] $Scaffold
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$CommandSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$RequiredCommandSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS')
$ParameterYamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value',
    'Accept pipeline input', 'Accept wildcard characters')
$RequiredYamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input',
    'Accept wildcard characters')
$AllSets = '__AllParameterSets'
$CommonParameterNames = [System.Management.Automation.Cmdlet]::CommonParameters
$PowerShellFences = @('powershell', 'pwsh', 'ps', 'ps1')

#region Markdown

# A flat list of nodes: headings, fenced code and text lines (blank ones included), each with its line number.
# Fences are found first so that '# comment' lines inside code are never taken for headings.
function Read-MarkdownDocument {
    param([Parameter(Mandatory)][string] $Path)

    $lines = [System.IO.File]::ReadAllText($Path) -split '\r?\n'
    $problems = [System.Collections.Generic.List[string]]::new()
    $metadata = [ordered]@{}
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0].TrimStart([char]0xFEFF) -eq '---') {
        $end = -1
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -eq '---') { $end = $i; break }
            if ($lines[$i] -match '^([^:#][^:]*):\s*(.*?)\s*$') { $metadata[$Matches[1].Trim()] = $Matches[2] }
        }
        if ($end -lt 0) { $problems.Add('1: the YAML front matter has no closing ---.') }
        else { $start = $end + 1 }
    }

    $nodes = [System.Collections.Generic.List[object]]::new()
    for ($i = $start; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)') {
            $fence = $Matches[1]
            $lang = $Matches[2]
            $opened = $i + 1
            $body = [System.Collections.Generic.List[string]]::new()
            $closed = $false
            for ($i++; $i -lt $lines.Count; $i++) {
                if ($lines[$i] -match ('^\s{0,3}' + [regex]::Escape([string]$fence[0]) + '{' + $fence.Length + ',}\s*$')) { $closed = $true; break }
                $body.Add($lines[$i])
            }
            if (-not $closed) { $problems.Add("$($opened): this code fence is never closed.") }
            $nodes.Add([pscustomobject]@{ Kind = 'Code'; Level = 0; Text = ($body -join "`n"); Lang = $lang.ToLowerInvariant(); Line = $opened })
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            $nodes.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Lang = ''; Line = $i + 1 })
        }
        else {
            $nodes.Add([pscustomobject]@{ Kind = 'Text'; Level = 0; Text = $line; Lang = ''; Line = $i + 1 })
        }
    }

    return [pscustomobject]@{ Metadata = $metadata; Nodes = $nodes; Problems = $problems }
}

# Groups nodes under the headings of one level: what comes before the first one is the preamble.
function Split-MarkdownSection {
    param([Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Nodes, [Parameter(Mandatory)][int] $Level)

    $preamble = [System.Collections.Generic.List[object]]::new()
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($node in $Nodes) {
        if ($node.Kind -eq 'Heading' -and $node.Level -eq $Level) {
            $current = [pscustomobject]@{ Title = $node.Text; Line = $node.Line; Nodes = [System.Collections.Generic.List[object]]::new() }
            $sections.Add($current)
        }
        elseif ($null -eq $current) { $preamble.Add($node) }
        else { $current.Nodes.Add($node) }
    }
    return [pscustomobject]@{ Preamble = $preamble; Sections = $sections }
}

# Inline markdown the console cannot show: links become "text (url)", backslash escapes go.
function ConvertTo-PlainInline {
    param([string] $Text)
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)\s]+)\)', { param($m) if ($m.Groups[2].Value -match '^https?://') { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value } })
    return [regex]::Replace($Text, '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1')
}

# Markdown blocks to help paragraphs: soft-wrapped lines join, list items and tables keep their lines, code keeps
# its layout (Get-Help prints a paragraph's line breaks as they are).
function ConvertTo-Paragraph {
    param([AllowEmptyCollection()][object[]] $Nodes = @())

    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $pending = [System.Collections.Generic.List[string]]::new()
    $isTable = $false
    $flush = {
        if ($pending.Count -gt 0) {
            $joiner = if ($isTable) { "`n" } else { ' ' }
            $paragraphs.Add((ConvertTo-PlainInline ($pending -join $joiner)))
            $pending.Clear()
        }
    }
    foreach ($node in $Nodes) {
        if ($node.Kind -eq 'Code') {
            . $flush
            $paragraphs.Add((($node.Text -split "`n") | ForEach-Object { "    $_" }) -join "`n")
            continue
        }
        if ($node.Kind -eq 'Heading') {
            . $flush
            $paragraphs.Add((ConvertTo-PlainInline $node.Text))
            continue
        }
        $text = $node.Text.Trim()
        if ($text -eq '') { . $flush; $isTable = $false; continue }
        if ($text.StartsWith('|')) {
            if (-not $isTable) { . $flush; $isTable = $true }
            if ($text -notmatch '^\|[\s:|-]+\|$') { $pending.Add($text) }
            continue
        }
        if ($isTable) { . $flush; $isTable = $false }
        if ($text -match '^([-*+]|\d+[.)])\s+') { . $flush }
        $pending.Add($text)
    }
    . $flush
    return , $paragraphs.ToArray()
}

function Get-Section {
    param($Sections, [string] $Title)
    return @($Sections | Where-Object { $_.Title.Trim() -ieq $Title }) | Select-Object -First 1
}

function Read-CommandPage {
    param([Parameter(Mandatory)][System.IO.FileInfo] $File, [Parameter(Mandatory)][string] $DisplayPath)

    $doc = Read-MarkdownDocument -Path $File.FullName
    $problems = [System.Collections.Generic.List[string]]::new()
    foreach ($p in $doc.Problems) { $problems.Add("${DisplayPath}:$p") }
    # PlatyPS's own skeletons mark what is left to write with {{ ... }}; such a page is not finished.
    $placeholders = @($doc.Nodes | Where-Object { $_.Text -match '\{\{.*?\}\}' } | ForEach-Object { "$($_.Line): replace $($Matches[0])" })

    $top = Split-MarkdownSection -Nodes $doc.Nodes -Level 1
    $title = if ($top.Sections.Count -gt 0) { $top.Sections[0].Title } else { '' }
    $titleLine = if ($top.Sections.Count -gt 0) { $top.Sections[0].Line } else { 1 }
    if ($top.Sections.Count -ne 1) { $problems.Add("${DisplayPath}: needs exactly one '# Verb-Noun' title; it has $($top.Sections.Count).") }
    $body = if ($top.Sections.Count -gt 0) { $top.Sections[0].Nodes.ToArray() } else { @() }
    $split = Split-MarkdownSection -Nodes $body -Level 2

    foreach ($section in $split.Sections) {
        if ($section.Title.Trim().ToUpperInvariant() -notin $CommandSections) {
            $problems.Add("${DisplayPath}:$($section.Line): unknown section '## $($section.Title)'; the schema has $($CommandSections -join ', ').")
        }
    }
    foreach ($name in $RequiredCommandSections) {
        if (-not (Get-Section $split.Sections $name)) { $problems.Add("${DisplayPath}: has no '## $name' section.") }
    }

    $sectionNodes = {
        param([string] $Name)
        $s = Get-Section $split.Sections $Name
        if ($s) { , $s.Nodes.ToArray() } else { , @() }
    }

    $syntax = [System.Collections.Generic.List[object]]::new()
    foreach ($set in (Split-MarkdownSection -Nodes (& $sectionNodes 'SYNTAX') -Level 3).Sections) {
        $code = @($set.Nodes | Where-Object Kind -eq 'Code')
        $syntax.Add([pscustomobject]@{
            Name = ($set.Title -replace '\s*\(Default\)\s*$', '').Trim()
            Line = $set.Line
            Code = ($code | ForEach-Object Text) -join "`n"
            HasCode = $code.Count -gt 0
        })
    }

    $examples = [System.Collections.Generic.List[object]]::new()
    foreach ($ex in (Split-MarkdownSection -Nodes (& $sectionNodes 'EXAMPLES') -Level 3).Sections) {
        $code = @($ex.Nodes | Where-Object Kind -eq 'Code')
        $examples.Add([pscustomobject]@{
            Title = ConvertTo-PlainInline $ex.Title.Trim()
            Line = $ex.Line
            CodeBlocks = $code
            Code = ($code | ForEach-Object { $_.Text.TrimEnd() }) -join "`n`n"
            Remarks = ConvertTo-Paragraph @($ex.Nodes | Where-Object Kind -ne 'Code')
        })
    }

    $parameters = [ordered]@{}
    $hasCommon = $false
    foreach ($p in (Split-MarkdownSection -Nodes (& $sectionNodes 'PARAMETERS') -Level 3).Sections) {
        $heading = $p.Title.Trim()
        if ($heading -ieq 'CommonParameters') { $hasCommon = $true; continue }
        if ($heading -notmatch '^-(\w+)$') {
            $problems.Add("${DisplayPath}:$($p.Line): '### $heading' is not a parameter heading; write '### -Name'.")
            continue
        }
        $name = $Matches[1]
        if ($parameters.Contains($name)) {
            $problems.Add("${DisplayPath}:$($p.Line): -$name is documented twice.")
            continue
        }
        $yaml = [System.Collections.Generic.List[object]]::new()
        foreach ($block in @($p.Nodes | Where-Object { $_.Kind -eq 'Code' -and $_.Lang -eq 'yaml' })) {
            $values = [ordered]@{}
            $offset = 0
            foreach ($yamlLine in $block.Text -split "`n") {
                $offset++
                if ($yamlLine.Trim() -eq '') { continue }
                if ($yamlLine -match '^([A-Za-z][A-Za-z ]*):\s*(.*?)\s*$' -and $Matches[1] -in $ParameterYamlKeys) {
                    $values[$Matches[1]] = $Matches[2]
                }
                else {
                    $problems.Add("${DisplayPath}:$($block.Line + $offset): -${name}: '$yamlLine' is not a schema 2.0.0 parameter field ($($ParameterYamlKeys -join ', ')).")
                }
            }
            foreach ($key in $RequiredYamlKeys) {
                if (-not $values.Contains($key)) { $problems.Add("${DisplayPath}:$($block.Line): -${name}: the yaml block has no '${key}:' line.") }
            }
            $yaml.Add([pscustomobject]@{ Line = $block.Line; Values = $values })
        }
        $parameters[$name] = [pscustomobject]@{
            Name = $name
            Line = $p.Line
            Description = ConvertTo-Paragraph @($p.Nodes | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Lang -eq 'yaml') })
            Yaml = $yaml
        }
    }

    $readTypes = {
        param([string] $Name)
        $list = [System.Collections.Generic.List[object]]::new()
        $typed = Split-MarkdownSection -Nodes (& $sectionNodes $Name) -Level 3
        if (ConvertTo-Paragraph $typed.Preamble.ToArray()) {
            $problems.Add("${DisplayPath}: text under '## $Name' must sit under a '### TypeName' heading.")
        }
        foreach ($t in $typed.Sections) {
            $list.Add([pscustomobject]@{ Type = $t.Title.Trim(); Description = ConvertTo-Paragraph $t.Nodes.ToArray() })
        }
        , $list
    }

    $links = [System.Collections.Generic.List[object]]::new()
    foreach ($node in (& $sectionNodes 'RELATED LINKS')) {
        $text = $node.Text.Trim() -replace '^[-*+]\s+', ''
        if ($node.Kind -ne 'Text' -or $text -eq '') { continue }
        if ($text -match '^\[([^\]]+)\]\(([^)]*)\)$') {
            $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
            $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $uri })
        }
        else { $links.Add([pscustomobject]@{ Text = $text; Uri = '' }) }
    }

    return [pscustomobject]@{
        File = $File
        DisplayPath = $DisplayPath
        Metadata = $doc.Metadata
        Title = $title.Trim()
        TitleLine = $titleLine
        Placeholders = $placeholders
        Synopsis = ConvertTo-Paragraph (& $sectionNodes 'SYNOPSIS')
        Description = ConvertTo-Paragraph (& $sectionNodes 'DESCRIPTION')
        Syntax = $syntax
        Examples = $examples
        Parameters = $parameters
        HasCommonParameters = $hasCommon
        Inputs = & $readTypes 'INPUTS'
        Outputs = & $readTypes 'OUTPUTS'
        Notes = ConvertTo-Paragraph (& $sectionNodes 'NOTES')
        Links = $links
        Problems = $problems
    }
}

#endregion

#region What the cmdlet says

function Get-TypeDisplayName {
    param([Parameter(Mandatory)][type] $Type)
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $arguments = $Type.GetGenericArguments() | ForEach-Object { Get-TypeDisplayName $_ }
        return ($Type.Name -replace '`\d+$', '') + '[' + ($arguments -join ', ') + ']'
    }
    return $Type.Name
}

function Get-CommandModel {
    param([Parameter(Mandatory)][System.Management.Automation.CmdletInfo] $Command)

    $sets = [System.Collections.Generic.List[object]]::new()
    # The default set first, as Get-Command -Syntax and PlatyPS show it.
    foreach ($set in @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        $members = [System.Collections.Generic.List[object]]::new()
        foreach ($p in $set.Parameters) {
            if ($p.Name -in $CommonParameterNames) { continue }
            $members.Add([pscustomobject]@{
                Name = $p.Name
                Mandatory = $p.IsMandatory
                Position = if ($p.Position -ge 0) { [string]$p.Position } else { 'Named' }
                ByValue = $p.ValueFromPipeline
                ByPropertyName = $p.ValueFromPipelineByPropertyName
            })
        }
        # Positional parameters come first, by position, the way PowerShell prints syntax.
        $ordered = @($members | Where-Object Position -ne 'Named' | Sort-Object { [int]$_.Position }) + @($members | Where-Object Position -eq 'Named')
        $sets.Add([pscustomobject]@{ Name = $set.Name; IsDefault = $set.IsDefault; Parameters = $ordered })
    }

    $parameters = [ordered]@{}
    foreach ($meta in $Command.Parameters.Values) {
        if ($meta.Name -in $CommonParameterNames) { continue }
        $type = $meta.ParameterType
        $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
        $accepted = @()
        $validateSet = @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
        if ($validateSet) { $accepted = @($validateSet[0].ValidValues) }
        elseif ($element.IsEnum) { $accepted = [enum]::GetNames($element) }
        $inSets = @($sets | Where-Object { @($_.Parameters | ForEach-Object Name) -contains $meta.Name } | ForEach-Object Name)
        $parameters[$meta.Name] = [pscustomobject]@{
            Name = $meta.Name
            Type = $type
            TypeName = if ($meta.SwitchParameter) { 'SwitchParameter' } else { Get-TypeDisplayName $type }
            IsSwitch = [bool]$meta.SwitchParameter
            Aliases = @($meta.Aliases)
            Globbing = [bool]@($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            AcceptedValues = $accepted
            InAllSets = $meta.ParameterSets.ContainsKey($AllSets)
            Sets = $inSets
        }
    }

    $dll = Split-Path -Leaf $Command.ImplementingType.Assembly.Location
    return [pscustomobject]@{
        Name = $Command.Name
        Verb = $Command.Verb
        Noun = $Command.Noun
        HelpFile = if ($Command.HelpFile) { $Command.HelpFile } else { "$dll-Help.xml" }
        Sets = $sets
        Parameters = $parameters
        OutputTypes = @($Command.OutputType | ForEach-Object { if ($_.Type) { $_.Type.FullName } else { $_.Name } } | Select-Object -Unique)
    }
}

function Format-PipelineInput {
    param([bool] $ByValue, [bool] $ByPropertyName)
    $kinds = @(if ($ByValue) { 'ByValue' }; if ($ByPropertyName) { 'ByPropertyName' })
    if ($kinds.Count -eq 0) { return 'False' }
    return "True ($($kinds -join ', '))"
}

# The per-set facts of one parameter, for the sets it belongs to.
function Get-ParameterUse {
    param($Model, [string] $Name)
    foreach ($set in $Model.Sets) {
        foreach ($p in $set.Parameters) {
            if ($p.Name -eq $Name) { [pscustomobject]@{ Set = $set.Name; IsDefault = $set.IsDefault; Use = $p } }
        }
    }
}

#endregion

#region Checks

function Test-CommandPage {
    param([Parameter(Mandatory)] $Page, [Parameter(Mandatory)] $Model, [Parameter(Mandatory)] $Module)

    $where = $Page.DisplayPath
    $problems = [System.Collections.Generic.List[string]]::new()
    $add = { param([string] $Message) $problems.Add($Message) }

    $meta = $Page.Metadata
    $schema = if ($meta.Contains('schema')) { $meta['schema'] } else { '' }
    if ($schema -ne '2.0.0') { & $add "${where}: the front matter must say 'schema: 2.0.0' (PlatyPS command help); it says '$schema'." }
    $helpFile = if ($meta.Contains('external help file')) { $meta['external help file'] } else { '' }
    if ($helpFile -ne $Model.HelpFile) { & $add "${where}: the front matter must say 'external help file: $($Model.HelpFile)'; it says '$helpFile'." }
    $moduleName = if ($meta.Contains('Module Name')) { $meta['Module Name'] } else { '' }
    if ($moduleName -ne $Module.Name) { & $add "${where}: the front matter must say 'Module Name: $($Module.Name)'; it says '$moduleName'." }
    if ($Page.Title -cne $Model.Name) { & $add "${where}:$($Page.TitleLine): the title must be '# $($Model.Name)'; it is '# $($Page.Title)'." }

    foreach ($placeholder in $Page.Placeholders) { & $add "${where}:$placeholder." }
    if (-not ($Page.Synopsis -join '').Trim()) { & $add "${where}: the SYNOPSIS is empty." }
    if (-not ($Page.Description -join '').Trim()) { & $add "${where}: the DESCRIPTION is empty." }

    # SYNTAX: one block per parameter set, naming that set's parameters.
    $documentedSets = @($Page.Syntax | ForEach-Object Name)
    foreach ($set in $Model.Sets) {
        $block = @($Page.Syntax | Where-Object Name -eq $set.Name) | Select-Object -First 1
        if (-not $block) { & $add "${where}: SYNTAX has no '### $($set.Name)' block for the parameter set $($set.Name)."; continue }
        if (-not $block.HasCode) { & $add "${where}:$($block.Line): SYNTAX '### $($set.Name)' has no code block."; continue }
        $named = @([regex]::Matches($block.Code, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Select-Object -Unique)
        $expected = @($set.Parameters | ForEach-Object Name)
        foreach ($n in $named | Where-Object { $_ -notin $expected }) { & $add "${where}:$($block.Line): SYNTAX '### $($set.Name)' shows -$n, which is not in that parameter set." }
        foreach ($n in $expected | Where-Object { $_ -notin $named }) { & $add "${where}:$($block.Line): SYNTAX '### $($set.Name)' leaves out -$n." }
    }
    foreach ($extra in $documentedSets | Where-Object { $_ -notin @($Model.Sets | ForEach-Object Name) }) {
        & $add "${where}: SYNTAX shows a parameter set '$extra' that $($Model.Name) does not have (it has $(@($Model.Sets | ForEach-Object Name) -join ', '))."
    }

    # PARAMETERS: the same names as the cmdlet, each described, each yaml block true to the cmdlet.
    foreach ($name in $Page.Parameters.Keys) {
        $doc = $Page.Parameters[$name]
        if (-not $Model.Parameters.Contains($name)) {
            & $add "${where}:$($doc.Line): documents -$name, which $($Model.Name) does not have."
            continue
        }
        $real = $Model.Parameters[$name]
        if ($real.Name -cne $name) { & $add "${where}:$($doc.Line): write -$($real.Name), as the cmdlet spells it, not -$name." }
        if (-not ($doc.Description -join '').Trim()) { & $add "${where}:$($doc.Line): -$name has no description." }
        if ($doc.Yaml.Count -eq 0) { & $add "${where}:$($doc.Line): -$name has no yaml block (Type, Parameter Sets, Aliases, Required, ...)."; continue }
        foreach ($problem in Test-ParameterYaml -Doc $doc -Real $real -Model $Model) { & $add "${where}:$problem" }
    }
    foreach ($name in $Model.Parameters.Keys) {
        if (-not $Page.Parameters.Contains($name)) { & $add "${where}: does not document -$name; add a '### -$name' section under PARAMETERS." }
    }
    if (-not $Page.HasCommonParameters) { & $add "${where}: PARAMETERS has no '### CommonParameters' section." }

    # EXAMPLES: at least two, each with code and words, and code that calls our cmdlets with real parameters.
    if ($Page.Examples.Count -lt 2) { & $add "${where}: has $($Page.Examples.Count) example(s); every cmdlet needs at least two." }
    foreach ($ex in $Page.Examples) {
        $scripts = @($ex.CodeBlocks | Where-Object Lang -in $PowerShellFences)
        if ($scripts.Count -eq 0) { & $add "${where}:$($ex.Line): '$($ex.Title)' has no powershell code block." }
        if (-not ($ex.Remarks -join '').Trim()) { & $add "${where}:$($ex.Line): '$($ex.Title)' does not say what it does (no text)." }
        foreach ($block in $scripts) {
            foreach ($problem in Test-ExampleCode -Block $block -Title $ex.Title -Module $Module) { & $add "${where}:$problem" }
        }
    }

    return $problems.ToArray()
}

function Test-ParameterYaml {
    param($Doc, $Real, $Model)

    $name = $Real.Name
    $uses = @(Get-ParameterUse -Model $Model -Name $name)
    $allSetNames = @($Model.Sets | ForEach-Object Name)
    $covered = [System.Collections.Generic.List[string]]::new()
    $typeSpellings = @($Real.TypeName, (Get-TypeDisplayName $Real.Type), $Real.Type.FullName, $Real.Type.Name) +
        @(if ($Real.IsSwitch) { 'switch', 'System.Management.Automation.SwitchParameter' })

    foreach ($yaml in $Doc.Yaml) {
        $v = $yaml.Values
        $at = "$($yaml.Line): -${name}:"
        $get = { param([string] $Key) if ($v.Contains($Key)) { [string]$v[$Key] } else { $null } }

        $type = & $get 'Type'
        if ($null -ne $type -and $type -notin $typeSpellings) { "$at 'Type: $type', but the parameter is $($Real.TypeName)." }

        $aliases = & $get 'Aliases'
        if ($null -ne $aliases) {
            $said = @($aliases -split ',' | ForEach-Object Trim | Where-Object { $_ })
            if ((@($said | Sort-Object) -join ',') -ne (@($Real.Aliases | Sort-Object) -join ',')) {
                "$at 'Aliases: $aliases', but the cmdlet has 'Aliases: $($Real.Aliases -join ', ')'."
            }
        }

        $wildcards = & $get 'Accept wildcard characters'
        if ($null -ne $wildcards -and $wildcards -ne [string]$Real.Globbing) {
            "$at 'Accept wildcard characters: $wildcards', but the cmdlet says $($Real.Globbing)."
        }

        $accepted = & $get 'Accepted values'
        if ($Real.AcceptedValues.Count -gt 0 -or $null -ne $accepted) {
            $said = @([string]$accepted -split ',' | ForEach-Object Trim | Where-Object { $_ })
            if ((@($said | Sort-Object) -join ',') -ne (@($Real.AcceptedValues | Sort-Object) -join ',')) {
                $want = if ($Real.AcceptedValues.Count -gt 0) { "'Accepted values: $($Real.AcceptedValues -join ', ')'" } else { 'no Accepted values line' }
                "$at 'Accepted values: $accepted', but the cmdlet needs $want."
            }
        }

        $setText = & $get 'Parameter Sets'
        if ($null -eq $setText) { continue }
        $sets = if ($setText.Trim() -eq '(All)') { $allSetNames } else { @($setText -split ',' | ForEach-Object Trim | Where-Object { $_ }) }
        foreach ($s in $sets | Where-Object { $_ -notin $Real.Sets }) {
            "$at 'Parameter Sets: $setText' names $s, but -$name is only in $(Format-SetList $Real $Model)."
        }
        # One message per wrong line, naming every set where it is wrong.
        $wrong = [ordered]@{}
        foreach ($use in $uses | Where-Object Set -in $sets) {
            $covered.Add($use.Set)
            $facts = [ordered]@{
                'Required'              = [string]$use.Use.Mandatory
                'Position'              = $use.Use.Position
                'Accept pipeline input' = Format-PipelineInput $use.Use.ByValue $use.Use.ByPropertyName
            }
            foreach ($key in $facts.Keys) {
                $said = & $get $key
                if ($null -ne $said -and $said -ne $facts[$key]) {
                    $id = "${key}: $said|${key}: $($facts[$key])"
                    if (-not $wrong.Contains($id)) { $wrong[$id] = [System.Collections.Generic.List[string]]::new() }
                    $wrong[$id].Add($use.Set)
                }
            }
        }
        foreach ($id in $wrong.Keys) {
            $said, $actual = $id -split '\|', 2
            $inSets = if ($wrong[$id].Count -gt 1) { "parameter sets $($wrong[$id] -join ', ')" } else { "parameter set $($wrong[$id][0])" }
            "$at '$said', but in the $inSets the cmdlet says '$actual'."
        }
    }
    $missing = @($Real.Sets | Where-Object { $_ -notin $covered })
    if ($missing.Count -gt 0 -and $Doc.Yaml.Count -gt 0) {
        "$($Doc.Line): -${name}: no yaml block covers the parameter set(s) $($missing -join ', '); write 'Parameter Sets: $(Format-SetList $Real $Model)'."
    }
}

function Format-SetList {
    param($Real, $Model)
    if ($Real.InAllSets -or @($Real.Sets).Count -eq @($Model.Sets).Count) { return '(All)' }
    return $Real.Sets -join ', '
}

# Example code must parse, and every call to one of the module's cmdlets must use parameters that exist (PowerShell
# accepts unambiguous prefixes and aliases, so the check does too).
function Test-ExampleCode {
    param($Block, [string] $Title, $Module)

    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Block.Text, [ref]$tokens, [ref]$errors)
    foreach ($e in $errors) {
        "$($Block.Line + $e.Extent.StartLineNumber): '$Title' does not parse: $($e.Message)"
    }
    $calls = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($call in $calls) {
        $commandName = $call.GetCommandName()
        if (-not $commandName -or -not $Module.ExportedCmdlets.ContainsKey($commandName)) { continue }
        $command = $Module.ExportedCmdlets[$commandName]
        $names = @($command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
        foreach ($p in @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
            $exact = @($names | Where-Object { $_ -eq $p.ParameterName })
            $prefix = @($command.Parameters.Values | Where-Object { $_.Name -like "$($p.ParameterName)*" -or @($_.Aliases | Where-Object { $_ -like "$($p.ParameterName)*" }).Count -gt 0 })
            if ($exact.Count -eq 0 -and $prefix.Count -ne 1) {
                "$($Block.Line + $p.Extent.StartLineNumber): '$Title' calls $commandName with -$($p.ParameterName), which $commandName does not have."
            }
        }
    }
}

#endregion

#region MAML

$Ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-Element {
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [string] $Text, [System.Collections.IDictionary] $Attributes)
    $prefix, $local = $Name -split ':', 2
    $Writer.WriteStartElement($prefix, $local, $Ns[$prefix])
    if ($Attributes) { foreach ($key in $Attributes.Keys | Sort-Object) { $Writer.WriteAttributeString($key, $Attributes[$key]) } }
    if ($PSBoundParameters.ContainsKey('Text')) { $Writer.WriteString($Text) }
    $Writer.WriteEndElement()
}

function Start-Element {
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [System.Collections.IDictionary] $Attributes)
    $prefix, $local = $Name -split ':', 2
    $Writer.WriteStartElement($prefix, $local, $Ns[$prefix])
    if ($Attributes) { foreach ($key in $Attributes.Keys) { $Writer.WriteAttributeString($key, $Attributes[$key]) } }
}

function Write-Para {
    param([System.Xml.XmlWriter] $Writer, [string] $Container, [AllowEmptyCollection()][string[]] $Paragraphs = @())
    Start-Element $Writer $Container
    foreach ($para in $Paragraphs) { Write-Element $Writer 'maml:para' $para }
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, [switch] $InSyntax)

    $p = $Parameter
    Start-Element $Writer 'command:parameter' ([ordered]@{
        required       = $p.Required.ToString().ToLowerInvariant()
        variableLength = $p.Type.IsArray.ToString().ToLowerInvariant()
        globbing       = $p.Globbing.ToString().ToLowerInvariant()
        pipelineInput  = $p.PipelineInput
        position       = if ($p.Position -eq 'Named') { 'named' } else { $p.Position }
        aliases        = if ($p.Aliases.Count -gt 0) { $p.Aliases -join ', ' } else { 'none' }
    })
    Write-Element $Writer 'maml:name' $p.Name
    Write-Para $Writer 'maml:description' $p.Description
    if ($InSyntax -and $p.AcceptedValues.Count -gt 0) {
        Start-Element $Writer 'command:parameterValueGroup'
        foreach ($value in $p.AcceptedValues) {
            Write-Element $Writer 'command:parameterValue' $value @{ required = 'false'; variableLength = 'false' }
        }
        $Writer.WriteEndElement()
    }
    # A switch shows as [-Name] in syntax, and as -Name [<SwitchParameter>] in the parameter list.
    if (-not ($InSyntax -and $p.IsSwitch)) {
        Write-Element $Writer 'command:parameterValue' $p.TypeName @{
            required = (-not $p.IsSwitch).ToString().ToLowerInvariant()
            variableLength = $p.Type.IsArray.ToString().ToLowerInvariant()
        }
    }
    Start-Element $Writer 'dev:type'
    Write-Element $Writer 'maml:name' $p.Type.FullName
    Write-Element $Writer 'maml:uri' ''
    $Writer.WriteEndElement()
    Write-Element $Writer 'dev:defaultValue' $p.DefaultValue
    $Writer.WriteEndElement()
}

# The words come from the page, every fact about parameters from the cmdlet.
function Merge-CommandHelp {
    param($Page, $Model)

    $describe = {
        param($Real, [bool] $Required, [string] $Position, [string] $PipelineInput)
        $doc = $Page.Parameters[$Real.Name]
        $default = @($doc.Yaml | ForEach-Object { if ($_.Values.Contains('Default value')) { $_.Values['Default value'] } }) | Select-Object -First 1
        if (-not $default) { $default = if ($Real.IsSwitch) { 'False' } else { 'None' } }
        [pscustomobject]@{
            Name = $Real.Name
            Description = $doc.Description
            Type = $Real.Type
            TypeName = $Real.TypeName
            IsSwitch = $Real.IsSwitch
            Required = $Required
            Position = $Position
            PipelineInput = $PipelineInput
            Globbing = $Real.Globbing
            Aliases = $Real.Aliases
            AcceptedValues = $Real.AcceptedValues
            DefaultValue = $default
        }
    }

    $syntax = [System.Collections.Generic.List[object]]::new()
    foreach ($set in $Model.Sets) {
        $syntax.Add(@(foreach ($use in $set.Parameters) {
            & $describe $Model.Parameters[$use.Name] $use.Mandatory $use.Position (Format-PipelineInput $use.ByValue $use.ByPropertyName)
        }))
    }

    # The parameter list follows the page's order; where sets disagree, the default set's position is shown and a
    # parameter counts as required when some set requires it.
    $parameters = foreach ($name in $Page.Parameters.Keys) {
        $real = $Model.Parameters[$name]
        $uses = @(Get-ParameterUse -Model $Model -Name $name)
        $first = @($uses | Sort-Object { -not $_.IsDefault }) | Select-Object -First 1
        $required = [bool]@($uses | Where-Object { $_.Use.Mandatory })
        $byValue = [bool]@($uses | Where-Object { $_.Use.ByValue })
        $byName = [bool]@($uses | Where-Object { $_.Use.ByPropertyName })
        & $describe $real $required $first.Use.Position (Format-PipelineInput $byValue $byName)
    }

    $links = [System.Collections.Generic.List[object]]::new()
    $online = if ($Page.Metadata.Contains('online version')) { [string]$Page.Metadata['online version'] } else { '' }
    if ($online.Trim()) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $online.Trim() }) }
    foreach ($l in $Page.Links) { $links.Add($l) }

    return [pscustomobject]@{
        Model = $Model
        Synopsis = ($Page.Synopsis -join ' ')
        Description = $Page.Description
        Syntax = $syntax
        Parameters = @($parameters)
        Inputs = $Page.Inputs
        Outputs = $Page.Outputs
        Notes = $Page.Notes
        Examples = $Page.Examples
        Links = $links
    }
}

# Titles carry the dashes Get-Help's own examples have, so examples stand apart in the console.
function Format-ExampleTitle {
    param([string] $Title)
    $dashes = '-' * [Math]::Max(4, [int][Math]::Floor((64 - $Title.Length - 2) / 2))
    return "$dashes $Title $dashes"
}

function Write-MamlFile {
    param([Parameter(Mandatory)][object[]] $Help, [Parameter(Mandatory)][string] $Path)

    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($prefix in 'maml', 'command', 'dev') { $w.WriteAttributeString('xmlns', $prefix, $null, $Ns[$prefix]) }
        foreach ($h in $Help) {
            $m = $h.Model
            Start-Element $w 'command:command'
            Start-Element $w 'command:details'
            Write-Element $w 'command:name' $m.Name
            Write-Element $w 'command:verb' $m.Verb
            Write-Element $w 'command:noun' $m.Noun
            Write-Para $w 'maml:description' @($h.Synopsis)
            $w.WriteEndElement()
            Write-Para $w 'maml:description' $h.Description

            Start-Element $w 'command:syntax'
            foreach ($item in $h.Syntax) {
                Start-Element $w 'command:syntaxItem'
                Write-Element $w 'maml:name' $m.Name
                foreach ($p in $item) { Write-MamlParameter $w $p -InSyntax }
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            Start-Element $w 'command:parameters'
            foreach ($p in $h.Parameters) { Write-MamlParameter $w $p }
            $w.WriteEndElement()

            foreach ($kind in @(
                    @{ List = 'command:inputTypes'; Item = 'command:inputType'; Entries = $h.Inputs },
                    @{ List = 'command:returnValues'; Item = 'command:returnValue'; Entries = $h.Outputs })) {
                Start-Element $w $kind.List
                foreach ($entry in $kind.Entries) {
                    Start-Element $w $kind.Item
                    Start-Element $w 'dev:type'
                    Write-Element $w 'maml:name' $entry.Type
                    $w.WriteEndElement()
                    Write-Para $w 'maml:description' $entry.Description
                    $w.WriteEndElement()
                }
                $w.WriteEndElement()
            }

            if ($h.Notes.Count -gt 0) {
                Start-Element $w 'maml:alertSet'
                Write-Para $w 'maml:alert' $h.Notes
                $w.WriteEndElement()
            }

            Start-Element $w 'command:examples'
            foreach ($ex in $h.Examples) {
                Start-Element $w 'command:example'
                Write-Element $w 'maml:title' (Format-ExampleTitle $ex.Title)
                Write-Element $w 'dev:code' $ex.Code
                # The empty paragraph is the blank line between one example's remarks and the next title.
                Write-Para $w 'dev:remarks' (@($ex.Remarks) + '')
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            # command:relatedLinks, as PlatyPS and PowerShell's own help files write it.
            Start-Element $w 'command:relatedLinks'
            foreach ($link in $h.Links) {
                Start-Element $w 'maml:navigationLink'
                Write-Element $w 'maml:linkText' $link.Text
                Write-Element $w 'maml:uri' $link.Uri
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
}

function Export-PlatyPSHelp {
    param($PlatyPS, [string[]] $Files, [string] $HelpFile)

    $temp = Join-Path ([System.IO.Path]::GetTempPath()) "codex-help-$([guid]::NewGuid().ToString('n'))"
    try {
        Import-Module $PlatyPS.Path -ErrorAction Stop
        if ($PlatyPS.Name -eq 'Microsoft.PowerShell.PlatyPS') {
            $help = foreach ($f in $Files) { Import-MarkdownCommandHelp -Path $f }
            $null = Export-MamlCommandHelp -CommandHelp $help -OutputFolder $temp -Force
        }
        else {
            $null = New-ExternalHelp -Path $Files -OutputPath $temp -Force
        }
        # PlatyPS names the file after the module (1.x) or the page metadata (0.14); Get-Help wants the assembly's name.
        $written = @(Get-ChildItem -Path $temp -Recurse -Filter '*-Help.xml')
        if ($written.Count -ne 1) { throw "$($PlatyPS.Name) $($PlatyPS.Version) wrote $($written.Count) help files, not one; run with -Converter Builtin." }
        Copy-Item -LiteralPath $written[0].FullName -Destination (Join-Path $OutputPath $HelpFile) -Force
    }
    finally { Remove-Item -LiteralPath $temp -Recurse -Force -ErrorAction Ignore }
}

#endregion

#region About topics

function ConvertTo-WrappedLine {
    param([string] $Text, [string] $Indent, [string] $Hanging = $Indent, [int] $Width = 80)
    $lines = [System.Collections.Generic.List[string]]::new()
    $current = $Indent
    $fresh = $true
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if (-not $fresh -and ($current.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($current)
            $current = $Hanging + $word
        }
        else { $current = if ($fresh) { $current + $word } else { "$current $word" } }
        $fresh = $false
    }
    if (-not $fresh) { $lines.Add($current) }
    return , $lines.ToArray()
}

# One markdown paragraph as about-topic lines: list items wrap with a hanging indent, table rows stay as written.
function Format-AboutParagraph {
    param([Parameter(Mandatory)][string[]] $Lines)

    $out = [System.Collections.Generic.List[string]]::new()
    $item = [System.Collections.Generic.List[string]]::new()
    foreach ($line in @($Lines) + $null) {
        $ends = $null -eq $line -or $line.StartsWith('|') -or $line -match '^([-*+]|\d+[.)])\s+'
        if ($ends -and $item.Count -gt 0) {
            $joined = ConvertTo-PlainInline ($item -join ' ')
            if ($joined -match '^([-*+]|\d+[.)])\s+(.*)$') {
                $bullet = $Matches[1]
                $marker = if ($bullet -match '^\d') { $bullet } else { '-' }
                $rest = $joined -replace '^([-*+]|\d+[.)])\s+', ''
                $wrapped = ConvertTo-WrappedLine $rest "    $marker " ('    ' + ' ' * ($marker.Length + 1))
            }
            else { $wrapped = ConvertTo-WrappedLine $joined '    ' }
            foreach ($w in $wrapped) { $out.Add($w) }
            $item.Clear()
        }
        if ($null -eq $line) { break }
        if ($line.StartsWith('|')) {
            if ($line -notmatch '^\|[\s:|-]+\|$') { $out.Add("    $line") }
            continue
        }
        $item.Add($line)
    }
    return $out.ToArray()
}

# The about_*.help.txt layout Get-Help prints: TOPIC, then section titles in capitals at the margin and the text
# under them indented four spaces and wrapped at 80 columns; code is indented eight and left as written.
function ConvertTo-AboutText {
    param([Parameter(Mandatory)] $Document, [Parameter(Mandatory)][string] $Topic)

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $Topic")
    $pending = [System.Collections.Generic.List[string]]::new()
    $afterHeading = $false
    $top = Split-MarkdownSection -Nodes $Document.Nodes -Level 1
    $body = if ($top.Sections.Count -gt 0) { @($top.Sections[0].Nodes) } else { @() }

    # A trailing blank node closes the last paragraph.
    foreach ($node in $body + [pscustomobject]@{ Kind = 'Text'; Text = '' }) {
        if ($node.Kind -eq 'Text' -and $node.Text.Trim() -ne '') { $pending.Add($node.Text.Trim()); continue }
        if ($pending.Count -gt 0) {
            if (-not $afterHeading) { $out.Add('') }
            foreach ($l in Format-AboutParagraph $pending.ToArray()) { $out.Add($l) }
            $pending.Clear()
            $afterHeading = $false
        }
        if ($node.Kind -eq 'Heading') {
            $out.Add('')
            $title = ConvertTo-PlainInline $node.Text
            $out.Add($(if ($node.Level -le 2) { $title.ToUpperInvariant() } else { "  $title" }))
            $afterHeading = $true
        }
        elseif ($node.Kind -eq 'Code') {
            if (-not $afterHeading) { $out.Add('') }
            foreach ($l in $node.Text -split "`n") { $out.Add(("        $l").TrimEnd()) }
            $afterHeading = $false
        }
    }
    return ($out -join "`n") + "`n"
}

#endregion

#region Skeleton pages

# A syntax line the way PlatyPS writes it: PowerShell's brackets, wrapped before 110 columns.
function Format-SyntaxText {
    param($Model, $Set)
    $parts = foreach ($use in $Set.Parameters) {
        $p = $Model.Parameters[$use.Name]
        $name = if ($use.Position -ne 'Named') { "[-$($p.Name)]" } else { "-$($p.Name)" }
        $text = if ($p.IsSwitch) { $name } else { "$name <$($p.TypeName)>" }
        if ($use.Mandatory) { $text } else { "[$text]" }
    }
    $lines = [System.Collections.Generic.List[string]]::new()
    $current = $Model.Name
    foreach ($part in @($parts) + '[<CommonParameters>]') {
        if (($current.Length + 1 + $part.Length) -gt 110) { $lines.Add($current); $current = " $part" }
        else { $current = "$current $part" }
    }
    $lines.Add($current)
    return $lines -join "`n"
}

function New-PageSkeleton {
    param($Model, $Module)

    $fence = '```'
    $text = [System.Text.StringBuilder]::new()
    $line = { param([string] $Value = '') $null = $text.Append($Value).Append("`n") }
    & $line '---'
    & $line "external help file: $($Model.HelpFile)"
    & $line "Module Name: $($Module.Name)"
    & $line 'online version:'
    & $line 'schema: 2.0.0'
    & $line '---'
    & $line
    & $line "# $($Model.Name)"
    & $line
    & $line '## SYNOPSIS'
    & $line '{{ Fill in the Synopsis }}'
    & $line
    & $line '## SYNTAX'
    foreach ($set in $Model.Sets) {
        & $line
        & $line ("### $($set.Name)" + $(if ($set.IsDefault -and $Model.Sets.Count -gt 1) { ' (Default)' } else { '' }))
        & $line $fence
        & $line (Format-SyntaxText $Model $set)
        & $line $fence
    }
    & $line
    & $line '## DESCRIPTION'
    & $line '{{ Fill in the Description }}'
    & $line
    & $line '## EXAMPLES'
    foreach ($n in 1, 2) {
        & $line
        & $line "### Example ${n}: {{ Add example title }}"
        & $line "${fence}powershell"
        & $line $Model.Name
        & $line $fence
        & $line
        & $line '{{ Add example description here }}'
    }
    & $line
    & $line '## PARAMETERS'
    foreach ($p in $Model.Parameters.Values | Sort-Object Name) {
        $uses = @(Get-ParameterUse -Model $Model -Name $p.Name)
        $first = $uses[0].Use
        & $line
        & $line "### -$($p.Name)"
        & $line "{{ Fill $($p.Name) Description }}"
        & $line
        & $line "${fence}yaml"
        & $line "Type: $($p.TypeName)"
        & $line "Parameter Sets: $(Format-SetList $p $Model)"
        & $line "Aliases: $($p.Aliases -join ', ')".TrimEnd()
        if ($p.AcceptedValues.Count -gt 0) { & $line "Accepted values: $($p.AcceptedValues -join ', ')" }
        & $line
        & $line "Required: $($first.Mandatory)"
        & $line "Position: $($first.Position)"
        & $line ('Default value: ' + $(if ($p.IsSwitch) { 'False' } else { 'None' }))
        & $line "Accept pipeline input: $(Format-PipelineInput $first.ByValue $first.ByPropertyName)"
        & $line "Accept wildcard characters: $($p.Globbing)"
        & $line $fence
    }
    & $line
    & $line '### CommonParameters'
    & $line ('This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, ' +
        '-InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and ' +
        '-WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).')
    & $line
    & $line '## INPUTS'
    $inputs = @($Model.Parameters.Values | Where-Object { @(Get-ParameterUse -Model $Model -Name $_.Name | Where-Object { $_.Use.ByValue -or $_.Use.ByPropertyName }).Count -gt 0 } |
        ForEach-Object { $_.Type.FullName } | Select-Object -Unique)
    foreach ($type in $(if ($inputs) { $inputs } else { 'None' })) {
        & $line
        & $line "### $type"
        & $line '{{ Say what can be piped in }}'
    }
    & $line
    & $line '## OUTPUTS'
    foreach ($type in $(if ($Model.OutputTypes) { $Model.OutputTypes } else { 'System.Object' })) {
        & $line
        & $line "### $type"
        & $line '{{ Describe the output }}'
    }
    & $line
    & $line '## NOTES'
    & $line
    & $line '## RELATED LINKS'
    return $text.ToString()
}

#endregion

#region Main

$problems = [System.Collections.Generic.List[string]]::new()
$docsLabel = Split-Path -Leaf $DocsPath
$module = Import-Module -Name (Resolve-Path -LiteralPath $ModulePath).ProviderPath -PassThru -Force -ErrorAction Stop
if ($module -is [array]) { $module = $module | Where-Object Name -eq ([System.IO.Path]::GetFileNameWithoutExtension($ModulePath)) | Select-Object -First 1 }

$pages = @{}
# Command pages are named Verb-Noun.md; other pages (about_*, architecture.md) are not command help.
$pageFiles = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*-*.md' -File | Where-Object Name -notlike 'about_*' | Sort-Object Name)
foreach ($file in $pageFiles) {
    $pages[$file.BaseName] = Read-CommandPage -File $file -DisplayPath "$docsLabel/$($file.Name)"
}

$help = [System.Collections.Generic.List[object]]::new()
$missingPages = $false
foreach ($command in @($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $model = Get-CommandModel -Command $command
    if (-not $pages.ContainsKey($command.Name) -and $Scaffold) {
        $file = Join-Path $DocsPath "$($command.Name).md"
        [System.IO.File]::WriteAllText($file, (New-PageSkeleton -Model $model -Module $module), [System.Text.UTF8Encoding]::new($false))
        Write-Host "Wrote a skeleton page: $docsLabel/$($command.Name).md"
        $pages[$command.Name] = Read-CommandPage -File (Get-Item -LiteralPath $file) -DisplayPath "$docsLabel/$($command.Name).md"
    }
    if (-not $pages.ContainsKey($command.Name)) {
        $problems.Add("$($command.Name): has no help page; write $docsLabel/$($command.Name).md (PlatyPS schema 2.0.0).")
        $missingPages = $true
        continue
    }
    $page = $pages[$command.Name]
    foreach ($p in $page.Problems) { $problems.Add($p) }
    $found = @(Test-CommandPage -Page $page -Model $model -Module $module)
    foreach ($p in $found) { $problems.Add($p) }
    if ($page.Problems.Count -eq 0 -and $found.Count -eq 0) { $help.Add((Merge-CommandHelp -Page $page -Model $model)) }
}
foreach ($orphan in $pages.Keys | Where-Object { -not $module.ExportedCmdlets.ContainsKey($_) } | Sort-Object) {
    Write-Warning "$docsLabel/$orphan.md documents no cmdlet that $($module.Name) exports; it is left out of the help."
}

$abouts = @{}
foreach ($file in @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File | Sort-Object Name)) {
    $where = "$docsLabel/$($file.Name)"
    $doc = Read-MarkdownDocument -Path $file.FullName
    foreach ($p in $doc.Problems) { $problems.Add("${where}:$p") }
    $top = Split-MarkdownSection -Nodes $doc.Nodes -Level 1
    if ($top.Sections.Count -ne 1 -or $top.Sections[0].Title.Trim() -cne $file.BaseName) {
        $problems.Add("${where}: needs exactly one title, '# $($file.BaseName)'.")
        continue
    }
    $sections = (Split-MarkdownSection -Nodes $top.Sections[0].Nodes.ToArray() -Level 2).Sections
    foreach ($name in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        $s = Get-Section $sections $name
        if (-not $s) { $problems.Add("${where}: has no '## $name' section.") }
        elseif (-not ((ConvertTo-Paragraph $s.Nodes.ToArray()) -join '').Trim()) { $problems.Add("${where}: '## $name' is empty.") }
    }
    $abouts[$file.BaseName] = ConvertTo-AboutText -Document $doc -Topic $file.BaseName
}

if ($problems.Count -gt 0) {
    # The classic error view prints the message as written, one problem a line, where the concise view would fold it.
    $ErrorView = 'NormalView'
    $message = "Help check failed: $($problems.Count) problem(s) in $DocsPath`n  - " + ($problems -join "`n  - ")
    if ($missingPages) {
        $message += "`nTo start the missing pages from the cmdlets: dotnet pwsh -NoProfile -File $PSCommandPath -ModulePath $ModulePath -DocsPath $DocsPath -OutputPath $OutputPath -Scaffold"
    }
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new($message), 'HelpCheckFailed', 'InvalidData', $DocsPath))
}

$null = New-Item -ItemType Directory -Force -Path $OutputPath
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath
$helpFiles = @($help | ForEach-Object { $_.Model.HelpFile } | Select-Object -Unique)
$platyPS = if ($Converter -ne 'Builtin') {
    Get-Module -ListAvailable -Name 'Microsoft.PowerShell.PlatyPS', 'platyPS' |
        Where-Object { ($_.Name -eq 'Microsoft.PowerShell.PlatyPS' -and $_.Version.Major -ge 1) -or ($_.Name -eq 'platyPS' -and $_.Version -ge [version]'0.14') } |
        Sort-Object @{ Expression = { $_.Name -ne 'Microsoft.PowerShell.PlatyPS' } }, @{ Expression = 'Version'; Descending = $true } |
        Select-Object -First 1
}
if ($Converter -eq 'PlatyPS' -and -not $platyPS) { throw 'Neither Microsoft.PowerShell.PlatyPS 1.x nor platyPS 0.14 is installed; run with -Converter Auto or Builtin.' }

foreach ($helpFile in $helpFiles) {
    $items = @($help | Where-Object { $_.Model.HelpFile -eq $helpFile })
    if ($platyPS) {
        Write-Verbose "Converting with $($platyPS.Name) $($platyPS.Version)."
        Export-PlatyPSHelp -PlatyPS $platyPS -Files @($items | ForEach-Object { $pages[$_.Model.Name].File.FullName }) -HelpFile $helpFile
    }
    else {
        Write-MamlFile -Help $items -Path (Join-Path $OutputPath $helpFile)
    }
    # Get-Help skips a file it cannot read without saying why; reading it back here makes that a build error.
    [xml] $written = Get-Content -Raw -LiteralPath (Join-Path $OutputPath $helpFile)
    $commands = @($written.helpItems.ChildNodes | Where-Object LocalName -eq 'command')
    if ($commands.Count -ne $items.Count) { throw "$helpFile holds $($commands.Count) commands, expected $($items.Count)." }
}
foreach ($topic in $abouts.Keys) {
    [System.IO.File]::WriteAllText((Join-Path $OutputPath "$topic.help.txt"), $abouts[$topic], [System.Text.UTF8Encoding]::new($false))
}
Write-Host "Help: $($help.Count) cmdlet(s) and $($abouts.Count) about topic(s) in $OutputPath"

#endregion

#Requires -Version 7.4
<#
.SYNOPSIS
    Helpers for the compat tests: fresh Codex homes made from fixtures, the real codex binary run on them, and both
    sides' MCP servers brought to one comparable shape.

.DESCRIPTION
    EVERY VERSION, NO EXTRA WORK. A fleet runs more than one Codex, so the suite runs every compat file once per codex
    version pinned in package.json (@openai/codex itself and every npm alias of it, e.g. "codex-0.171":
    "npm:@openai/codex@0.171.0"). tools/Invoke-PesterSuite.ps1 asks New-CompatContainer for the containers: each file
    runs inside a Describe named 'codex <version>', so every case's name (console, NUnit XML) begins with the version
    it held for, and during that file:
      $env:CODEX_COMPAT_CODEX    is that version's codex (Get-CompatCodexPath and Invoke-Codex use it)
      $env:CODEX_COMPAT_VERSION  is its version (Get-CompatCodexVersion returns it as [version])
      PATH                       begins with a folder whose `codex` is that version, as on a machine that runs it,
                                 so the module's own version detection (Get-CodexInstallation) finds it.
    A new compat file needs nothing for this: call Get-CompatCodexPath (or Invoke-Codex) for the binary, never a fixed
    node_modules path. Where the versions differ, branch on Get-CompatCodexVersion and assert each one's behaviour.
    $env:CODEX_COMPAT_VERSIONS = '0.171.0' (comma-separated) narrows a run to some versions; $env:CODEX_COMPAT_CODEX set
    before the run compares against that one binary only. Invoke-Pester on a single file without the runner tests the
    first pinned version (0.169.0).

    FIXTURES. A fixture is a folder under tests/fixtures/<area>/<case>/ with a case.psd1 and any of:
      home/         the Codex home (CODEX_HOME): config.toml, NAME.config.toml, plugins/cache/..., agents/...
      system/       the system folder: config.toml, managed_config.toml, requirements.toml (bind-mounted on /etc/codex)
      project/...   a project tree with .codex/config.toml layers
      marketplace/  a local marketplace the home refers to
    case.psd1 keys (all optional):
      Description       what the case covers (shown in the test name)
      Profile           the config profile: codex --profile NAME / Get-CodexMcpServer -Profile NAME
      WorkingDirectory  where codex runs and -ProjectPath points, relative to the copy (default: the copy's root)
      GitRepositories   folders that get a .git folder holding HEAD, as git init leaves it (a fixture cannot commit one)
      EmptyGitDirectories  folders that get an empty .git folder (not a repository to codex)
      NeedsSystem       $true when system/ must be what codex reads as /etc/codex
      AllowedErrorIds   module error ids that are expected although codex says nothing (it skips silently)
      ClearEnvironment  more variables to remove from codex's environment (every *_TOKEN named in the files is removed)
      Error             @{ ErrorId = 'Id' or @('Id', ...); Text = 'codex words' or @(...) }: codex must refuse the
                        configuration (exit 1, Text on stderr) and the module must write that error with that Text.
    Files may say {{ROOT}} (the copy's root) and {{HOME}} (its Codex home); they are replaced when the copy is made.
#>

Set-StrictMode -Version Latest

$script:RepositoryRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$script:TextExtensions = @('.toml', '.json', '.md', '.txt')
$script:StrictUtf8 = [System.Text.UTF8Encoding]::new($false, $true)
$script:Fields = @(
    'enabled', 'disabled_reason', 'transport', 'command', 'args', 'env', 'env_vars', 'cwd', 'url', 'bearer_token_env_var',
    'http_headers', 'env_http_headers', 'startup_timeout_sec', 'tool_timeout_sec'
)

function Get-CompatField {
    <# The server fields codex mcp list --json and Get-CodexMcpServer must agree on, in codex's key names. #>
    [CmdletBinding()]
    param()
    return , $script:Fields
}

function Get-CompatVersion {
    <#
    .SYNOPSIS
        The codex versions the suite runs against, oldest first: @{ Version; CodexPath } for every pin of @openai/codex
        in package.json (direct or an npm alias) that npm ci installed. $env:CODEX_COMPAT_VERSIONS narrows them;
        $env:CODEX_COMPAT_CODEX (set before the run) replaces them with that one binary.
    #>
    [CmdletBinding()]
    param()
    if ($env:CODEX_COMPAT_CODEX -and -not $env:CODEX_COMPAT_VERSION) {
        $path = [System.IO.Path]::GetFullPath($env:CODEX_COMPAT_CODEX)
        $version = (& $path --version 2>$null | Select-Object -First 1) -replace '^codex-cli\s+', ''
        return @(@{ Version = [string]$version; CodexPath = $path })
    }
    $package = Get-Content -Raw -LiteralPath (Join-Path $script:RepositoryRoot 'package.json') | ConvertFrom-Json
    $found = foreach ($pin in $package.devDependencies.PSObject.Properties) {
        $isCodex = $pin.Name -eq '@openai/codex' -or ([string]$pin.Value).StartsWith('npm:@openai/codex@')
        if (-not $isCodex) { continue }
        $folder = Join-Path $script:RepositoryRoot "node_modules/$($pin.Name)"
        $manifest = Join-Path $folder 'package.json'
        if (-not (Test-Path -LiteralPath $manifest)) { continue }
        $launcher = Join-Path $folder ($IsWindows ? 'bin/codex.cmd' : 'bin/codex.js')
        if ($IsWindows -and -not (Test-Path -LiteralPath $launcher)) { $launcher = Join-Path $script:RepositoryRoot 'node_modules/.bin/codex.cmd' }
        @{ Version = [string](Get-Content -Raw -LiteralPath $manifest | ConvertFrom-Json).version; CodexPath = $launcher }
    }
    $wanted = @(([string]$env:CODEX_COMPAT_VERSIONS) -split '[,\s]+' | Where-Object { $_ })
    return @($found | Where-Object { -not $wanted -or $_.Version -in $wanted } | Sort-Object { [version]$_.Version })
}

function Get-CompatCodexPath {
    <#
    The codex the current file runs against ($env:CODEX_COMPAT_CODEX, set per version by New-CompatContainer), else
    the first pinned version, or $null when none is installed (a clone without npm ci).
    #>
    [CmdletBinding()]
    param()
    if ($env:CODEX_COMPAT_CODEX) {
        if (Test-Path -LiteralPath $env:CODEX_COMPAT_CODEX -PathType Leaf) { return [System.IO.Path]::GetFullPath($env:CODEX_COMPAT_CODEX) }
        return $null
    }
    $first = Get-CompatVersion | Select-Object -First 1
    if ($first) { return $first.CodexPath }
    return $null
}

function Get-CompatCodexVersion {
    <# The version of the codex the current file runs against, as [version] ($null when none is installed). #>
    [CmdletBinding()]
    param()
    if ($env:CODEX_COMPAT_VERSION) { return [version]$env:CODEX_COMPAT_VERSION }
    $first = Get-CompatVersion | Select-Object -First 1
    if ($first) { return [version]$first.Version }
    return $null
}

function New-CompatContainer {
    <#
    .SYNOPSIS
        Pester containers that run each compat file under Path once per version of Get-CompatVersion, inside a
        Describe named 'codex <version>', with that version's codex as CODEX_COMPAT_CODEX and first on PATH.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string[]] $Path)
    $files = foreach ($p in $Path) {
        if (Test-Path -LiteralPath $p -PathType Container) { Get-ChildItem -LiteralPath $p -Filter '*.Tests.ps1' -File | Sort-Object Name }
        else { Get-Item -LiteralPath $p }
    }
    $versions = @(Get-CompatVersion)
    if (-not $versions) {
        # No codex installed: each file still runs once, and its cases skip saying why (Get-CompatCodexMissingReason).
        $versions = @(@{ Version = 'not installed'; CodexPath = '' })
    }
    foreach ($v in $versions) {
        $bin = ''
        if ($v.CodexPath -and -not $IsWindows) {
            # A folder holding only `codex`, put first on PATH: the module finds this version as a machine's codex.
            $bin = Join-Path $script:RepositoryRoot "out/compat-bin/$($v.Version)"
            $null = New-Item -ItemType Directory -Force $bin
            $link = Join-Path $bin 'codex'
            if (-not (Test-Path -LiteralPath $link)) { $null = New-Item -ItemType SymbolicLink -Path $link -Target $v.CodexPath }
        }
        foreach ($file in $files) {
            New-PesterContainer -Data @{ CompatVersionUnderTest = $v.Version; CompatCodexUnderTest = $v.CodexPath; CompatBinFolder = $bin; CompatTestFile = $file.FullName } -Path (Join-Path $PSScriptRoot 'Compat.Version.ps1')
        }
    }
}

function Get-CompatCodexMissingReason {
    [CmdletBinding()]
    param()
    if (Get-CompatCodexPath) { return $null }
    if ($env:CODEX_COMPAT_CODEX) { return "CODEX_COMPAT_CODEX names $env:CODEX_COMPAT_CODEX, which does not exist" }
    return "the Codex CLI is not installed in $(Join-Path $script:RepositoryRoot 'node_modules/.bin') (run 'dotnet pwsh ./build.ps1 Test', which runs npm ci, to compare against it)"
}

function Test-CompatSystemMount {
    <#
    .SYNOPSIS
        $null when codex can be given a private /etc/codex (unshare -m + mount --bind, as root, on Linux); otherwise
        why not. The machine's /etc/codex is never written: the mount lives in a private mount namespace.
    #>
    [CmdletBinding()]
    param()
    if ($env:CODEX_COMPAT_NO_MOUNT) { return 'CODEX_COMPAT_NO_MOUNT is set' }
    if (-not $IsLinux) { return 'a private /etc/codex needs Linux mount namespaces (unshare -m)' }
    if (-not (Get-Command unshare -CommandType Application -ErrorAction Ignore)) { return 'unshare is not installed' }
    if (-not (Test-Path -LiteralPath '/etc/codex' -PathType Container)) { return '/etc/codex does not exist, so there is nothing to bind-mount over (create it as an empty folder)' }
    $probe = Join-Path $script:RepositoryRoot "out/compat-homes/mount-probe-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $null = New-Item -ItemType Directory -Force $probe
    try {
        $null = [System.IO.File]::WriteAllText((Join-Path $probe 'probe.txt'), 'x')
        $out = & unshare -m sh -c 'mount --bind "$0" /etc/codex && test -f /etc/codex/probe.txt' $probe 2>&1
        if ($LASTEXITCODE -ne 0) { return "unshare -m + mount --bind failed (exit $LASTEXITCODE; it needs root): $($out -join ' ')" }
        return $null
    } finally {
        Remove-Item -LiteralPath $probe -Recurse -Force -ErrorAction Ignore
    }
}

function Get-CompatCase {
    <# Every fixture folder under Path as a hashtable for Pester's -ForEach. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path)
    foreach ($dir in Get-ChildItem -LiteralPath $Path -Directory | Sort-Object Name) {
        $file = Join-Path $dir.FullName 'case.psd1'
        $data = if (Test-Path -LiteralPath $file) { Import-PowerShellDataFile -LiteralPath $file } else { @{} }
        $errorSpec = $data['Error']
        @{
            Name             = $dir.Name
            Path             = $dir.FullName
            HasCaseFile      = (Test-Path -LiteralPath $file)
            Description      = [string]$data['Description']
            Profile          = $data['Profile']
            WorkingDirectory = if ($data['WorkingDirectory']) { [string]$data['WorkingDirectory'] } else { '.' }
            GitRepositories  = @($data['GitRepositories'] | Where-Object { $_ })
            EmptyGitDirectories = @($data['EmptyGitDirectories'] | Where-Object { $_ })
            NeedsSystem      = [bool]$data['NeedsSystem']
            AllowedErrorIds  = @($data['AllowedErrorIds'] | Where-Object { $_ })
            ClearEnvironment = @($data['ClearEnvironment'] | Where-Object { $_ })
            IsError          = $null -ne $errorSpec
            ErrorId          = if ($errorSpec) { @($errorSpec.ErrorId) } else { @() }
            ErrorText        = if ($errorSpec) { @($errorSpec.Text) } else { @() }
            ErrorIdShown     = if ($errorSpec) { @($errorSpec.ErrorId) -join ' or ' } else { '' }
            ErrorTextShown   = if ($errorSpec) { (@($errorSpec.Text) | ForEach-Object { "'$_'" }) -join ' and ' } else { '' }
        }
    }
}

function Remove-CompatHome {
    <#
    .SYNOPSIS
        Removes compat homes of these cases left by runs older than MaxAge (a running suite's are younger). Homes stay
        after a run so a failure's paths can be inspected.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string[]] $Name, [TimeSpan] $MaxAge = [TimeSpan]::FromDays(1))
    $homes = Join-Path $script:RepositoryRoot 'out/compat-homes'
    if (-not (Test-Path -LiteralPath $homes)) { return }
    $cutoff = [DateTime]::UtcNow - $MaxAge
    foreach ($dir in Get-ChildItem -LiteralPath $homes -Directory) {
        if ($dir.LastWriteTimeUtc -ge $cutoff) { continue }
        if ($dir.Name -notmatch '^(?<case>.+)-[0-9a-f]{8}$' -or $Matches.case -notin $Name) { continue }
        Remove-Item -LiteralPath $dir.FullName -Recurse -Force -ErrorAction Ignore
    }
}

function Get-CompatSkipReason {
    <# Why a case cannot run here ($null when it can): no codex, or it needs a private /etc/codex that cannot be made. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][hashtable] $Case, [string] $CodexMissing, [string] $MountProblem)
    if ($CodexMissing) { return $CodexMissing }
    if ($Case.NeedsSystem -and $MountProblem) {
        return "case '$($Case.Name)' needs its system/ folder as codex's /etc/codex, and $MountProblem"
    }
    return $null
}

function ConvertTo-CompatEscapedPath([string] $Path) {
    # The paths go into TOML basic strings and JSON strings: both escape \ and ".
    return $Path.Replace('\', '\\').Replace('"', '\"')
}

function New-CompatHome {
    <#
    .SYNOPSIS
        Copies a fixture to a fresh folder under <repo>/out/compat-homes/ (not /tmp: codex warns there), writes the
        absolute paths it names, and returns where everything is.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][hashtable] $Case,
        # Give codex system/ as /etc/codex (and the module -SystemConfigPath system/). Without it both read the real
        # system folder.
        [switch] $MountSystem
    )
    $root = Join-Path $script:RepositoryRoot "out/compat-homes/$($Case.Name)-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $root = [System.IO.Path]::GetFullPath($root)
    $null = New-Item -ItemType Directory -Force $root
    $source = [System.IO.Path]::GetFullPath($Case.Path)

    # .NET enumeration: it sees dot files (.codex, .mcp.json) that PowerShell's wildcards hide.
    foreach ($file in [System.IO.Directory]::EnumerateFiles($source, '*', [System.IO.SearchOption]::AllDirectories)) {
        $relative = [System.IO.Path]::GetRelativePath($source, $file)
        if ($relative -in @('case.psd1', '.gitattributes')) { continue }
        $target = Join-Path $root $relative
        $null = New-Item -ItemType Directory -Force ([System.IO.Path]::GetDirectoryName($target))
        [System.IO.File]::Copy($file, $target, $true)
    }
    foreach ($d in 'home', 'system', 'userhome') { $null = New-Item -ItemType Directory -Force (Join-Path $root $d) }

    $codexHome = Join-Path $root 'home'
    $tokens = @{ '{{ROOT}}' = (ConvertTo-CompatEscapedPath $root); '{{HOME}}' = (ConvertTo-CompatEscapedPath $codexHome) }
    $clear = [System.Collections.Generic.SortedSet[string]]::new([StringComparer]::Ordinal)
    foreach ($name in $Case.ClearEnvironment) { $null = $clear.Add($name) }
    foreach ($file in [System.IO.Directory]::EnumerateFiles($root, '*', [System.IO.SearchOption]::AllDirectories)) {
        if ([System.IO.Path]::GetExtension($file) -notin $script:TextExtensions) { continue }
        $bytes = [System.IO.File]::ReadAllBytes($file)
        # GetString keeps a BOM as U+FEFF and GetBytes writes it back: the file stays byte for byte what it was.
        try { $text = $script:StrictUtf8.GetString($bytes) } catch { continue }
        foreach ($m in [regex]::Matches($text, '\b[A-Za-z_][A-Za-z0-9_]*_TOKEN\b')) { $null = $clear.Add($m.Value) }
        if (-not $text.Contains('{{')) { continue }
        $replaced = $text
        foreach ($t in $tokens.Keys) { $replaced = $replaced.Replace($t, $tokens[$t]) }
        if ($replaced -cne $text) { [System.IO.File]::WriteAllBytes($file, $script:StrictUtf8.GetBytes($replaced)) }
    }

    foreach ($repo in $Case.GitRepositories) {
        $git = New-Item -ItemType Directory -Force (Join-Path $root "$repo/.git")
        foreach ($d in 'objects', 'refs/heads') { $null = New-Item -ItemType Directory -Force (Join-Path $git $d) }
        [System.IO.File]::WriteAllText((Join-Path $git 'HEAD'), "ref: refs/heads/main`n")
    }
    foreach ($dir in $Case.EmptyGitDirectories) { $null = New-Item -ItemType Directory -Force (Join-Path $root "$dir/.git") }
    $work = [System.IO.Path]::GetFullPath((Join-Path $root $Case.WorkingDirectory))
    $null = New-Item -ItemType Directory -Force $work

    [pscustomobject]@{
        Name             = $Case.Name
        Root             = $root
        CodexHome        = $codexHome
        UserHome         = Join-Path $root 'userhome'
        SystemConfigPath = if ($MountSystem) { Join-Path $root 'system' } else { $null }
        WorkingDirectory = $work
        Profile          = $Case.Profile
        ClearEnvironment = @($clear)
    }
}

function Invoke-Codex {
    <#
    .SYNOPSIS
        Runs the real codex on a compat home: CODEX_HOME and HOME set, stdin from /dev/null, RUST_BACKTRACE and every
        *_TOKEN the fixture names removed, in the case's working directory, with the case's system folder as /etc/codex
        when the home has one. Returns ExitCode, StdOut, StdErr and Json (parsed stdout, $null when it is not JSON).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $CompatHome,
        [Parameter(Mandatory)][string[]] $ArgumentList,
        [string] $CodexPath = (Get-CompatCodexPath),
        [int] $TimeoutSeconds = 120
    )
    $all = @()
    if ($CompatHome.Profile) { $all += @('--profile', $CompatHome.Profile) }
    $all += $ArgumentList

    $psi = [System.Diagnostics.ProcessStartInfo]::new()
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.StandardOutputEncoding = [System.Text.UTF8Encoding]::new($false)
    $psi.StandardErrorEncoding = [System.Text.UTF8Encoding]::new($false)
    $psi.WorkingDirectory = $CompatHome.WorkingDirectory
    if ($CompatHome.SystemConfigPath) {
        # A private mount namespace: /etc/codex is the case's folder for this process only.
        $psi.FileName = 'unshare'
        foreach ($a in @('-m', 'sh', '-c', 'mount --bind "$0" /etc/codex && exec "$@" </dev/null', $CompatHome.SystemConfigPath, $CodexPath) + $all) { $psi.ArgumentList.Add($a) }
    } elseif (-not $IsWindows) {
        $psi.FileName = 'sh'
        foreach ($a in @('-c', 'exec "$@" </dev/null', 'sh', $CodexPath) + $all) { $psi.ArgumentList.Add($a) }
    } else {
        $psi.FileName = $CodexPath
        $psi.RedirectStandardInput = $true
        foreach ($a in $all) { $psi.ArgumentList.Add($a) }
    }
    $psi.Environment['CODEX_HOME'] = $CompatHome.CodexHome
    $psi.Environment['HOME'] = $CompatHome.UserHome
    foreach ($name in @('RUST_BACKTRACE', 'RUST_LIB_BACKTRACE') + $CompatHome.ClearEnvironment) { $null = $psi.Environment.Remove($name) }

    $process = [System.Diagnostics.Process]::Start($psi)
    try {
        if ($psi.RedirectStandardInput) { $process.StandardInput.Close() }
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "codex $($all -join ' ') did not finish within $TimeoutSeconds s (CODEX_HOME=$($CompatHome.CodexHome))."
        }
        $process.WaitForExit()
        $out = $stdout.GetAwaiter().GetResult()
        $json = $null
        if ($out.Trim()) {
            try { $json = ConvertFrom-CompatJson $out } catch { $json = $null }
        }
        [pscustomobject]@{
            Command  = "codex $($all -join ' ')"
            ExitCode = $process.ExitCode
            StdOut   = $out
            StdErr   = $stderr.GetAwaiter().GetResult()
            Json     = $json
        }
    } finally {
        $process.Dispose()
    }
}

function ConvertFrom-CompatJsonElement([System.Text.Json.JsonElement] $Element) {
    switch ($Element.ValueKind) {
        'Object' {
            # Case-sensitive and ordered, unlike ConvertFrom-Json -AsHashtable: env may hold A and a.
            $map = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
            foreach ($p in $Element.EnumerateObject()) { $map[$p.Name] = ConvertFrom-CompatJsonElement $p.Value }
            return , $map
        }
        'Array' {
            $list = [System.Collections.Generic.List[object]]::new()
            foreach ($item in $Element.EnumerateArray()) { $list.Add((ConvertFrom-CompatJsonElement $item)) }
            return , $list.ToArray()
        }
        'String' { return $Element.GetString() }
        'Number' { return $Element.GetDouble() }
        'True' { return $true }
        'False' { return $false }
        default { return $null }
    }
}

function ConvertFrom-CompatJson {
    <# JSON as ordered, case-sensitive dictionaries, arrays, strings, doubles, booleans and $null. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Text)
    $doc = [System.Text.Json.JsonDocument]::Parse($Text)
    try { return , (ConvertFrom-CompatJsonElement $doc.RootElement) } finally { $doc.Dispose() }
}

function Invoke-CompatModule {
    <#
    .SYNOPSIS
        Get-CodexMcpServer on a compat home, as codex sees it: same home, project folder, system folder and profile,
        secrets in clear (codex prints env in clear). Returns Servers (all), Listed (what codex mcp list can show:
        not SourceKind Agent), Errors and Warnings.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $CompatHome)
    $params = @{
        CodexHome     = $CompatHome.CodexHome
        ProjectPath   = $CompatHome.WorkingDirectory
        IncludeSecret = $true
    }
    if ($CompatHome.SystemConfigPath) { $params.SystemConfigPath = $CompatHome.SystemConfigPath }
    if ($CompatHome.Profile) { $params.Profile = $CompatHome.Profile }
    $errors = $null
    $warnings = $null
    $savedHome = $env:HOME
    $env:HOME = $CompatHome.UserHome
    try {
        $servers = @(Get-CodexMcpServer @params -ErrorAction SilentlyContinue -ErrorVariable errors -WarningAction SilentlyContinue -WarningVariable warnings)
    } finally {
        $env:HOME = $savedHome
    }
    [pscustomobject]@{
        Servers  = $servers
        Listed   = @($servers | Where-Object SourceKind -ne 'Agent')
        Errors   = @($errors)
        Warnings = @($warnings)
    }
}

function Get-CompatErrorId {
    <# The error id of an ErrorRecord (FullyQualifiedErrorId without the command name). #>
    param([Parameter(Mandatory)] $ErrorRecord)
    return ($ErrorRecord.FullyQualifiedErrorId -split ',')[0]
}

function Get-CompatErrorText {
    param([Parameter(Mandatory)] $ErrorRecord)
    $text = @($ErrorRecord.Exception.Message)
    if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $text += $ErrorRecord.ErrorDetails.Message }
    return ($text -join "`n")
}

function ConvertTo-CompatMap {
    # A map (IDictionary, IReadOnlyDictionary, or $null for "none") as an ordinal-sorted list of [key, value].
    param($Map)
    $pairs = [System.Collections.Generic.SortedDictionary[string, object]]::new([StringComparer]::Ordinal)
    if ($null -ne $Map) {
        foreach ($key in @($Map.Keys)) { $pairs[[string]$key] = $Map[$key] }
    }
    return , $pairs
}

function Format-CompatValue {
    <# One canonical text per value, so that equal values print equal and a failure shows both sides plainly. #>
    param($Value)
    if ($null -eq $Value) { return 'null' }
    if ($Value -is [string]) { return (ConvertTo-Json -InputObject $Value -Compress) }
    if ($Value -is [bool]) { return $Value ? 'true' : 'false' }
    if ($Value -is [double] -or $Value -is [float] -or $Value -is [int] -or $Value -is [long] -or $Value -is [decimal]) {
        return ([double]$Value).ToString('R', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($Value -is [System.Collections.IDictionary]) {
        $parts = foreach ($k in $Value.Keys) { "$(ConvertTo-Json -InputObject ([string]$k) -Compress): $(Format-CompatValue $Value[$k])" }
        return '{' + ($parts -join ', ') + '}'
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $parts = foreach ($item in $Value) { Format-CompatValue $item }
        return '[' + ($parts -join ', ') + ']'
    }
    return [string]$Value
}

function Format-CompatList {
    # A list where codex prints [] or leaves the key out (args and env_vars of an HTTP server): both are [].
    param($Value)
    if ($null -eq $Value) { return '[]' }
    return Format-CompatValue $Value
}

function ConvertTo-CompatEnvVar {
    # codex prints env_vars as written: "NAME" or {"name": "NAME", "source": "local"|"remote"}. The module lists
    # names, remote ones as "NAME (remote)".
    param($Item)
    if ($Item -is [System.Collections.IDictionary]) {
        $name = [string]$Item['name']
        if ($Item.Contains('source') -and $Item['source'] -ceq 'remote') { return "$name (remote)" }
        return $name
    }
    return [string]$Item
}

function ConvertTo-CompatTimeout {
    param($Seconds, [bool] $IsDefault)
    if ($IsDefault) { return 'null (unset: the default applies)' }
    if ($null -eq $Seconds) { return 'null (unset: the default applies)' }
    return Format-CompatValue ([double]$Seconds)
}

function ConvertTo-ComparableServer {
    <#
    .SYNOPSIS
        One server from either side as name -> canonical text per field (codex's key names). Maps compare unordered
        (codex prints them in random order), a missing map equals an empty one, lists keep their order, timeouts are
        "null (unset ...)" or the number.
    .PARAMETER SystemConfigPath
        The folder the module was given as -SystemConfigPath while codex saw it as /etc/codex: module paths under it are
        written as /etc/codex paths.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject, [string] $SystemConfigPath)
    process {
        $s = $InputObject
        if ($s -is [System.Collections.IDictionary]) {
            # codex mcp list --json / mcp get --json. Values are read by index, never through the pipeline, which
            # would unroll an empty array to $null.
            $t = $s['transport']
            $vars = [System.Collections.Generic.List[string]]::new()
            foreach ($v in @($t['env_vars'])) { if ($null -ne $v) { $vars.Add((ConvertTo-CompatEnvVar $v)) } }
            $row = [ordered]@{
                name                 = [string]$s['name']
                enabled              = Format-CompatValue $s['enabled']
                disabled_reason      = Format-CompatValue $s['disabled_reason']
                transport            = Format-CompatValue $t['type']
                command              = Format-CompatValue $t['command']
                args                 = Format-CompatList $t['args']
                env                  = Format-CompatValue (ConvertTo-CompatMap $t['env'])
                env_vars             = Format-CompatValue $vars
                cwd                  = Format-CompatValue $t['cwd']
                url                  = Format-CompatValue $t['url']
                bearer_token_env_var = Format-CompatValue $t['bearer_token_env_var']
                http_headers         = Format-CompatValue (ConvertTo-CompatMap $t['http_headers'])
                env_http_headers     = Format-CompatValue (ConvertTo-CompatMap $t['env_http_headers'])
                startup_timeout_sec  = ConvertTo-CompatTimeout $s['startup_timeout_sec'] ($null -eq $s['startup_timeout_sec'])
                tool_timeout_sec     = ConvertTo-CompatTimeout $s['tool_timeout_sec'] ($null -eq $s['tool_timeout_sec'])
            }
            if ($s.Contains('enabled_tools')) { $row.enabled_tools = Format-CompatValue $s['enabled_tools'] }
            if ($s.Contains('disabled_tools')) { $row.disabled_tools = Format-CompatValue $s['disabled_tools'] }
            if ($s.Contains('auth_status')) { $row.auth_status = [string]$s['auth_status'] }
            return [pscustomobject]$row
        }

        # Get-CodexMcpServer (a CodexMcpServer, or its deserialized form)
        $reason = $s.DisabledReason
        if ($reason -and $SystemConfigPath) {
            $reason = $reason.Replace($SystemConfigPath.TrimEnd('/') + '/', '/etc/codex/')
        }
        [pscustomobject][ordered]@{
            name                 = [string]$s.Name
            enabled              = Format-CompatValue ([bool]$s.Enabled)
            disabled_reason      = Format-CompatValue $reason
            transport            = Format-CompatValue $s.Transport
            command              = Format-CompatValue $s.Command
            args                 = Format-CompatList $s.Args
            env                  = Format-CompatValue (ConvertTo-CompatMap $s.Env)
            env_vars             = Format-CompatList $s.EnvVars
            cwd                  = Format-CompatValue $s.Cwd
            url                  = Format-CompatValue $s.Url
            bearer_token_env_var = Format-CompatValue $s.BearerTokenEnvVar
            http_headers         = Format-CompatValue (ConvertTo-CompatMap $s.HttpHeaders)
            env_http_headers     = Format-CompatValue (ConvertTo-CompatMap $s.EnvHttpHeaders)
            startup_timeout_sec  = ConvertTo-CompatTimeout $s.StartupTimeoutSec ([bool]$s.StartupTimeoutIsDefault)
            tool_timeout_sec     = ConvertTo-CompatTimeout $s.ToolTimeoutSec ([bool]$s.ToolTimeoutIsDefault)
            enabled_tools        = Format-CompatValue $s.EnabledTools
            disabled_tools       = Format-CompatValue $s.DisabledTools
            auth                 = @($s.Auth)
        }
    }
}

function Compare-CompatServer {
    <#
    .SYNOPSIS
        The disagreements on one field between codex's servers and the module's, one line per server, naming the
        server, the field and both values. Servers only one side lists are left to the name test.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Codex,
        [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Module,
        [Parameter(Mandatory)][string] $Field,
        [string] $CodexSide = 'codex mcp list --json'
    )
    $mine = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
    foreach ($m in $Module) { $mine[$m.name] = $m }
    foreach ($c in $Codex) {
        if (-not $mine.ContainsKey($c.name)) { continue }
        $theirs = $c.$Field
        $ours = $mine[$c.name].$Field
        if ($theirs -cne $ours) {
            "server '$($c.name)' field '$Field': $CodexSide says $theirs, Get-CodexMcpServer says $ours"
        }
    }
}

function Compare-CompatAuth {
    <#
    .SYNOPSIS
        auth_status against Auth: codex's "bearer_token" (an enabled HTTP server with bearer_token_env_var, or an
        Authorization header in http_headers) must be Auth BearerTokenEnvVar or StaticHeaders with that header, and
        the other way round; a stdio server ("unsupported") has Auth None.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Codex,
        [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $ModuleServers
    )
    $mine = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
    foreach ($m in $ModuleServers) { $mine[$m.Name] = $m }
    foreach ($c in $Codex) {
        if (-not $mine.ContainsKey($c.name)) { continue }
        $o = $mine[$c.name]
        $auth = @($o.Auth)
        $staticAuthorization = ($auth -contains 'StaticHeaders') -and @(@($o.HttpHeaders.Keys) | Where-Object { $_ -eq 'Authorization' }).Count -gt 0
        $oursBearer = ($auth -contains 'BearerTokenEnvVar') -or $staticAuthorization
        $shown = "Auth $(Format-CompatValue $auth) (headers $(Format-CompatValue @($o.HttpHeaders.Keys)))"
        if ($c.auth_status -ceq 'bearer_token' -and -not $oursBearer) {
            "server '$($c.name)' field 'auth_status': codex says bearer_token, Get-CodexMcpServer says $shown (neither BearerTokenEnvVar nor StaticHeaders with an Authorization header)"
        } elseif ($c.auth_status -cne 'bearer_token' -and $oursBearer -and $o.Enabled -and $o.Transport -eq 'streamable_http') {
            "server '$($c.name)' field 'auth_status': codex says $($c.auth_status), Get-CodexMcpServer says $shown, a bearer token codex does not see"
        }
        if ($o.Transport -eq 'stdio' -and ($c.auth_status -cne 'unsupported' -or ($auth -join ',') -cne 'None')) {
            "server '$($c.name)' field 'auth_status': a stdio server; codex says $($c.auth_status) (expected unsupported), Get-CodexMcpServer says $shown (expected None)"
        }
    }
}

Export-ModuleMember -Function Get-CompatField, Get-CompatVersion, Get-CompatCodexPath, Get-CompatCodexVersion, New-CompatContainer, Get-CompatCodexMissingReason, Test-CompatSystemMount,
    Get-CompatCase, Get-CompatSkipReason, Remove-CompatHome, New-CompatHome, Invoke-Codex, ConvertFrom-CompatJson, Invoke-CompatModule,
    Get-CompatErrorId, Get-CompatErrorText, Format-CompatValue, ConvertTo-ComparableServer, Compare-CompatServer,
    Compare-CompatAuth

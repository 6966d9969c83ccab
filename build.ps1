#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, documents, tests, benchmarks and demonstrates Codex.Plugins.

.DESCRIPTION
    Tasks:
      Build   compiles the engine and the cmdlets and lays the module out in out/Codex.Plugins (manifest, binaries,
              format and type files, MAML help built from docs/).
      Docs    checks docs/*.md against the cmdlets and writes en-US/Codex.Plugins.dll-Help.xml (part of Build).
      Test    Build, then xunit (engine, help build tool), Pester (module) and compat (module against the real codex binary); ends
              with one line "Tests: N passed, N failed, N skipped" and a non-zero exit code on any failure.
      Bench   runs tests/bench/*.Bench.ps1 and prints ratios against the peers measured in the same run.
      Demo    Build, then shows the inventory of the bundled sample fleet (or of -CodexHome).
      Package lays out the module and zips it into out/Codex.Plugins-<version>.zip.

    Everything the tasks need is installed here, never by hand: NuGet packages through dotnet restore (Pester comes
    from tools/Codex.Plugins.Tools.csproj) and the dev-only npm pins (the real Codex CLI) through npm ci.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test

.EXAMPLE
    dotnet pwsh ./build.ps1 Demo -CodexHome ~/.codex
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Docs', 'Test', 'Bench', 'Demo', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Demo: a Codex home to inventory instead of the bundled sample fleet.
    [string] $CodexHome,

    # Test: run only these suites (default all).
    [ValidateSet('Unit', 'Module', 'Compat')]
    [string[]] $Suite = @('Unit', 'Module', 'Compat')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Codex.Plugins'
$ResultsDir = Join-Path $Out 'test-results'
# The engine targets net8.0; the machine may only have a newer runtime. Test hosts roll forward to it.
$env:DOTNET_ROLL_FORWARD = 'Major'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    param([Parameter(Mandatory)][string] $FilePath, [string[]] $ArgumentList = @(), [switch] $AllowFailure)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    [xml] $props = Get-Content -Raw (Join-Path $Root 'Directory.Build.props')
    return $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
}

function Install-BuildTool {
    # Pester (and any other PowerShell module the build runs) comes from NuGet through a restore-only project.
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/Codex.Plugins.Tools.csproj'), '--verbosity', 'quiet')
}

function Install-Oracle {
    # The real Codex CLI (what compat tests compare against) and the test-only npm tools (the SARIF 2.1.0 schema and
    # its validator), pinned in package.json and package-lock.json. npm ci runs when any pin is missing or different.
    $pins = (Get-Content -Raw (Join-Path $Root 'package.json') | ConvertFrom-Json).devDependencies
    $stale = @($pins.PSObject.Properties | Where-Object {
            $installed = Join-Path $Root "node_modules/$($_.Name)/package.json"
            # An npm alias ("codex-0.171": "npm:@openai/codex@0.171.0") pins the version after the last @.
            $pinned = ([string]$_.Value -replace '^npm:.+@', '')
            -not (Test-Path $installed) -or (Get-Content -Raw $installed | ConvertFrom-Json).version -ne $pinned
        })
    if (-not $stale) { return }
    if (-not (Get-Command npm -ErrorAction Ignore)) { throw 'npm is required to install the Codex CLI and the tools the compat tests use.' }
    Push-Location $Root
    try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel', 'error') } finally { Pop-Location }
}

function Install-Browser {
    # The HTML report is checked in headless Chromium. On Debian-like machines where the build runs as root (CI), it
    # installs Debian's chromium when missing; elsewhere the test says it skipped and why.
    if (Get-Command chromium, chromium-browser, google-chrome -ErrorAction Ignore) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore) -or (& id -u) -ne '0') {
        Write-Host 'Chromium is not installed (and this build cannot install it): the HTML report test will be skipped.'
        return
    }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    # Bounded: a package lock held by someone else must not hang the build; without Chromium the test only skips.
    Invoke-Native -AllowFailure timeout @('300', 'apt-get', 'update', '-qq')
    Invoke-Native -AllowFailure timeout @('600', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium')
}

function Install-SshServer {
    # Publish-CodexManagedConfig and the fleet inventory are tested over real PowerShell remoting: the tests start their
    # own sshd on loopback. On Debian-like machines where the build runs as root (CI) Debian's openssh-server is
    # installed when missing; elsewhere the tests say they skipped and why.
    if ((Get-Command sshd -ErrorAction Ignore) -or (Test-Path '/usr/sbin/sshd')) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore) -or (& id -u) -ne '0') {
        Write-Host 'openssh-server is not installed (and this build cannot install it): the remoting tests will be skipped.'
        return
    }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    # Bounded like the Chromium install: a held package lock must not hang the build.
    Invoke-Native -AllowFailure timeout @('300', 'apt-get', 'update', '-qq')
    Invoke-Native -AllowFailure timeout @('600', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'openssh-server', 'openssh-client')
}

function Install-Git {
    # Install-CodexPlugin fetches git sources with git, as codex plugin add does; its tests use a bare repository
    # reached through file://. A clone of this repository has git; elsewhere Debian's git is installed when missing.
    if (Get-Command git -ErrorAction Ignore) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore) -or (& id -u) -ne '0') {
        Write-Host 'git is not installed (and this build cannot install it): the git-source install tests will be skipped.'
        return
    }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native -AllowFailure timeout @('300', 'apt-get', 'update', '-qq')
    Invoke-Native -AllowFailure timeout @('600', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'git')
}

function Initialize-SystemConfigMount {
    # Compat tests give codex a private /etc/codex with unshare -m and a bind mount, which needs the folder to exist.
    # Under CI the Test task creates it (empty: codex reads nothing from an empty folder); elsewhere the tests say why
    # they skip.
    if ($env:CI -ne 'true' -or -not $IsLinux -or (Test-Path -LiteralPath '/etc/codex') -or (& id -u) -ne '0') { return }
    $null = New-Item -ItemType Directory -Force '/etc/codex'
}

function Get-PesterModulePath {
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Join-Path $nugetRoot 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { Install-BuildTool }
    return $manifest
}

function Join-FormatFile {
    # The views stay in one source file per concept (module/*.format.ps1xml); the module ships them as one file.
    # Import-Module reads, validates and loads each format file on its own: one file instead of eight is most of what
    # formatting costs an import (Import.Bench), and every view is still there at import.
    param([Parameter(Mandatory)][System.IO.FileInfo[]] $Path, [Parameter(Mandatory)][string] $Destination)
    $merged = [xml]'<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions/></Configuration>'
    $views = $merged.SelectSingleNode('/Configuration/ViewDefinitions')
    foreach ($file in $Path | Sort-Object Name) {
        $source = [xml](Get-Content -Raw -LiteralPath $file.FullName)
        if ($source.SelectNodes('/Configuration/*[local-name() != "ViewDefinitions"]').Count -gt 0) {
            throw "$($file.Name): only <ViewDefinitions> can be merged; move shared selection sets or controls into the build's merge."
        }
        foreach ($view in $source.SelectNodes('/Configuration/ViewDefinitions/View')) {
            $null = $views.AppendChild($merged.ImportNode($view, $true))
        }
    }
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($Destination, $settings)
    try { $merged.Save($writer) } finally { $writer.Dispose() }
}

function Invoke-Build {
    $version = Get-ModuleVersion
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/Codex.Plugins/Codex.Plugins.csproj'), '-c', $Configuration, '--nologo', '--verbosity', 'quiet')
    $binDir = Join-Path $Root "src/Codex.Plugins/bin/$Configuration/net8.0"

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $deps = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'Dependencies')
    # Only the cmdlet assembly and the public types sit beside the manifest, in PowerShell's own load context. The
    # engine and its dependencies go to Dependencies/, which PowerShell does not probe: the module loads them into its
    # own context.
    $defaultContext = @('Codex.Plugins.dll', 'Codex.Plugins.Types.dll')
    $defaultContext | ForEach-Object { Copy-Item (Join-Path $binDir $_) $ModuleOut }
    Get-ChildItem $binDir -Filter *.dll | Where-Object Name -notin $defaultContext | Copy-Item -Destination $deps
    Get-ChildItem (Join-Path $Root 'module') -File | Where-Object Name -notlike '*.format.ps1xml' | Copy-Item -Destination $ModuleOut
    Join-FormatFile -Path (Get-ChildItem (Join-Path $Root 'module') -Filter *.format.ps1xml) -Destination (Join-Path $ModuleOut 'Codex.Plugins.format.ps1xml')

    $manifest = Get-Content -Raw (Join-Path $Root 'Codex.Plugins.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion = '$version'"
    Set-Content -Path (Join-Path $ModuleOut 'Codex.Plugins.psd1') -Value $manifest -NoNewline -Encoding utf8NoBOM

    Invoke-Docs
    Write-Host "Built Codex.Plugins $version in $ModuleOut"
}

function Invoke-Docs {
    if (-not (Test-Path (Join-Path $ModuleOut 'Codex.Plugins.psd1'))) { throw 'Build the module before its help.' }
    # The markdown half of the help build is a C# tool (Markdig, YamlDotNet); Build-Help.ps1 runs it from out/HelpBuilder.
    $helpBuilder = Join-Path $Out 'HelpBuilder'
    Invoke-Native dotnet @('build', (Join-Path $Root 'tools/HelpBuilder/Codex.Plugins.HelpBuilder.csproj'), '-c', $Configuration, '-o', $helpBuilder,
        '--nologo', '--verbosity', 'quiet')
    # A child process: importing the module here would lock its DLLs for the rest of the build.
    $helpOut = Join-Path $ModuleOut 'en-US'
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/Build-Help.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'Codex.Plugins.psd1'), '-DocsPath', (Join-Path $Root 'docs'), '-OutputPath', $helpOut,
        '-HelpBuilderPath', (Join-Path $helpBuilder 'Codex.Plugins.HelpBuilder.dll'))
}

function Read-TrxCount {
    param([string] $Path)
    [xml] $trx = Get-Content -Raw $Path
    $c = $trx.TestRun.ResultSummary.Counters
    return [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Skipped = [int]$c.notExecuted }
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $ResultsDir) { Remove-Item $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $ResultsDir
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $broken = [System.Collections.Generic.List[string]]::new()

    # xunit: the engine, and the help build tool's golden files.
    $unitProjects = if ('Unit' -in $Suite) { @('Codex.Plugins.Core.Tests', 'Codex.Plugins.HelpBuilder.Tests') } else { @() }
    foreach ($project in $unitProjects) {
        $trx = Join-Path $ResultsDir "$project.trx"
        Invoke-Native -AllowFailure dotnet @('test', (Join-Path $Root "tests/$project/$project.csproj"),
            '-c', $Configuration, '--nologo', '--verbosity', 'quiet', '--logger', "trx;LogFileName=$trx", '--logger', 'console;verbosity=minimal')
        if (Test-Path $trx) {
            $n = Read-TrxCount $trx
            $totals.Passed += $n.Passed; $totals.Failed += $n.Failed; $totals.Skipped += $n.Skipped
            Write-Host "xunit ($project): $($n.Passed) passed, $($n.Failed) failed, $($n.Skipped) skipped"
        } else { $broken.Add("xunit ($project) produced no results") }
    }

    $pesterSuites = @()
    if ('Module' -in $Suite) { $pesterSuites += 'pester' }
    if ('Module' -in $Suite) { Install-Oracle; Install-Browser; Install-SshServer; Install-Git; Initialize-SystemConfigMount }
    if ('Compat' -in $Suite) { Install-Oracle; Install-Git; Initialize-SystemConfigMount; $pesterSuites += 'compat' }
    foreach ($name in $pesterSuites) {
        $summary = Join-Path $ResultsDir "$name.json"
        Invoke-Native -AllowFailure dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/Invoke-PesterSuite.ps1'),
            '-PesterPath', (Get-PesterModulePath), '-TestPath', (Join-Path $Root "tests/$name"),
            '-ModulePath', (Join-Path $ModuleOut 'Codex.Plugins.psd1'), '-SummaryPath', $summary,
            '-XmlPath', (Join-Path $ResultsDir "$name.xml"))
        if (Test-Path $summary) {
            $n = Get-Content -Raw $summary | ConvertFrom-Json
            $totals.Passed += $n.Passed; $totals.Failed += $n.Failed; $totals.Skipped += $n.Skipped
            Write-Host "$name`: $($n.Passed) passed, $($n.Failed) failed, $($n.Skipped) skipped"
        } else { $broken.Add("Pester suite '$name' produced no results") }
    }

    foreach ($b in $broken) { Write-Host "ERROR: $b" }
    $failed = $totals.Failed + $broken.Count
    Write-Host "Tests: $($totals.Passed) passed, $failed failed, $($totals.Skipped) skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Bench {
    Invoke-Build
    Install-Oracle
    $scripts = Get-ChildItem (Join-Path $Root 'tests/bench') -Filter *.Bench.ps1 | Sort-Object Name
    foreach ($s in $scripts) {
        Write-Host "== $($s.BaseName)"
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', $s.FullName, '-ModulePath', (Join-Path $ModuleOut 'Codex.Plugins.psd1'))
    }
}

function Invoke-Demo {
    Invoke-Build
    $demoArgs = @('pwsh', '-NoProfile', '-File', (Join-Path $Root 'samples/Show-FleetInventory.ps1'), '-ModulePath', (Join-Path $ModuleOut 'Codex.Plugins.psd1'))
    if ($CodexHome) { $demoArgs += @('-CodexHome', (Resolve-Path $CodexHome).ProviderPath) }
    Invoke-Native dotnet $demoArgs
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $Out "Codex.Plugins-$(Get-ModuleVersion).zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $ModuleOut -DestinationPath $zip
    Write-Host "Packaged $zip"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Docs' { Invoke-Docs }
    'Test' { Invoke-Test }
    'Bench' { Invoke-Bench }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
}

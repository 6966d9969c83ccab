# Shared set-up for the module's Pester tests: the module under test and throwaway Codex homes.
# Dot-source it in BeforeAll. The module path comes from build.ps1 (Test task) through $env:CODEX_PLUGINS_MODULE.

$script:ModulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
Import-Module $script:ModulePath -Force -ErrorAction Stop

function New-TestCodexHome {
    <# A Codex home, an empty system folder and a project folder under TestDrive; returns the paths and the
       splat every reader takes, so no test ever reads the real ~/.codex or /etc/codex. #>
    param([string] $Name = [guid]::NewGuid().ToString('N'))
    $root = Join-Path $TestDrive $Name
    $paths = [ordered]@{
        Root    = $root
        Home    = Join-Path $root 'home/.codex'
        System  = Join-Path $root 'etc-codex'
        Project = Join-Path $root 'work'
    }
    foreach ($p in $paths.Home, $paths.System, $paths.Project) { $null = New-Item -ItemType Directory -Force $p }
    $paths.Splat = @{ CodexHome = $paths.Home; SystemConfigPath = $paths.System; ProjectPath = $paths.Project }
    return [pscustomobject]$paths
}

function Write-TestFile {
    <# Writes exact bytes: UTF-8 without BOM unless -Bom; text as given (use "`r`n" for CRLF). #>
    param([Parameter(Mandatory)][string] $Path, [AllowEmptyString()][string] $Text = '', [switch] $Bom)
    $null = New-Item -ItemType Directory -Force (Split-Path $Path)
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($Text)
    if ($Bom) { $bytes = [byte[]](0xEF, 0xBB, 0xBF) + $bytes }
    [System.IO.File]::WriteAllBytes($Path, $bytes)
}

function Get-PwshCommand {
    <# How to start a child pwsh like this one: under `dotnet pwsh` the process is dotnet and pwsh.dll comes first. #>
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return , @($exe, [System.Reflection.Assembly]::GetEntryAssembly().Location)
    }
    return , @($exe)
}

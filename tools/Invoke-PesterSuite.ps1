#Requires -Version 7.4
<#
.SYNOPSIS
    Runs one folder of Pester tests against the built module, in this (child) process, and writes the counts.
.DESCRIPTION
    build.ps1 starts this in a fresh pwsh so the module's DLLs are never loaded into the build session. The tests
    find the module under test through $env:CODEX_PLUGINS_MODULE.
#>
param(
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $TestPath,
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SummaryPath,
    [string] $XmlPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:CODEX_PLUGINS_MODULE = (Resolve-Path -LiteralPath $ModulePath).ProviderPath

$config = New-PesterConfiguration
# The compat suite runs each file once per pinned codex version (tests/compat/CompatHelpers.psm1 says how).
$TestPath = (Resolve-Path -LiteralPath $TestPath).ProviderPath
$folder = if (Test-Path -LiteralPath $TestPath -PathType Container) { $TestPath } else { Split-Path -Parent $TestPath }
$compatHelpers = Join-Path $folder 'CompatHelpers.psm1'
if (Test-Path -LiteralPath $compatHelpers) {
    Import-Module $compatHelpers -Force
    $config.Run.Container = @(New-CompatContainer -Path $TestPath)
    Write-Host "Compat suite against codex $((@(Get-CompatVersion).Version) -join ', ')"
} else {
    $config.Run.Path = $TestPath
}
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($XmlPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $XmlPath
    $config.TestResult.OutputFormat = 'NUnitXml'
}
$result = Invoke-Pester -Configuration $config
# Containers that failed to load (a syntax error in a test file) count as failures: a broken file must not pass.
$containerFailures = @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 }).Count
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $containerFailures
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8NoBOM

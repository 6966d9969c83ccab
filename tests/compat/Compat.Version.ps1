#Requires -Version 7.4
<#
.SYNOPSIS
    One compat file run against one codex version: the container New-CompatContainer (CompatHelpers.psm1) makes per
    version and file. The file runs inside a Describe named 'codex <version>', so each case's name carries it.
.NOTES
    The parameter names are unlikely on purpose: Pester defines them as variables around every block of the file, so a
    name a test file also uses ($CodexPath, $Version) would hide the file's own variable.
#>
param(
    [Parameter(Mandatory)][string] $CompatVersionUnderTest,
    [AllowEmptyString()][string] $CompatCodexUnderTest,
    [AllowEmptyString()][string] $CompatBinFolder,
    [Parameter(Mandatory)][string] $CompatTestFile
)

# Run now, for discovery (the file's BeforeDiscovery and -Skip run now), and again before the file's BeforeAll (the
# other versions' files were discovered in between).
$useVersion = {
    if ($CompatCodexUnderTest) { $env:CODEX_COMPAT_CODEX = $CompatCodexUnderTest; $env:CODEX_COMPAT_VERSION = $CompatVersionUnderTest }
    else { Remove-Item Env:CODEX_COMPAT_CODEX, Env:CODEX_COMPAT_VERSION -ErrorAction Ignore }
    $separator = [System.IO.Path]::PathSeparator
    $rest = @($env:PATH -split [regex]::Escape($separator) | Where-Object { $_ -and $_ -notlike '*compat-bin*' })
    $env:PATH = (@($CompatBinFolder | Where-Object { $_ }) + $rest) -join $separator
}
. $useVersion

Describe "codex $CompatVersionUnderTest" {
    BeforeAll {
        if ($CompatCodexUnderTest) { $env:CODEX_COMPAT_CODEX = $CompatCodexUnderTest; $env:CODEX_COMPAT_VERSION = $CompatVersionUnderTest }
        else { Remove-Item Env:CODEX_COMPAT_CODEX, Env:CODEX_COMPAT_VERSION -ErrorAction Ignore }
        $separator = [System.IO.Path]::PathSeparator
        $rest = @($env:PATH -split [regex]::Escape($separator) | Where-Object { $_ -and $_ -notlike '*compat-bin*' })
        $env:PATH = (@($CompatBinFolder | Where-Object { $_ }) + $rest) -join $separator
    }

    . $CompatTestFile
}

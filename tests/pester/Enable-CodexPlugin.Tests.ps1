# Enable-CodexPlugin and Disable-CodexPlugin: [plugins."p@m"] enabled, by id or from Get-CodexPlugin, with the
# same safety as every change (diff, atomic write, untouched on error).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-PluginHome([string] $Config) {
        $t = New-TestCodexHome
        $t | Add-Member NoteProperty ConfigFile (Join-Path $t.Home 'config.toml')
        Write-TestFile $t.ConfigFile $Config
        foreach ($p in 'alpha', 'beta', 'gamma') {
            $root = Join-Path $t.Home "plugins/cache/team/$p/1.0.0"
            Write-TestFile (Join-Path $root '.codex-plugin/plugin.json') "{ `"name`": `"$p`", `"version`": `"1.0.0`" }"
        }
        return $t
    }

    $script:Config = @'
# plugins of the team marketplace
[plugins."alpha@team"]
enabled = true   # reviewed 2026-11

[plugins.'beta@team']
enabled = false
'@
}

Describe 'Enable-CodexPlugin and Disable-CodexPlugin' {
    It 'Disable flips only the value, keeping comment and quoting' {
        $t = New-PluginHome $Config; $s = $t.Splat
        Disable-CodexPlugin alpha@team @s
        [System.IO.File]::ReadAllText($t.ConfigFile) | Should -BeExactly $Config.Replace('enabled = true   # reviewed', 'enabled = false   # reviewed')
        (Get-CodexPlugin alpha @s).Enabled | Should -BeFalse
    }

    It 'Enable finds a single-quoted key and creates the table for a plugin that has none' {
        $t = New-PluginHome $Config; $s = $t.Splat
        $out = Enable-CodexPlugin -PluginId beta@team, gamma@team -PassThru @s
        $out.PluginId | Should -Be @('beta@team', 'gamma@team')
        $out.Enabled | Should -Be @($true, $true)
        $text = [System.IO.File]::ReadAllText($t.ConfigFile)
        $text | Should -Match "(?m)^\[plugins.'beta@team'\]\r?\nenabled = true$"
        $text | Should -Match '(?m)^\[plugins\."gamma@team"\]\r?\nenabled = true$'
    }

    It 'takes plugins from Get-CodexPlugin on the pipeline' {
        $t = New-PluginHome $Config; $s = $t.Splat
        Get-CodexPlugin @s | Disable-CodexPlugin -SystemConfigPath $t.System
        (Get-CodexPlugin @s).Enabled | Should -Be @($false, $false, $false)
    }

    It 'changing nothing writes nothing' {
        $t = New-PluginHome $Config; $s = $t.Splat
        $stamp = (Get-Item $t.ConfigFile).LastWriteTimeUtc
        Start-Sleep -Milliseconds 20
        Enable-CodexPlugin alpha@team @s
        (Get-Item $t.ConfigFile).LastWriteTimeUtc | Should -Be $stamp
    }

    It 'a plugin that is not installed: error with close ids; the others still change' {
        $t = New-PluginHome $Config; $s = $t.Splat
        Disable-CodexPlugin alpah@team, alpha@team @s -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PluginNotInstalled*'
        "$($e[0].ErrorDetails.Message)" | Should -Match 'Did you mean: alpha@team'
        (Get-CodexPlugin alpha @s).Enabled | Should -BeFalse
    }

    It 'a malformed plugin id is an invalid argument, not a plugin that was not found' {
        $t = New-PluginHome $Config; $s = $t.Splat
        Disable-CodexPlugin 'not an id', alpha@team @s -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PluginIdInvalid,*'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-CodexPlugin alpha @s).Enabled | Should -BeFalse
    }

    It 'a config that does not parse is refused and left as it was' {
        $broken = $Config + "`n[plugins.`"gamma@team`"`n"
        $t = New-PluginHome $broken; $s = $t.Splat
        Enable-CodexPlugin gamma@team @s -ErrorVariable e -ErrorAction SilentlyContinue
        @($e | Where-Object FullyQualifiedErrorId -like 'ConfigParseError*').Count | Should -BeGreaterThan 0
        [System.IO.File]::ReadAllText($t.ConfigFile) | Should -BeExactly $broken
    }

    It 'Disable with -WhatIf writes nothing, and -Confirm:$false writes without asking' {
        $t = New-PluginHome $Config; $s = $t.Splat
        Disable-CodexPlugin alpha@team -WhatIf @s
        [System.IO.File]::ReadAllText($t.ConfigFile) | Should -BeExactly $Config
        Disable-CodexPlugin alpha@team -Confirm:$false @s
        (Get-CodexPlugin alpha @s).Enabled | Should -BeFalse
    }
}

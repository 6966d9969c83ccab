# Hardening leftovers pinned as the module is used: an unwritable -LogPath is refused before any hook runs, and the
# secrets issue 10 found shown in clear outside the masking rules (an agent's instructions, a query_params value under
# a secret-looking key, the first token of a file named by config_file quoted in a parse error) stay masked.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Token = 'ghp_Q3r8Tz1Lm9Xv4Kc7Wb2Np6Hd5Fs0Jy8Ua1Ee'
    $script:Password = 'Qz8vR3pW7x'
}

Describe 'Invoke-CodexHook with a -LogPath it cannot write' -Skip:(-not $IsLinux) {
    It 'refuses before any hook runs: HookLogUnwritable, and the hook never started' {
        $t = New-TestCodexHome
        $ran = Join-Path $TestDrive 'hook-ran'
        $hooks = @{ hooks = @{ Stop = @(@{ hooks = @(@{ type = 'command'; command = "touch '$ran'" }) }) } }
        Write-TestFile (Join-Path $t.Home 'hooks.json') ($hooks | ConvertTo-Json -Depth 10)
        # A folder stands where the log file should be: no account can append to it.
        $log = Join-Path $TestDrive 'log-is-a-folder'
        $null = New-Item -ItemType Directory $log
        $s = $t.Splat
        $err = $null
        try { $null = Invoke-CodexHook Stop -IncludeUntrusted -LogPath $log @s -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'HookLogUnwritable,*'
        Test-Path -LiteralPath $ran | Should -BeFalse -Because 'no hook may run when its results could not be logged'
    }
}

Describe 'Secrets outside the masking rules stay masked' {
    BeforeAll {
        $script:t = New-TestCodexHome
        Write-TestFile (Join-Path $t.Home 'config.toml') @"
[model_providers.corp]
name = "corp"
base_url = "https://corp.example.io/v1"
query_params = { access_token = "$Password", "api-version" = "2025-01-01" }

[agents.rev]
description = "reviewer"
config_file = "agents/rev.toml"

[agents.bad]
description = "bad"
config_file = "agents/bad.toml"
"@
        Write-TestFile (Join-Path $t.Home 'agents/rev.toml') "developer_instructions = `"Push with GITHUB_TOKEN=$Token to the repo`"`n"
        # Not TOML: the parse error quotes the file's first token.
        Write-TestFile (Join-Path $t.Home 'agents/bad.toml') "$Token`n"
        $script:s = $t.Splat
    }

    It '<_>: objects, errors, Format-List * and JSON hold neither secret' -ForEach @('Get-CodexConfig', 'Get-CodexAgent', 'Test-CodexConfiguration') {
        $e = $null
        $o = @(& $_ @s -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $text = ($o | Format-List * | Out-String -Width 400) + ($e | Format-List * -Force | Out-String -Width 400) + ($o | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue)
        $text | Should -Not -Match ([regex]::Escape($Token))
        $text | Should -Not -Match ([regex]::Escape($Password))
    }

    It 'the secrets are really read: an agent''s instructions come out masked, the query_params value too' {
        (Get-CodexAgent rev @s -ErrorAction SilentlyContinue).Instructions | Should -Match 'GITHUB_TOKEN=\*+'
        (Get-CodexConfig @s | Where-Object Key -eq 'model_providers.corp.query_params.access_token').Value | Should -Match '^\*+$'
        $e = $null
        $null = Get-CodexAgent @s -ErrorVariable e -ErrorAction SilentlyContinue
        @($e | Where-Object { $_.CategoryInfo.TargetName -like '*bad.toml' }).Count | Should -Be 1
    }
}

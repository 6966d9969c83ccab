#Requires -Version 7.4
# Get-CodexMcpServer against the real Codex CLI (each pinned version) on the same files. Every folder of tests/fixtures/mcp is one
# configuration (see CompatHelpers.psm1 for the layout and case.psd1): it is copied to a fresh Codex home under
# out/compat-homes/, then `codex mcp list --json` and `codex mcp get NAME --json` are compared with
# Get-CodexMcpServer -IncludeSecret field by field. Cases with an Error entry are configurations codex refuses: codex
# must exit 1 and the module must write the matching error id, in codex's words. The binary is the reference.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $fixtures = Join-Path $PSScriptRoot '../fixtures/mcp'
    $all = @(Get-CompatCase -Path $fixtures)
    $ListCases = @($all | Where-Object { -not $_.IsError })
    $ErrorCases = @($all | Where-Object { $_.IsError })
    $Fields = Get-CompatField
}

BeforeAll {
    # The module under test: build.ps1 and tools/Invoke-PesterSuite.ps1 name it; else the last build.
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $CodexMissing = Get-CompatCodexMissingReason
    $MountProblem = if ($CodexMissing) { $null } else { Test-CompatSystemMount }
    Remove-CompatHome -Name (Get-CompatCase -Path (Join-Path $PSScriptRoot '../fixtures/mcp')).Name
    if ($MountProblem) { Write-Warning "MCP compat: cases that need their own /etc/codex are skipped: $MountProblem" }
}

Describe 'The MCP compat fixtures' -Tag Compat {
    It 'cover at least ten configurations codex loads and the refusals the module must match' -ForEach @(@{ ListCount = $ListCases.Count; ErrorCount = $ErrorCases.Count }) {
        $ListCount | Should -BeGreaterOrEqual 10 -Because 'the issue asks for at least ten configurations'
        $ErrorCount | Should -BeGreaterOrEqual 7 -Because 'each kind of refusal needs its case'
    }

    It '<Name> has a case.psd1' -ForEach ($ListCases + $ErrorCases) {
        $HasCaseFile | Should -BeTrue -Because "tests/fixtures/mcp/$Name needs a case.psd1 that says what it covers"
        $Description | Should -Not -BeNullOrEmpty -Because "tests/fixtures/mcp/$Name/case.psd1 should say what it covers"
    }
}

Describe 'Get-CodexMcpServer agrees with codex mcp list --json' -Tag Compat {
    Context '<Name>' -ForEach $ListCases {
        BeforeAll {
            $Case = $_
            $Skip = Get-CompatSkipReason -Case $Case -CodexMissing $CodexMissing -MountProblem $MountProblem
            if (-not $Skip) {
                $CompatHome = New-CompatHome -Case $Case -MountSystem:(-not $MountProblem)
                # The module first: codex may write into its home (logs, caches), and the module must read the fixture.
                $Ours = Invoke-CompatModule -CompatHome $CompatHome
                $List = Invoke-Codex -CompatHome $CompatHome -ArgumentList @('mcp', 'list', '--json')
                $TheirServers = @(if ($List.ExitCode -eq 0 -and $null -ne $List.Json) { $List.Json })
                $Theirs = @($TheirServers | ConvertTo-ComparableServer)
                $Mine = @($Ours.Listed | ConvertTo-ComparableServer -SystemConfigPath $CompatHome.SystemConfigPath)
                # codex mcp get NAME --json, for the tool lists (list --json leaves them out).
                $Gets = @(foreach ($t in $TheirServers) {
                        $get = Invoke-Codex -CompatHome $CompatHome -ArgumentList @('mcp', 'get', '--json', '--', $t['name'])
                        [pscustomobject]@{ Name = $t['name']; Result = $get; Server = if ($get.ExitCode -eq 0 -and $get.Json) { $get.Json | ConvertTo-ComparableServer } }
                    })
                $About = "fixture $Name ($Description); Codex home $($CompatHome.CodexHome), run in $($CompatHome.WorkingDirectory)" +
                    $(if ($CompatHome.Profile) { " with --profile $($CompatHome.Profile)" } else { '' })
            }
        }

        BeforeEach {
            if ($Skip) { Set-ItResult -Skipped -Because $Skip }
        }

        It 'codex loads the configuration and Get-CodexMcpServer reports no error' {
            $List.ExitCode | Should -Be 0 -Because "$($List.Command) must succeed on $About; stderr: $($List.StdErr)"
            ($List.Json -is [array]) | Should -BeTrue -Because "$($List.Command) prints a JSON array; stdout: $($List.StdOut)"
            $unexpected = @($Ours.Errors | Where-Object { (Get-CompatErrorId $_) -notin $Case.AllowedErrorIds } |
                    ForEach-Object { "$(Get-CompatErrorId $_): $(Get-CompatErrorText $_)" })
            $unexpected | Should -BeNullOrEmpty -Because "codex accepts $About, so Get-CodexMcpServer should not write these errors"
        }

        It 'lists the same servers in the same order' {
            $theirNames = @($Theirs.name)
            $ourNames = @($Mine.name)
            $problems = @(
                foreach ($n in $theirNames) { if ($n -cnotin $ourNames) { "server '$n': listed by codex, missing from Get-CodexMcpServer" } }
                foreach ($n in $ourNames) { if ($n -cnotin $theirNames) { "server '$n': from Get-CodexMcpServer, not listed by codex" } }
            )
            $problems | Should -BeNullOrEmpty -Because "both must list the same servers ($About)"
            ($ourNames -join ' | ') | Should -BeExactly ($theirNames -join ' | ') -Because "Get-CodexMcpServer lists in codex's order ($About)"
        }

        It 'agrees on <_>' -ForEach $Fields {
            $diff = @(Compare-CompatServer -Codex $Theirs -Module $Mine -Field $_)
            $diff | Should -BeNullOrEmpty -Because "codex mcp list --json and Get-CodexMcpServer -IncludeSecret must agree on $_ ($About)"
        }

        It 'agrees on enabled_tools and disabled_tools with codex mcp get --json' {
            $failed = @($Gets | Where-Object { $null -eq $_.Server } | ForEach-Object { "$($_.Result.Command) exited $($_.Result.ExitCode): $($_.Result.StdErr)" })
            $failed | Should -BeNullOrEmpty -Because "codex mcp get must find every server codex mcp list shows ($About)"
            $servers = @($Gets | Where-Object { $null -ne $_.Server } | ForEach-Object { $_.Server })
            $diff = @(
                Compare-CompatServer -Codex $servers -Module $Mine -Field 'enabled_tools' -CodexSide 'codex mcp get --json'
                Compare-CompatServer -Codex $servers -Module $Mine -Field 'disabled_tools' -CodexSide 'codex mcp get --json'
            )
            $diff | Should -BeNullOrEmpty -Because "EnabledTools/DisabledTools must be what codex mcp get --json prints, null for null ($About)"
        }

        It 'agrees with codex mcp get --json on the server itself' {
            # get --json and list --json must describe the same server; a difference here is codex's, and would make
            # the field tests above ambiguous.
            $diff = @(foreach ($f in $Fields) { Compare-CompatServer -Codex @($Gets | Where-Object { $null -ne $_.Server } | ForEach-Object { $_.Server }) -Module $Theirs -Field $f -CodexSide 'codex mcp get --json' })
            $diff = @($diff | ForEach-Object { $_ -replace 'Get-CodexMcpServer says', 'codex mcp list --json says' })
            $diff | Should -BeNullOrEmpty -Because "codex mcp get --json and codex mcp list --json should agree ($About)"
        }

        It 'agrees on auth: codex''s bearer_token is BearerTokenEnvVar or a static Authorization header' {
            $diff = @(Compare-CompatAuth -Codex $Theirs -ModuleServers $Ours.Listed)
            $diff | Should -BeNullOrEmpty -Because "auth_status from codex mcp list --json and Auth from Get-CodexMcpServer must agree ($About)"
        }
    }
}

Describe 'Get-CodexMcpServer refuses what codex refuses' -Tag Compat {
    Context '<Name>' -ForEach $ErrorCases {
        BeforeAll {
            $Case = $_
            $Skip = Get-CompatSkipReason -Case $Case -CodexMissing $CodexMissing -MountProblem $MountProblem
            if (-not $Skip) {
                $CompatHome = New-CompatHome -Case $Case -MountSystem:(-not $MountProblem)
                $Ours = Invoke-CompatModule -CompatHome $CompatHome
                $List = Invoke-Codex -CompatHome $CompatHome -ArgumentList @('mcp', 'list', '--json')
                $About = "fixture $Name ($Description); Codex home $($CompatHome.CodexHome)" +
                    $(if ($CompatHome.Profile) { " with --profile $($CompatHome.Profile)" } else { '' })
            }
        }

        BeforeEach {
            if ($Skip) { Set-ItResult -Skipped -Because $Skip }
        }

        It 'codex exits 1 and says <ErrorTextShown>' {
            $List.ExitCode | Should -Be 1 -Because "codex refuses $About; stdout: $($List.StdOut) stderr: $($List.StdErr)"
            $List.StdOut | Should -BeNullOrEmpty -Because "codex prints nothing on stdout when it refuses ($About)"
            foreach ($text in $ErrorText) {
                $List.StdErr | Should -BeLikeExactly "*$([WildcardPattern]::Escape($text))*" -Because "these are codex's words for $About"
            }
        }

        It 'Get-CodexMcpServer writes <ErrorIdShown> with codex''s words' {
            $ids = @($Ours.Errors | ForEach-Object { Get-CompatErrorId $_ })
            $matching = @($Ours.Errors | Where-Object { (Get-CompatErrorId $_) -cin $ErrorId })
            $matching.Count | Should -BeGreaterThan 0 -Because "codex refuses $About, so Get-CodexMcpServer must write an error with id $($ErrorId -join ' or '); it wrote: $(if ($ids) { $ids -join ', ' } else { 'no error' })"
            $texts = @($matching | ForEach-Object { Get-CompatErrorText $_ }) -join "`n"
            foreach ($text in $ErrorText) {
                $texts | Should -BeLikeExactly "*$([WildcardPattern]::Escape($text))*" -Because "the $($ErrorId -join '/') message should carry codex's own words for $About"
            }
        }
    }
}

BeforeDiscovery {
    # -ForEach data is needed while Pester discovers the tests, before BeforeAll runs.
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force
    $Cmdlets = @(Get-Command -Module Codex.Plugins -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Verb = $_.Verb; Noun = $_.Noun } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Module = Get-Module Codex.Plugins
    $script:Cmdlets = @(Get-Command -Module Codex.Plugins -CommandType Cmdlet)

    $script:t = New-TestCodexHome
    $script:s = $t.Splat
    Write-TestFile (Join-Path $t.Home 'config.toml') @'
[mcp_servers.gitlab]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-gitlab"]
env = { GITLAB_TOKEN = "glpat-remoting-secret-0001" }

[mcp_servers.github]
url = "https://api.githubcopilot.com/mcp/"
bearer_token_env_var = "GITHUB_PAT"
'@

    function Invoke-ChildPwsh([string] $Script) {
        $pwsh = Get-PwshCommand
        $args = $pwsh[1..($pwsh.Count)] + @('-NoProfile', '-NonInteractive', '-Command', $Script) | Where-Object { $_ }
        $output = & $pwsh[0] @args 2>&1
        return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
}

Describe 'Codex.Plugins module' {
    Context 'manifest and commands' {
        It 'exports exactly the cmdlets the manifest lists' {
            $manifest = Import-PowerShellDataFile $ModulePath
            ($Cmdlets.Name | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
            $manifest.PowerShellVersion | Should -Be '7.4'
            $manifest.CompatiblePSEditions | Should -Be @('Core')
        }

        It '<Name> uses an approved verb and a singular noun' -ForEach $Cmdlets {
            (Get-Verb).Verb | Should -Contain $Verb
            $Noun | Should -Not -Match 's$'
        }

        It '<Name> declares its output types, and each has a table view that survives remoting' -ForEach $Cmdlets {
            $types = (Get-Command $Name).OutputType.Name
            $types | Should -Not -BeNullOrEmpty
            # The module's own types need views; strings and files have PowerShell's.
            foreach ($type in $types | Where-Object { $_ -like 'Codex.Plugins.*' }) {
                Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because "$type needs a format view"
                Get-FormatData -TypeName "Deserialized.$type" | Should -Not -BeNullOrEmpty -Because "deserialized $type must format the same"
            }
        }
        It 'keeps its views free of logic: each script block is a format string or one call to the compiled ViewText helper' {
            # Branches, pipelines and loops in a view are untested code that every deserialized copy runs too;
            # they live in src/Codex.Plugins/Formatting/ViewText.cs, where the compiler and reviews see them.
            $formatFiles = Get-ChildItem (Split-Path $ModulePath) -Filter *.format.ps1xml
            $formatFiles | Should -Not -BeNullOrEmpty
            $blocks = foreach ($file in $formatFiles) {
                ([xml](Get-Content -Raw $file.FullName)).SelectNodes('//ScriptBlock') | ForEach-Object { [pscustomobject]@{ File = $file.Name; Text = $_.InnerText.Trim() } }
            }
            $call = '^\[Codex\.Plugins\.Formatting\.ViewText\]::\w+\((\$_\.\w+|''[^'']*''|\$null)(, (\$_\.\w+|''[^'']*''|\$null))*\)$'
            $format = '^''[^'']*'' -f \$_\.\w+(, \$_\.\w+)*$'
            $logic = @($blocks | Where-Object { $_.Text -notmatch $call -and $_.Text -notmatch $format } | ForEach-Object { "$($_.File): $($_.Text)" })
            $logic | Should -BeNullOrEmpty
            @($blocks).Count | Should -BeGreaterThan 50
            # A misspelt helper would only show as an empty column.
            $helpers = [Codex.Plugins.Formatting.ViewText].GetMethods().Name
            foreach ($name in $blocks.Text | Select-String '::(\w+)\(' | ForEach-Object { $_.Matches[0].Groups[1].Value } | Sort-Object -Unique) {
                $helpers | Should -Contain $name
            }
        }
    }

    Context 'dependency isolation' {
        It 'keeps the engine and Tomlyn out of the default load context' {
            $null = Get-CodexConfig @s
            $default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies.GetName().Name
            $default | Should -Contain 'Codex.Plugins'
            $default | Should -Not -Contain 'Tomlyn'
            $default | Should -Not -Contain 'Codex.Plugins.Core'
            $ours = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'Codex.Plugins'
            $ours.Assemblies.GetName().Name | Should -Contain 'Tomlyn'
        }

        It 'works beside another module that loaded a different Tomlyn, in either order' {
            # A stand-in for PSToml: an assembly named Tomlyn, another version, loaded into the default context.
            $fakeDir = Join-Path $TestDrive 'fake-tomlyn'
            $null = New-Item -ItemType Directory -Force $fakeDir
            $fake = Join-Path $fakeDir 'Tomlyn.dll'
            if (-not (Test-Path $fake)) {
                Add-Type -OutputAssembly $fake -TypeDefinition @'
[assembly: System.Reflection.AssemblyVersion("0.19.0.0")]
namespace Tomlyn { public static class Toml { public static string Parse(string s) { return "other:" + s; } } }
'@
            }
            $check = "`$c = Get-CodexConfig -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)' -ProjectPath '$($t.Project)' -Key mcp_servers.github.url -ErrorAction Stop; " +
                "if (`$c.Value -ne 'https://api.githubcopilot.com/mcp/') { throw 'module broken' }; " +
                "if ([Tomlyn.Toml]::Parse('x') -ne 'other:x') { throw 'other Tomlyn broken' }; 'both work'"
            $theirsFirst = Invoke-ChildPwsh "Add-Type -Path '$fake'; Import-Module '$ModulePath'; $check"
            $theirsFirst.Output | Should -Match 'both work'
            $oursFirst = Invoke-ChildPwsh "Import-Module '$ModulePath'; `$null = Get-CodexConfig -CodexHome '$($t.Home)' -SystemConfigPath '$($t.System)'; Add-Type -Path '$fake'; $check"
            $oursFirst.Output | Should -Match 'both work'
        }
    }

    Context 'type data' {
        It 'has every entry of Codex.Plugins.types.ps1xml in the type table after import, and after a forced re-import' {
            # The module adds its types file itself at import (not TypesToProcess, for the import's cost): each
            # display set, serialization depth and deserialization target the file declares is in force.
            $file = Join-Path (Split-Path $ModulePath) 'Codex.Plugins.types.ps1xml'
            $declared = ([xml](Get-Content -Raw $file)).Types.Type
            @($declared).Count | Should -BeGreaterThan 30
            (Import-PowerShellDataFile $ModulePath).Keys | Should -Not -Contain 'TypesToProcess'
            $check = {
                foreach ($type in $declared) {
                    $data = Get-TypeData -TypeName $type.Name
                    $data | Should -Not -BeNullOrEmpty -Because "$($type.Name) is in the types file"
                    $standard = $type.Members.MemberSet.Members
                    foreach ($note in @($standard.NoteProperty | Where-Object { $_ })) {
                        switch ($note.Name) {
                            'SerializationDepth' { $data.SerializationDepth | Should -Be ([uint32]$note.Value) -Because $type.Name }
                            'TargetTypeForDeserialization' { $data.TargetTypeForDeserialization.FullName | Should -Be $note.Value -Because $type.Name }
                            default { throw "$($type.Name): unexpected note $($note.Name)" }
                        }
                    }
                    foreach ($set in @($standard.PropertySet | Where-Object { $_ })) {
                        $data.DefaultDisplayPropertySet.ReferencedProperties | Should -Be @($set.ReferencedProperties.Name) -Because $type.Name
                    }
                }
            }
            & $check
            # -Force runs the module's import again in this runspace: the entries replace themselves, no duplicates.
            Import-Module $ModulePath -Force -ErrorAction Stop
            & $check
            (Get-CodexConfig @s -Key mcp_servers.github.url | Format-List | Out-String) | Should -Match 'Layer'
        }

        It 'takes the type data into a fresh PowerShell with the import alone' {
            $child = Invoke-ChildPwsh ("Import-Module '$ModulePath' -ErrorAction Stop; " +
                "`$h = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize([Codex.Plugins.HookTrustStatus]::Trusted, 2)); " +
                "'target ' + `$h.GetType().FullName; 'depth ' + (Get-TypeData Codex.Plugins.CodexPlugin).SerializationDepth")
            $child.ExitCode | Should -Be 0 -Because $child.Output
            $child.Output | Should -Match 'target Codex\.Plugins\.HookTrustStatus'
            $child.Output | Should -Match 'depth [1-9]'
        }
    }

    Context 'remoting' {
        It 'server objects survive serialization: still formatted, still carrying their data, secrets still masked' {
            $original = Get-CodexMcpServer gitlab @s
            $xml = [System.Management.Automation.PSSerializer]::Serialize($original, 3)
            $xml | Should -Not -Match 'glpat-remoting-secret-0001'
            $copy = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $copy.PSTypeNames[0] | Should -Be 'Deserialized.Codex.Plugins.CodexMcpServer'
            $copy.Name | Should -Be 'gitlab'
            $copy.Args | Should -Be @('-y', '@modelcontextprotocol/server-gitlab')
            $copy.Env['GITLAB_TOKEN'] | Should -Be '*****'
            $copy.CodexHome | Should -Be $t.Home
            # Wide enough that the target column is not wrapped: this test is about what survives, not the layout.
            $table = $copy | Format-Table | Out-String -Width 200
            $table | Should -Match 'Transport'
            $table | Should -Match 'npx -y @modelcontextprotocol/server-gitlab'
        }

        It 'objects from a job format with the same views and can drive the next command' {
            $job = Start-Job -ScriptBlock {
                param($module, $home_, $system, $project)
                Import-Module $module
                Get-CodexMcpServer -CodexHome $home_ -SystemConfigPath $system -ProjectPath $project
            } -ArgumentList $ModulePath, $t.Home, $t.System, $t.Project
            $received = $job | Wait-Job -Timeout 120 | Receive-Job
            $job | Remove-Job -Force
            $received.Count | Should -Be 2
            ($received | Format-Table | Out-String -Width 120) | Should -Match 'streamable_http'
            # The deserialized object still carries what the next command needs (CodexHome by property name).
            $again = $received | Where-Object Name -eq 'github' | Get-CodexMcpServer -Name github -SystemConfigPath $t.System
            $again.Url | Should -Be 'https://api.githubcopilot.com/mcp/'
        }

        It 'config values and layers survive serialization and keep their views' {
            foreach ($o in @((Get-CodexConfig @s -Key mcp_servers.github.url), (Get-CodexConfig @s -ListLayer | Select-Object -First 1))) {
                $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o))
                $copy.PSTypeNames[0] | Should -BeLike 'Deserialized.Codex.Plugins.*'
                ($copy | Format-Table | Out-String) | Should -Not -Match 'PSComputerName|RunspaceId'
            }
        }
    }
}

#Requires -Version 7.4
# Help as a user reads it (Get-Help on the built module), and the converter that builds it (tools/Build-Help.ps1).

BeforeDiscovery {
    Import-Module $env:CODEX_PLUGINS_MODULE -Force
    $cmdlets = @(Get-Module Codex.Plugins).ExportedCmdlets.Values | Sort-Object Name | ForEach-Object {
        @{
            Name = $_.Name
            Parameters = @($_.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters } | Sort-Object)
        }
    }
}

BeforeAll {
    Import-Module $env:CODEX_PLUGINS_MODULE -Force
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
    }

    It 'is read from the MAML file beside the module' {
        # Get-Help rewrites HelpFile to the path it found, so only the file name is compared.
        $module = Get-Module Codex.Plugins
        Join-Path $module.ModuleBase 'en-US' (Split-Path -Leaf (Get-Command $Name).HelpFile) | Should -Exist
    }

    # Without a help file, Get-Help makes the synopsis up from the syntax.
    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Name) + '\s+[\[-]')
    }

    It 'has a description' {
        (@($help.description) | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because $example.title
            (@($example.remarks) | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameter = @($help.parameters.parameter) | Where-Object name -eq $_
        $parameter | Should -Not -BeNullOrEmpty
        (@($parameter.description) | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
    }

    It 'documents no parameter the cmdlet lacks' {
        @($help.parameters.parameter | ForEach-Object name) | Sort-Object | Should -Be $Parameters
    }
}

Describe 'Get-Help -Examples and about topics' {
    It 'shows the examples of Get-CodexMcpServer' {
        $text = Get-Help Get-CodexMcpServer -Examples | Out-String -Width 200
        $text | Should -Match 'Example 1'
        $text | Should -Match 'Example 2'
        $text | Should -Match 'Get-CodexMcpServer -Name'
    }

    # Get-Help finds the about topics of imported modules in their culture folder, whether or not the module is on
    # PSModulePath, so the test needs no PSModulePath change.
    It 'finds about_Codex.Plugins' {
        $about = Get-Help about_Codex.Plugins
        $about.Category | Should -Be 'HelpFile'
        $about.Synopsis | Should -Not -BeNullOrEmpty
        $about | Out-String | Should -Match 'LONG DESCRIPTION'
    }

    It 'lists every error id the engine defines' {
        # The ids are a public contract (scripts branch on them), so the about topic must name each one.
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
        $ids = Get-ChildItem (Join-Path $root 'src/Codex.Plugins.Core/Diagnostics') -Filter 'ErrorIds*.cs' |
            Select-String -Pattern 'const string \w+ = "(\w+)"' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        $ids.Count | Should -BeGreaterThan 20
        $about = Get-Content -Raw (Join-Path $root 'docs/about_Codex.Plugins.md')
        $missing = @($ids | Where-Object { $about -notmatch "``$_``" })
        $missing | Should -BeNullOrEmpty -Because 'docs/about_Codex.Plugins.md (ERROR IDS) should name every id'
    }
}

Describe 'tools/Build-Help.ps1' {
    BeforeAll {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
        $script = Join-Path $root 'tools/Build-Help.ps1'
        $docs = Join-Path $root 'docs'
        # The converter runs on a copy of the module that exports only the cmdlets with a page in docs/, so that these
        # tests check the converter, not whether every new cmdlet has its page yet (the tests above say that).
        $copy = Join-Path $TestDrive 'module'
        $null = New-Item -ItemType Directory $copy
        Copy-Item (Split-Path -Parent (Resolve-Path $env:CODEX_PLUGINS_MODULE).ProviderPath) $copy -Recurse
        $module = Join-Path $copy 'Codex.Plugins/Codex.Plugins.psd1'
        $documented = @(Get-ChildItem (Join-Path $docs '*-*.md') | ForEach-Object BaseName)
        $exported = @((Import-PowerShellDataFile $module).CmdletsToExport | Where-Object { $_ -in $documented } | ForEach-Object { "'$_'" })
        (Get-Content -Raw $module) -replace '(?s)CmdletsToExport\s*=\s*@\(.*?\)', "CmdletsToExport = @($($exported -join ', '))" |
            Set-Content -Path $module -NoNewline

        # Under `dotnet pwsh` this process is dotnet itself, so the child needs pwsh.dll as its first argument.
        $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
            $prefix = @([System.Reflection.Assembly]::GetEntryAssembly().Location)
        }

        # Runs the converter in a child pwsh, as build.ps1 does: its failure is an exit code and text, not an exception
        # in this session, and its import of the module stays out of this one.
        function Invoke-BuildHelp {
            param([string] $DocsPath, [string] $OutputPath)
            $env:NO_COLOR = '1'
            try {
                $output = & $exe @prefix -NoProfile -NonInteractive -File $script -ModulePath $module -DocsPath $DocsPath -OutputPath $OutputPath 2>&1
            }
            finally { Remove-Item Env:NO_COLOR -ErrorAction Ignore }
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Output = (@($output | ForEach-Object { "$_" }) -join "`n") -replace '\x1b\[[0-9;?]*[A-Za-z]', ''
            }
        }

        # A copy of docs/ with one page edited.
        function New-DocsCopy {
            param([string] $Name, [string] $Page, [scriptblock] $Edit)
            $folder = Join-Path $TestDrive $Name 'docs'
            $null = New-Item -ItemType Directory -Force $folder
            Copy-Item (Join-Path $docs '*.md') $folder
            if ($Page) {
                $path = Join-Path $folder $Page
                $text = & $Edit (Get-Content -Raw $path)
                if ($null -eq $text) { Remove-Item $path } else { Set-Content -Path $path -Value $text -NoNewline }
            }
            return $folder
        }
    }

    It 'writes the MAML file and the about topics from the real pages' {
        $out = Join-Path $TestDrive 'good/en-US'
        $result = Invoke-BuildHelp -DocsPath (New-DocsCopy 'good') -OutputPath $out
        $result.ExitCode | Should -Be 0 -Because $result.Output
        [xml] $maml = Get-Content -Raw (Join-Path $out 'Codex.Plugins.dll-Help.xml')
        @($maml.helpItems.command | ForEach-Object { $_.details.name }) | Should -Contain 'Get-CodexMcpServer'
        Join-Path $out 'about_Codex.Plugins.help.txt' | Should -Exist
    }

    # One run over pages with many faults: the converter must name every one of them, not only the first.
    Context 'pages with faults' {
        BeforeAll {
            $folder = New-DocsCopy 'bad' 'Get-CodexConfig.md' {
                param($t)
                $extra = "### -Recurse`nLooks in subfolders.`n`n``````yaml`nType: SwitchParameter`nParameter Sets: (All)`nAliases:`n`n" +
                "Required: False`nPosition: Named`nDefault value: False`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n"
                $t = $t -replace '(?ms)^### -Profile\r?\n.*?(?=^### )', ''
                $t = $t -replace '(?m)^### CommonParameters', ($extra + '### CommonParameters')
                $t = $t -replace '(?ms)^### Example 2:.*?(?=^## PARAMETERS)', ''
                $t = $t -replace '(?ms)(^### -Key\r?\n).*?(?=^```yaml)', '$1'
                $t = $t -replace '(?ms)(^### -Key\r?\n.*?^Position: )0', '${1}3'
                $t = $t -replace '(?ms)(^## SYNOPSIS\r?\n).*?(?=^## SYNTAX)', '$1'
                $t.Replace('Get-CodexConfig model, approval_policy', 'Get-CodexConfig -Keys model, approval_policy')
            }
            Remove-Item (Join-Path $folder 'Get-CodexMcpServer.md')
            $out = Join-Path $TestDrive 'bad/en-US'
            $result = Invoke-BuildHelp -DocsPath $folder -OutputPath $out
        }

        It 'exits with an error and writes no help' {
            $result.ExitCode | Should -Not -Be 0 -Because $result.Output
            Join-Path $out 'Codex.Plugins.dll-Help.xml' | Should -Not -Exist
        }

        It 'names the fault when <Case>' -ForEach @(
            @{ Case = 'a page misses a parameter'; Expected = 'does not document -Profile' }
            @{ Case = 'a page documents a parameter the cmdlet lacks'; Expected = 'documents -Recurse, which Get-CodexConfig does not have' }
            @{ Case = 'a page has one example'; Expected = 'has 1 example\(s\); every cmdlet needs at least two' }
            @{ Case = 'a parameter has no description'; Expected = '-Key has no description' }
            @{ Case = 'the synopsis is empty'; Expected = 'the SYNOPSIS is empty' }
            @{ Case = 'a parameter fact disagrees with the cmdlet'; Expected = "-Key: 'Position: 3', but in the parameter set Value the cmdlet says 'Position: 0'" }
            @{ Case = 'an example uses a parameter the cmdlet lacks'; Expected = 'calls Get-CodexConfig with -Keys, which Get-CodexConfig does not have' }
            @{ Case = 'a cmdlet has no page'; Expected = 'Get-CodexMcpServer: has no help page' }
        ) {
            $result.Output | Should -Match $Expected
        }
    }
}

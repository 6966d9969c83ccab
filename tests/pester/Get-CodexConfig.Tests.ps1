BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:t = New-TestCodexHome
    $script:s = $t.Splat
    Write-TestFile (Join-Path $t.System 'config.toml') "model = `"gpt-5`"`napproval_policy = `"untrusted`"`n"
    Write-TestFile (Join-Path $t.Home 'config.toml') @'
# the user's own settings
model = "gpt-5.5"

[mcp_servers.context7]
command = "npx"
env = { CONTEXT7_API_KEY = "ctx7sk-0123456789abcdef" }

[plugins."github@openai-curated"]
enabled = false
'@
    Write-TestFile (Join-Path $t.Home 'work.config.toml') "model = `"gpt-5.5-codex`"`n"
    Write-TestFile (Join-Path $t.System 'managed_config.toml') "approval_policy = `"on-request`"`n"
}

Describe 'Get-CodexConfig' {
    It 'returns effective values with the layer, file and line they come from' {
        $model = Get-CodexConfig model @s
        $model.Value | Should -Be 'gpt-5.5'
        $model.Layer | Should -Be 'User'
        $model.File | Should -Be (Join-Path $t.Home 'config.toml')
        $model.Line | Should -Be 2
        $model.Overrides | Should -Be @("$(Join-Path $t.System 'config.toml'):1:1")
    }

    It 'applies the profile and managed layers in Codex order' {
        (Get-CodexConfig model @s -Profile work).Layer | Should -Be 'Profile'
        $approval = Get-CodexConfig approval_policy @s
        $approval.Value | Should -Be 'on-request'
        $approval.Layer | Should -Be 'Managed'
    }

    It 'quotes keys that need quotes and takes prefixes and wildcards' {
        (Get-CodexConfig 'plugins."github@openai-curated"' @s).Key | Should -Be 'plugins."github@openai-curated".enabled'
        (Get-CodexConfig 'mcp_servers.*' @s).Key | Should -Be @('mcp_servers.context7.command', 'mcp_servers.context7.env.CONTEXT7_API_KEY')
    }

    It 'masks secrets unless -IncludeSecret' {
        $key = 'mcp_servers.context7.env.CONTEXT7_API_KEY'
        (Get-CodexConfig $key @s).Value | Should -Be '*****'
        (Get-CodexConfig $key @s -IncludeSecret).Value | Should -Be 'ctx7sk-0123456789abcdef'
        (Get-CodexConfig @s | Format-Table | Out-String -Width 300) | Should -Not -Match 'ctx7sk'
    }

    It 'shows one layer''s own values with -Layer' {
        (Get-CodexConfig @s -Layer System).Key | Should -Be @('model', 'approval_policy')
    }

    It 'lists the layers with -ListLayer, present or not' {
        $layers = Get-CodexConfig @s -ListLayer -Profile work
        $layers.Kind | Should -Be @('System', 'User', 'Profile', 'Project', 'Managed')
        ($layers | Where-Object Kind -eq 'Project').Exists | Should -BeFalse
        ($layers | Where-Object Kind -eq 'User').ValueCount | Should -Be 4
    }

    It 'reports an untrusted project layer as present but not applied' {
        $project = Join-Path $t.Project 'repo'
        $null = New-Item -ItemType Directory -Force (Join-Path $project '.git')
        Write-TestFile (Join-Path $project '.codex/config.toml') "model = `"project`"`n"
        $layer = Get-CodexConfig -CodexHome $t.Home -SystemConfigPath $t.System -ProjectPath $project -ListLayer | Where-Object Kind -eq 'Project'
        $layer.Exists | Should -BeTrue
        $layer.Applied | Should -BeFalse
        $layer.Reason | Should -Match 'Not trusted'
        (Get-CodexConfig model -CodexHome $t.Home -SystemConfigPath $t.System -ProjectPath $project).Value | Should -Be 'gpt-5.5'
    }

    It 'writes a non-terminating error for a broken layer and still returns the rest' {
        $b = New-TestCodexHome
        $bs = $b.Splat
        Write-TestFile (Join-Path $b.System 'config.toml') "model = [`n"
        Write-TestFile (Join-Path $b.Home 'config.toml') "model = `"ok`"`n"
        $out = Get-CodexConfig @bs -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Value | Should -Be 'ok'
        $err[0].FullyQualifiedErrorId | Should -Be 'ConfigParseError,Codex.Plugins.Commands.GetCodexConfigCommand'
        $err[0].TargetObject | Should -Be (Join-Path $b.System 'config.toml')
    }

    It 'says so when a named Codex home does not exist, and goes on with the next home from the pipeline' {
        $missing = Join-Path $TestDrive 'no-such-codex-home'
        $homes = @([pscustomobject]@{ CodexHome = $missing }, [pscustomobject]@{ CodexHome = $t.Home })
        $out = $homes | Get-CodexMcpServer -SystemConfigPath $t.System -ProjectPath $t.Project -ErrorVariable err -ErrorAction SilentlyContinue
        $err.FullyQualifiedErrorId | Should -Contain 'CodexHomeNotFound,Codex.Plugins.Commands.GetCodexMcpServerCommand'
        ($err | Where-Object { $_.FullyQualifiedErrorId -like 'CodexHomeNotFound,*' }).TargetObject | Should -Be $missing
        $out.Name | Should -Contain 'context7'
    }

    It 'reports the legacy profile selector that makes Codex refuse to start' {
        $b = New-TestCodexHome
        $bs = $b.Splat
        Write-TestFile (Join-Path $b.Home 'config.toml') "profile = `"work`"`n"
        $null = Get-CodexConfig @bs -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LegacyProfileTable,*'
        $err[0].ToString() | Should -Match 'no longer supported'
    }
}

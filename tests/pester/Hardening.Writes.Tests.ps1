# The four changing cmdlets as an administrator's fleet job runs them: root, on a home uid 4242 owns and has rigged.
# Each attack is one the home's owner can plant; each test says what must never happen to root's files.
BeforeDiscovery {
    $script:IsRoot = -not $IsWindows -and ((& id -u) -eq '0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Owner = '4242'

    function New-RiggedHome {
        # A home with an MCP server, a plugin, a hook, all owned by uid 4242; a root-only secret beside it.
        $t = New-TestCodexHome
        $config = Join-Path $t.Home 'config.toml'
        Write-TestFile $config "model = `"gpt-5`"`n`n[mcp_servers.figma]`nurl = `"https://mcp.figma.com/mcp`"`n`n[plugins.`"alpha@team`"]`nenabled = true`n`n[plugins.`"beta@team`"]`nenabled = false`n"
        foreach ($p in 'alpha', 'beta') {
            Write-TestFile (Join-Path $t.Home "plugins/cache/team/$p/1.0.0/.codex-plugin/plugin.json") "{ `"name`": `"$p`", `"version`": `"1.0.0`" }"
        }
        Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"./done.sh"}]}]}}'
        & chown -R "${Owner}:${Owner}" (Split-Path $t.Home)
        & chmod 0644 $config
        $secretDir = Join-Path $t.Root 'root-only'
        $secret = Join-Path $secretDir 'secret.toml'
        Write-TestFile $secret "token = `"ROOT-SECRET-77c1`"`n"
        & chmod 0700 $secretDir
        & chmod 0600 $secret
        $t | Add-Member NoteProperty ConfigFile $config
        $t | Add-Member NoteProperty Secret $secret
        return $t
    }

    function Assert-SecretUntouched([string] $Secret) {
        [System.IO.File]::ReadAllText($Secret) | Should -BeExactly "token = `"ROOT-SECRET-77c1`"`n"
        (& stat -c '%u:%g %a' $Secret) | Should -Be '0:0 600'
    }

    $script:Changes = @{
        'Set-McpToolApproval' = { param($s, $more) Set-McpToolApproval figma prompt @s @more }
        'Disable-CodexPlugin' = { param($s, $more) Disable-CodexPlugin alpha@team @s @more }
        'Enable-CodexPlugin'  = { param($s, $more) Enable-CodexPlugin beta@team @s @more }
        'Approve-CodexHook'   = { param($s, $more) Get-CodexHook -Event Stop @s | Approve-CodexHook -Confirm:$false @more }
    }
}

Describe 'Changes as root on a home another account owns' -Skip:(-not $IsRoot) {
    It '<_> -Backup never writes through a config.toml.bak planted as a link to a root file' -ForEach @('Set-McpToolApproval', 'Disable-CodexPlugin', 'Enable-CodexPlugin', 'Approve-CodexHook') {
        $t = New-RiggedHome
        $before = [System.IO.File]::ReadAllText($t.ConfigFile)
        $null = New-Item -ItemType SymbolicLink -Path "$($t.ConfigFile).bak" -Target $t.Secret
        & chown -h "${Owner}:${Owner}" "$($t.ConfigFile).bak"

        & $Changes[$_] $t.Splat @{ Backup = $true }

        Assert-SecretUntouched $t.Secret
        $backups = @(Get-ChildItem (Split-Path $t.ConfigFile) | Where-Object Name -match '^config\.toml\.bak\.\d+$')
        $backups.Count | Should -Be 1
        [System.IO.File]::ReadAllText($backups[0].FullName) | Should -BeExactly $before
        (& stat -c '%u:%g %a' $backups[0].FullName) | Should -Be "${Owner}:${Owner} 644"
        (& stat -c '%u:%g %a' $t.ConfigFile) | Should -Be "${Owner}:${Owner} 644"
        Test-Path "$($t.ConfigFile).lock" | Should -BeFalse
    }

    It 'a config.toml.lock planted as a link: ConfigLinkRefused, and nothing is created where it points' {
        $t = New-RiggedHome
        $target = Join-Path (Split-Path $t.Secret) 'created-by-root'
        $null = New-Item -ItemType SymbolicLink -Path "$($t.ConfigFile).lock" -Target $target
        & chown -h "${Owner}:${Owner}" "$($t.ConfigFile).lock"
        $s = $t.Splat; Set-McpToolApproval figma prompt @s -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigLinkRefused*'
        Test-Path $target | Should -BeFalse
    }

    It 'a config.toml the owner links to a root file: ConfigLinkRefused, the root file as it was' {
        $t = New-RiggedHome
        Remove-Item $t.ConfigFile
        & ln -s $t.Secret $t.ConfigFile
        & chown -h "${Owner}:${Owner}" $t.ConfigFile
        $s = $t.Splat
        Set-McpToolApproval figma prompt @s -Backup -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigLinkRefused*'
        Assert-SecretUntouched $t.Secret
    }

    It 'a config.toml linked to the owner''s dotfiles is changed in the dotfiles, and stays a link (as codex mcp add does)' {
        $t = New-RiggedHome
        $dotfile = Join-Path $t.Root 'home/dotfiles/codex.toml'
        $null = New-Item -ItemType Directory (Split-Path $dotfile)
        Move-Item $t.ConfigFile $dotfile
        $null = New-Item -ItemType SymbolicLink -Path $t.ConfigFile -Target $dotfile
        & chown -R -h "${Owner}:${Owner}" (Join-Path $t.Root 'home')
        $s = $t.Splat
        Set-McpToolApproval figma prompt @s
        (Get-Item $t.ConfigFile).LinkTarget | Should -Be $dotfile
        [System.IO.File]::ReadAllText($dotfile) | Should -Match "default_tools_approval_mode = `"prompt`""
        (& stat -c '%u:%g' $dotfile) | Should -Be "${Owner}:${Owner}"
    }

    It 'a Codex home folder marked read-only is refused for root as a read-only file is' {
        $t = New-RiggedHome
        & chmod 0555 $t.Home
        try {
            $before = [System.IO.File]::ReadAllText($t.ConfigFile)
            $s = $t.Splat; Set-McpToolApproval figma prompt @s -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -BeLike 'ConfigReadOnly*'
            [System.IO.File]::ReadAllText($t.ConfigFile) | Should -BeExactly $before
        } finally { & chmod 0755 $t.Home }
    }
}

#Requires -Version 7.4
# Get-CodexHook against the real Codex CLI (each pinned version) on the same files. Every folder of tests/fixtures/hooks is one
# configuration (layout: CompatHelpers.psm1). codex app-server's hooks/list is codex's own inventory of hooks, with the
# key, hash and trust status it uses to decide whether a hook runs; Get-CodexHook must list the same hooks in the same
# order with the same values. A second pass writes [hooks.state] entries from codex's own hashes (trusted, stale,
# disabled) and compares again, so trust statuses are checked without any hash written in a test.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    $Cases = @(Get-CompatCase -Path (Join-Path $PSScriptRoot '../fixtures/hooks'))
}

BeforeAll {
    $modulePath = if ($env:CODEX_PLUGINS_MODULE) { $env:CODEX_PLUGINS_MODULE } else { Join-Path $PSScriptRoot '../../out/Codex.Plugins/Codex.Plugins.psd1' }
    Import-Module $modulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'CompatHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HookCompat.psm1') -Force
    $CodexMissing = Get-CompatCodexMissingReason
    $MountProblem = if ($CodexMissing) { $null } else { Test-CompatSystemMount }
    Remove-CompatHome -Name (Get-CompatCase -Path (Join-Path $PSScriptRoot '../fixtures/hooks')).Name

    function Get-ModuleHookRow($CompatHome) {
        $errors = $null
        $saved = $env:HOME
        $env:HOME = $CompatHome.UserHome
        try {
            $system = if ($CompatHome.SystemConfigPath) { $CompatHome.SystemConfigPath } else { '/etc/codex' }
            $hooks = @(Get-CodexHook -CodexHome $CompatHome.CodexHome -ProjectPath $CompatHome.WorkingDirectory -SystemConfigPath $system -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        } finally { $env:HOME = $saved }
        [pscustomobject]@{ Rows = @($hooks | ConvertTo-CompatHookRow -SystemPath $CompatHome.SystemConfigPath); Hooks = $hooks; Errors = @($errors) }
    }
}

Describe 'The hook compat fixtures' -Tag Compat {
    It 'cover user, project, plugin and managed hooks and what codex skips' -ForEach @(@{ Names = @($Cases.Name) }) {
        foreach ($needed in 'user-layers', 'project-layers', 'plugins', 'managed', 'managed-only', 'bad-input') { $Names | Should -Contain $needed }
    }
}

Describe 'Get-CodexHook agrees with codex app-server hooks/list' -Tag Compat {
    It '<Name>: <Description>' -ForEach $Cases {
        $skip = Get-CompatSkipReason -Case $_ -CodexMissing $CodexMissing -MountProblem $MountProblem
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        $compatHome = New-CompatHome -Case $_ -MountSystem:$NeedsSystem

        $codex = Invoke-CompatHookList -CompatHome $compatHome
        $theirs = @($codex.hooks | ConvertTo-CompatHookRow -Codex)
        $ours = Get-ModuleHookRow $compatHome
        $theirs.Count | Should -BeGreaterThan 0 -Because 'every fixture defines hooks codex lists'
        Compare-CompatHookRow -Theirs $theirs -Ours $ours.Rows | Should -BeNullOrEmpty
        $ours.Errors | Where-Object { $_.FullyQualifiedErrorId.Split(',')[0] -notin $AllowedErrorIds } | Should -BeNullOrEmpty

        # Second pass: trust the first hook with codex's own hash (its definition part: for plugin hooks codex shows
        # "<definition>/<plugin files>" and trusts by the first part), give the second a stale hash, disable the third,
        # and store the fourth's whole hooks/list string (Modified for a plugin hook, Trusted otherwise).
        $rows = @($codex.hooks | Where-Object { -not $_.isManaged })
        if ($rows.Count -gt 0) {
            $state = [System.Text.StringBuilder]::new()
            $null = $state.AppendLine()
            for ($i = 0; $i -lt [Math]::Min(4, $rows.Count); $i++) {
                $escaped = $rows[$i].key.Replace('\', '\\').Replace('"', '\"')
                $null = $state.AppendLine("[hooks.state.`"$escaped`"]")
                switch ($i) {
                    0 { $null = $state.AppendLine("trusted_hash = `"$($rows[$i].currentHash.Split('/')[0])`"") }
                    1 { $null = $state.AppendLine("trusted_hash = `"$($rows[$i].currentHash.Split('/')[0] -replace '.$', 'f')0`"") }
                    2 { $null = $state.AppendLine('enabled = false') }
                    3 { $null = $state.AppendLine("trusted_hash = `"$($rows[$i].currentHash)`"") }
                }
            }
            $config = Join-Path $compatHome.CodexHome 'config.toml'
            $existing = if (Test-Path $config) { [System.IO.File]::ReadAllText($config) } else { '' }
            if ($existing -match '\[hooks\.state\.') { return }
            [System.IO.File]::WriteAllText($config, $existing + $state.ToString())

            $codex2 = Invoke-CompatHookList -CompatHome $compatHome
            $theirs2 = @($codex2.hooks | ConvertTo-CompatHookRow -Codex)
            @($theirs2 | Where-Object Trust -eq 'Trusted').Count | Should -BeGreaterThan 0 -Because 'codex accepts its own hash'
            Compare-CompatHookRow -Theirs $theirs2 -Ours (Get-ModuleHookRow $compatHome).Rows | Should -BeNullOrEmpty
        }
    }
}

Describe 'Approve-CodexHook writes the trust codex accepts' -Tag Compat {
    It '<Name>: every hook it approves, codex lists as trusted; every hook it revokes, as untrusted' -ForEach @($Cases | Where-Object Name -in 'user-layers', 'project-layers', 'plugins') {
        $skip = Get-CompatSkipReason -Case $_ -CodexMissing $CodexMissing -MountProblem $MountProblem
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        $compatHome = New-CompatHome -Case $_ -MountSystem:$NeedsSystem
        $system = if ($compatHome.SystemConfigPath) { $compatHome.SystemConfigPath } else { '/etc/codex' }
        $p = @{ CodexHome = $compatHome.CodexHome; ProjectPath = $compatHome.WorkingDirectory; SystemConfigPath = $system }
        $saved = $env:HOME
        $env:HOME = $compatHome.UserHome
        try {
            $approvable = @(Get-CodexHook @p -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object { -not $_.IsManaged -and $_.TrustHashKnown })
            $approvable.Count | Should -BeGreaterThan 0
            $approved = @($approvable | Approve-CodexHook @p -Confirm:$false -PassThru -WarningAction SilentlyContinue)
        } finally { $env:HOME = $saved }
        $approved.Count | Should -Be $approvable.Count

        $codex = Invoke-CompatHookList -CompatHome $compatHome
        foreach ($hook in $approvable) {
            $theirs = $codex.hooks | Where-Object key -eq $hook.Key
            $theirs.trustStatus | Should -Be 'trusted' -Because "codex must accept the hash Approve-CodexHook wrote for $($hook.Key)"
        }

        $env:HOME = $compatHome.UserHome
        try { $approvable | Approve-CodexHook @p -Revoke -Confirm:$false -WarningAction SilentlyContinue } finally { $env:HOME = $saved }
        $after = Invoke-CompatHookList -CompatHome $compatHome
        foreach ($hook in $approvable) {
            ($after.hooks | Where-Object key -eq $hook.Key).trustStatus | Should -Be 'untrusted'
        }
    }
}

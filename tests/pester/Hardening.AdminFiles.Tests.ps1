# Hardening: the files an admin hands a cmdlet by path (a masking key, a placeholder mapping, a secret baseline, a
# requirements.toml to preview, a recorded hook payload) have size limits too, as every file the module finds does. A
# wrong path (a log, a disk image) was read whole before anything looked at it. Each file here is one byte over its
# kind's limit, so a cmdlet that still read it would come back with another error or none: the error must name the limit
# and the file, and it must come before any byte is read. The files are sparse (no disk is written).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function New-SparseFile([string] $Path, [long] $Size) {
        $null = New-Item -ItemType Directory -Force (Split-Path $Path)
        $stream = [System.IO.File]::Create($Path)
        try { $stream.SetLength($Size) } finally { $stream.Dispose() }
        return $Path
    }

    function Get-OneError([scriptblock] $Command) {
        # A file given as a parameter is the command's input: one too large ends the command (as a missing one does),
        # with one error, and nothing comes out.
        $out = $null
        try { $out = @(& $Command) } catch { return $_ }
        throw "no error; the command returned $($out.Count) object(s)"
    }

    $script:t = New-TestCodexHome
    $script:Over1MiB = 1MB + 1
    $script:Over64MiB = 64MB + 1
}

Describe 'Files given by path are refused over their limit, before they are read' {
    It 'Protect-CodexData -KeyPath: a key file over 1 MiB is MaskKeyInvalid naming the limit' {
        $key = New-SparseFile (Join-Path $t.Root 'big.key') $Over1MiB
        $e = Get-OneError { 'mail ana@example.org' | Protect-CodexData -KeyPath $key }
        ($e.FullyQualifiedErrorId -split ',')[0] | Should -Be 'MaskKeyInvalid'
        $e.Exception.Message | Should -Match 'masking key file limit of 1 MiB'
        $e.Exception.Message | Should -Match ([regex]::Escape($key))
    }

    It 'Unprotect-CodexData -MappingPath: a mapping over 64 MiB is MaskMappingUnreadable naming the limit' {
        $mapping = New-SparseFile (Join-Path $t.Root 'big-mapping.json') $Over64MiB
        $e = Get-OneError { 'hello <EMAIL_1>' | Unprotect-CodexData -MappingPath $mapping }
        ($e.FullyQualifiedErrorId -split ',')[0] | Should -Be 'MaskMappingUnreadable'
        $e.Exception.Message | Should -Match 'placeholder mapping limit of 64 MiB'
    }

    It 'Find-CodexSecret -BaselinePath: a baseline over 64 MiB is SecretBaselineInvalid naming the limit' {
        $baseline = New-SparseFile (Join-Path $t.Root 'baseline.json') $Over64MiB
        $e = Get-OneError { 'token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' | Find-CodexSecret -BaselinePath $baseline }
        ($e.FullyQualifiedErrorId -split ',')[0] | Should -Be 'SecretBaselineInvalid'
        $e.Exception.Message | Should -Match 'secret baseline limit of 64 MiB'
    }

    It 'Test-CodexCompliance: a requirements.toml over 64 MiB is ManagedPolicyFileInvalid naming the limit' {
        $requirements = New-SparseFile (Join-Path $t.Root 'preview/requirements.toml') $Over64MiB
        $s = $t.Splat
        $e = Get-OneError { Test-CodexCompliance -Requirements $requirements @s }
        ($e.FullyQualifiedErrorId -split ',')[0] | Should -Be 'ManagedPolicyFileInvalid'
        $e.Exception.Message | Should -Match 'TOML configuration file limit of 64 MiB'
    }

    It 'Invoke-CodexHook -InputObject: a payload file over 64 MiB is HookInputInvalid naming the limit' {
        $payload = New-SparseFile (Join-Path $t.Root 'payload.json') $Over64MiB
        Write-TestFile (Join-Path $t.Home 'hooks.json') '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"cat >/dev/null"}]}]}}'
        $s = $t.Splat
        $e = Get-OneError { Invoke-CodexHook Stop -InputObject $payload -IncludeUntrusted @s }
        ($e.FullyQualifiedErrorId -split ',')[0] | Should -Be 'HookInputInvalid'
        $e.Exception.Message | Should -Match 'hook payload file limit of 64 MiB'
    }
}

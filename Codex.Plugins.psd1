@{
    RootModule           = 'Codex.Plugins.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0d7a52-3c1e-4e55-9b7e-2a8c1f4d9e31'
    Author               = 'Codex.Plugins developers'
    CompanyName          = 'Codex.Plugins'
    Copyright            = '(c) Codex.Plugins developers. MIT licence.'
    Description          = 'Govern OpenAI Codex agent configuration: see plugins, skills, MCP servers, hooks, agents and permission profiles as objects, check them against policy, and change them without breaking them.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # The public types, in PowerShell's own load context, so [Codex.Plugins.CodexPlugin] resolves after Import-Module.
    RequiredAssemblies   = @('Codex.Plugins.Types.dll')
    # Built from module/*.format.ps1xml (one source file per concept) into one file: see Join-FormatFile in build.ps1.
    FormatsToProcess     = @('Codex.Plugins.format.ps1xml')
    # Codex.Plugins.types.ps1xml is not in TypesToProcess: the module adds it to the type table itself at import
    # (src/Codex.Plugins/Loading/ModuleTypeData.cs), for a fraction of what PowerShell's loading of it costs.
    CmdletsToExport      = @(
        'Approve-CodexHook'
        'Compare-CodexPlugin'
        'Disable-CodexPlugin'
        'Enable-CodexPlugin'
        'Export-CodexAuditReport'
        'Find-CodexSecret'
        'Get-CodexAgent'
        'Get-CodexConfig'
        'Get-CodexHook'
        'Get-CodexInstallation'
        'Get-CodexMarketplace'
        'Get-CodexMcpServer'
        'Get-CodexPlugin'
        'Get-CodexSession'
        'Get-CodexSkill'
        'Install-CodexPlugin'
        'Invoke-CodexHook'
        'Measure-CodexSession'
        'Measure-CodexSkillBudget'
        'New-CodexManagedConfig'
        'New-CodexPlugin'
        'New-CodexSecretHook'
        'Protect-CodexData'
        'Publish-CodexManagedConfig'
        'Publish-CodexPlugin'
        'Set-McpToolApproval'
        'Test-CodexCompliance'
        'Test-CodexConfiguration'
        'Test-CodexPermissionProfile'
        'Test-CodexPlugin'
        'Uninstall-CodexPlugin'
        'Unprotect-CodexData'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Codex', 'OpenAI', 'MCP', 'Plugins', 'Configuration', 'Audit', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/codex-plugins/Codex.Plugins'
            LicenseUri   = 'https://github.com/codex-plugins/Codex.Plugins/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}

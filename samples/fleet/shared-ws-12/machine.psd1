@{
    Description = 'Shared workstation in the design studio: IT pushes /etc/codex/managed_config.toml.'
}

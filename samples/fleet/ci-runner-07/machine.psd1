@{
    Description = 'Build agent: codex exec in release pipelines, MCP allowlist in /etc/codex/requirements.toml.'
}

namespace Codex.Plugins.Configuration.Schema;

/// <summary>
/// The types Codex deserializes config.toml into (its ConfigToml), for the keys an admin writes. A value of the wrong
/// type anywhere fails the whole load, "failed to load bootstrap configuration"; so does an unknown variant of an
/// enum. Unknown keys are ignored at every level (checked against the binary), so a key missing here is never an
/// error. [mcp_servers] is typed by the MCP reader, which reports the same refusals with the server's name.
/// Each entry is pinned by a case in tests/compat/ConfigSchema.Compat.Tests.ps1 that codex refuses.
/// </summary>
public static class CodexConfigSchema
{
    private static readonly ConfigValueType Str = new StringType();
    private static readonly ConfigValueType Bool = new BooleanType();
    private static readonly ConfigValueType I64 = new IntegerType(unsigned: false);
    private static readonly ConfigValueType U64 = new IntegerType(unsigned: true);
    private static readonly ConfigValueType Strings = new ArrayType(Str);

    private static readonly ConfigValueType ApprovalPolicy = new EnumOrTableType(
        new EnumType("untrusted", "on-failure", "on-request", "granular", "never"),
        new TableType(new (string, ConfigValueType)[]
        {
            ("granular", new TableType(new[]
            {
                ("mcp_elicitations", Bool), ("rules", Bool), ("sandbox_approval", Bool), ("request_permissions", Bool), ("skill_approval", Bool),
            }, "mcp_elicitations", "rules", "sandbox_approval")),
        }, "granular"));

    private static readonly ConfigValueType SandboxMode = new EnumType("read-only", "workspace-write", "danger-full-access");
    private static readonly ConfigValueType ReasoningSummary = new EnumType("auto", "concise", "detailed", "none");
    private static readonly ConfigValueType Verbosity = new EnumType("low", "medium", "high");
    private static readonly ConfigValueType WebSearchMode = new EnumType("disabled", "cached", "indexed", "live");
    private static readonly ConfigValueType ToolApproval = new EnumType("auto", "prompt", "approve");

    /// <summary>Feature flags are booleans; the few with a table form are named beside them.</summary>
    private static readonly ConfigValueType Features = new TableWithEntriesType(
        new (string, ConfigValueType)[]
        {
            ("apps_mcp_path_override", new UntaggedType("FeatureToml", Bool, new TableType(new[] { ("enabled", Bool), ("path", Str) }))),
        },
        Bool);

    private static readonly ConfigValueType WebSearchTool = new UntaggedType("WebSearchToolConfigInput",
        Bool,
        new TableType(new (string, ConfigValueType)[]
        {
            ("allowed_domains", Strings), ("context_size", new EnumType("low", "medium", "high")),
            ("location", new TableType(new[] { ("city", Str), ("country", Str), ("region", Str), ("timezone", Str) })),
        }));

    private static readonly ConfigValueType Tools = new TableType(new (string, ConfigValueType)[]
    {
        ("web_search", WebSearchTool),
        ("experimental_request_user_input", new TableType(new[] { ("enabled", Bool) })),
    });

    private static readonly ConfigValueType OtelExporter = new EnumOrTableType(
        new EnumType("none", "statsig", "otlp-http", "otlp-grpc"),
        new TableType(new (string, ConfigValueType)[]
        {
            ("otlp-http", new TableType(new[] { ("endpoint", Str), ("protocol", new EnumType("binary", "json")), ("headers", new MapType(Str)) })),
            ("otlp-grpc", new TableType(new[] { ("endpoint", Str), ("headers", new MapType(Str)) })),
        }));

    private static readonly ConfigValueType FilesystemAccess = new EnumType("read", "write", "deny", "none");

    /// <summary>[permissions.NAME]: serde checks every profile's types, used or not (the default's extends and paths are checked later).</summary>
    private static readonly ConfigValueType PermissionProfile = new TableType(new (string, ConfigValueType)[]
    {
        ("description", Str),
        ("extends", Str),
        ("filesystem", new TableWithEntriesType(
            new (string, ConfigValueType)[] { ("glob_scan_max_depth", U64) },
            new UntaggedType("FilesystemPermissionToml", FilesystemAccess, new MapType(FilesystemAccess)))),
        ("network", new TableType(new (string, ConfigValueType)[]
        {
            ("enabled", Bool), ("allow_local_binding", Bool), ("allow_upstream_proxy", Bool),
        })),
    });

    private static readonly ConfigValueType HookHandler = new TableType(
        new (string, ConfigValueType)[]
        {
            ("type", new EnumType("command", "mcp_tool", "prompt", "agent")),
            ("command", Str), ("timeout", U64), ("async", Bool), ("statusMessage", Str),
        },
        requiredWhen: table => table["type"] is TomlValueNode { Value: "command" } ? new[] { "command" } : Array.Empty<string>(),
        "type");

    private static readonly ConfigValueType MatcherGroups = new ArrayType(new TableType(new (string, ConfigValueType)[]
    {
        ("matcher", Str), ("hooks", new ArrayType(HookHandler)),
    }));

    private static readonly ConfigValueType Hooks = new TableType(
        new[] { "PreToolUse", "PostToolUse", "PermissionRequest", "PreCompact", "PostCompact", "SessionStart", "Stop", "SubagentStart", "SubagentStop", "UserPromptSubmit" }
            .Select(e => (e, MatcherGroups))
            .Append(("state", (ConfigValueType)new MapType(new TableType(new[] { ("enabled", Bool), ("trusted_hash", Str) })))));

    private static readonly ConfigValueType AppEntry = new TableType(new (string, ConfigValueType)[]
    {
        ("enabled", Bool), ("destructive_enabled", Bool), ("open_world_enabled", Bool), ("default_tools_enabled", Bool),
        ("default_tools_approval_mode", ToolApproval),
        ("approvals_reviewer", new EnumType("user", "auto_review", "guardian_subagent")),
        ("tools", new MapType(new TableType(new[] { ("enabled", Bool), ("approval_mode", ToolApproval) }))),
    });

    /// <summary>What a profile may set (a [profiles.NAME] table; a NAME.config.toml file is a whole layer).</summary>
    private static readonly (string, ConfigValueType)[] ProfileFields =
    {
        ("model", Str), ("model_provider", Str), ("review_model", Str),
        ("approval_policy", ApprovalPolicy), ("sandbox_mode", SandboxMode),
        ("model_reasoning_summary", ReasoningSummary), ("model_verbosity", Verbosity),
        ("web_search", WebSearchMode), ("chatgpt_base_url", Str),
        ("features", Features), ("tools", Tools),
    };

    /// <summary>The top of config.toml (and of every layer Codex reads as one: system, managed, project, profile files).</summary>
    public static readonly ConfigValueType Root = new TableType(ProfileFields.Concat(new (string, ConfigValueType)[]
    {
        ("default_permissions", Str),
        ("approvals_reviewer", new EnumType("user", "auto_review", "guardian_subagent")),
        ("model_context_window", I64), ("model_auto_compact_token_limit", I64),
        ("model_supports_reasoning_summaries", Bool), ("hide_agent_reasoning", Bool), ("show_raw_agent_reasoning", Bool),
        ("instructions", Str), ("developer_instructions", Str), ("compact_prompt", Str), ("model_instructions_file", Str),
        ("notify", Strings),
        ("project_doc_max_bytes", U64), ("project_doc_fallback_filenames", Strings), ("project_root_markers", Strings),
        ("file_opener", new EnumType("vscode", "vscode-insiders", "windsurf", "cursor", "none")),
        ("forced_login_method", new EnumType("chatgpt", "api")),
        ("cli_auth_credentials_store", new EnumType("file", "keyring", "auto", "ephemeral")),
        ("mcp_oauth_credentials_store", new EnumType("auto", "file", "keyring")),
        ("check_for_update_on_startup", Bool), ("disable_paste_burst", Bool),
        ("sandbox_workspace_write", new TableType(new (string, ConfigValueType)[]
        {
            ("writable_roots", Strings), ("network_access", Bool), ("exclude_tmpdir_env_var", Bool), ("exclude_slash_tmp", Bool),
        })),
        ("shell_environment_policy", new TableType(new (string, ConfigValueType)[]
        {
            ("inherit", new EnumType("core", "all", "none")), ("ignore_default_excludes", Bool),
            ("exclude", Strings), ("include_only", Strings), ("set", new MapType(Str)), ("experimental_use_profile", Bool),
        })),
        ("history", new TableType(new (string, ConfigValueType)[] { ("persistence", new EnumType("save-all", "none")), ("max_bytes", U64) })),
        ("tui", new TableType(new (string, ConfigValueType)[]
        {
            ("notifications", new UntaggedType("Notifications", Bool, Strings)),
            ("animations", Bool), ("alternate_screen", new EnumType("auto", "always", "never")),
        })),
        ("otel", new TableType(new (string, ConfigValueType)[]
        {
            ("exporter", OtelExporter), ("trace_exporter", OtelExporter), ("metrics_exporter", OtelExporter),
            ("log_user_prompt", Bool), ("environment", Str),
        })),
        ("projects", new MapType(new TableType(new[] { ("trust_level", (ConfigValueType)new EnumType("trusted", "untrusted")) }))),
        ("profiles", new MapType(new TableType(ProfileFields))),
        ("permissions", new MapType(PermissionProfile)),
        ("hooks", Hooks),
        ("agents", new TableWithEntriesType(
            new (string, ConfigValueType)[] { ("interrupt_message", Bool), ("job_max_runtime_seconds", U64), ("max_depth", I64), ("max_threads", U64) },
            new TableType(new (string, ConfigValueType)[] { ("config_file", Str), ("description", Str), ("nickname_candidates", Strings) }))),
        ("apps", new TableWithEntriesType(
            new (string, ConfigValueType)[] { ("_default", new TableType(new[] { ("enabled", Bool), ("destructive_enabled", Bool), ("open_world_enabled", Bool) })) },
            AppEntry)),
        ("plugins", new MapType(new TableType(new (string, ConfigValueType)[] { ("enabled", Bool) }))),
        ("marketplaces", new MapType(new TableType(new (string, ConfigValueType)[]
        {
            ("source", Str), ("source_type", new EnumType("git", "local")), ("ref", Str), ("sparse_paths", Strings),
        }))),
    }));
}

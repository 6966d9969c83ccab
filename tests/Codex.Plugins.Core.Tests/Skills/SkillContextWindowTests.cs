using Codex.Plugins.Skills;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Skills;

public class SkillContextWindowTests
{
    private static readonly Version V0169 = new(0, 169, 0);
    private static readonly Version V0171 = new(0, 171, 0);

    [Fact]
    public void Without_a_model_each_release_takes_its_default_model_and_its_window()
    {
        using var tree = new TempTree();
        ContextWindowChoice old = SkillContextWindow.Resolve(tree.Load(), null, V0169);
        ContextWindowChoice current = SkillContextWindow.Resolve(tree.Load(), null, V0171);

        Assert.Equal(("gpt-6.1-sol", "Default", 272_000L, "Default"), (old.Model, old.ModelSource, old.Window!.Value, old.Source));
        Assert.Equal(("gpt-6.2-sol", 500_000L, 872_000L), (current.Model, current.Window!.Value, current.MaxContextWindow));
    }

    [Fact]
    public void A_configured_window_is_capped_at_the_maximum_of_the_model_it_matches_by_longest_prefix()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig("model = \"gpt-daybreak-red-latest-2026\"\nmodel_context_window = 1000000\n");
        ContextWindowChoice choice = SkillContextWindow.Resolve(tree.Load(), null, V0169);
        Assert.Equal("gpt-daybreak-red-latest", choice.CatalogModel);
        Assert.Equal((372_000L, "Config (capped)"), (choice.Window!.Value, choice.Source));

        tree.WriteUserConfig("model = \"gpt-6.1-sol\"\nmodel_context_window = 600000\n");
        Assert.Equal((600_000L, "Config"), (SkillContextWindow.Resolve(tree.Load(), null, V0169).Window!.Value, SkillContextWindow.Resolve(tree.Load(), null, V0169).Source));
    }

    [Fact]
    public void A_model_the_catalog_does_not_know_gets_272000_as_window_and_maximum()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig("model = \"gpt-5\"\nmodel_context_window = 1000000\n");
        ContextWindowChoice choice = SkillContextWindow.Resolve(tree.Load(), null, V0171);
        Assert.Null(choice.CatalogModel);
        Assert.Equal((272_000L, 272_000L, "Config (capped)"), (choice.Window!.Value, choice.MaxContextWindow, choice.Source));
    }

    [Fact]
    public void A_namespaced_model_matches_after_its_namespace_and_a_profile_file_changes_the_model()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig("model = \"custom/gpt-6.2-sol\"\n");
        Assert.Equal("gpt-6.2-sol", SkillContextWindow.Resolve(tree.Load(), null, V0171).CatalogModel);
        Assert.Null(SkillContextWindow.Resolve(tree.Load(), null, V0169).CatalogModel);

        tree.Write("home/.codex/small.config.toml", "model = \"gpt-5.5\"\nmodel_context_window = 400000\n");
        ContextWindowChoice profiled = SkillContextWindow.Resolve(tree.Load(profile: "small"), null, V0171);
        Assert.Equal(("gpt-5.5", 272_000L), (profiled.Model, profiled.Window!.Value));
        Assert.True(profiled.SkillsUsage, "gpt-5.5's catalog entry asks for the How to use skills section");
        Assert.False(SkillContextWindow.Resolve(tree.Load(), null, V0171).SkillsUsage);
        Assert.Contains("small.config.toml", profiled.ModelSource);
    }

    [Fact]
    public void The_parameter_is_a_what_if_taken_as_given()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig("model = \"gpt-5.5\"\n");
        ContextWindowChoice choice = SkillContextWindow.Resolve(tree.Load(), 2_000_000, V0171);
        Assert.Equal((2_000_000L, "Parameter", 272_000L), (choice.Window!.Value, choice.Source, choice.MaxContextWindow));
        Assert.Null(SkillContextWindow.Resolve(tree.Load(), 0, V0171).Window);
    }
}

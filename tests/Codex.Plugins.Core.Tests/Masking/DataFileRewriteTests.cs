using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

public class DataFileRewriteTests
{
    [Fact]
    public void A_copy_goes_to_the_destination_file_or_keeps_its_name_in_a_destination_folder()
    {
        using var t = new TempTree();
        string source = t.Write("in/log.txt", "x");
        string folder = t.Dir("out");

        Assert.Equal(new DataFileRewrite(source, Path.Combine(folder, "log.txt"), null), DataFileRewrite.Plan(source, folder, inPlace: false, replaceExisting: false));
        Assert.Equal(new DataFileRewrite(source, Path.Combine(folder, "new.txt"), null), DataFileRewrite.Plan(source, Path.Combine(folder, "new.txt"), inPlace: false, replaceExisting: false));
        Assert.Equal(new DataFileRewrite(source, source, null), DataFileRewrite.Plan(source, null, inPlace: true, replaceExisting: false));
    }

    [Fact]
    public void The_source_itself_an_existing_copy_without_replace_a_folder_and_nothing_are_refused()
    {
        using var t = new TempTree();
        string source = t.Write("in/log.txt", "x");
        string existing = t.Write("out/log.txt", "old");

        Assert.Equal(ErrorIds.SecretDestinationInvalid, DataFileRewrite.Plan(source, source, inPlace: false, replaceExisting: true).Refusal?.ErrorId);
        DataFileRewrite exists = DataFileRewrite.Plan(source, existing, inPlace: false, replaceExisting: false);
        Assert.Equal((ErrorIds.SecretDestinationInvalid, existing), (exists.Refusal?.ErrorId, exists.Refusal?.File));
        Assert.Null(DataFileRewrite.Plan(source, existing, inPlace: false, replaceExisting: true).Refusal);
        Assert.Equal(ErrorIds.SecretFileUnreadable, DataFileRewrite.Plan(t.Dir("in"), null, inPlace: true, replaceExisting: false).Refusal?.ErrorId);
        Assert.Equal(ErrorIds.SecretPathNotFound, DataFileRewrite.Plan(Path.Combine(t.Root, "gone.txt"), t.Dir("out"), inPlace: false, replaceExisting: false).Refusal?.ErrorId);
    }
}

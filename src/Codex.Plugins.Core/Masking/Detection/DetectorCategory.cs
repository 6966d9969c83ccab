namespace Codex.Plugins.Masking.Detection;

/// <summary>What a detector finds: a credential, or personal data about someone.</summary>
public enum DetectorCategory
{
    Secret,
    PersonalData,
}

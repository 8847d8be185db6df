using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>Fill-in-the-middle support told by the family alone, for dialects that cannot show the vocabulary.</summary>
internal static class FamilyFimSupport
{
    public static bool? FimFromFamily(ModelFamily family) => new FamilyDetection(family, null).SupportsFim;
}

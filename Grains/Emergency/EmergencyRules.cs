using DataSharing.Common;

namespace DataSharing.Emergency;

/// <summary>What an emergency opening must say (Art 35) and who may open one, checked before anything is written.</summary>
public static class EmergencyRules
{
    /// <summary>The API checks without <paramref name="now"/> (the domain clock is the silo's), the grain with its clock.</summary>
    public static void ValidateOpening(OpenEmergency opening, DateTimeOffset? now)
    {
        if (opening.EntryCodes is null || opening.EntryCodes.Count == 0)
        {
            throw new ValidationFailedException("entryCodes", "entryCodes names at least one catalog entry to open.", "Art 35");
        }

        Require.DistinctLines(opening.EntryCodes, "entryCodes", article: "Art 35");
        for (var i = 0; i < opening.EntryCodes.Count; i++)
        {
            Require.Id(opening.EntryCodes[i], $"entryCodes[{i}]", "Art 35");
        }

        Require.Text(opening.Reason, "reason", "Art 35");
        var expires = Require.Instant(opening.ExpiresAt, "expiresAt", "Art 35");
        if (expires <= now)
        {
            throw new ValidationFailedException("expiresAt", $"expiresAt {expires:O} has passed: an opening runs until a later instant.", "Art 35");
        }

        Require.Line(opening.UpdateFrequency, "updateFrequency", "Art 35");
    }

    /// <summary>
    /// Art 35: "the government and departments handling" an emergency open the data. The data authority opens any entry;
    /// the head of a department opens its own department's entries (the department's own data, on the head's
    /// responsibility, as Art 26 gives extensions to heads). Operators and the public open nothing.
    /// </summary>
    public static void EnsureMayOpen(Actor by, IEnumerable<string> providers)
    {
        if (by.Role == Role.DataAuthority)
        {
            return;
        }

        if (by.Role == Role.DepartmentHead && providers.All(by.ActsFor))
        {
            return;
        }

        throw new NotEntitledException(by.Role == Role.DepartmentHead
            ? "A department head opens only its own department's entries for an emergency; the data authority opens any (Art 35)."
            : "An emergency opening is the data authority's, or a department head's for its own entries (Art 35).");
    }
}

using System.Text.RegularExpressions;

namespace KnowledgeBase.Tests.Linking;

/// <summary>
/// The one property every shortcut in front of a regex must have (decisions 0045, 0050, 0051): on the texts given, it admits
/// every text the regex matches; and, to be worth having, the texts exercise the regex and the shortcut turns some away.
/// </summary>
internal static class PrecheckAssertions
{
    public static void AdmitsEveryMatch(IEnumerable<string> texts, Regex pattern, Func<string, bool> mayMatch, string shortcut, int minMatched, int minRejected)
    {
        var matched = 0;
        var rejected = 0;
        var wrong = new List<string>();
        foreach (var text in texts)
        {
            var admitted = mayMatch(text);
            if (!admitted) rejected++;
            if (!pattern.IsMatch(text)) continue;
            matched++;
            if (!admitted && wrong.Count < 10) wrong.Add(text);
        }

        wrong.Should().BeEmpty($"{shortcut} must admit every text {pattern} matches");
        matched.Should().BeGreaterThan(minMatched, "the texts must exercise the regex");
        rejected.Should().BeGreaterThan(minRejected, $"{shortcut} must turn texts away, or it is not worth having");
    }
}

using System.Text;
using FluentAssertions;

namespace KnowledgeBase.Tests.Web;

/// <summary>
/// The app's stylesheets parse as intended. A browser recovers silently from an unclosed block by treating
/// everything after it as part of that block, so one missing brace drops every later rule (the evidence map's
/// colours once went black that way) while every page still loads. These checks fail the build instead.
/// </summary>
public sealed class StylesheetTests
{
    private static readonly string Root = Path.Combine(TestPaths.RepoRoot, "src", "KnowledgeBase.Web", "wwwroot");

    public static TheoryData<string> Stylesheets()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*.css", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void Every_block_is_closed_and_no_rule_is_swallowed_by_another(string relativePath)
    {
        var problems = CssStructure.Check(File.ReadAllText(Path.Combine(Root, relativePath)));
        problems.Should().BeEmpty($"{relativePath} must parse as written");
    }

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void Every_custom_property_used_is_defined(string relativePath)
    {
        var css = File.ReadAllText(Path.Combine(Root, relativePath));
        var defined = System.Text.RegularExpressions.Regex.Matches(css, @"(--[\w-]+)\s*:").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = System.Text.RegularExpressions.Regex.Matches(css, @"var\(\s*(--[\w-]+)\s*\)").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);
        used.Where(u => !defined.Contains(u)).Should().BeEmpty($"{relativePath} uses only custom properties it defines");
    }

    [Fact]
    public void The_checker_reports_an_unclosed_rule_with_the_line_it_opened_on()
    {
        const string css = ".a {\n  color: red;\n}\n\n.b {\n  display: block;\n/* a comment { } */\n.c {\n  fill: #000;\n}\n";
        CssStructure.Check(css).Should().Equal(
            "line 8: a rule opens inside the block opened on line 5 (is a '}' missing?)",
            "line 5: block never closed");
    }

    [Fact]
    public void The_checker_accepts_at_rules_strings_and_comments_holding_braces()
    {
        const string css = "@media (max-width: 40rem) {\n  .a { content: \"{\"; }\n}\n/* } */\n.b::after { content: '}'; }\n";
        CssStructure.Check(css).Should().BeEmpty();
    }

    [Fact]
    public void The_checker_reports_a_stray_closing_brace_and_a_block_left_open_at_the_end()
    {
        CssStructure.Check(".a { }\n}\n").Should().ContainSingle().Which.Should().Be("line 2: '}' closes nothing");
        CssStructure.Check(".a {\n  color: red;\n").Should().ContainSingle().Which.Should().Be("line 1: block never closed");
    }
}

/// <summary>
/// A small structural reader of CSS: comments and strings skipped, blocks tracked. Reports a rule opened inside
/// a declaration block (the project writes no nested CSS, so that is a missing '}'), a '}' with nothing to
/// close, and blocks left open at the end, each with its line.
/// </summary>
internal static class CssStructure
{
    public static IReadOnlyList<string> Check(string css)
    {
        var problems = new List<string>();
        // Each open block: the line it opened on and whether it is an at-rule group (@media, @supports...), which may hold rules.
        var open = new Stack<(int Line, bool Group)>();
        var line = 1;
        var prelude = new StringBuilder();
        for (var i = 0; i < css.Length; i++)
        {
            var c = css[i];
            if (c == '\n') line++;
            if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? css.Length : end + 2;
                line += css.AsSpan(i, stop - i).Count('\n');
                i = stop - 1;
                continue;
            }
            if (c is '"' or '\'')
            {
                var j = i + 1;
                while (j < css.Length && css[j] != c && css[j] != '\n') j += css[j] == '\\' ? 2 : 1;
                i = Math.Min(j, css.Length - 1);
                continue;
            }
            switch (c)
            {
                case '{':
                    var text = prelude.ToString().Trim();
                    if (open.TryPeek(out var parent) && !parent.Group)
                        problems.Add($"line {line}: a rule opens inside the block opened on line {parent.Line} (is a '}}' missing?)");
                    open.Push((line, text.StartsWith("@media", StringComparison.Ordinal) || text.StartsWith("@supports", StringComparison.Ordinal)
                        || text.StartsWith("@layer", StringComparison.Ordinal) || text.StartsWith("@container", StringComparison.Ordinal)));
                    prelude.Clear();
                    break;
                case '}':
                    if (!open.TryPop(out _)) problems.Add($"line {line}: '}}' closes nothing");
                    prelude.Clear();
                    break;
                case ';':
                    prelude.Clear();
                    break;
                default:
                    prelude.Append(c);
                    break;
            }
        }
        problems.AddRange(open.Reverse().Select(b => $"line {b.Line}: block never closed"));
        return problems;
    }
}

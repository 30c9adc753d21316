using KnowledgeBase.Interchange.Writing;

namespace KnowledgeBase.Tests.Interchange;

public sealed class CslTextTests
{
    [Theory]
    [InlineData("Catarina", "C")]
    [InlineData("Nancy K", "NK")]
    [InlineData("J. W. M.", "JWM")]
    [InlineData("E.B.", "EB")]
    [InlineData("Jean-Pierre", "JP")]
    [InlineData("MEmre", "Me")]
    [InlineData("Yu. B.", "YuB")]
    [InlineData("Ludwig van", "L van")]
    [InlineData("Émile", "É")]
    public void Initialises_a_given_name_as_citeproc_does_for_Vancouver_and_AMA(string given, string expected) =>
        CslText.Initialize(given).Should().Be(expected);

    [Theory]
    [InlineData("337-344", true, "–", "337–44")]
    [InlineData("1187 - 1194", true, "–", "1187–94")]
    [InlineData("e2294", true, "–", "e2294")]
    [InlineData("Not-Given", true, "–", "Not-Given")]
    [InlineData("17-29,151-152", true, "–", "17-29,151-152")]
    [InlineData("590-7", true, "–", "590–7")]
    [InlineData("337-44", false, "-", "337-344")]
    [InlineData("S723-726", false, "-", "S723-726")]
    [InlineData("C1-4", true, "–", "C1-4")]
    [InlineData("e12-e19", true, "–", "e12–9")]
    [InlineData("12a-15a", true, "–", "12a–5a")]
    [InlineData("100-99", false, "-", "100-199")]
    [InlineData("12-19 & 22-24", true, "–", "12–9 & 22–4")]
    [InlineData("22-22", false, "-", "22-22")]
    public void Page_ranges_follow_the_csl_page_range_format(string pages, bool minimal, string delimiter, string expected) =>
        CslText.PageRange(pages, minimal, delimiter).Should().Be(expected);

    [Theory]
    [InlineData("18", true)]
    [InlineData("1-2", true)]
    [InlineData("S2", true)]
    [InlineData("I", false)]
    [InlineData("Spring", false)]
    [InlineData("WXYZ-12-3", false)]
    public void Numeric_values_are_numbers_with_optional_letters(string value, bool numeric) =>
        CslText.IsNumeric(value).Should().Be(numeric);

    [Theory]
    [InlineData("the effect of a drug on pain", "The Effect of a Drug on Pain")]
    [InlineData("what to do next", "What to Do Next")]
    [InlineData("merriam-webster.com dictionary", "Merriam-Webster.Com Dictionary")]
    [InlineData("(re)imagining the world", "(Re)Imagining the World")]
    [InlineData("notes from the st. germain ms. (g1) and i", "Notes from the St. Germain Ms. (g1) and I")]
    [InlineData("results: the first year", "Results: The First Year")]
    [InlineData("mRNA vaccines in the USA", "mRNA Vaccines in the USA")]
    [InlineData("school-going adolescents", "School-Going Adolescents")]
    public void Title_case_capitalises_lower_case_words_but_not_function_words(string text, string expected) =>
        CslText.TitleCase(text).Should().Be(expected);
}

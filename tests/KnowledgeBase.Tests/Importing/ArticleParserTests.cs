using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Tests.Importing;

public sealed class ArticleParserTests
{
    private const string File000 = "000_0a69e49d4b7b84ee.txt";
    private const string File001 = "001_a9ffed9fe85c4e76.txt";
    private const string File002 = "002_686357fa200a96a7.txt";
    private const string File003 = "003_b91c22ed071beb9d.txt";
    private const string File004 = "004_e7acfcdfef7a4db6.txt";

    private static readonly string[] SeedFiles = [File000, File001, File002, File003, File004];

    private static readonly string[] BoilerplatePhrases =
    [
        "Subscribe To Our Newsletter",
        "Join our mailing list",
        "Successfully Subscribed",
        "Request Information Packet",
        "information packet",
        "Thanks for your interest",
        "Learn more about stem cell therapy for ALS here",
        "get in touch with us",
        "call us",
        "+91-9654321400",
        "protected]",
        "whatsapp",
        "optionsMND",
        "ALSstem cell",
    ];

    public static TheoryData<string> Seeds => new(SeedFiles);

    private static string ReadSeed(string name) => File.ReadAllText(Path.Combine(TestPaths.Seeds, name));

    private static IReadOnlyList<ParsedArticle> ParseSeed(string name) => ArticleParser.Parse(ReadSeed(name));

    [Fact]
    public void Splits_the_five_seed_files_into_seven_articles()
    {
        var counts = SeedFiles.ToDictionary(f => f, f => ParseSeed(f).Count);

        counts.Should().Equal(new Dictionary<string, int>
        {
            [File000] = 1, [File001] = 3, [File002] = 1, [File003] = 1, [File004] = 1,
        });
        counts.Values.Sum().Should().Be(7);
    }

    [Fact]
    public void Splits_file_with_doubled_titles_into_three_articles()
    {
        var articles = ParseSeed(File001);

        articles.Select(a => a.Title).Should().Equal(
            "Stem Cells Show Protective Potential for Amyotrophic Lateral Sclerosis (ALS)",
            "Stem Cells that Secrete Neurotrophic Factors Shown to be Safe in ALS Patients",
            "Phase I Clinical Trial Demonstrates Safety of Stem Cell Therapy for Amyotrophic Lateral Sclerosis");
        articles.Select(a => a.PartIndex).Should().Equal(0, 1, 2);
        articles.Should().OnlyContain(a => a.TitleOrigin == TitleOrigin.Printed);
    }

    [Fact]
    public void Doubled_title_is_not_repeated_in_the_cleaned_body()
    {
        var articles = ParseSeed(File001);

        foreach (var article in articles)
            article.CleanedText.Should().NotContain(article.Title);
        articles[0].CleanedText.Should().StartWith("Stem cells are being increasingly used");
        articles[1].CleanedText.Should().StartWith("Amyotrophic lateral sclerosis, known as ALS, is only partially understood");
        articles[1].CleanedText.Should().EndWith("how they can best be used to combat the disease.");
        articles[2].CleanedText.Should().StartWith("A recent publication in");
        articles[2].CleanedText.Should().EndWith("while maintaining high degrees of safety.");
    }

    [Fact]
    public void Original_text_slices_reassemble_file_001_exactly()
    {
        var text = ReadSeed(File001);

        var articles = ArticleParser.Parse(text);

        string.Concat(articles.Select(a => a.OriginalText)).Should().Be(text);
        articles[1].OriginalText.Should().StartWith("Stem Cells that Secrete Neurotrophic Factors Shown to be Safe in ALS Patients\n\nStem Cells that Secrete");
        articles[2].OriginalText.Should().StartWith("Phase I Clinical Trial");
    }

    [Theory]
    [InlineData(File000)]
    [InlineData(File002)]
    [InlineData(File003)]
    [InlineData(File004)]
    public void Single_article_file_keeps_the_whole_input_as_original_text(string file)
    {
        var text = ReadSeed(file);

        ArticleParser.Parse(text).Should().ContainSingle().Which.OriginalText.Should().Be(text);
    }

    [Fact]
    public void Files_without_a_doubled_title_get_the_first_sentence_as_title()
    {
        var derived = new[] { File000, File002, File003, File004 }.Select(f => ParseSeed(f).Single()).ToList();

        derived.Should().OnlyContain(a => a.TitleOrigin == TitleOrigin.DerivedFromText);
        derived.Should().OnlyContain(a => a.Title.Length <= ArticleParser.MaxDerivedTitleLength);
        derived[0].Title.Should().Be("Amyotrophic lateral sclerosis (ALS), also known as motor neuron disease or Lou Gehrig’s…");
        derived[1].Title.Should().Be("Amyotrophic Lateral Sclerosis (ALS), also known as Lou Gehrig’s disease, is a progressive…");
        derived[2].Title.Should().Be("Amyotrophic lateral sclerosis (ALS) is a progressive neurodegenerative condition");
        derived[3].Title.Should().Be("Motor Neuron Diseases (MND) are marked by the deterioration of motor neurons or nerve…");
    }

    [Fact]
    public void Section_headings_after_the_first_paragraph_are_never_taken_as_the_title()
    {
        var text = "MSC stem cells are multipotent cells derived from cord tissue. They may help.\n\nHow MSC Stem Cell Therapy Works for ALS\n\nThe cells are injected.\n";

        var article = ArticleParser.Parse(text).Single();

        article.Title.Should().Be("MSC stem cells are multipotent cells derived from cord tissue");
        article.TitleOrigin.Should().Be(TitleOrigin.DerivedFromText);
        article.CleanedText.Should().Contain("\n\nHow MSC Stem Cell Therapy Works for ALS\n\n");
    }

    [Fact]
    public void Long_first_sentence_is_cut_on_a_word_boundary_with_an_ellipsis()
    {
        var sentence = "Stem cell therapy has been studied in many small open-label trials of patients with amyotrophic lateral sclerosis over two decades.";

        var title = ArticleParser.Parse(sentence + " Second sentence.").Single().Title;

        title.Should().EndWith("…");
        title.Length.Should().BeLessThanOrEqualTo(ArticleParser.MaxDerivedTitleLength);
        var withoutEllipsis = title[..^1];
        sentence.Should().StartWith(withoutEllipsis);
        sentence[withoutEllipsis.Length].Should().Be(' ', "the cut falls between words");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_boilerplate_phrase_is_left_in_any_cleaned_text(string file)
    {
        foreach (var article in ParseSeed(file))
        {
            foreach (var phrase in BoilerplatePhrases)
                article.CleanedText.Should().NotContainEquivalentOf(phrase, $"\"{phrase}\" is web boilerplate ({file}, article {article.PartIndex})");
        }
    }

    [Fact]
    public void Counts_removed_boilerplate_lines_where_there_were_some()
    {
        // 000: 2 newsletter headings + mailing list + subscribed, and 12 information-packet blocks of 3 lines.
        ParseSeed(File000).Single().RemovedBoilerplateLines.Should().Be(40);
        ParseSeed(File001).Select(a => a.RemovedBoilerplateLines).Should().Equal(0, 0, 41);
        ParseSeed(File002).Single().RemovedBoilerplateLines.Should().Be(0);
        ParseSeed(File003).Single().RemovedBoilerplateLines.Should().Be(1);
        // 004: the contact line at the top, the tag cloud and "whatsapp" at the bottom.
        ParseSeed(File004).Single().RemovedBoilerplateLines.Should().Be(3);
    }

    [Fact]
    public void Keeps_the_last_real_paragraph_when_a_contact_line_follows()
    {
        var cleaned = ParseSeed(File003).Single().CleanedText;

        cleaned.Should().EndWith("larger, better-designed clinical trials are required to truly validate its benefit.");
    }

    [Fact]
    public void Keeps_headings_bullets_and_faq()
    {
        var cleaned002 = ParseSeed(File002).Single().CleanedText;
        var cleaned004 = ParseSeed(File004).Single().CleanedText;

        cleaned002.Should().Contain("\nHow MSC Stem Cell Therapy Works for ALS\n")
            .And.Contain("\n- Neuroprotection – MSC stem cells secrete neurotrophic factors")
            .And.Contain("\n- BrainStorm Cell Therapeutics’ NurOwn Therapy – ")
            .And.Contain("\nIs MSC Therapy FDA-Approved for ALS?\n")
            .And.EndWith("consider enrolling in clinical trials for emerging treatments.");
        cleaned004.Should().StartWith("Motor Neuron Diseases (MND) are marked by")
            .And.Contain("\n\nMechanisms Behind ALS\n\n")
            .And.Contain("\n  • These cells increase the expression of factors such as NGF, BDNF")
            .And.Contain("\n  • They also overexpress signaling pathways like pAkt, PGC-1α, p-CREB")
            .And.Contain("\n\nFAQ’s\n\nQ- How is stem cell therapy for ALS better than the current treatment options?\n\nPresent treatment modalities")
            .And.EndWith("However, each study reported that the therapy did not cause any complications.");
    }

    [Fact]
    public void Extracts_the_two_references_of_000_with_their_identifiers()
    {
        var article = ParseSeed(File000).Single();

        article.References.Should().HaveCount(2);
        var source = article.References[0];
        source.Ordinal.Should().Be(1);
        source.Label.Should().Be("Source");
        source.Text.Should().Be("(n.d.). Safety and Clinical Effects of Mesenchymal Stem Cells Secreting …. Retrieved from https://pubmed.ncbi.nlm.nih.gov/26751635/");
        source.Url.Should().Be("https://pubmed.ncbi.nlm.nih.gov/26751635/");
        source.Pmid.Should().Be("26751635");
        var footnote = article.References[1];
        footnote.Ordinal.Should().Be(2);
        footnote.Label.Should().Be("[1]");
        footnote.Text.Should().StartWith("“Amyotrophic lateral sclerosis (ALS) – Symptoms and causes");
        footnote.Url.Should().Be("https://www.mayoclinic.org/diseases-conditions/amyotrophic-lateral-sclerosis/symptoms-causes/syc-20354022");
        footnote.Pmid.Should().BeNull();
        article.CleanedText.Should().NotContain("Retrieved from").And.NotContain("mayoclinic.org");
        article.CleanedText.Should().EndWith("may indicate a clinically meaningful effect to be confirmed in future clinical trials.");
    }

    [Fact]
    public void Keeps_the_inline_footnote_marker_in_the_body()
    {
        ParseSeed(File000).Single().CleanedText.Should().Contain("move at will[1]; as ALS progresses");
    }

    [Fact]
    public void Reads_doi_nct_and_pmid_mentions_from_a_reference()
    {
        var text = "Stem cells were given to twelve patients.\n\n"
            + "[1] Smith J. A trial (NCT01234567). PMID: 00123. https://doi.org/10.1002/SCTM.17-0123, viewed 2020.\n"
            + "[2] Jones K. Another paper, doi:10.1016/j.jns.2019.01.002.\n";

        var references = ArticleParser.Parse(text).Single().References;

        references.Should().HaveCount(2);
        references[0].Should().Be(new ParsedReference(1, "[1]",
            "Smith J. A trial (NCT01234567). PMID: 00123. https://doi.org/10.1002/SCTM.17-0123, viewed 2020.",
            "https://doi.org/10.1002/SCTM.17-0123", "123", "10.1002/sctm.17-0123", "NCT01234567"));
        references[1].Url.Should().BeNull();
        references[1].Doi.Should().Be("10.1016/j.jns.2019.01.002");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crlf_input_gives_the_same_articles_as_lf(string file)
    {
        var lf = ReadSeed(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        var crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);

        var fromLf = ArticleParser.Parse(lf);
        var fromCrlf = ArticleParser.Parse(crlf);

        fromCrlf.Select(a => a.CleanedText).Should().Equal(fromLf.Select(a => a.CleanedText));
        fromCrlf.Select(a => a.Title).Should().Equal(fromLf.Select(a => a.Title));
        fromCrlf.Select(a => a.References.Count).Should().Equal(fromLf.Select(a => a.References.Count));
        fromCrlf.Select(a => a.RemovedBoilerplateLines).Should().Equal(fromLf.Select(a => a.RemovedBoilerplateLines));
        string.Concat(fromCrlf.Select(a => a.OriginalText)).Should().Be(crlf);
        fromCrlf.Should().OnlyContain(a => !a.CleanedText.Contains('\r', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cleaned_text_is_normalised_and_quotes_the_original_verbatim(string file)
    {
        foreach (var article in ParseSeed(file))
        {
            article.CleanedText.Should().NotContain("\n\n\n").And.NotStartWith("\n").And.NotEndWith("\n");
            foreach (var line in article.CleanedText.Split('\n').Where(l => l.Length > 0))
            {
                line.Should().Be(line.TrimEnd(), "trailing white space is trimmed");
                article.OriginalText.Should().Contain(line, "curly quotes and non-breaking spaces are kept as printed");
            }
        }
    }

    [Fact]
    public void Keeps_non_breaking_spaces_and_curly_quotes_inside_lines()
    {
        var article = ParseSeed(File001)[2];

        article.CleanedText.Should().Contain("A recent publication in\u00A0Stem Cells Translational Medicine\u00A0described");
        article.CleanedText.Should().Contain("the patients’ bodies");
    }

    [Fact]
    public void Names_the_publisher_only_when_the_article_names_itself()
    {
        ParseSeed(File004).Single().Publisher.Should().Be("Advancells");
        ParseSeed(File000).Single().Publisher.Should().BeNull();
        new[] { File001, File002, File003 }.SelectMany(ParseSeed).Should().OnlyContain(a => a.Publisher == null);
    }

    [Fact]
    public void Text_before_the_first_doubled_title_belongs_to_the_first_article()
    {
        var text = "Intro paragraph about ALS.\n\nFirst Title\n\nFirst Title\n\nBody one.\n\nSecond Title\n\nSecond Title\n\nBody two.\n";

        var articles = ArticleParser.Parse(text);

        articles.Select(a => a.Title).Should().Equal("First Title", "Second Title");
        articles[0].OriginalText.Should().Be("Intro paragraph about ALS.\n\nFirst Title\n\nFirst Title\n\nBody one.\n\n");
        articles[0].CleanedText.Should().Be("Intro paragraph about ALS.\n\nBody one.");
        articles[1].CleanedText.Should().Be("Body two.");
    }

    [Fact]
    public void Removes_tag_clouds_and_share_buttons_but_keeps_camel_case_names()
    {
        var text = "NurOwn and BrainStorm Results in CorestemChemon Trials\n\nBrainStorm reported results.\n\n"
            + "stem cell therapyALS treatment optionsMND cure research\nWhatsApp\n";

        var article = ArticleParser.Parse(text).Single();

        article.CleanedText.Should().Be("NurOwn and BrainStorm Results in CorestemChemon Trials\n\nBrainStorm reported results.");
        article.RemovedBoilerplateLines.Should().Be(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n \u00A0 \n")]
    public void Whitespace_only_input_throws(string text)
    {
        var parse = () => ArticleParser.Parse(text);

        parse.Should().Throw<ImportFormatException>().WithMessage("the file is empty*", "a whole-file problem says so, as it has no line to name");
    }

    [Fact]
    public void Input_that_is_only_boilerplate_throws()
    {
        var text = "Subscribe To Our Newsletter\n\nSubscribe To Our Newsletter\n\nJoin our mailing list to receive the latest news and updates from our team.\n\n"
            + "You have Successfully Subscribed!\n\nRequest Information Packet\n\nThanks for your interest!\n\n+91-9654321400 [email\u00A0protected]\nwhatsapp\n";

        var parse = () => ArticleParser.Parse(text);

        parse.Should().Throw<ImportFormatException>().WithMessage("no article text found*boilerplate*from line 1")
            .Which.Line.Should().Be(1, "the error names where the file's text starts");
    }

    [Fact]
    public void Only_boilerplate_after_blank_lines_names_the_first_line_with_text()
    {
        var parse = () => ArticleParser.Parse("\n\n\n15 \n");

        parse.Should().Throw<ImportFormatException>().Which.Line.Should().Be(4);
    }

    [Fact]
    public void Doubled_title_without_any_text_throws_naming_the_line()
    {
        var text = "First Title\n\nFirst Title\n\nBody of the first article.\n\nLonely Title\n\nLonely Title\n\nSubscribe To Our Newsletter\n";

        var parse = () => ArticleParser.Parse(text);

        parse.Should().Throw<ImportFormatException>()
            .Where(e => e.Line == 7 && e.Record == "article 2")
            .WithMessage("*Lonely Title*no text*");
    }
}

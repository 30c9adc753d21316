using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;

namespace KnowledgeBase.Tests.Importing;

/// <summary>Titles and boilerplate on real-world page shapes, each rule on a short synthetic page.</summary>
public sealed class ArticleParserPageTests
{
    private const string Prose = "Our clinic offers a regenerative treatment that many patients ask about. It is described below in some detail.";

    private static ParsedArticle ParseOne(string text) => ArticleParser.Parse(text).Should().ContainSingle().Subject;

    [Fact]
    public void Heading_printed_once_at_the_top_is_the_title()
    {
        var article = ParseOne("Ozone Therapy for Tired Joints\n\nOzone therapy is offered for tired joints. Joints are treated weekly.\n");

        article.Title.Should().Be("Ozone Therapy for Tired Joints");
        article.TitleOrigin.Should().Be(TitleOrigin.Printed);
        article.CleanedText.Should().StartWith("Ozone Therapy for Tired Joints\n\n", "a heading printed once stays in the text: it can be a claim");
    }

    [Fact]
    public void Doubled_call_to_action_button_is_never_the_title()
    {
        var article = ParseOne("Call Me Back\n\nCall Me Back\n\nRed Light for Sore Knees\n\nRed light is shone on sore knees. Knees feel warmer.\n");

        article.Title.Should().Be("Red Light for Sore Knees");
        article.CleanedText.Should().NotContain("Call Me Back");
        article.Stripped.Should().HaveCount(2).And.OnlyContain(s => s.Reason.StartsWith("button", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Book Now")]
    [InlineData("Schedule Your Free Consultation")]
    [InlineData("Request a Call Back")]
    [InlineData("Claim Offer")]
    [InlineData("Read More »")]
    public void Buttons_are_stripped_and_never_titles(string button)
    {
        var article = ParseOne($"{button}\n\nPeptides for Tendons\n\nPeptides are injected near tendons. Tendons are said to heal.\n");

        article.Title.Should().Be("Peptides for Tendons");
        article.Stripped.Select(s => s.Text).Should().Equal(button);
    }

    [Theory]
    [InlineData("Call (888) 555-0143 For a Free Consultation")]
    [InlineData("Phone: 888-555-0143")]
    [InlineData("telephone number icon 844.555.0143")]
    [InlineData("Tel 020 7946 0958")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("1-800-555-0199")]
    public void Phone_numbers_in_national_formats_are_boilerplate(string line)
    {
        var article = ParseOne($"{line}\n\nChelation Clinic\n\nChelation is given by a drip in the office. It takes three hours.\n");

        article.Title.Should().Be("Chelation Clinic");
        article.CleanedText.Should().NotContain(line);
        article.Stripped.Should().ContainSingle().Which.Reason.Should().StartWith("contact details");
    }

    [Theory]
    [InlineData("English | Español | Français", "language picker")]
    [InlineData("EN RU UA", "language picker")]
    [InlineData("Select Language", "language picker")]
    [InlineData("Share this article: Facebook Twitter LinkedIn", "share buttons")]
    [InlineData("Facebook Twitter Pinterest", "share buttons")]
    [InlineData("Slide background", "slide caption")]
    [InlineData("Next slide", "slide caption")]
    [InlineData("We use cookies to improve your experience. Accept", "cookie banner")]
    [InlineData("Accept all cookies", "cookie banner")]
    public void Widgets_pickers_slide_captions_and_cookie_banners_are_boilerplate(string line, string reason)
    {
        var article = ParseOne($"Hyperbaric Sessions\n\n{line}\n\nHyperbaric oxygen is breathed in a chamber. Sessions last an hour.\n");

        article.CleanedText.Should().Be("Hyperbaric Sessions\n\nHyperbaric oxygen is breathed in a chamber. Sessions last an hour.");
        article.Stripped.Should().ContainSingle().Which.Reason.Should().StartWith(reason);
    }

    [Theory]
    [InlineData("Patients in our programme walked further after six weeks of treatment. Write to info@clinic.example for the full report.")]
    [InlineData("Contact us today. Our team has treated more than four hundred patients with knee pain since the clinic opened.")]
    [InlineData("Most patients report less pain within a month of the injections, and few need a second course. Call (888) 555-0143.")]
    public void Prose_paragraph_is_kept_even_with_an_email_address_or_contact_us(string paragraph)
    {
        var article = ParseOne($"Knee Injections\n\n{paragraph}\n\n{Prose}\n");

        article.CleanedText.Should().Contain(paragraph);
        article.Stripped.Should().BeEmpty();
    }

    [Fact]
    public void Contact_line_without_prose_is_still_stripped()
    {
        var article = ParseOne($"Knee Injections\n\n{Prose}\n\nContact us: info@clinic.example\n");

        article.CleanedText.Should().NotContain("info@clinic.example");
        article.Stripped.Should().ContainSingle().Which.LineNumber.Should().Be(5);
    }

    [Fact]
    public void Yaml_front_matter_gives_the_title()
    {
        var article = ParseOne("---\nlayout: post\ntitle: \"Exosomes: A Hair Story\"\ndate: 2021-01-01\n---\n\nExosomes are applied to the scalp. Hair is said to grow.\n");

        article.Title.Should().Be("Exosomes: A Hair Story");
        article.TitleOrigin.Should().Be(TitleOrigin.Printed);
    }

    [Fact]
    public void Toml_front_matter_gives_the_top_level_title_not_a_tables()
    {
        var text = "+++\nbanner = \"/x.jpg\"\ntitle = \"Drip of Youth\"\n[seo]\ntitle = \"Buy now\"\n+++\n\nThe drip holds vitamins. It is given weekly.\n";
        ParseOne(text).Title.Should().Be("Drip of Youth");

        var onlyInTable = "+++\n[seo]\ntitle = \"Buy now\"\n+++\n\nThe drip holds vitamins. It is given weekly.\n";
        ParseOne(onlyInTable).Title.Should().NotBe("Buy now");
    }

    [Theory]
    [InlineData("# Peptides and Tendons")]
    [InlineData("> # Peptides and Tendons")]
    [InlineData("<h1 class=\"big\"> Peptides and Tendons</h1>")]
    [InlineData("**Peptides and Tendons**")]
    public void Heading_markup_is_not_part_of_the_title(string heading)
    {
        ParseOne($"{heading}\n\nPeptides are injected near tendons. Tendons are said to heal.\n").Title.Should().Be("Peptides and Tendons");
    }

    [Fact]
    public void Dates_bylines_and_reading_times_above_the_heading_are_skipped()
    {
        var text = "11.20.2025\n14-15 mins\nPRP for Tennis Elbow\n\nJane Roe, MD\n\nPRP is injected into the elbow. The elbow is said to heal.\n";

        ParseOne(text).Title.Should().Be("PRP for Tennis Elbow");
    }

    [Fact]
    public void A_tagline_that_is_not_about_the_article_gives_way_to_the_heading_that_is()
    {
        var text = "Unique and Comprehensive\n\nStem Cell Therapy\nfor Cerebral Palsy\n\n"
            + "Cerebral palsy affects movement. Stem cell therapy for cerebral palsy is offered here. Stem cell doses vary.\n";

        ParseOne(text).Title.Should().Be("Stem Cell Therapy for Cerebral Palsy");
    }

    [Fact]
    public void Hard_wrapped_prose_at_the_top_is_not_a_heading()
    {
        var text = "Traditional therapies for pain relief, including massage\nand heat, act near the surface of the skin. Deeper\ntissues are reached by magnetic fields.\n";

        var article = ParseOne(text);

        article.TitleOrigin.Should().Be(TitleOrigin.DerivedFromText);
        article.Title.Should().StartWith("Traditional therapies for pain relief, including massage and heat");
    }

    [Fact]
    public void Markup_printed_twice_is_not_a_title()
    {
        var text = "<div>\n</div>\n\n</div>\n\nIV Drips Downtown\n\nThe drips hold vitamins. They are given weekly.\n";

        ParseOne(text).Title.Should().Be("IV Drips Downtown");
    }

    [Fact]
    public void Countdown_and_sale_banner_are_stripped_with_their_reason()
    {
        var text = "Winter Sale! Up to 50% OFF! Sale Ends Friday\n\n00\n\nDays\n:\n\nNAD Drips\n\nNAD drips are given weekly. They take two hours.\n";

        var article = ParseOne(text);

        article.Title.Should().Be("NAD Drips");
        article.Stripped.Select(s => s.Text).Should().Equal("Winter Sale! Up to 50% OFF! Sale Ends Friday", "00", "Days", ":");
        article.Stripped.Should().OnlyContain(s => s.Reason.StartsWith("promotional banner", StringComparison.Ordinal));
    }
}

using System.Text.RegularExpressions;

namespace KnowledgeBase.Importing.Articles;

/// <summary>
/// Lines of web-page furniture that scrapes of clinic pages carry along with the article:
/// newsletter and lead-capture widgets, calls to action, contact details, share buttons and tag clouds.
/// Each rule looks at one whole line (trimmed) and says why it is not article text.
/// </summary>
internal static partial class BoilerplateRules
{
    /// <summary>A contact or call-to-action line longer than this is kept: it most likely carries article text too.</summary>
    private const int MaxContactLineLength = 300;

    /// <summary>The rules, in the order they are tried. The reason is for readers of this file and for debugging.</summary>
    private static readonly (string Reason, Func<string, bool> Matches)[] Rules =
    [
        ("newsletter sign-up widget (\"Subscribe To Our Newsletter\", \"Join our mailing list ...\", \"You have Successfully Subscribed!\")",
            line => NewsletterWidget().IsMatch(line)),
        ("lead-capture form (\"Request Information Packet\", \"We'll send your FREE information packet ...\", \"Thanks for your interest!\")",
            line => LeadCaptureForm().IsMatch(line)),
        ("call to action pointing elsewhere (\"Learn more about ... here.\", \"Click here ...\")",
            line => line.Length <= MaxContactLineLength && CallToAction().IsMatch(line)),
        ("contact details: a phone number, an e-mail address (or the scraper's \"[email protected]\" placeholder), or \"get in touch with us / call us\"",
            line => line.Length <= MaxContactLineLength && (PhoneNumber().IsMatch(line) || EmailAddress().IsMatch(line) || ContactInvitation().IsMatch(line))),
        ("label of a social-share button left alone on its line (\"whatsapp\", \"facebook\", ...)",
            line => ShareButton().IsMatch(line)),
        ("tag cloud: tags glued together without spaces (\"ALS treatment optionsMND cure research...\") and no sentence punctuation",
            IsTagCloud),
    ];

    /// <summary>Why <paramref name="line"/> is boilerplate, or null when it is article text.</summary>
    public static string? Match(string line)
    {
        var text = ForMatching(line);
        if (text.Length == 0) return null;
        foreach (var (reason, matches) in Rules)
        {
            if (matches(text)) return reason;
        }
        return null;
    }

    /// <summary>
    /// Rules match on a canonical form only: trimmed, non-breaking spaces as spaces, curly apostrophes straight.
    /// The article text itself keeps the characters as printed.
    /// </summary>
    private static string ForMatching(string line) =>
        line.Replace('\u00A0', ' ').Replace('\u2019', '\'').Replace('\u2018', '\'').Trim();

    /// <summary>
    /// Words glued lower→UPPER ("optionsMND") or ACRONYM→lower ("ALSstem") are what a tag cloud leaves when scraped.
    /// Camel-case names ("BrainStorm", "NurOwn", "MSCs") do not match: they need two capitals after, or three lower-case letters after.
    /// A line needs such a seam, at least five words and no sentence punctuation.
    /// </summary>
    private static bool IsTagCloud(string line) =>
        GluedWords().IsMatch(line)
        && !SentencePunctuation().IsMatch(line)
        && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 5;

    [GeneratedRegex(@"^(?:subscribe to our newsletter!?|join our mailing list\b.*|you have successfully subscribed!?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NewsletterWidget();

    [GeneratedRegex(@"^(?:request (?:an? |your )?(?:free )?information (?:packet|pack|kit)!?|we'll send (?:you )?your free information packet\b.*|thanks? (?:you )?for your interest!?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadCaptureForm();

    [GeneratedRegex(@"^(?:(?:learn|read|find out|discover|know) more\b.*\bhere\b[.!]?|click here\b.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallToAction();

    /// <summary>International numbers such as +91-9654321400 or +1 (555) 123-4567.</summary>
    [GeneratedRegex(@"\+[0-9]{1,3}[\s.-]?\(?[0-9]{2,5}\)?(?:[\s.-]?[0-9]{2,}){1,4}", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"\[email\s+protected\]|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b(?:get in touch with us|call us|contact us|e-?mail us|write to us|reach us)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactInvitation();

    [GeneratedRegex(@"^(?:share(?: on| this)?:?\s*)?(?:whatsapp|facebook|twitter|linkedin|pinterest|telegram|reddit|tumblr|tweet|share)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareButton();

    [GeneratedRegex(@"\p{Ll}{3}\p{Lu}{2}|\p{Lu}{2}\p{Ll}{3}", RegexOptions.CultureInvariant)]
    private static partial Regex GluedWords();

    [GeneratedRegex(@"[.!?;:]", RegexOptions.CultureInvariant)]
    private static partial Regex SentencePunctuation();
}

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

    /// <summary>A button or widget label has at most this many words; a longer line is read as text.</summary>
    private const int MaxButtonWords = 8;

    /// <summary>A sentence of at least this many words without any contact detail is prose: its line is kept.</summary>
    private const int MinProseSentenceWords = 6;

    /// <summary>A literal of each alternative of <see cref="ContactInvitation"/>.</summary>
    private static readonly System.Buffers.SearchValues<string> InvitationLiterals = System.Buffers.SearchValues.Create(
        ["touch with us", "call us", "contact us", "mail us", "write to us", "reach us"], StringComparison.OrdinalIgnoreCase);

    /// <summary>A literal of each alternative of <see cref="PromoBanner"/>.</summary>
    private static readonly System.Buffers.SearchValues<string> PromoLiterals = System.Buffers.SearchValues.Create(
        ["% off", " ends", "save now"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The rules, in the order they are tried. The reason is shown on the source page beside each removed line.</summary>
    private static readonly (string Reason, Func<string, bool> Matches)[] Rules =
    [
        ("newsletter sign-up widget",
            line => NewsletterWidget().IsMatch(line)),
        ("lead-capture form",
            line => LeadCaptureForm().IsMatch(line)),
        ("call to action pointing elsewhere (\"Learn more ... here\", \"Click here\")",
            line => line.Length <= MaxContactLineLength && CallToAction().IsMatch(line)),
        ("button or call to action (\"Call Me Back\", \"Book Now\", \"Free Consultation\")",
            line => !HasMoreWordsThan(line, MaxButtonWords) && Button().IsMatch(line)),
        ("contact details (phone number, e-mail address, \"contact us\") with no sentence of prose",
            IsContactLine),
        ("share buttons",
            line => ShareButton().IsMatch(line) || ShareWidget().IsMatch(line)),
        ("language picker",
            IsLanguagePicker),
        ("slide caption or carousel control",
            line => SlideCaption().IsMatch(line)),
        ("cookie banner",
            line => line.Length <= MaxContactLineLength && MayBeCookieBanner(line) && CookieBanner().IsMatch(line)),
        ("promotional banner (sale, discount, countdown)",
            line => (line.Length <= 200 && MayHoldAny(line, PromoLiterals) && PromoBanner().IsMatch(line)) || CountdownPart().IsMatch(line)),
        ("tag cloud: tags glued together without spaces and no sentence punctuation",
            IsTagCloud),
    ];

    /// <summary>The reason of every rule, for documentation and tests.</summary>
    public static IEnumerable<string> Reasons => Rules.Select(r => r.Reason);

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
    /// A line with a phone number, an e-mail address or an invitation to get in touch, unless it also holds
    /// prose: a sentence of <see cref="MinProseSentenceWords"/> words or more with no contact detail in it.
    /// Such a paragraph is kept whole (the claim detector decides what in it matters).
    /// </summary>
    private static bool IsContactLine(string line)
    {
        if (line.Length > MaxContactLineLength * 2) return false;
        if (!HasContactDetail(line)) return false;
        foreach (var sentence in SentenceBreak().Split(line))
        {
            if (!HasContactDetail(sentence) && WordCount(sentence) >= MinProseSentenceWords) return false;
        }
        return true;
    }

    // Each regex runs only where what every one of its matches holds occurs ('+'; nine digits; '@' or '['; one of the
    // invitations): a line of prose has none of them, and these checks are vectorised scans where the regexes were not.
    private static bool HasContactDetail(string text) =>
        (text.Contains('+', StringComparison.Ordinal) && PhoneNumber().IsMatch(text))
        || (HasAtLeastDigits(text, 9) && NationalPhoneNumber().IsMatch(text))
        || (text.AsSpan().ContainsAny('@', '[') && EmailAddress().IsMatch(text))
        || (MayHoldAny(text, InvitationLiterals) && ContactInvitation().IsMatch(text));

    /// <summary>False only when no IgnoreCase regex can find any of <paramref name="literals"/> (ASCII) in <paramref name="text"/>.</summary>
    private static bool MayHoldAny(string text, System.Buffers.SearchValues<string> literals) =>
        text.AsSpan().ContainsAny(literals) || text.AsSpan().ContainsAny(Lookalikes);

    /// <summary>
    /// Whether <paramref name="text"/> holds at least <paramref name="count"/> digits (what <c>\d</c> matches): every
    /// alternative of <see cref="NationalPhoneNumber"/> has nine or more.
    /// </summary>
    internal static bool HasAtLeastDigits(string text, int count)
    {
        var span = text.AsSpan();
        for (var at = span.IndexOfAny(Digits); at >= 0 && count > 0; at = span.IndexOfAny(Digits))
        {
            count--;
            span = span[(at + 1)..];
        }
        return count == 0;
    }

    /// <summary>What <c>\d</c> matches: the decimal digits of every script (the national numbers' regex is not ECMAScript).</summary>
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsDigit)]);

    /// <summary>
    /// Characters outside ASCII that an IgnoreCase, CultureInvariant regex may match to an ASCII letter (the dotted and
    /// dotless i, the long s, the Kelvin sign; the claim detector's prefilter keeps the same list, checked over every
    /// character by LiteralPrefilterTests). A line holding one is never gated.
    /// </summary>
    internal const string AsciiLetterLookalikes = "\u0130\u0131\u017F\u212A";

    private static readonly System.Buffers.SearchValues<char> Lookalikes = System.Buffers.SearchValues.Create(AsciiLetterLookalikes);

    /// <summary>
    /// False only when no IgnoreCase regex can find the ASCII <paramref name="literal"/> in <paramref name="text"/>:
    /// it does not occur in any case, and no look-alike character could stand for one of its letters.
    /// </summary>
    internal static bool MayContainIgnoringCase(string text, string literal) =>
        text.Contains(literal, StringComparison.OrdinalIgnoreCase) || text.AsSpan().ContainsAny(Lookalikes);

    /// <summary>Every match of the cookie banner holds "cookie", or is a whole line of at most 11 characters ("ok, got it!").</summary>
    private static bool MayBeCookieBanner(string line) => line.Length <= 11 || MayContainIgnoringCase(line, "cookie");

    /// <summary>A line made only of language names or codes ("English | Español", "EN RU UA"), or "Select language".</summary>
    private static bool IsLanguagePicker(string line)
    {
        if (SelectLanguage().IsMatch(line)) return true;
        if (HasMoreTokensThan(line, 12)) return false; // a paragraph: not split into tokens
        var tokens = line.Split(PickerSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is 0 or > 12) return false;
        var names = tokens.Count(t => LanguageNames.Contains(t));
        var codes = tokens.Count(t => t.Length == 2 && t.All(char.IsUpper) && LanguageCodes.Contains(t));
        return names + codes == tokens.Length && (names >= 1 || codes >= 2);
    }

    private static readonly HashSet<string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "English", "Español", "Espanol", "Spanish", "Français", "Francais", "French", "Deutsch", "German", "Italiano",
        "Italian", "Português", "Portugues", "Portuguese", "Русский", "Russian", "Українська", "Ukrainian", "Polski",
        "Türkçe", "Turkish", "Nederlands", "Dutch", "中文", "简体中文", "繁體中文", "Chinese", "日本語", "Japanese", "한국어",
        "Korean", "العربية", "Arabic", "עברית", "Hebrew", "हिन्दी", "Hindi", "Ελληνικά", "Svenska", "Norsk", "Dansk",
        "Suomi", "Čeština", "Magyar", "Română", "Tiếng", "Việt", "ไทย", "Bahasa", "Indonesia", "Melayu", "فارسی",
    };

    private static readonly HashSet<string> LanguageCodes = new(StringComparer.Ordinal)
    {
        "EN", "ES", "FR", "DE", "IT", "PT", "RU", "UA", "UK", "PL", "TR", "NL", "ZH", "CN", "JA", "JP", "KO", "AR", "HE",
        "HI", "EL", "SV", "NO", "DA", "FI", "CS", "HU", "RO", "VI", "TH", "ID", "MS", "FA",
    };

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Whether <paramref name="text"/> split on spaces has more than <paramref name="max"/> non-empty words (<see cref="WordCount"/> without splitting).</summary>
    internal static bool HasMoreWordsThan(string text, int max)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                if (++words > max) return true;
            }
        }
        return false;
    }

    /// <summary>The separators of a language picker's tokens.</summary>
    private static readonly char[] PickerSeparators = [' ', '|', '/', '•', '·', ',', '-', '–'];

    private static readonly System.Buffers.SearchValues<char> PickerSeparatorValues = System.Buffers.SearchValues.Create(PickerSeparators);

    /// <summary>Whether <paramref name="text"/> split on <see cref="PickerSeparators"/> has more than <paramref name="max"/> non-empty tokens.</summary>
    internal static bool HasMoreTokensThan(string text, int max)
    {
        var tokens = 0;
        var inToken = false;
        foreach (var c in text)
        {
            if (PickerSeparatorValues.Contains(c))
            {
                inToken = false;
            }
            else if (!inToken)
            {
                inToken = true;
                if (++tokens > max) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Words glued lower→UPPER ("optionsMND") or ACRONYM→lower ("ALSstem") are what a tag cloud leaves when scraped.
    /// Camel-case names ("BrainStorm", "NurOwn", "MSCs") do not match: they need two capitals after, or three lower-case letters after.
    /// A line needs such a seam, at least five words and no sentence punctuation.
    /// </summary>
    private static bool IsTagCloud(string line) =>
        !line.AsSpan().ContainsAny(".!?;:") // SentencePunctuation, as one vectorised scan: prose never gets further
        && HasMoreWordsThan(line, 4)
        && GluedWords().IsMatch(line);

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

    /// <summary>What <see cref="IsTagCloud"/> checks with one scan; kept as the definition the tests compare it with.</summary>
    [GeneratedRegex(@"[.!?;:]", RegexOptions.CultureInvariant)]
    internal static partial Regex SentencePunctuation();

    /// <summary>
    /// A button label: a short imperative line ("Call Me Back", "Book Now", "Request a Call", "Schedule Your Free
    /// Consultation", "Claim Offer", "Read More »") or a bare "Free Consultation" / "Contact Us".
    /// </summary>
    [GeneratedRegex(@"^(?:(?:call|text|phone)(?: me| us)?(?: back| now| today)|(?:book|schedule|request|reserve|get|claim|start|apply|buy|shop|order|send|submit|download|subscribe|sign up|register|join|enquire|inquire|contact|message|chat|watch|learn|read|see|view|find out|discover)\b(?:\s+\S+){0,5}?\s*(?:now|online|today|here|back|more|call|offer|appointment|consultation|consult|visit|quote|started|message|us|form|session|spot|seat|now!|more\s*[»>›]+)|(?:your )?free (?:consultation|consult|assessment|evaluation)|contact(?: us)?|call back|get in touch|book|submit|send|read more|learn more|more info(?:rmation)?|apply|enquire now|inquire now)[\s!.:»>›]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Button();

    /// <summary>National numbers: (888) 704-3977, 888-704-3977, 844.997.3231 (North American); 020 7946 0958 (UK-style, leading 0).</summary>
    [GeneratedRegex(@"(?<![\d.,-])(?:\(\d{3}\)\s?\d{3}[\s.-]\d{4}|[2-9]\d{2}[.-]\d{3}[.-]\d{4}|[2-9]\d{2} \d{3} \d{4}|0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}|1[\s.-]8\d{2}[\s.-]\d{3}[\s.-]\d{4})(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex NationalPhoneNumber();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^(?:share(?: this)?(?: (?:post|article|page|story))?(?: on| via)?:?\s*)(?:(?:whatsapp|facebook|twitter|x|linkedin|pinterest|telegram|reddit|tumblr|email|e-mail|messenger|copy link)[\s,|]*)*$|^(?:(?:whatsapp|facebook|twitter|linkedin|pinterest|telegram|reddit|tumblr|tweet|email|messenger)[\s,|•·]*){2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareWidget();

    [GeneratedRegex(@"^(?:select|choose|change)(?: your| a)? language:?$|^language:?$|^translate(?: this page)?:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SelectLanguage();

    [GeneratedRegex(@"^(?:slide(?: \d+(?: of \d+)?)?(?: background| image)?|(?:previous|next|prev)(?: slide)?|go to slide \d+|slider?(?: \d+)?|carousel)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SlideCaption();

    [GeneratedRegex(@"\bcookies?\b.*\b(?:accept|consent|agree|settings|preferences|we use|this (?:web)?site uses|privacy policy)\b|\b(?:accept|reject|allow|decline)(?: all)? cookies\b|^cookie (?:settings|preferences|policy)$|^(?:accept|accept all|reject all|decline|i agree|got it|ok, got it)!?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CookieBanner();

    [GeneratedRegex(@"\bup to \d{1,2}% off\b|\b\d{1,2}% off (?:sitewide|everything|all)\b|\b(?:sale|offer|deal|promotion) ends\b|\bsave now\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PromoBanner();

    /// <summary>The parts of a countdown timer, each on its own line: "00", "Days", "Hrs", ":".</summary>
    [GeneratedRegex(@"^(?:\d{1,2}|:|days?|hrs?|hours?|mins?|minutes?|secs?|seconds?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountdownPart();
}

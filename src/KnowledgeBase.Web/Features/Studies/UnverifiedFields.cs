using System.Text.RegularExpressions;

namespace KnowledgeBase.Web.Features.Studies;

/// <summary>The facts of a study or trial record that a curator's "unverified" note can name.</summary>
public enum RecordField
{
    Authors,
    Title,
    Journal,
    Year,
    Volume,
    Issue,
    Pages,
    Doi,
    Pmid,
    Pmcid,
    NctId,
    Phase,
    Design,
    Participants,
    ParticipantsDetail,
    CellType,
    CellSource,
    Route,
    Dosing,
    MainResults,
    Status,
    Sponsor,
    Intervention,
}

/// <summary>
/// Reads the curators' free-text "unverified" notes ("PMID", "end page", "full author list",
/// "volume/issue/pages (...)", "all except citation") and says which fields they put in doubt, so a
/// page never shows such a field as confirmed. Keyword-based and deliberately generous: a false
/// "unverified" badge costs a second look, a missed one presents a doubtful fact as checked.
/// </summary>
/// <remarks>
/// The field names come first in a note; what follows a participle ("PMID taken from the URL of a
/// PubMed mirror", "year inferred from Neurology vol 93") or sits in parentheses is explanation, and is
/// only read when the head names nothing. Quoted text is a quotation, never a field name.
/// </remarks>
public static partial class UnverifiedFields
{
    private static readonly RecordField[] Citation =
        [RecordField.Authors, RecordField.Title, RecordField.Journal, RecordField.Year, RecordField.Volume, RecordField.Issue, RecordField.Pages];

    private static readonly (Regex Pattern, RecordField[] Fields)[] KeywordTable =
    [
        (Rx(@"\bcitation\b"), Citation),
        (Rx(@"\bauthors?\b|\bauthorship\b"), [RecordField.Authors]),
        (Rx(@"\btitle\b"), [RecordField.Title]),
        (Rx(@"\bjournal\b"), [RecordField.Journal]),
        (Rx(@"\byear\b|\bpublication date\b|\bpress[- ]release date\b|\bdate of publication\b"), [RecordField.Year]),
        (Rx(@"\bvol(ume)?\b"), [RecordField.Volume]),
        (Rx(@"\bissue\b"), [RecordField.Issue]),
        (Rx(@"\bpages?\b|\bpagination\b|\barticle number\b"), [RecordField.Pages]),
        (Rx(@"\bdoi\b"), [RecordField.Doi]),
        (Rx(@"\bpmid\b|\bpubmed id\b"), [RecordField.Pmid]),
        (Rx(@"\bpmcid\b|\bpmc id\b"), [RecordField.Pmcid]),
        (Rx(@"\bnct\b|\bnct ?\d|\bregistration\b|\bregistry (id|number)\b"), [RecordField.NctId]),
        (Rx(@"\bphase\b"), [RecordField.Phase]),
        (Rx(@"\bdesign\b|\bblinding\b|\bmasking\b|\brandomi[sz]ation\b|\bcontrol group\b"), [RecordField.Design]),
        (Rx(@"\bn (enrolled|randomi[sz]ed|treated|analy[sz]ed)\b|\benrol(l)?(ed|ment)\b|\bparticipants\b|\bsample size\b|\bnumber of (patients|participants)\b"), [RecordField.Participants]),
        (Rx(@"\bage( range)?\b|\bsex\b|\bgender\b|\binclusion criteria\b"), [RecordField.ParticipantsDetail]),
        (Rx(@"\bincluded studies\b"), [RecordField.Design, RecordField.ParticipantsDetail, RecordField.MainResults]),
        (Rx(@"\bcell type\b"), [RecordField.CellType]),
        (Rx(@"\bcell source\b|\bsource of (the )?cells\b"), [RecordField.CellSource]),
        (Rx(@"\broute\b"), [RecordField.Route]),
        (Rx(@"\bdos(e|es|ing|age)\b"), [RecordField.Dosing]),
        (Rx(@"\bresults?\b|\boutcomes?\b|\bendpoints?\b|\badverse events?\b|\bsafety\b|\befficacy\b|\bhazard ratio\b|\bcount\b|\bsurvival\b|\bwithdrawal\b|\bclearance\b|\bapproval\b|\bdesignations?\b"), [RecordField.MainResults]),
        (Rx(@"\bstatus\b|\brecruitment\b"), [RecordField.Status]),
        (Rx(@"\bsponsor\b"), [RecordField.Sponsor]),
        (Rx(@"\bintervention\b"), [RecordField.Intervention]),
    ];

    /// <summary>The fields every note of <paramref name="notes"/> puts in doubt, together.</summary>
    public static IReadOnlySet<RecordField> Match(IEnumerable<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var fields = new HashSet<RecordField>();
        foreach (var note in notes) fields.UnionWith(Match(note));
        return fields;
    }

    /// <summary>The fields one note puts in doubt; empty when it names none (it is still shown, as a general note).</summary>
    public static IReadOnlySet<RecordField> Match(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = Quoted().Replace(note.ToLowerInvariant(), " ");

        var allExcept = AllExcept().Match(text);
        if (allExcept.Success)
        {
            var all = Enum.GetValues<RecordField>().ToHashSet();
            if (allExcept.Groups["rest"].Success) all.ExceptWith(Match(allExcept.Groups["rest"].Value));
            return all;
        }

        var paren = text.IndexOf('(', StringComparison.Ordinal);
        var head = paren >= 0 ? text[..paren] : text;
        var explanation = Explanation().Match(head);
        if (explanation.Success && explanation.Index > 0) head = head[..explanation.Index];

        var fields = Keywords(head);
        return fields.Count > 0 ? fields : Keywords(text);
    }

    /// <summary>
    /// True when a value itself hedges ("e2294-(end page UNVERIFIED)", "12 (inferred)",
    /// "autologous bone marrow (presumed)", "(title not retrieved)").
    /// </summary>
    public static bool IsHedged(string? value) => value is not null && Hedge().IsMatch(value);

    private static HashSet<RecordField> Keywords(string text)
    {
        var fields = new HashSet<RecordField>();
        foreach (var (pattern, named) in KeywordTable)
        {
            if (pattern.IsMatch(text)) fields.UnionWith(named);
        }
        // A date that is not the publication date is an event in the record's results ("exact date of BLA withdrawal").
        if (!fields.Contains(RecordField.Year) && DateWord().IsMatch(text)) fields.Add(RecordField.MainResults);
        return fields;
    }

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    [GeneratedRegex(@"""[^""]*""|“[^”]*”", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\W*(all|everything)( fields| facts)?\W*(\b(except|but|other than)\b(?<rest>.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AllExcept();

    [GeneratedRegex(@"\b(inferred|taken|stated|given|reported|verified|found|according|derived|estimated)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Explanation();

    [GeneratedRegex(@"\bdates?\b", RegexOptions.CultureInvariant)]
    private static partial Regex DateWord();

    [GeneratedRegex(@"unverified|unconfirmed|not (retrieved|confirmed|verified)|\(inferred|inferred\)|\(presumed|presumed\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Hedge();
}

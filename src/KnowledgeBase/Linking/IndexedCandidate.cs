using static KnowledgeBase.Linking.EvidenceSuggester;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking;

/// <summary>A candidate with everything the suggester compares precomputed, and the matching of one text against it.</summary>
internal sealed class IndexedCandidate
{
    /// <summary>Words that join the words of a name ("Annals of Neurology", "Muscle &amp; Nerve").</summary>
    private static readonly HashSet<string> JoiningWords = new(StringComparer.Ordinal) { "and", "of", "the", "in", "for", "on", "at" };

    /// <summary>Words every article in the field uses; a journal name or title run made only of them proves nothing.</summary>
    private static readonly HashSet<string> DomainWords = new(StringComparer.Ordinal)
    {
        "amyotrophic", "lateral", "sclerosis", "als", "mnd", "motor", "neuron", "neurone", "neurons", "disease", "diseases", "disorder",
        "disorders", "muscle", "nerve", "neurology", "neurological", "trial", "trials", "clinical", "stem", "cell", "cells", "therapy",
        "therapies", "medicine", "brain", "research", "patients", "patient", "with", "mesenchymal", "msc", "mscs", "study", "studies",
        "phase", "safety", "efficacy", "treatment", "transplantation", "results", "effects", "bone", "marrow", "derived", "autologous",
        "allogeneic", "adipose", "umbilical", "cord", "intrathecal", "intramuscular", "intravenous", "stromal", "injection", "injections",
        "neurotrophic", "factor", "factors", "human", "humans", "randomized", "controlled", "placebo",
    };

    /// <summary>Words before a journal name that show it is cited as a journal ("published in Neurology").</summary>
    private static readonly HashSet<string> JournalCueWords = new(StringComparer.Ordinal)
    {
        "published", "journal", "publication", "appeared", "article", "paper", "reported",
    };

    private readonly List<string> surnames;
    private readonly List<string> givenNames;
    private readonly List<JournalName> journals;
    private readonly List<AliasName> aliases;
    private readonly List<PhaseMention> phases;
    private readonly IReadOnlyList<Word> titleWords;
    private readonly Dictionary<int, string> detailCounts = [];
    private readonly Dictionary<int, string> textCounts = [];
    private readonly Dictionary<int, string> textPercents = [];
    private readonly Dictionary<(int, string), string> textDurations = [];
    private readonly HashSet<string> therapies;
    private readonly bool? systematicReview;
    private readonly string? pmid;
    private readonly string? doi;

    public IndexedCandidate(EvidenceCandidate candidate)
    {
        Candidate = candidate;
        surnames = candidate.AuthorSurnames.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        givenNames = candidate.AuthorGivenNames.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        journals = JournalName.Parse(candidate.Journal);
        aliases = candidate.Aliases
            .Select(a => new AliasName(a, ProductAliases.Compact(a), ProductAliases.IsSponsor(a)))
            .Where(a => a.Compact.Length >= 4)
            .DistinctBy(a => a.Compact, StringComparer.Ordinal)
            .ToList();

        phases = PhaseMention.FindAll(candidate.PhaseText).Concat(PhaseMention.FindAll(candidate.Title)).ToList();
        if (candidate.Phase is { } phase && PhaseMention.From(phase) is { } mention) phases.Insert(0, mention);

        titleWords = TextFeatures.WordsOf(candidate.Title);
        IndexNumbers(candidate);
        var topic = candidate.Title + " | " + candidate.Text;
        therapies = TextFeatures.FindTherapies(topic).Select(t => t.Concept.Name).ToHashSet(StringComparer.Ordinal);
        systematicReview = TextFeatures.ReviewKind(topic);
        pmid = KnowledgeBase.Primitives.Identifiers.NormalizePmid(candidate.Pmid);
        doi = KnowledgeBase.Primitives.Identifiers.NormalizeDoi(candidate.Doi);
    }

    public EvidenceCandidate Candidate { get; }

    private bool IsTrial => Candidate.Kind == EvidenceKind.Trial;

    /// <summary>
    /// The signals <paramref name="text"/> gives for this candidate. Without <paramref name="supporting"/> (a
    /// neighbouring sentence) only the identifying signals count: identifiers, authors, journal, names, title,
    /// phase and participant count.
    /// </summary>
    public void MatchClaim(TextFeatures text, List<Hit> hits, bool supporting)
    {
        MatchIdentifiers(text, hits);
        MatchAuthors(text, hits, supporting);
        MatchJournal(text, hits);
        MatchAliases(text, hits);
        MatchTitle(text, hits);
        MatchPhase(text, hits);
        MatchNumbers(text, hits, supporting);
        if (!supporting) return;
        MatchTherapies(text, hits);
        MatchReview(text, hits);
    }

    /// <summary>The article's reference list names this record (one reason at most: its identifiers name the same record).</summary>
    public void MatchReferences(ArticleReferences references, HashSet<string> claimKeys, List<Hit> hits)
    {
        if (pmid is not null && references.Pmids.Contains(pmid) && !claimKeys.Contains("pmid"))
        {
            hits.Add(new Hit("ref", $"cited by the article (PMID {pmid})", IdentifierInReferences));
            return;
        }

        if (doi is not null && references.Dois.Contains(doi) && !claimKeys.Contains("doi"))
        {
            hits.Add(new Hit("ref", $"cited by the article (DOI {doi})", IdentifierInReferences));
            return;
        }

        foreach (var nct in Candidate.NctIds)
        {
            if (!references.NctIds.Contains(nct) || claimKeys.Contains("nct:" + nct)) continue;
            hits.Add(IsTrial
                ? new Hit("ref", $"cited by the article ({nct})", IdentifierInReferences)
                : new Hit("ref", $"cited by the article ({nct}, a trial this study reports)", ReportedTrialInReferences));
            return;
        }
    }

    private void MatchIdentifiers(TextFeatures text, List<Hit> hits)
    {
        if (pmid is not null && text.Pmids.Contains(pmid, StringComparer.Ordinal))
            hits.Add(new Hit("pmid", $"PMID {pmid} named", IdentifierInClaim));
        if (doi is not null && text.Dois.Contains(doi, StringComparer.Ordinal))
            hits.Add(new Hit("doi", $"DOI {doi} named", IdentifierInClaim));
        foreach (var nct in Candidate.NctIds.Where(n => text.NctIds.Contains(n, StringComparer.Ordinal)))
        {
            hits.Add(IsTrial
                ? new Hit("nct:" + nct, $"{nct} named", IdentifierInClaim)
                : new Hit("nct:" + nct, $"{nct} named (a trial this study reports)", ReportedTrialInClaim));
        }
    }

    private void MatchAuthors(TextFeatures text, List<Hit> hits, bool supporting)
    {
        var yearNamed = Candidate.Year is { } y && text.Years.Contains(y);
        Hit? best = null;
        foreach (var mention in text.Authors)
        {
            for (var k = 1; k <= mention.Words.Count; k++)
            {
                var written = string.Join(' ', mention.Words.Skip(mention.Words.Count - k));
                if (AuthorHit(written) is { } hit && (best is null || hit.Weight > best.Value.Weight)) best = hit;
            }
        }

        if (best is { } found)
        {
            hits.Add(yearNamed
                ? found with { Text = $"{found.Text} + year {EvidenceIndex.Format(Candidate.Year!.Value)}", Weight = found.Weight + YearWithAuthor }
                : found);
        }
        else if (yearNamed && supporting)
        {
            hits.Add(new Hit("year", $"year {EvidenceIndex.Format(Candidate.Year!.Value)}", YearAlone));
        }
    }

    private Hit? AuthorHit(string written)
    {
        if (surnames.Count > 0)
        {
            var first = surnames[0];
            var etAl = surnames.Count > 1 ? " et al." : "";
            var match = Best(NameSimilarity.Compare(written, first), NameSimilarity.Compare(written, LastWord(first)));
            if (match == NameMatch.Exact) return new Hit("author", $"author {first}{etAl}", FirstAuthor);
            if (match == NameMatch.Similar) return new Hit("author", $"author {first}{etAl} (written “{written}”)", FirstAuthorMisspelt);

            foreach (var other in surnames.Skip(1))
            {
                if (NameSimilarity.Compare(written, other) == NameMatch.Exact || NameSimilarity.Compare(written, LastWord(other)) == NameMatch.Exact)
                    return new Hit("author", $"co-author {other}", CoAuthor);
            }
        }

        foreach (var given in givenNames)
        {
            if (NameSimilarity.Compare(written, given) == NameMatch.Exact)
            {
                var of = surnames.Count > 0 ? $" of first author {surnames[0]}" : "";
                return new Hit("author", $"given name {given}{of}", GivenName);
            }
        }

        return null;
    }

    private static NameMatch Best(NameMatch a, NameMatch b) =>
        a == NameMatch.Exact || b == NameMatch.Exact ? NameMatch.Exact
        : a == NameMatch.Similar || b == NameMatch.Similar ? NameMatch.Similar
        : NameMatch.None;

    private static string LastWord(string name)
    {
        var space = name.LastIndexOf(' ');
        return space < 0 ? name : name[(space + 1)..];
    }

    private void MatchJournal(TextFeatures text, List<Hit> hits)
    {
        foreach (var journal in journals)
        {
            if (journal.FindIn(text.Words) is not { } found) continue;
            var abbreviated = !string.Equals(found.Literal, journal.Display, StringComparison.OrdinalIgnoreCase);
            hits.Add(new Hit("journal", abbreviated ? $"journal {journal.Display} (written “{found.Literal}”)" : $"journal {journal.Display}", JournalMatch));
            return;
        }
    }

    private void MatchAliases(TextFeatures text, List<Hit> hits)
    {
        var matches = new List<(AliasName Alias, int Start, int End)>();
        foreach (var alias in aliases)
        {
            foreach (var phrase in text.CompactPhrases)
            {
                if (!string.Equals(phrase.Compact, alias.Compact, StringComparison.Ordinal)) continue;
                matches.Add((alias, phrase.Start, phrase.End));
                break;
            }
        }

        var chosen = new List<(AliasName Alias, int Start, int End)>();
        foreach (var m in matches.OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            if (chosen.Exists(c => m.Start <= c.End && c.Start <= m.End)) continue;
            chosen.Add(m);
        }

        var index = 0;
        foreach (var (alias, _, _) in chosen.OrderBy(c => c.Alias.IsSponsor).ThenBy(c => c.Start).Take(MaxAliases))
        {
            var reason = (alias.IsSponsor ? "sponsor " : "product ") + alias.Display;
            hits.Add(new Hit("alias:" + alias.Compact, reason, index++ == 0 ? FirstAlias : FurtherAlias));
        }
    }

    private void MatchTitle(TextFeatures text, List<Hit> hits)
    {
        if (titleWords.Count < MinTitleRun || text.Words.Count < MinTitleRun) return;
        var (start, length) = LongestCommonRun(text.Words, titleWords);
        if (length < MinTitleRun || length < titleWords.Count * MinTitleShare) return;
        var run = text.Words.Skip(start).Take(length).ToList();
        var distinctive = run.Count(w => w.Folded.Length >= 4 && !w.Folded.All(char.IsAsciiDigit) && !DomainWords.Contains(w.Folded) && !JoiningWords.Contains(w.Folded));
        if (distinctive < 2) return;
        hits.Add(new Hit("title", $"title words “{string.Join(' ', run.Select(w => w.Original))}”", TitleQuoted));
    }

    private static (int Start, int Length) LongestCommonRun(IReadOnlyList<Word> a, IReadOnlyList<Word> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        var best = (Start: 0, Length: 0);
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1].Folded, b[j - 1].Folded, StringComparison.Ordinal) ? previous[j - 1] + 1 : 0;
                if (current[j] > best.Length) best = (i - current[j], current[j]);
            }

            (previous, current) = (current, previous);
        }

        return best;
    }

    private void MatchPhase(TextFeatures text, List<Hit> hits)
    {
        (double Weight, string Text)? best = null;
        foreach (var claimed in text.Phases)
        {
            foreach (var recorded in phases)
            {
                if (ComparePhase(claimed, recorded) is { } c && (best is null || c.Weight > best.Value.Weight)) best = c;
            }
        }

        if (best is { } b) hits.Add(new Hit("phase", b.Text, b.Weight));
    }

    private static (double Weight, string Text)? ComparePhase(PhaseMention claimed, PhaseMention recorded)
    {
        if (claimed.SameRange(recorded))
        {
            if (claimed.Letter is null && recorded.Letter is null) return (PhaseExact, $"{claimed.Text} matches");
            if (claimed.Letter == recorded.Letter) return (PhaseWithLetter, $"{claimed.Text} matches");
            if (claimed.Letter is null || recorded.Letter is null) return (PhaseExact, $"{claimed.Text} matches {recorded.Canonical}");
            return (PhaseOverlap, $"{claimed.Text} close to {recorded.Canonical}");
        }

        return claimed.Overlaps(recorded) ? (PhaseOverlap, $"{claimed.Text} overlaps {recorded.Canonical}") : null;
    }

    private void MatchNumbers(TextFeatures text, List<Hit> hits, bool supporting)
    {
        Hit? participants = null;
        foreach (var n in text.Numbers.Where(n => n.Kind == NumberKind.Count && n.Value == Candidate.Participants))
        {
            var weight = n.CountsPeople ? ParticipantsExact : ParticipantsNumberOnly;
            var hit = new Hit("participants", $"{n.Label} matches {(IsTrial ? "enrolment" : "participants")}", weight);
            if (participants is null || weight > participants.Value.Weight) participants = hit;
        }

        if (participants is { } p) hits.Add(p);
        if (!supporting) return;

        var found = new List<Hit>();
        foreach (var n in text.Numbers.DistinctBy(n => (n.Value, n.Kind, n.Unit)))
        {
            var value = EvidenceIndex.Format(n.Value);
            switch (n.Kind)
            {
                case NumberKind.Count when n.Value == Candidate.Participants:
                    break;
                case NumberKind.Count when detailCounts.TryGetValue(n.Value, out var snippet):
                    found.Add(new Hit("detail:" + value, $"{n.Label} in participants detail (“{snippet}”)", NumberInDetail));
                    break;
                case NumberKind.Count when textCounts.TryGetValue(n.Value, out var snippet):
                    found.Add(new Hit("text:" + value, $"{n.Label} in record text (“{snippet}”)", NumberInText));
                    break;
                case NumberKind.Percent when textPercents.TryGetValue(n.Value, out var snippet):
                    found.Add(new Hit("percent:" + value, $"{n.Label} in record text (“{snippet}”)", NumberInText));
                    break;
                case NumberKind.Duration when textDurations.TryGetValue((n.Value, n.Unit!), out var snippet):
                    found.Add(new Hit("duration:" + value + n.Unit, $"{n.Label} in record text (“{snippet}”)", DurationInText));
                    break;
            }
        }

        hits.AddRange(Capped(found, NumbersCap));
    }

    /// <summary>Routes and cell sources shared with the record; a word inside a product name already counted ("NTF" in "MSC-NTF") is not counted again.</summary>
    private void MatchTherapies(TextFeatures text, List<Hit> hits)
    {
        var names = hits.Where(h => h.Key.StartsWith("alias:", StringComparison.Ordinal)).Select(h => h.Key["alias:".Length..]).ToList();
        var found = new List<Hit>();
        foreach (var therapy in text.Therapies.Where(t => therapies.Contains(t.Concept.Name)))
        {
            var literal = therapy.Literals.FirstOrDefault(l => !names.Exists(n => n.Contains(ProductAliases.Compact(l), StringComparison.Ordinal)));
            if (literal is null) continue;
            var name = therapy.Concept.Name;
            var reason = string.Equals(literal, name, StringComparison.OrdinalIgnoreCase) ? name : $"{name} (“{literal}”)";
            found.Add(new Hit("therapy:" + name, reason, therapy.Concept.Weight));
        }

        hits.AddRange(Capped(found, TherapyCap));
    }

    private void MatchReview(TextFeatures text, List<Hit> hits)
    {
        if (text.Review == ReviewCue.None || systematicReview is not { } systematic) return;
        var weight = systematic && text.Review == ReviewCue.Strong ? SystematicReviewCue : ReviewCueWeight;
        hits.Add(new Hit("review", $"{(systematic ? "systematic review" : "review")} (“{text.ReviewLiteral}”)", weight));
    }

    /// <summary>The strongest hits first, the last one cut so that together they contribute at most <paramref name="cap"/>.</summary>
    private static IEnumerable<Hit> Capped(List<Hit> found, double cap)
    {
        var left = cap;
        foreach (var hit in found.OrderByDescending(h => h.Weight).ThenBy(h => h.Key, StringComparer.Ordinal))
        {
            if (left <= 0) yield break;
            var weight = Math.Min(hit.Weight, left);
            left -= weight;
            yield return hit with { Weight = weight };
        }
    }

    private void IndexNumbers(EvidenceCandidate candidate)
    {
        var detail = candidate.ParticipantsDetail ?? "";
        foreach (var n in NumberMention.FindAll(detail).Where(n => n.Kind == NumberKind.Count))
            detailCounts.TryAdd(n.Value, NumberMention.Snippet(detail, n.Index));

        var text = candidate.Text ?? "";
        foreach (var n in NumberMention.FindAll(text))
        {
            var snippet = NumberMention.Snippet(text, n.Index);
            _ = n.Kind switch
            {
                NumberKind.Count => textCounts.TryAdd(n.Value, snippet),
                NumberKind.Percent => textPercents.TryAdd(n.Value, snippet),
                _ => textDurations.TryAdd((n.Value, n.Unit!), snippet),
            };
        }
    }

    private sealed record AliasName(string Display, string Compact, bool IsSponsor);

    /// <summary>A journal name in words, and whether it is too ordinary to match without a citation cue.</summary>
    private sealed record JournalName(string Display, IReadOnlyList<string> Words, bool Weak)
    {
        /// <summary>
        /// The journal names in a record's journal field: parentheses and "— UNVERIFIED" notes dropped, "A / B" split,
        /// registries ("ClinicalTrials.gov registration") and abstracts skipped.
        /// </summary>
        public static List<JournalName> Parse(string? journal)
        {
            if (string.IsNullOrWhiteSpace(journal)) return [];
            var names = new List<JournalName>();
            var cleaned = journal.Replace("(", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal);
            foreach (var raw in cleaned.Split([" — ", " – ", " / ", "/ ", " /"], StringSplitOptions.RemoveEmptyEntries))
            {
                var display = string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                var folded = NameSimilarity.Fold(display);
                if (display.Length == 0 || folded.Contains("clinicaltrials", StringComparison.Ordinal) || folded.Contains("registration", StringComparison.Ordinal)
                    || folded.Contains("abstract", StringComparison.Ordinal) || folded.Contains("unverified", StringComparison.Ordinal))
                {
                    continue;
                }

                var words = TextFeatures.WordsOf(display).Select(w => w.Folded).Where(w => !JoiningWords.Contains(w)).ToList();
                if (words.Count == 0) continue;
                names.Add(new JournalName(display, words, words.Count == 1 || words.All(DomainWords.Contains)));
            }

            return names;
        }

        /// <summary>
        /// The journal in the text, in full or abbreviated word by word ("Stem Cells Transl Med", "JAMA Neurol",
        /// "PLOS ONE"). Case is ignored but each word must start with a capital, as journal names are written; an
        /// ordinary name ("Neurology", "Trials", "Amyotrophic Lateral Sclerosis") also needs a citation cue:
        /// "published in", "journal", or a year or volume number after it.
        /// </summary>
        public (int Start, string Literal)? FindIn(IReadOnlyList<Word> text)
        {
            for (var i = 0; i < text.Count; i++)
            {
                var k = i;
                var matched = true;
                foreach (var word in Words)
                {
                    while (k > i && k < text.Count && JoiningWords.Contains(text[k].Folded)) k++;
                    if (k >= text.Count || !text[k].IsCapitalised || !Abbreviates(text[k].Folded, word))
                    {
                        matched = false;
                        break;
                    }

                    k++;
                }

                if (!matched || (Weak && !HasCue(text, i, k))) continue;
                return (i, string.Join(' ', text.Skip(i).Take(k - i).Select(w => w.Original)));
            }

            return null;
        }

        private static bool Abbreviates(string written, string word) =>
            string.Equals(written, word, StringComparison.Ordinal)
            || (written.Length >= 3 && word.StartsWith(written, StringComparison.Ordinal))
            || (written == "j" && word == "journal");

        private static bool HasCue(IReadOnlyList<Word> text, int start, int end)
        {
            for (var i = Math.Max(0, start - 3); i < start; i++)
            {
                if (JournalCueWords.Contains(text[i].Folded)) return true;
            }

            return end < text.Count && text[end].Folded.All(char.IsAsciiDigit);
        }
    }
}

using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking.Detection;

/// <summary>One sentence as the classifier sees it: the named cues that fired and the hashed word features.</summary>
/// <param name="Named">Indexes into <see cref="ClaimFeatures.Names"/> of the cues that fired (each once).</param>
/// <param name="Hashed">Hash buckets of the sentence's words, word pairs and its lead-in's words (each once).</param>
public sealed record FeatureVector(IReadOnlyList<int> Named, IReadOnlyList<int> Hashed);

/// <summary>
/// Turns a sentence of an article's cleaned text, with its neighbours, into classifier features: the old rules'
/// signals and vetoes, hand-written cues (benefit and mechanism verbs, numbers, first-person reports, the clinic's own
/// safety record, comparisons), structure (heading, bullet under a lead-in ending with ':', question, front-matter key,
/// link or image line) and the patterns of things that are not claims (prices, calls to action, disease statistics and
/// background, aftercare, scheduling), plus hashed word uni- and bigrams. Pure and deterministic: the hash is FNV-1a,
/// never <see cref="string.GetHashCode()"/>, so a model trained today scores the same tomorrow.
/// </summary>
/// <remarks>Change <see cref="Version"/> whenever a feature changes meaning; a model trained on another version is refused.</remarks>
public static partial class ClaimFeatures
{
    /// <summary>The feature set's version, written into the model file.</summary>
    public const int Version = 2;

    /// <summary>Number of buckets for hashed word features.</summary>
    public const int HashBuckets = 1 << 16;

    private const int MaxHeadingWords = 12;

    private static readonly WordCues Benefit = new("heal*|repair*|regenerat*|reliev*|relief|recover*|rejuvenat*|improv*|revers*|restor*|boost*|reduc*|ease|eases|eased|easing|alleviat*|enhanc*|strengthen*|increas*|help|helps|helped|fight*|treat|treats|treated|treating|cure|cures|cured|eliminat*|accelerat*|speed*|resolv*|prevent*|lower*|decreas*|detox*|rehydrat*|energiz*|energis*|better|gain|gains|gained|regrow*|tighten*|smooth*|slow*|halt*|protect*|benefit*|effective*|work|works");

    private static readonly WordCues MechanismWords = new("stimulat*|releas*|activat*|secret*|differentiat*|replac*|modulat*|signal*|oxygen*|angiogen*|collagen|elastin|mitochondri*|cellular|growth factor*|blood flow|blood vessel*|blood supply|circulation|inflamm*|immune|antioxidant*|free radicals|atp|dna|neuron|neurons|nerve|nerves|tissue|tissues|chelat*|bind|binds|plaque|calcium|platelet*|metals|toxins");

    private static readonly WordCues Conditions = new("pain|arthritis|osteoarthritis|autism|cancer|tumor|tumors|tumour|tumours|diabet*|copd|stroke|palsy|sclerosis|ms|als|parkinson*|alzheimer*|dementia|neuropathy|injur*|wound|wounds|hair loss|alopecia|erectile|ed|fatigue|aging|ageing|wrinkles|skin|heart|kidney|liver|lung*|lyme|infection*|depression|anxiety|insomnia|sleep|memory|cognit*|energy|inflammation|tendin*|knee|knees|joint|joints|cartilage|hangover|nausea|immunity");

    private static readonly WordCues Therapies = new("stem cell|stem cells|msc|mscs|prp|platelet rich|exosome|exosomes|hyperbaric|hbot|nad|nad+|iv|infusion*|drip|drips|chelation|edta|ozone|peptide*|bpc|tb|ghk|red light|photobiomodulation|pemf|shockwave|gainswave|cbd|supplement*|gerson|vitamin c|therap*|treatment*|injection*|procedure|protocol|cleanse");

    private static readonly WordCues Comparisons = new("than|unlike|compared|comparison|versus|vs|instead of|rather than|alternative to|whereas|superior|outperform*|without the need|without surgery|without drugs|without medication|without side|without downtime|surgery|medication|medications|drug|drugs|pill|pills");

    private static readonly WordCues PriceWords = new("price|prices|pricing|cost|costs|save|sale|discount|offer|special|package|membership|insurance|financing|coverage|usd|dollars");

    private static readonly WordCues CtaOpeners = new("contact|call|book|schedule|email|e|visit|click|sign|register|subscribe|request|get|fill|download|learn|find|read|share|follow|apply|enquire|inquire|ask|talk|speak|discover|claim|start|try|order|shop|buy|join|see|watch|view|please");

    private static readonly WordCues CtaPhrases = new("contact us|call us|call now|call today|free consultation|click here|read more|learn more|book now|book online|schedule a|schedule your");

    private static readonly WordCues SchedulingWords = new("session*|appointment*|minute|minutes|hour|hours|weeks apart|per week|once a|twice a|times a|times per|takes about|takes approximately|takes around|takes only|takes just|last|lasts|consultation|visit|visits|series of|booster*|ingredient*|contain|contains|administered|drawn|spun|injected|placed|we use|we draw|we inject");

    private static readonly WordCues AfterTreatment = new("after treatment|after the treatment|after his treatment|after her treatment|after my treatment|post treatment|following treatment|after the procedure|after the injection|after the infusion|after stem|after the stem|after receiving");

    private static readonly WordCues LeadInClaimWords = new("benefit*|improvement*|result|results|outcome*|help|helps|can|may|include|includes|including|such as|following|effect|effects|treat*|used for|relief|reported|experienced|noticed|showed|shown");


    /// <summary>A named cue: its key in the model file, the reason shown to the editor (null: never shown), and its test.</summary>
    private sealed record Cue(string Name, string? Signal, Func<SentenceView, bool> Test);

    /// <summary>What a cue looks at: the sentence, its line, the lead-in it hangs under, and the old rules' assessment.</summary>
    private sealed record SentenceView(string Sentence, IReadOnlyList<string> Words, string Line, bool IsBullet, bool AloneOnLine, string? LeadIn, IReadOnlyList<string> LeadInWords, SentenceAssessment Rules, SentenceAssessment? Previous);

    private static readonly Cue[] HandWritten =
    [
        new("benefit-verb", "benefit wording (heal, repair, relief, recovery...)", v => Benefit.Matches(v.Words)),
        new("mechanism-verb", "mechanism wording (stimulates, releases, oxygen, collagen...)", v => MechanismWords.Matches(v.Words)),
        new("condition", "names a condition or symptom", v => Conditions.Matches(v.Words)),
        new("therapy-subject", "names the therapy", v => Therapies.Matches(v.Words)),
        new("number", null, v => Digit().IsMatch(v.Sentence)),
        new("percentage", "percentage", v => PercentageCue().IsMatch(v.Sentence)),
        new("first-person", "first-person report (testimonial)", v => FirstPerson().IsMatch(v.Sentence)),
        new("diary-date", "dated patient report", v => (DiaryDate().IsMatch(v.Sentence) || AfterTreatment.Matches(v.Words))),
        new("own-safety-record", "the clinic's own safety record", v => OwnSafetyRecord().IsMatch(v.Sentence)),
        new("comparison-word", "comparison", v => Comparisons.Matches(v.Words)),
        new("hedge", null, v => Hedge().IsMatch(v.Sentence)),
        new("studies-show", "reports a research finding", v => StudiesShow().IsMatch(v.Sentence)),
        new("landscape-word", "state of the field (no cure, experimental, limited evidence)", v => LandscapeWord().IsMatch(v.Sentence)),
        new("safety-word", "safety", v => SafetyWord().IsMatch(v.Sentence)),
        new("approval-word", "regulatory status", v => ApprovalWord().IsMatch(v.Sentence)),
        new("price", null, v => (PriceFigure().IsMatch(v.Sentence) || PriceWords.Matches(v.Words))),
        new("cta", null, v => (v.Words.Count > 0 && CtaOpeners.Matches([v.Words[0]])) || CtaPhrases.Matches(v.Words)),
        new("disease-statistic", null, v => DiseaseStatistic().IsMatch(v.Sentence)),
        new("background", null, v => Background().IsMatch(v.Sentence)),
        new("aftercare", null, v => Aftercare().IsMatch(v.Sentence)),
        new("scheduling", null, v => SchedulingWords.Matches(v.Words)),
        new("second-person", null, v => SecondPerson().IsMatch(v.Sentence)),
        new("we-offer", null, v => WeOffer().IsMatch(v.Sentence)),
        new("hope-or-aim", null, v => HopeOrAim().IsMatch(v.Sentence)),
        new("reference-entry", null, v => ReferenceEntry().IsMatch(v.Sentence)),
        new("link-or-image", null, v => LinkOrImage().IsMatch(v.Sentence)),
        new("front-matter-key", null, v => FrontMatterKey().IsMatch(v.Line)),
        new("markdown-heading", null, v => v.Line.TrimStart().StartsWith('#')),
        new("question", null, v => v.Sentence.TrimEnd().EndsWith('?')),
        new("ends-colon", null, v => v.Sentence.TrimEnd().EndsWith(':')),
        new("ends-period", null, v => v.Sentence.TrimEnd('”', '"', '’', '\'', ')', ']', ' ', '*').EndsWith('.')),
        new("no-final-punctuation", null, v => !EndsSentence(v.Sentence)),
        new("heading-shape", null, v => v.AloneOnLine && !EndsSentence(v.Sentence) && WordCount(v.Sentence) <= MaxHeadingWords),
        new("title-case", null, v => IsTitleCase(v.Sentence)),
        new("bullet", null, v => v.IsBullet),
        new("under-lead-in", "item under a claim's lead-in", v => v.LeadIn is not null),
        new("lead-in-benefit", "item under a claim's lead-in", v => v.LeadIn is { } l && (Benefit.Matches(v.LeadInWords) || LeadInClaimWords.Matches(v.LeadInWords))),
        new("lead-in-background", null, v => v.LeadIn is { } l && (Background().IsMatch(l) || LeadInBackground().IsMatch(l))),
        new("lead-in-logistics", null, v => v.LeadIn is { } l && (SchedulingWords.Matches(v.LeadInWords) || LeadInLogistics().IsMatch(l))),
        new("lead-in-side-effects", "item under a claim's lead-in", v => v.LeadIn is { } l && SafetyWord().IsMatch(l)),
        new("previous-rule-candidate", null, v => v.Previous is { IsCandidate: true }),
        new("words-1-3", null, v => WordCount(v.Sentence) <= 3),
        new("words-4-7", null, v => WordCount(v.Sentence) is >= 4 and <= 7),
        new("words-8-15", null, v => WordCount(v.Sentence) is >= 8 and <= 15),
        new("words-16-30", null, v => WordCount(v.Sentence) is >= 16 and <= 30),
        new("words-31+", null, v => WordCount(v.Sentence) > 30),
    ];

    private static readonly string[] VetoReasons = ["question", "call to action", "contact details", "boilerplate", "heading"];

    /// <summary>Every named feature, in index order: the hand-written cues, then the old rules' groups, vetoes and score.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. HandWritten.Select(c => c.Name),
        .. ClaimRules.Rules.Select(r => "rule:" + r.Group).Distinct(StringComparer.Ordinal),
        .. VetoReasons.Select(r => "veto:" + r),
        "rule-score:<=0", "rule-score:1-2", "rule-score:3-4", "rule-score:5+", "rule-candidate",
    ];

    private static readonly Dictionary<string, int> IndexOf = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    /// <summary>The reason shown to an editor for a named feature, or null when it is not worth showing.</summary>
    public static string? SignalOf(int named)
    {
        if (named < HandWritten.Length) return HandWritten[named].Signal;
        var name = Names[named];
        if (!name.StartsWith("rule:", StringComparison.Ordinal)) return null;
        var group = name["rule:".Length..];
        return ClaimRules.Rules.FirstOrDefault(r => r.Group == group && r.Weight > 0)?.Signal;
    }

    /// <summary>Features of every sentence in <paramref name="text"/> (spans from <see cref="SentenceSplitter"/>).</summary>
    public static IReadOnlyList<FeatureVector> Extract(string text, IReadOnlyList<TextSpan> sentences)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentences);
        var assessments = sentences.Select(s => ClaimRules.Assess(text, s)).ToList();
        var result = new List<FeatureVector>(sentences.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            result.Add(Extract(text, sentences[i], assessments[i], i > 0 ? assessments[i - 1] : null));
        }
        return result;
    }

    private static FeatureVector Extract(string text, TextSpan span, SentenceAssessment rules, SentenceAssessment? previous)
    {
        var sentence = span.Slice(text);
        var (lineStart, lineEnd) = LineAround(text, span.Start);
        var line = text[lineStart..lineEnd];
        var before = text[lineStart..span.Start];
        var isBullet = IsBulletPrefix(before);
        var aloneOnLine = string.IsNullOrWhiteSpace(StripMarker(before)) && string.IsNullOrWhiteSpace(text[Math.Min(span.End, lineEnd)..lineEnd]);
        var leadIn = aloneOnLine && (isBullet || !EndsSentence(sentence)) ? LeadInOf(text, lineStart) : null;
        var words = LowerWords(sentence);
        var view = new SentenceView(sentence, words, line, isBullet, aloneOnLine, leadIn, leadIn is null ? [] : LowerWords(leadIn), rules, previous);

        var named = new List<int>();
        for (var c = 0; c < HandWritten.Length; c++)
        {
            if (HandWritten[c].Test(view)) named.Add(c);
        }
        foreach (var signal in rules.Signals)
        {
            var group = ClaimRules.Rules.First(r => r.Signal == signal).Group;
            var index = IndexOf["rule:" + group];
            if (!named.Contains(index)) named.Add(index);
        }
        foreach (var group in rules.Penalties) named.Add(IndexOf["rule:" + group]);
        if (rules.Veto is { } veto) named.Add(IndexOf["veto:" + veto]);
        named.Add(IndexOf[rules.Score switch { <= 0 => "rule-score:<=0", <= 2 => "rule-score:1-2", <= 4 => "rule-score:3-4", _ => "rule-score:5+" }]);
        if (rules.IsCandidate) named.Add(IndexOf["rule-candidate"]);

        var hashed = new HashSet<int>();
        string? last = null;
        foreach (var word in words.Select(NormaliseDigits))
        {
            hashed.Add(Bucket("w:" + word));
            if (last is not null) hashed.Add(Bucket("b:" + last + " " + word));
            last = word;
        }
        // Context: the section heading above (a "Benefits", "Side effects", "Causes", "Pricing" or FAQ question line) and the
        // cues of the sentences either side, so that a diary entry or a benefits list is read as part of its section.
        if (SectionHeadingOf(text, lineStart) is { } heading)
        {
            foreach (var word in LowerWords(heading)) hashed.Add(Bucket("h:" + NormaliseDigits(word)));
        }
        if (leadIn is not null)
        {
            foreach (var word in view.LeadInWords) hashed.Add(Bucket("l:" + NormaliseDigits(word)));
        }
        var sortedHashed = hashed.ToList();
        sortedHashed.Sort();
        named.Sort();
        return new FeatureVector(named.Distinct().ToList(), sortedHashed);
    }

    /// <summary>The sentence's words, lower-cased.</summary>
    internal static List<string> LowerWords(string sentence)
    {
        var words = new List<string>();
        foreach (var m in Word().EnumerateMatches(sentence)) words.Add(sentence.Substring(m.Index, m.Length).ToLowerInvariant());
        return words;
    }

    /// <summary>Digits become "0", so that "12 weeks" and "6 weeks" share a hashed feature.</summary>
    private static string NormaliseDigits(string word) => word.AsSpan().IndexOfAnyInRange('0', '9') < 0 ? word : Digit().Replace(word, "0");

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and platforms.</summary>
    internal static int Bucket(string key)
    {
        var hash = 2166136261u;
        foreach (var ch in key)
        {
            hash ^= ch;
            hash *= 16777619u;
        }
        return (int)(hash % HashBuckets);
    }

    private static (int Start, int End) LineAround(string text, int offset)
    {
        var start = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        var end = text.IndexOf('\n', offset);
        return (start, end < 0 ? text.Length : end);
    }

    /// <summary>The lead-in a bullet or short item hangs under: walking up over sibling items, the first line ending with ':' (null when the list has none).</summary>
    private static string? LeadInOf(string text, int lineStart)
    {
        var steps = 0;
        var end = lineStart - 1; // the '\n' before this line
        while (end > 0 && steps++ < 40)
        {
            var (start, stop) = LineAround(text, end - 1 < 0 ? 0 : end - 1);
            if (stop > end) stop = end;
            var line = text[start..stop].Trim();
            end = start - 1;
            if (line.Length == 0) continue;
            if (line.EndsWith(':')) return line;
            var isItem = IsBulletPrefix(text[start..stop]) || (!EndsSentence(line) && WordCount(line) <= MaxHeadingWords * 2);
            if (!isItem) return null;
            if (end < 0) break;
        }
        return null;
    }

    /// <summary>The nearest heading-shaped line above: a markdown heading, a question, or a short line without final punctuation that is not a list item.</summary>
    private static string? SectionHeadingOf(string text, int lineStart)
    {
        var end = lineStart - 1;
        for (var steps = 0; end > 0 && steps < 60; steps++)
        {
            var start = text.LastIndexOf('\n', end - 1) + 1;
            var raw = text[start..end];
            end = start - 1;
            var line = raw.Trim();
            if (line.Length == 0 || IsBulletPrefix(raw)) continue;
            if (line.StartsWith('#') || line.EndsWith('?') || (!EndsSentence(line) && WordCount(line) <= MaxHeadingWords)) return line;
        }
        return null;
    }

    private static bool IsBulletPrefix(string linePrefix) => BulletMarker().IsMatch(linePrefix);

    private static string StripMarker(string linePrefix) => BulletMarker().Replace(linePrefix, "");

    private static bool EndsSentence(string sentence)
    {
        var trimmed = sentence.TrimEnd('”', '"', '’', '\'', ')', ']', ' ', '*', '_');
        return trimmed.Length > 0 && ".!?…:;".Contains(trimmed[^1], StringComparison.Ordinal);
    }

    private static int WordCount(string sentence) => Word().Count(sentence);

    private static bool IsTitleCase(string sentence)
    {
        var words = Word().Matches(sentence).Select(m => m.Value).Where(w => w.Length > 3).ToList();
        return words.Count >= 2 && words.Count(w => char.IsUpper(w[0])) * 4 >= words.Count * 3;
    }

    // ---- Cues -------------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"[$€£]\s?[0-9]|[0-9]\s?%\s+off\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriceFigure();





    [GeneratedRegex(@"[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex Digit();

    [GeneratedRegex(@"[0-9]\s?%|\bper\s?cent\b|\bpercent\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentageCue();

    [GeneratedRegex(@"\b(?:I|I['’]m|I['’]ve|I['’]d|I['’]ll)\b|\b(?:[Mm]y|[Mm]e|[Mm]yself)\b|\b(?:[Mm]y|[Oo]ur)\s+(?:son|daughter|child|husband|wife|mother|father)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"^\W*(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+[0-9]{1,2},?\s+[0-9]{4}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DiaryDate();

    [GeneratedRegex(@"\b(?:we|our\s+(?:clinic|patients|practice|center|centre))\b[^.]{0,60}\b(?:never|no|not|zero|none)\b|\b(?:never|no|zero)\s+(?:\w+\s+){0,3}(?:complications?|infections?|side\s+effects?|adverse|reactions?)\b|\bnone\s+reported\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnSafetyRecord();


    [GeneratedRegex(@"\b(?:may|might|can|could|believed|thought|suggests?|potential(?:ly)?|likely|appears?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hedge();

    [GeneratedRegex(@"\b(?:stud(?:y|ies)|research|trials?|evidence|data|results|review|scientists|researchers|doctors|patients)\s+(?:\w+\s+){0,3}(?:shows?|showed|shown|suggests?|suggested|found|find|indicates?|indicated|demonstrat\w*|reports?|reported|confirm\w*|prove[dn]?|concluded|support\w*)\b|\bclinically\s+proven\b|\bproven\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StudiesShow();

    [GeneratedRegex(@"\bno\s+(?:known\s+)?cure\b|\bincurable\b|\bonly\s+(?:manage|treat|mask|relieve)\w*\s+(?:the\s+)?symptoms\b|\blimited\s+(?:results|evidence|benefit|success|options)\b|\bexperimental\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:proven|approved|endorsed|recogni[sz]ed)\b|\bsubjects?\s+of\s+debate\b|\bongoing\s+research\b|\bmainstream\b|\bconventional\b|\bstandard\s+(?:of\s+)?care\b|\bcurrent\s+treatments?\b|\bstill\s+being\s+studied\b|\bmore\s+research\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LandscapeWord();

    [GeneratedRegex(@"\b(?:safe|safely|safety|side[\s-]effects?|adverse|complications?|risks?|non-?invasive|minimally\s+invasive|well[\s-]tolerated|contraindicat\w*|toxic\w*|no\s+downtime|painless|headaches?|dizziness|bruising|swelling)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SafetyWord();

    [GeneratedRegex(@"\b(?:FDA|approved|approval|cleared|clearance|AATB|guidelines?|licen[sc]ed|certified|registered)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApprovalWord();



    [GeneratedRegex(@"\b(?:affects?|affecting|prevalence|prevalent|incidence|million\s+(?:people|americans|adults|children|men|women)|leading\s+cause|third\s+leading|accounts?\s+for|are\s+diagnosed|diagnosed\s+(?:with|each)|in\s+(?:the\s+)?(?:us|united\s+states|world)|worldwide|every\s+year|each\s+year|per\s+year|of\s+(?:all\s+)?(?:men|women|adults|children|people)\s+(?:over|aged|between|in))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DiseaseStatistic();

    [GeneratedRegex(@"\b(?:is\s+an?\s+(?:\w+\s+){0,3}(?:disease|disorder|condition|syndrome|illness)|caused\s+by|causes\s+(?:of|include)|symptoms?\s+(?:include|of|are|such)|risk\s+factors?|characteri[sz]ed\s+by|occurs?\s+when|as\s+we\s+age|naturally\s+(?:occurring|found|produced)|is\s+a\s+(?:coenzyme|molecule|compound|vitamin|mineral|protein|hormone|gas|form)|the\s+body\s+(?:produces|makes|uses)|diagnos\w*|progressive|genetic|inherited)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Background();

    [GeneratedRegex(@"\b(?:avoid|refrain|do\s+not|don['’]t|you\s+(?:should|must|will\s+need|may\s+need)|take\s+(?:[0-9]+|a\s+few|one|two)\s+\w+\s+off|after\s+(?:your|the|each)\s+(?:treatment|procedure|session|injection|infusion|appointment)|before\s+(?:your|the)\s+(?:treatment|procedure|session|appointment|injection)|drink\s+(?:plenty|water|lots)|wear\b|ice\b|eat\s+a|hydrated?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Aftercare();


    [GeneratedRegex(@"\b(?:you|your|you['’]re|you['’]ll)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecondPerson();

    [GeneratedRegex(@"\b(?:we|our)\s+(?:offer|provide|are|have|specialize|specialise|use|believe|pride|strive|team|clinic|doctors|staff|goal|mission)\b|\b(?:our|the)\s+team\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeOffer();

    [GeneratedRegex(@"\b(?:hope|hoping|hoped|aims?\s+to|aimed|goal\s+is|wish|looking\s+forward|excited|can['’]t\s+wait|game[\s-]?changer|ray\s+of\s+hope|fastest[\s-]growing|popular\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HopeOrAim();

    [GeneratedRegex(@"^\W*(?:\[?[0-9]{1,3}[\].)]?\s+)?\p{Lu}[\p{L}'-]+\s+\p{Lu}{1,3}[,.]\s|\bet\s+al\.?[,.]?\s.*\b(?:19|20)[0-9]{2}\b.*[0-9]+[:;(]|\bdoi\b|\bPMID\b|\bJ\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceEntry();

    [GeneratedRegex(@"\]\(|<img|<a\s|https?://|www\.|\.(?:jpe?g|png|gif|webp|svg)\b|\{\{|\{%|<[a-z]+[\s>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkOrImage();

    [GeneratedRegex(@"^\s*-?\s*(?:title|description|date|author|tags|image|layout|slug|q|a|question|answer|draft|weight|categories|keywords|summary|name|url|alt|thumbnail|meta\w*|seo\w*|type|menu|heading|subtitle|excerpt)\s*[:=]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrontMatterKey();


    [GeneratedRegex(@"\b(?:symptoms?|causes?|signs?|risk\s+factors?|stages?|types?\s+of|diagnos\w*|conditions?\s+(?:we|that)\s+treat)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadInBackground();

    [GeneratedRegex(@"\b(?:ingredients?|contains?|includes?\s+the\s+following|what\s+to\s+expect|before|after\s+(?:your|the)|prepare|preparation|schedule|steps?|process|how\s+it\s+works|pricing|prices?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadInLogistics();

    [GeneratedRegex(@"^\s*(?:[-–—*+•·▪◦‣●○■□►▸➢✓✔]|[0-9]{1,2}[.)]|\([0-9a-z]\)|[a-z][.)])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’+][\p{L}\p{N}]+)*\+?", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

using System.Buffers;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Linking.Detection;

/// <summary>One sentence as the classifier sees it: the named cues that fired and the hashed word features.</summary>
/// <param name="Named">Indexes into <see cref="ClaimFeatures.Names"/> of the cues that fired (each once).</param>
/// <param name="Hashed">Hash buckets of the sentence's words, word pairs and its lead-in's words (each once).</param>
/// <param name="LeadIn">Index (among the text's sentences) of the lead-in sentence this item hangs under, or -1.</param>
/// <param name="NeverClaim">Why the unit can never be a claim whatever the weights say (markup only, an entry of a reference list), or null.</param>
public sealed record FeatureVector(IReadOnlyList<int> Named, IReadOnlyList<int> Hashed, int LeadIn = -1, string? NeverClaim = null);

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
    public const int Version = 4;

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


    /// <summary>
    /// The old rules' regexes (<see cref="ClaimRules.PrefilterEntries"/>, first, so one scan serves <see cref="ClaimRules.Assess(TextSpan, string, ulong)"/>
    /// too), then those the hand-written cues run on the sentence, each with the literals every match contains (see <see cref="LiteralPrefilter"/>).
    /// </summary>
    internal static readonly LiteralPrefilter SentenceCues = new(
    [
        .. ClaimRules.PrefilterEntries,
        (DisclaimerWording(), "var | guarantee | substitute | advice | consult | individual"),
        (AboutThePage(), "guide | post | article | page | blog | section | video | overview | will | let | learning | important"),
        (SequenceStep(), "first | second | third | fourth | fifth | next | then | finally | afterward | once | process | procedure | step"),
        (PriceFigure(), "$ | € | £ | % off"),
        (PercentageCue(), "% | per"),
        (OwnSafetyRecord(), "we no | we never | we zero | our no | our never | our zero | complication | infection | side | adverse | reaction | reported"),
        (Hedge(), "may | might | can | could | believed | thought | suggest | potential | likely | appear"),
        (StudiesShow(), "show | suggest | found | find | indicate | demonstrat | report | confirm | prove | concluded | support"),
        (LandscapeWord(), "cure | curable | symptoms | limited | experimental | proven | approved | endorsed | recogni | debate | ongoing | mainstream | conventional | standard | current | studied | research"),
        (SafetyWord(), "safe | side | adverse | complication | risk | invasive | tolerated | contraindicat | toxic | downtime | painless | headache | dizziness | bruising | swelling"),
        (ApprovalWord(), "fda | approv | clear | aatb | guideline | licen | certified | registered"),
        (DiseaseStatistic(), "affect | prevalen | incidence | million | leading | account | diagnosed | in us | united | world | year | men | adults | children | people"),
        (Background(), "disease | disorder | condition | syndrome | illness | cause | symptom | factor | characteri | occur | age | naturally | coenzyme | molecule | compound | vitamin | mineral | protein | hormone | gas | form | body | diagnos | progressive | genetic | inherited"),
        (Aftercare(), "avoid | refrain | not | don | you | off | after | before | drink | wear | ice | eat | hydrate"),
        (SecondPerson(), "you"),
        (WeOffer(), "we | our | team"),
        (HopeOrAim(), "hope | hoping | aim | goal | wish | forward | excited | wait | changer | growing | popular"),
        (LinkOrImage(), "]( | < | http | www. | .jp | .png | .gif | .webp | .svg | {{ | {%"),
    ]);

    private static readonly int DisclaimerWordingAt = SentenceCueAt(DisclaimerWording());
    private static readonly int AboutThePageAt = SentenceCueAt(AboutThePage());
    private static readonly int SequenceStepAt = SentenceCueAt(SequenceStep());
    private static readonly int PriceFigureAt = SentenceCueAt(PriceFigure());
    private static readonly int PercentageCueAt = SentenceCueAt(PercentageCue());
    private static readonly int OwnSafetyRecordAt = SentenceCueAt(OwnSafetyRecord());
    private static readonly int HedgeAt = SentenceCueAt(Hedge());
    private static readonly int StudiesShowAt = SentenceCueAt(StudiesShow());
    private static readonly int LandscapeWordAt = SentenceCueAt(LandscapeWord());
    private static readonly int SafetyWordAt = SentenceCueAt(SafetyWord());
    private static readonly int ApprovalWordAt = SentenceCueAt(ApprovalWord());
    private static readonly int DiseaseStatisticAt = SentenceCueAt(DiseaseStatistic());
    private static readonly int BackgroundAt = SentenceCueAt(Background());
    private static readonly int AftercareAt = SentenceCueAt(Aftercare());
    private static readonly int SecondPersonAt = SentenceCueAt(SecondPerson());
    private static readonly int WeOfferAt = SentenceCueAt(WeOffer());
    private static readonly int HopeOrAimAt = SentenceCueAt(HopeOrAim());
    private static readonly int LinkOrImageAt = SentenceCueAt(LinkOrImage());

    private static int SentenceCueAt(Regex pattern) => SentenceCues.Patterns.ToList().IndexOf(pattern);

    /// <summary>The word cues the hand-written cues look up in the sentence's words, in one pass.</summary>
    private static readonly WordCueSet SentenceWords = new(Benefit, MechanismWords, Conditions, Therapies, Comparisons, PriceWords, CtaPhrases, SchedulingWords, AfterTreatment);

    private static readonly int BenefitWord = SentenceWords.IndexOf(Benefit);
    private static readonly int MechanismWordsWord = SentenceWords.IndexOf(MechanismWords);
    private static readonly int ConditionsWord = SentenceWords.IndexOf(Conditions);
    private static readonly int TherapiesWord = SentenceWords.IndexOf(Therapies);
    private static readonly int ComparisonsWord = SentenceWords.IndexOf(Comparisons);
    private static readonly int PriceWordsWord = SentenceWords.IndexOf(PriceWords);
    private static readonly int CtaPhrasesWord = SentenceWords.IndexOf(CtaPhrases);
    private static readonly int SchedulingWordsWord = SentenceWords.IndexOf(SchedulingWords);
    private static readonly int AfterTreatmentWord = SentenceWords.IndexOf(AfterTreatment);

    /// <summary>A named cue: its key in the model file, the reason shown to the editor (null: never shown), and its test.</summary>
    private sealed record Cue(string Name, string? Signal, Func<SentenceView, bool> Test);

    /// <summary>What a cue looks at: the sentence, its line, the lead-in it hangs under, and the old rules' assessment.</summary>
    private sealed record SentenceView(string Sentence, string Plain, IReadOnlyList<string> Words, int WordCount, bool TitleCase, string Line, bool IsBullet, bool AloneOnLine, string? LeadIn, IReadOnlyList<string> LeadInWords, SentenceAssessment Rules, SentenceAssessment? Previous, ulong MayMatch, ulong WordCuesFound)
    {
        /// <summary>Whether the word cue at <paramref name="cue"/> in <see cref="SentenceWords"/> occurs in the sentence's words.</summary>
        public bool Has(int cue) => (WordCuesFound & (1UL << cue)) != 0;

        /// <summary>Whether the sentence cue at <paramref name="cue"/> in <see cref="SentenceCues"/> matches the sentence.</summary>
        public bool Is(int cue) => SentenceCues.IsMatch(cue, Sentence, MayMatch);
    }

    private static readonly Cue[] HandWritten =
    [
        new("benefit-verb", "benefit wording (heal, repair, relief, recovery...)", v => v.Has(BenefitWord)),
        new("mechanism-verb", "mechanism wording (stimulates, releases, oxygen, collagen...)", v => v.Has(MechanismWordsWord)),
        new("condition", "names a condition or symptom", v => v.Has(ConditionsWord)),
        new("therapy-subject", "names the therapy", v => v.Has(TherapiesWord)),
        new("number", null, v => Digit().IsMatch(v.Sentence)),
        new("percentage", "percentage", v => v.Is(PercentageCueAt)),
        new("first-person", "first-person report (testimonial)", v => MayBeFirstPerson(v.Sentence) && FirstPerson().IsMatch(v.Sentence)),
        new("diary-date", "dated patient report", v => (DiaryDate().IsMatch(v.Sentence) || v.Has(AfterTreatmentWord))),
        new("own-safety-record", "the clinic's own safety record", v => v.Is(OwnSafetyRecordAt)),
        new("comparison-word", "comparison", v => v.Has(ComparisonsWord)),
        new("hedge", null, v => v.Is(HedgeAt)),
        new("studies-show", "reports a research finding", v => v.Is(StudiesShowAt)),
        new("landscape-word", "state of the field (no cure, experimental, limited evidence)", v => v.Is(LandscapeWordAt)),
        new("safety-word", "safety", v => v.Is(SafetyWordAt)),
        new("approval-word", "regulatory status", v => v.Is(ApprovalWordAt)),
        new("price", null, v => (v.Is(PriceFigureAt) || v.Has(PriceWordsWord))),
        new("cta", null, v => (v.Words.Count > 0 && CtaOpeners.Matches([v.Words[0]])) || v.Has(CtaPhrasesWord)),
        new("disease-statistic", null, v => v.Is(DiseaseStatisticAt)),
        new("background", null, v => v.Is(BackgroundAt)),
        new("aftercare", null, v => v.Is(AftercareAt)),
        new("scheduling", null, v => v.Has(SchedulingWordsWord)),
        new("second-person", null, v => v.Is(SecondPersonAt)),
        new("we-offer", null, v => v.Is(WeOfferAt)),
        new("hope-or-aim", null, v => v.Is(HopeOrAimAt)),
        new("reference-entry", null, v => MayBeReferenceEntry(v.Sentence) && ReferenceEntry().IsMatch(v.Sentence)),
        new("link-or-image", null, v => v.Is(LinkOrImageAt)),
        new("disclaimer", null, v => v.Is(DisclaimerWordingAt)),
        new("about-the-page", null, v => v.Is(AboutThePageAt)),
        new("sequence-step", null, v => v.Is(SequenceStepAt)),
        new("front-matter-key", null, v => FrontMatterKey().IsMatch(v.Line)),
        new("markdown-heading", null, v => v.Line.TrimStart().StartsWith('#') || HtmlHeading().IsMatch(v.Line)),
        new("question", null, v => v.Plain.TrimEnd().EndsWith('?')),
        new("ends-colon", null, v => v.Plain.TrimEnd().EndsWith(':')),
        new("ends-period", null, v => v.Plain.TrimEnd('”', '"', '’', '\'', ')', ']', ' ', '*').EndsWith('.')),
        new("no-final-punctuation", null, v => !EndsSentence(v.Plain)),
        new("heading-shape", null, v => v.AloneOnLine && !EndsSentence(v.Plain) && v.WordCount <= MaxHeadingWords),
        new("title-case", null, v => v.TitleCase),
        new("bullet", null, v => v.IsBullet),
        new("under-lead-in", "item under a claim's lead-in", v => v.LeadIn is not null),
        new("lead-in-benefit", "item under a claim's lead-in", v => v.LeadIn is { } l && (Benefit.Matches(v.LeadInWords) || LeadInClaimWords.Matches(v.LeadInWords))),
        new("lead-in-background", null, v => v.LeadIn is { } l && (Background().IsMatch(l) || LeadInBackground().IsMatch(l))),
        new("lead-in-logistics", null, v => v.LeadIn is { } l && (SchedulingWords.Matches(v.LeadInWords) || LeadInLogistics().IsMatch(l))),
        new("lead-in-side-effects", "item under a claim's lead-in", v => v.LeadIn is { } l && SafetyWord().IsMatch(l)),
        new("previous-rule-candidate", null, v => v.Previous is { IsCandidate: true }),
        new("words-1-3", null, v => v.WordCount <= 3),
        new("words-4-7", null, v => v.WordCount is >= 4 and <= 7),
        new("words-8-15", null, v => v.WordCount is >= 8 and <= 15),
        new("words-16-30", null, v => v.WordCount is >= 16 and <= 30),
        new("words-31+", null, v => v.WordCount > 30),
    ];

    private static readonly string[] VetoReasons = ["question", "call to action", "contact details", "boilerplate", "heading"];

    /// <summary>Cues of the sentence before and after that are copied as context ("prev:first-person", "next:heading-shape").</summary>
    private static readonly string[] ContextCues =
    [
        "benefit-verb", "mechanism-verb", "condition", "therapy-subject", "number", "first-person", "diary-date", "comparison-word",
        "studies-show", "safety-word", "price", "cta", "disease-statistic", "background", "aftercare", "scheduling", "second-person",
        "reference-entry", "link-or-image", "question", "ends-colon", "heading-shape", "bullet", "lead-in-benefit", "lead-in-background",
    ];

    /// <summary>What the nearest heading above says the section is about.</summary>
    private static readonly (string Kind, Regex Pattern)[] SectionKinds =
    [
        ("references", SectionReferences()),
        ("testimonials", SectionTestimonials()),
        ("logistics", SectionLogistics()),
        ("background", SectionBackground()),
        ("benefits", SectionBenefits()),
    ];

    /// <summary>What the subject of a unit (the words before its main verb) can be about.</summary>
    private static readonly string[] SubjectKinds = ["we", "first-person", "patients", "therapy", "condition", "body", "study", "pronoun", "other", "none"];

    private static readonly string[] StructureFeatures =
    [
        "section:none", .. SectionKinds.Select(k => "section:" + k.Kind), "section:question",
        "position:first-tenth", "position:last-tenth", "position:first-3",
        "capitalised-words-most", "commas-dense", "digits-dense", "prev:none", "next:none", "prev:rule-candidate", "next:rule-candidate",
        "lead-in-rule-candidate", "list-of-3+",
        .. SubjectKinds.Select(k => "subject:" + k),
        "page-therapy:in-unit", "page-therapy:subject", "page-therapy:near", "page-therapy:far", "page-therapy:none-on-page",
        "condition-without-therapy",
    ];

    /// <summary>Every named feature, in index order: the hand-written cues, the old rules' groups, vetoes and score, then context and structure.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. HandWritten.Select(c => c.Name),
        .. ClaimRules.Rules.Select(r => "rule:" + r.Group).Distinct(StringComparer.Ordinal),
        .. VetoReasons.Select(r => "veto:" + r),
        "rule-score:<=0", "rule-score:1-2", "rule-score:3-4", "rule-score:5+", "rule-candidate",
        .. ContextCues.Select(c => "prev:" + c),
        .. ContextCues.Select(c => "next:" + c),
        .. StructureFeatures,
    ];

    private static readonly Dictionary<string, int> IndexOf = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    private static readonly int[] ContextCueIndexes = [.. ContextCues.Select(c => Array.FindIndex(HandWritten, h => h.Name == c))];

    // The named features the extraction adds by name, looked up once: per sentence it adds a dozen of them.
    private static readonly int[] PrevContextIndexes = [.. ContextCues.Select(c => IndexOf["prev:" + c])];
    private static readonly int[] NextContextIndexes = [.. ContextCues.Select(c => IndexOf["next:" + c])];
    private static readonly int PrevNone = IndexOf["prev:none"];
    private static readonly int NextNone = IndexOf["next:none"];
    private static readonly int PrevRuleCandidate = IndexOf["prev:rule-candidate"];
    private static readonly int NextRuleCandidate = IndexOf["next:rule-candidate"];
    private static readonly int SectionNone = IndexOf["section:none"];
    private static readonly int FirstTenth = IndexOf["position:first-tenth"];
    private static readonly int LastTenth = IndexOf["position:last-tenth"];
    private static readonly int FirstThree = IndexOf["position:first-3"];
    private static readonly int LeadInRuleCandidate = IndexOf["lead-in-rule-candidate"];
    private static readonly int ListOfThree = IndexOf["list-of-3+"];
    private static readonly int PageTherapyNoneOnPage = IndexOf["page-therapy:none-on-page"];
    private static readonly int PageTherapyInUnit = IndexOf["page-therapy:in-unit"];
    private static readonly int PageTherapyNear = IndexOf["page-therapy:near"];
    private static readonly int PageTherapyFar = IndexOf["page-therapy:far"];
    private static readonly int PageTherapySubject = IndexOf["page-therapy:subject"];
    private static readonly int ConditionWithoutTherapy = IndexOf["condition-without-therapy"];
    private static readonly int[] RuleScoreIndexes = [IndexOf["rule-score:<=0"], IndexOf["rule-score:1-2"], IndexOf["rule-score:3-4"], IndexOf["rule-score:5+"]];
    private static readonly int RuleCandidate = IndexOf["rule-candidate"];
    private static readonly int CapitalisedWordsMost = IndexOf["capitalised-words-most"];
    private static readonly int CommasDense = IndexOf["commas-dense"];
    private static readonly int DigitsDense = IndexOf["digits-dense"];
    private static readonly int[] SubjectKindIndexes = [.. SubjectKinds.Select(k => IndexOf["subject:" + k])];
    private static readonly Dictionary<string, int> RuleGroupIndexes = ClaimRules.Rules.Select(r => r.Group).Distinct(StringComparer.Ordinal).ToDictionary(g => g, g => IndexOf["rule:" + g], StringComparer.Ordinal);
    private static readonly Dictionary<string, int> VetoIndexes = VetoReasons.ToDictionary(r => r, r => IndexOf["veto:" + r], StringComparer.Ordinal);

    /// <summary>The reason shown to an editor for a named feature, or null when it is not worth showing.</summary>
    public static string? SignalOf(int named) => SignalsByIndex[named];

    /// <summary>Each named feature's <see cref="SignalOf"/>, worked out once: every candidate of every import shows its signals.</summary>
    private static readonly string?[] SignalsByIndex = [.. Enumerable.Range(0, Names.Count).Select(WorkOutSignalOf)];

    private static string? WorkOutSignalOf(int named)
    {
        if (named < HandWritten.Length) return HandWritten[named].Signal;
        var name = Names[named];
        if (!name.StartsWith("rule:", StringComparison.Ordinal)) return null;
        var group = name["rule:".Length..];
        return ClaimRules.Rules.FirstOrDefault(r => r.Group == group && r.Weight > 0)?.Signal;
    }

    /// <summary>One line of the text, measured once: the lead-in and section heading searches walk these instead of the text.</summary>
    private sealed class LineInfo(int start, int end, string raw)
    {
        public int Start { get; } = start;
        public int End { get; } = end;
        public string Raw { get; } = raw;
        /// <summary>The line trimmed, without its HTML tags: "&lt;li&gt;Zinc&lt;/li&gt;" reads "Zinc", "&lt;p&gt;Benefits include:&lt;/p&gt;" ends with ':'.</summary>
        public string Trimmed { get; } = raw.Contains('<', StringComparison.Ordinal) ? HtmlTag().Replace(raw, "").Trim() : raw.Trim();
        public bool IsBullet { get; } = IsBulletPrefix(raw) || IsHtmlListItem(raw);
        public bool IsHtmlHeading { get; } = HtmlHeading().IsMatch(raw);
        public bool EndsSentence => EndsSentence(Trimmed);
        public int Words => words ??= WordCount(Trimmed);
        private int? words;
        public int LeadIn { get; set; } = -2; // -2: not yet looked up, -1: none
        public int Heading { get; set; } = -2;

        /// <summary>This line's lower-cased words, once (a lead-in or heading is read by every unit under it).</summary>
        public List<string> LowerWords => lowerWords ??= ClaimFeatures.LowerWords(Trimmed);
        private List<string>? lowerWords;

        /// <summary>As a section heading: its kind's feature index, whether it opens a reference list, and its words' buckets.</summary>
        public (int Kind, bool References, int[] Buckets) AsHeading => asHeading ??= (
            IndexOf["section:" + SectionKind(Trimmed)],
            ReferenceHeading().IsMatch(Trimmed),
            [.. LowerWords.Select(w => Bucket(HeadingPrefix, w))]);
        private (int, bool, int[])? asHeading;
    }

    /// <summary>Features of every sentence in <paramref name="text"/> (spans from <see cref="SentenceSplitter"/>).</summary>
    public static IReadOnlyList<FeatureVector> Extract(string text, IReadOnlyList<TextSpan> sentences)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentences);
        var lines = Lines(text);
        var assessments = new SentenceAssessment[sentences.Count];
        var texts = new string[sentences.Count];
        var mayMatch = new ulong[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            texts[i] = sentences[i].Slice(text);
            mayMatch[i] = SentenceCues.Scan(texts[i]);
            assessments[i] = ClaimRules.Assess(sentences[i], texts[i], mayMatch[i]);
        }
        var own = new List<int>[sentences.Count];
        var hashed = new List<int>[sentences.Count];
        var lineOf = new int[sentences.Count];
        var unitWords = new List<string>[sentences.Count];
        var subjects = new List<string>[sentences.Count];
        var line = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            while (line + 1 < lines.Count && lines[line + 1].Start <= sentences[i].Start) line++;
            lineOf[i] = line;
            (own[i], hashed[i], unitWords[i], subjects[i]) = Sentence(text, sentences[i], texts[i], mayMatch[i], lines, line, assessments[i], i > 0 ? assessments[i - 1] : null);
        }
        var pageTherapy = PageTherapyTerms(unitWords, own);
        var mentions = new bool[sentences.Count];
        for (var i = 0; i < sentences.Count; i++) mentions[i] = pageTherapy.Count > 0 && MentionsTerm(unitWords[i], pageTherapy);

        var result = new FeatureVector[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var named = new List<int>(own[i].Count + 24);
            named.AddRange(own[i]);
            // Context: the cues of the sentences either side (a diary entry among first-person reports, an item among items).
            AddContext(named, PrevNone, PrevContextIndexes, i > 0 ? own[i - 1] : null);
            AddContext(named, NextNone, NextContextIndexes, i + 1 < sentences.Count ? own[i + 1] : null);
            if (i > 0 && assessments[i - 1].IsCandidate) named.Add(PrevRuleCandidate);
            if (i + 1 < sentences.Count && assessments[i + 1].IsCandidate) named.Add(NextRuleCandidate);

            var info = lines[lineOf[i]];
            var heading = HeadingOf(lines, lineOf[i]);
            named.Add(heading < 0 ? SectionNone : lines[heading].AsHeading.Kind);
            if (i * 10 < sentences.Count) named.Add(FirstTenth);
            if ((sentences.Count - i) * 10 <= sentences.Count) named.Add(LastTenth);
            if (i < 3) named.Add(FirstThree);
            var leadIn = info.IsBullet || !info.EndsSentence ? LeadInOf(lines, lineOf[i]) : -1;
            var leadSentence = -1;
            if (leadIn >= 0)
            {
                leadSentence = i;
                while (leadSentence >= 0 && lineOf[leadSentence] != leadIn) leadSentence--;
                if (leadSentence >= 0 && assessments[leadSentence].IsCandidate) named.Add(LeadInRuleCandidate);
                if (lineOf[i] - leadIn >= 3 || (lineOf[i] + 1 < lines.Count && LeadInOf(lines, lineOf[i] + 1) == leadIn && lineOf[i] - leadIn >= 2)) named.Add(ListOfThree);
            }
            if (heading >= 0) hashed[i].AddRange(lines[heading].AsHeading.Buckets);
            // Page level: does the unit (or its subject) name the therapy the page is about, or sit near a unit that does?
            if (pageTherapy.Count == 0) named.Add(PageTherapyNoneOnPage);
            else if (mentions[i]) named.Add(PageTherapyInUnit);
            else named.Add(mentions.AsSpan(Math.Max(0, i - 2), Math.Min(sentences.Count, i + 3) - Math.Max(0, i - 2)).Contains(true) ? PageTherapyNear : PageTherapyFar);
            if (pageTherapy.Count > 0 && MentionsTerm(subjects[i], pageTherapy)) named.Add(PageTherapySubject);
            if (own[i].Contains(ConditionIndex) && !own[i].Contains(TherapyIndex) && !mentions[i]) named.Add(ConditionWithoutTherapy);
            hashed[i].Sort();
            named.Sort();
            // The policy's hard cases that a page held out cannot teach (one page in the development set has a reference list):
            // a unit with no word of two letters outside markup, and every unit under a "References" heading, are never claims.
            var never = !HasWord(texts[i]) ? "markup only"
                : heading >= 0 && lines[heading].AsHeading.References ? "reference list"
                : null;
            result[i] = new FeatureVector(Distinct(named), Distinct(hashed[i]), leadSentence, never);
        }
        return result;
    }

    /// <summary>Whether the unit has a word of at least two letters outside HTML tags and markdown link targets.</summary>
    private static bool HasWord(string sentence)
    {
        // Every markup pattern needs one of these characters: most units skip the replacement.
        var stripped = sentence.AsSpan().IndexOfAny("<]!{") < 0 ? sentence : MarkupTag().Replace(sentence, " ");
        var text = stripped.AsSpan();
        for (var at = DetectorWords.Next(text, 0, out var length); at >= 0; at = DetectorWords.Next(text, at + length, out length))
        {
            var letters = 0;
            foreach (var c in text.Slice(at, length))
            {
                if (char.IsLetter(c) && ++letters >= 2) return true;
            }
        }
        return false;
    }

    private static void AddContext(List<int> named, int none, int[] contextIndexes, List<int>? neighbour)
    {
        if (neighbour is null)
        {
            named.Add(none);
            return;
        }
        for (var k = 0; k < ContextCues.Length; k++)
        {
            if (neighbour.Contains(ContextCueIndexes[k])) named.Add(contextIndexes[k]);
        }
    }

    /// <summary>Whether any of <paramref name="words"/>, as a page-therapy term (<see cref="TermOf"/>), is one of <paramref name="terms"/>: looked up by span, no string a word.</summary>
    private static bool MentionsTerm(List<string> words, HashSet<string> terms)
    {
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var word in words)
        {
            if (lookup.Contains(TermSpanOf(word))) return true;
        }
        return false;
    }

    private static List<int> Distinct(List<int> sorted)
    {
        var kept = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1]) sorted[kept++] = sorted[i];
        }
        sorted.RemoveRange(kept, sorted.Count - kept);
        return sorted;
    }

    private static (List<int> Named, List<int> Hashed, List<string> Words, List<string> Subject) Sentence(string text, TextSpan span, string sentence, ulong mayMatch, List<LineInfo> lines, int lineIndex, SentenceAssessment rules, SentenceAssessment? previous)
    {
        var info = lines[lineIndex];
        var lineEnd = info.End;
        // The line before the sentence, and what is left of it after a bullet marker: one match on a span, no strings.
        var before = text.AsSpan(info.Start, span.Start - info.Start);
        var marker = BulletMarkerLength(before);
        var isBullet = marker >= 0 || IsHtmlListItem(sentence);
        var aloneOnLine = before[Math.Max(marker, 0)..].IsWhiteSpace() && text.AsSpan(Math.Min(span.End, lineEnd), lineEnd - Math.Min(span.End, lineEnd)).IsWhiteSpace();
        // HTML tags are not text: "<p>It helps.</p>" ends a sentence, "<li>Zinc</li>" is the one word "zinc".
        var plain = sentence.Contains('<', StringComparison.Ordinal) ? HtmlTag().Replace(sentence, " ").Trim() : sentence;
        var leadInLine = aloneOnLine && (isBullet || !EndsSentence(plain)) ? LeadInOf(lines, lineIndex) : -1;
        var leadIn = leadInLine >= 0 ? lines[leadInLine].Trimmed : null;
        var (words, capitalised, longWords) = WordsOf(plain);
        var leadInWords = leadIn is null ? [] : lines[leadInLine].LowerWords;
        var view = new SentenceView(sentence, plain, words, words.Count, longWords >= 2 && capitalised * 4 >= longWords * 3, info.Raw, isBullet, aloneOnLine, leadIn, leadInWords, rules, previous, mayMatch, SentenceWords.Match(words));

        var named = new List<int>(32);
        for (var c = 0; c < HandWritten.Length; c++)
        {
            if (HandWritten[c].Test(view)) named.Add(c);
        }
        foreach (var signal in rules.Signals)
        {
            var index = RuleGroupIndexes[RuleGroupOf[signal]];
            if (!named.Contains(index)) named.Add(index);
        }
        foreach (var group in rules.Penalties) named.Add(RuleGroupIndexes[group]);
        if (rules.Veto is { } veto) named.Add(VetoIndexes[veto]);
        named.Add(RuleScoreIndexes[rules.Score switch { <= 0 => 0, <= 2 => 1, <= 4 => 2, _ => 3 }]);
        if (rules.IsCandidate) named.Add(RuleCandidate);
        // Sentence-level ratios: reference entries are mostly capitalised names and commas, tables and price lists mostly digits.
        if (longWords >= 4 && capitalised * 5 >= longWords * 3) named.Add(CapitalisedWordsMost);
        if (words.Count >= 6 && sentence.AsSpan().Count(',') * 4 >= words.Count) named.Add(CommasDense);
        if (words.Count >= 3 && DigitLedWords(words) * 3 >= words.Count) named.Add(DigitsDense);

        var hashed = new List<int>(words.Count * 2 + leadInWords.Count + 8);
        // A pair "b:first second" hashes on from "b:first", which the word before left behind.
        var pairOpened = false;
        var openPair = 0u;
        foreach (var word in words)
        {
            hashed.Add(Bucket(WordPrefix, word));
            if (pairOpened) hashed.Add(PairBucket(openPair, word));
            openPair = Fnv(PairPrefix, word, foldDigits: true);
            pairOpened = true;
        }
        foreach (var word in leadInWords) hashed.Add(Bucket(LeadInPrefix, word));
        var (subject, verb) = SubjectOf(sentence, words);
        AddSubjectKinds(named, subject);
        foreach (var word in subject) hashed.Add(Bucket(SubjectPrefix, word));
        if (verb is not null) hashed.Add(Bucket(VerbPrefix, verb));
        return (named, hashed, words, subject);
    }

    private static readonly int ConditionIndex = Array.FindIndex(HandWritten, h => h.Name == "condition");
    private static readonly int TherapyIndex = Array.FindIndex(HandWritten, h => h.Name == "therapy-subject");

    private static readonly HashSet<string> Verbs = new(
        "is|are|was|were|be|been|being|has|have|had|can|could|may|might|will|would|should|must|does|do|did|isn't|aren't|wasn't|can't|won't|doesn't|don't|didn't|it's|help|helps|helped|work|works|worked|use|uses|used|occur|occurs|occurred|cause|causes|caused|affect|affects|account|accounts|result|results|produce|produces|contain|contains|include|includes|provide|provides|reduce|reduces|reduced|improve|improves|improved|increase|increases|increased|stimulate|stimulates|release|releases|remain|remains|become|becomes|became|involve|involves|require|requires|found|show|shows|showed|suggest|suggests|suggested|promote|promotes|offer|offers|allow|allows|makes|make|made|get|gets|got|need|needs|needed|take|takes|took|lead|leads|led|mean|means|seem|seems|appear|appears|continue|continues|regulate|regulates|play|plays|consume|consumes|decline|declines|deplete|depletes|destroy|destroys|start|started|feel|felt|gained|received|underwent|experienced|reported|noticed|saw|see|sees|treat|treats|treated|heal|heals|repair|repairs|restore|restores|boost|boosts|enhance|enhances|support|supports|protect|protects|activate|activates|fight|fights|encourage|encourages|comprise|comprises|refers|known|considered|believed|thought|called|estimated|demonstrated"
            .Split('|'), StringComparer.Ordinal);

    private static readonly HashSet<string> ClauseOpeners = new(
        "in|for|with|after|during|when|while|although|though|if|as|because|since|unlike|according|before|by|on|at|from|over|among|despite|however|moreover|additionally|also|unfortunately|fortunately|today|now|then|so|but|and|overall|currently|recently|typically|generally|usually|often|furthermore|therefore|thus|until|once|within|without|through|besides|instead|indeed|finally|first|second|third|lastly|ultimately|importantly|interestingly|sadly|luckily|remember|note|well"
            .Split('|'), StringComparer.Ordinal);

    private static readonly WordCues BodyWords = new("body|bodies|cell|cells|blood|brain|liver|kidney*|organ*|tissue*|system|systems|level|levels|mitochondria|platelet*|enzyme*|hormone*|insulin|nerve*|muscle*|bone*|skin|immune|metabolism|molecule*|protein*|toxin*|chemical*|metals|lead|cadmium|arsenic|mercury|nutrient*|food*|diet|endothelium|cytokine*|inflammation|glucose|sugar|oxygen|dna|gene*|neuron*|receptor*|plant|compound*|vitamin*|mineral*");

    private static readonly WordCues StudyWords = new("study|studies|research*|scientist*|trial*|review|evidence|data|results|findings|analysis|meta|report|reports|paper|journal|experts|doctors|physicians");

    private static readonly HashSet<string> GenericTherapyTerms = new("therapy|therapies|therapeutic|treatment|treatments|injection|injections|procedure|protocol|supplement|supplements|cleanse".Split('|'), StringComparer.Ordinal);

    /// <summary>
    /// The words before the unit's main verb (at most eight), after a "Label:" prefix and an opening clause ended by a
    /// comma ("In most adults, the joint ..."): who or what the unit is about, by simple rules. Empty when no
    /// verb is found early enough.
    /// </summary>
    private static (List<string> Subject, string? Verb) SubjectOf(string sentence, List<string> words)
    {
        var colon = sentence.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < 60 && colon < sentence.Length - 12) words = WordsOf(sentence, colon + 1).Words;
        else if (words.Count > 0 && ClauseOpeners.Contains(words[0]))
        {
            var comma = sentence.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && comma < 90 && comma < sentence.Length - 12) words = WordsOf(sentence, comma + 1).Words;
        }
        for (var i = 0; i < Math.Min(words.Count, 9); i++)
        {
            if (Verbs.Contains(words[i])) return (words.GetRange(0, Math.Min(i, 8)), words[i]);
        }
        return ([], null);
    }

    /// <summary>Adds the <see cref="SubjectKinds"/> the subject is about, in their order ("other" when none, "none" without a subject).</summary>
    private static void AddSubjectKinds(List<int> named, List<string> subject)
    {
        if (subject.Count == 0)
        {
            named.Add(SubjectKindIndexes[SubjectNone]);
            return;
        }
        var count = named.Count;
        if (subject.Exists(w => w is "we" or "our" or "us")) named.Add(SubjectKindIndexes[0]);
        if (subject.Exists(w => w is "i" or "my" or "me")) named.Add(SubjectKindIndexes[1]);
        if (subject.Exists(w => w is "patients" or "patient" or "people" or "children" or "men" or "women" or "clients" or "he" or "she" or "athletes" or "adults" or "individuals")) named.Add(SubjectKindIndexes[2]);
        if (Therapies.Matches(subject)) named.Add(SubjectKindIndexes[3]);
        if (Conditions.Matches(subject)) named.Add(SubjectKindIndexes[4]);
        if (BodyWords.Matches(subject)) named.Add(SubjectKindIndexes[5]);
        if (StudyWords.Matches(subject)) named.Add(SubjectKindIndexes[6]);
        if (subject.Count <= 2 && subject.Exists(w => w is "it" or "this" or "they" or "these" or "that" or "those" or "which" or "its" or "their")) named.Add(SubjectKindIndexes[7]);
        if (named.Count == count) named.Add(SubjectKindIndexes[SubjectOther]);
    }

    private static readonly int SubjectOther = Array.IndexOf(SubjectKinds, "other");
    private static readonly int SubjectNone = Array.IndexOf(SubjectKinds, "none");

    private static int DigitLedWords(List<string> words)
    {
        var count = 0;
        foreach (var word in words)
        {
            if (char.IsAsciiDigit(word[0])) count++;
        }
        return count;
    }

    /// <summary>A word as a page-therapy term: lower-case, a plural's final s dropped ("exosomes" = "exosome").</summary>
    private static string TermOf(string word) => word.Length > 4 && word.EndsWith('s') ? word[..^1] : word;

    /// <summary><see cref="TermOf"/> as a span of the word.</summary>
    private static ReadOnlySpan<char> TermSpanOf(string word) => word.Length > 4 && word.EndsWith('s') ? word.AsSpan(0, word.Length - 1) : word;

    /// <summary>
    /// The therapy the page is about: the specific therapy words (not "therapy", "treatment"...) the page names most, each
    /// at least twice and at least a third as often as the most frequent one.
    /// </summary>
    /// <remarks>
    /// A unit without the "therapy-subject" cue holds no therapy word (the cue is <see cref="Therapies"/> matching the
    /// same words), so only the units with the cue in <paramref name="named"/> are searched.
    /// </remarks>
    private static HashSet<string> PageTherapyTerms(List<string>[] units, List<int>[] named)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var unit = 0; unit < units.Length; unit++)
        {
            if (!named[unit].Contains(TherapyIndex)) continue;
            var words = units[unit];
            for (var at = Therapies.IndexOfMatch(words); at >= 0; at = Therapies.IndexOfMatch(words, at + 1))
            {
                if (GenericTherapyTerms.Contains(words[at])) continue;
                var term = TermOf(words[at]);
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }
        if (counts.Count == 0) return [];
        var top = counts.Values.Max();
        return counts.Where(c => c.Value >= 2 && c.Value * 3 >= top).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(3).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly Dictionary<string, string> RuleGroupOf = ClaimRules.Rules.GroupBy(r => r.Signal, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Group, StringComparer.Ordinal);

    private static string SectionKind(string heading)
    {
        foreach (var (kind, pattern) in SectionKinds)
        {
            if (pattern.IsMatch(heading)) return kind;
        }
        return heading.EndsWith('?') ? "question" : "none";
    }

    private static List<LineInfo> Lines(string text)
    {
        var lines = new List<LineInfo>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            lines.Add(new LineInfo(start, end, text[start..end]));
            start = end + 1;
        }
        return lines;
    }

    /// <summary>The sentence's words, lower-cased.</summary>
    internal static List<string> LowerWords(string sentence) => WordsOf(sentence).Words;

    /// <summary>
    /// The lower-cased words of <paramref name="sentence"/> from <paramref name="from"/> on (the words of <c>sentence[from..]</c>),
    /// with how many words of more than three letters there are and how many of them are capitalised.
    /// </summary>
    private static (List<string> Words, int Capitalised, int Long) WordsOf(string sentence, int from = 0)
    {
        var words = new List<string>();
        int capitalised = 0, longWords = 0;
        var text = sentence.AsSpan();
        for (var at = DetectorWords.Next(text, from, out var length); at >= 0; at = DetectorWords.Next(text, at + length, out length))
        {
            if (length > 3)
            {
                longWords++;
                if (char.IsUpper(text[at])) capitalised++;
            }
            // Lower-cased straight from the sentence: one string a word, not a copy and then its lower-case copy.
            words.Add(string.Create(length, (sentence, at), static (destination, word) => word.sentence.AsSpan(word.at, destination.Length).ToLowerInvariant(destination)));
        }
        return (words, capitalised, longWords);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and platforms.</summary>
    internal static int Bucket(string key) => (int)(Fnv(2166136261u, key) % HashBuckets);

    // The hashed features' prefixes, hashed once: a feature's hash goes on from its prefix's (FNV-1a reads left to right).
    private static readonly uint WordPrefix = Fnv(2166136261u, "w:");
    private static readonly uint PairPrefix = Fnv(2166136261u, "b:");
    private static readonly uint LeadInPrefix = Fnv(2166136261u, "l:");
    private static readonly uint SubjectPrefix = Fnv(2166136261u, "s:");
    private static readonly uint VerbPrefix = Fnv(2166136261u, "v:");
    private static readonly uint HeadingPrefix = Fnv(2166136261u, "h:");

    /// <summary>The bucket of prefix + <paramref name="word"/> (<paramref name="prefix"/> is the prefix's hash) with digits folded to "0" ("12 weeks" and "6 weeks" share one), without building the string.</summary>
    private static int Bucket(uint prefix, string word) => (int)(Fnv(prefix, word, foldDigits: true) % HashBuckets);

    /// <summary>The bucket of the word pair "b:first second", digits folded, from the hash of "b:first" (<paramref name="opened"/>).</summary>
    private static int PairBucket(uint opened, string second)
    {
        var hash = (opened ^ ' ') * 16777619u;
        return (int)(Fnv(hash, second, foldDigits: true) % HashBuckets);
    }

    private static uint Fnv(uint hash, string key, bool foldDigits = false)
    {
        foreach (var c in key)
        {
            var ch = foldDigits && char.IsAsciiDigit(c) ? '0' : c;
            hash ^= ch;
            hash *= 16777619u;
        }
        return hash;
    }

    /// <summary>The line a bullet or short item hangs under: walking up over sibling items, the first line ending with ':' (-1 when the list has none).</summary>
    private static int LeadInOf(List<LineInfo> lines, int index)
    {
        var info = lines[index];
        if (info.LeadIn != -2) return info.LeadIn;
        var found = -1;
        for (int l = index - 1, steps = 0; l >= 0 && steps < 40; l--, steps++)
        {
            var line = lines[l];
            if (line.Trimmed.Length == 0) continue;
            if (line.Trimmed.EndsWith(':')) { found = l; break; }
            if (!(line.IsBullet || (!line.EndsSentence && line.Words <= MaxHeadingWords * 2))) break;
        }
        info.LeadIn = found;
        return found;
    }

    /// <summary>The nearest heading-shaped line above: a markdown heading, a question, or a short line without final punctuation that is not a list item (-1: none).</summary>
    private static int HeadingOf(List<LineInfo> lines, int index)
    {
        var info = lines[index];
        if (info.Heading != -2) return info.Heading;
        var found = -1;
        for (int l = index - 1, steps = 0; l >= 0 && steps < 60; l--, steps++)
        {
            var line = lines[l];
            if (line.Trimmed.Length == 0 || line.IsBullet) continue;
            if (line.Trimmed.StartsWith('#') || line.IsHtmlHeading || line.Trimmed.EndsWith('?') || (!line.EndsSentence && line.Words <= MaxHeadingWords)) { found = l; break; }
        }
        info.Heading = found;
        return found;
    }

    private static bool IsBulletPrefix(string linePrefix) => BulletMarker().IsMatch(linePrefix);

    private static bool IsHtmlListItem(string text) => text.AsSpan().TrimStart().StartsWith("<li", StringComparison.OrdinalIgnoreCase);

    /// <summary>The length of the bullet marker <paramref name="linePrefix"/> opens with (the marker is anchored at the start: one match at most), or -1.</summary>
    private static int BulletMarkerLength(ReadOnlySpan<char> linePrefix)
    {
        foreach (var match in BulletMarker().EnumerateMatches(linePrefix)) return match.Length;
        return -1;
    }

    private static bool EndsSentence(string sentence)
    {
        var trimmed = sentence.TrimEnd('”', '"', '’', '\'', ')', ']', ' ', '*', '_');
        return trimmed.Length > 0 && ".!?…:;".Contains(trimmed[^1], StringComparison.Ordinal);
    }

    private static int WordCount(string sentence) => DetectorWords.Count(sentence);

    private static readonly SearchValues<char> FirstPersonStarts = SearchValues.Create("IMmOo");
    private static readonly SearchValues<char> ReferenceEntryMarks = SearchValues.Create(",.tJ");

    /// <summary>The first of <paramref name="values"/> in <paramref name="text"/> at or after <paramref name="from"/> (a vectorised search), or -1.</summary>
    private static int NextOf(ReadOnlySpan<char> text, int from, SearchValues<char> values)
    {
        var ahead = text[from..].IndexOfAny(values);
        return ahead < 0 ? -1 : from + ahead;
    }

    /// <summary>
    /// Whether <see cref="FirstPerson"/> can match <paramref name="sentence"/>: its words are case-sensitive and short, so
    /// the prefilter cannot anchor them, but every match starts a word with "I" (then no letter or digit), "my" or "me"
    /// (then no letter or digit, or "myself"), or "our" then white space. Letters and digits are word characters of the
    /// regex, so a letter or digit before or after rules a word boundary out. LiteralPrefilterTests hold this to the regex.
    /// </summary>
    internal static bool MayBeFirstPerson(ReadOnlySpan<char> sentence)
    {
        for (var i = NextOf(sentence, 0, FirstPersonStarts); i >= 0; i = NextOf(sentence, i + 1, FirstPersonStarts))
        {
            var c = sentence[i];
            if (i > 0 && char.IsLetterOrDigit(sentence[i - 1])) continue;
            var rest = sentence[(i + 1)..];
            if (c == 'I')
            {
                if (rest.IsEmpty || !char.IsLetterOrDigit(rest[0])) return true;
            }
            else if (c is 'o' or 'O')
            {
                if (rest.Length > 2 && rest[0] == 'u' && rest[1] == 'r' && char.IsWhiteSpace(rest[2])) return true;
            }
            else if (!rest.IsEmpty && rest[0] is 'y' or 'e')
            {
                if (rest.Length == 1 || !char.IsLetterOrDigit(rest[1])) return true;
                if (rest.StartsWith("yself", StringComparison.Ordinal) && (rest.Length == 5 || !char.IsLetterOrDigit(rest[5]))) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether <see cref="ReferenceEntry"/> can match <paramref name="sentence"/>. The regex has no literal the
    /// prefilter could anchor on (its alternatives are case-sensitive and short), but each alternative holds one of these
    /// sequences: an upper-case letter, then ',' or '.', then white space (the initials of "Smith AB, "); "et" then white
    /// space; "doi"; "PMID"; "J" then white space. A sentence holding none of them is not given to the regex.
    /// LiteralPrefilterTests hold this to the regex.
    /// </summary>
    internal static bool MayBeReferenceEntry(ReadOnlySpan<char> sentence)
    {
        if (sentence.Contains("doi", StringComparison.Ordinal) || sentence.Contains("PMID", StringComparison.Ordinal)) return true;
        for (var i = NextOf(sentence, 0, ReferenceEntryMarks); i >= 0 && i + 1 < sentence.Length; i = NextOf(sentence, i + 1, ReferenceEntryMarks))
        {
            // \s is char.IsWhiteSpace and \p{Lu} is char.IsUpper, character for character.
            var c = sentence[i];
            if (!char.IsWhiteSpace(sentence[i + 1])) continue;
            if (c == 'J') return true;
            if (i > 0 && (c == 't' ? sentence[i - 1] == 'e' : char.IsUpper(sentence[i - 1]))) return true;
        }
        return false;
    }

    // ---- Cues -------------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"\b(?:vary|varies)\s+(?:\w+\s+){0,2}(?:from|between|by)\s+(?:\w+\s+){0,2}(?:patient|person|individual)s?\b|\bresults\s+(?:may|can|will)\s+vary\b|\bnot\s+(?:be\s+)?guaranteed\b|\bno\s+guarantee|\bnot\s+a\s+substitute\b|\bnot\s+(?:intended\s+as\s+)?medical\s+advice\b|\bconsult\s+(?:with\s+)?(?:a|your)\b|\bindividual\s+results\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DisclaimerWording();

    [GeneratedRegex(@"\b(?:this|the|our)\s+(?:guide|post|article|page|blog|section|video|overview)\s+(?:\w+\s+){0,2}(?:examines|explains|explores|covers|describes|discusses|looks|will|is\s+written|sits)\b|\bin\s+this\s+(?:article|post|guide|blog|section|video)\b|\b(?:I|we)\s+will\s+(?:discuss|explain|explore|look|describe|cover)\b|\blet['’]s\s+(?:take|look|explore|dive)\b|\bbefore\s+learning\b|\bit['’]s\s+important\s+to\s+(?:know|understand)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutThePage();

    [GeneratedRegex(@"^\W*(?:first|second|third|fourth|fifth|next|then|finally|afterwards?|once\s+(?:the|your))\b|\b(?:is|are)\s+then\b|\bthen\s+(?:goes|placed|spun|injected|removed|drawn|re-?injected)\b|\bthe\s+(?:process|procedure)\s+(?:begins|starts|takes|involves|typically)\b|\bstep\s+(?:one|two|three|[0-9])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SequenceStep();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^\s*<h[1-6][\s>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlHeading();

    [GeneratedRegex(@"[$€£]\s?[0-9]|[0-9]\s?%\s+off\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriceFigure();





    [GeneratedRegex(@"[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex Digit();

    [GeneratedRegex(@"[0-9]\s?%|\bper\s?cent\b|\bpercent\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentageCue();

    [GeneratedRegex(@"\b(?:I|I['’]m|I['’]ve|I['’]d|I['’]ll)\b|\b(?:[Mm]y|[Mm]e|[Mm]yself)\b|\b(?:[Mm]y|[Oo]ur)\s+(?:son|daughter|child|husband|wife|mother|father)\b", RegexOptions.CultureInvariant)]
    internal static partial Regex FirstPerson();

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
    internal static partial Regex ReferenceEntry();

    [GeneratedRegex(@"\]\(|<img|<a\s|https?://|www\.|\.(?:jpe?g|png|gif|webp|svg)\b|\{\{|\{%|<[a-z]+[\s>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkOrImage();

    [GeneratedRegex(@"^\s*-?\s*(?:title|description|date|author|tags|image|layout|slug|q|a|question|answer|draft|weight|categories|keywords|summary|name|url|alt|thumbnail|meta\w*|seo\w*|type|menu|heading|subtitle|excerpt)\s*[:=]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrontMatterKey();


    [GeneratedRegex(@"\b(?:symptoms?|causes?|signs?|risk\s+factors?|stages?|types?\s+of|diagnos\w*|conditions?\s+(?:we|that)\s+treat)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadInBackground();

    [GeneratedRegex(@"\b(?:ingredients?|contains?|includes?\s+the\s+following|what\s+to\s+expect|before|after\s+(?:your|the)|prepare|preparation|schedule|steps?|process|how\s+it\s+works|pricing|prices?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadInLogistics();

    [GeneratedRegex(@"^\W*(?:references?|sources?|citations?|bibliography|works\s+cited|further\s+reading|footnotes|literature)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionReferences();

    /// <summary>A heading that is only "References", "Sources", "Bibliography"... (not "Sources of heavy metal exposure").</summary>
    [GeneratedRegex(@"^[#*_\s]*(?:references?|sources?|citations?|bibliography|works\s+cited|literature\s+cited|footnotes|scientific\s+references)[\s:*_]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceHeading();

    [GeneratedRegex(@"<[^>]*>|\]\([^)]*\)|!\[|\{\{[^}]*\}\}|\{%[^%]*%\}", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupTag();

    [GeneratedRegex(@"\b(?:testimonials?|reviews?|stor(?:y|ies)|case\s+(?:study|studies|report)|success|experiences?|journey|diary|update|patient\s+results)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionTestimonials();

    [GeneratedRegex(@"\b(?:how\s+(?:does|is|it|to|long|often|many|much)|what\s+to\s+expect|procedure|process|prepar\w*|after\s*care|aftercare|recovery\s+time|cost|costs|price\w*|insurance|faqs?|frequently|sessions?|schedul\w*|candidate|book|contact|appointment|locations?|ingredients?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionLogistics();

    [GeneratedRegex(@"\b(?:what\s+(?:is|are|causes)|causes?|symptoms?|risk\s+factors?|understanding|overview|types?\s+of|stages?|diagnos\w*|prevalence|statistics|facts)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionBackground();

    [GeneratedRegex(@"\b(?:benefits?|advantages?|results?|outcomes?|help\w*|treat\w*|improv\w*|why|used\s+for|conditions|evidence|research|studies|science|effective\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionBenefits();

    [GeneratedRegex(@"^\s*(?:[-–—*+•·▪◦‣●○■□►▸➢✓✔]|[0-9]{1,2}[.)]|\([0-9a-z]\)|[a-z][.)])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BulletMarker();

}

using System.Text.RegularExpressions;
using KnowledgeBase.Linking.Detection;

namespace KnowledgeBase.Linking;

/// <summary>
/// Finds candidate claims in an article's cleaned text: sentences (or short runs of sentences) that assert something
/// checkable about the therapy. Tuned for recall — an editor rejects a wrong candidate in one click, a missed claim is
/// invisible. Pure: no I/O. See docs/claim-detection.md for the rules, the evaluation set and the measured figures.
/// </summary>
/// <remarks>
/// <para>Each sentence from <see cref="SentenceSplitter"/> is scored with the weighted rules in <see cref="Rules"/>
/// (each group counts once). A sentence is a candidate when it scores at least <see cref="Threshold"/> and no veto
/// applies: a heading, a question, a call to action, contact details or web boilerplate.</para>
/// <para>A following sentence in the same paragraph is merged into the candidate only when it plainly continues it —
/// it opens with "It", "This", "These", "They", "Such", "The trial"... — and itself carries something checkable
/// (scores at least <see cref="ContinuationThreshold"/>); a run holds at most <see cref="MaxSentencesPerClaim"/>
/// sentences. When such a continuation is a candidate but the sentence before it is not, that sentence (if it scored
/// anything) is taken in as the antecedent, so the quote never starts with an unexplained "It".</para>
/// <para>Treatment-landscape statements ("there is no cure for ALS", "current medications only slow progression")
/// are deliberately candidates: they are the comparison the marketing rests on, and some are checkably wrong. Plain
/// disease background (what ALS is, its symptoms, genes and causes) scores below the threshold.</para>
/// </remarks>
public static partial class ClaimRules
{
    /// <summary>Lowest score that makes a sentence a candidate claim.</summary>
    public const int Threshold = 3;

    /// <summary>Lowest score a continuation sentence ("It has shown …") needs to be merged into the claim before it.</summary>
    public const int ContinuationThreshold = 2;

    /// <summary>Longest run of sentences one candidate may span.</summary>
    public const int MaxSentencesPerClaim = 3;

    /// <summary>A line of at most this many words without final punctuation is a heading (unless it states a number of patients or a percentage).</summary>
    public const int MaxHeadingWords = 12;

    /// <summary>One weighted rule.</summary>
    /// <param name="Group">Rules of one group count once: the first of the group (in list order) that matches gives the signal and the weight.</param>
    /// <param name="Signal">The reason shown to the editor; negative rules are never shown.</param>
    /// <param name="Weight">Points added to the sentence's score (negative: points taken off).</param>
    /// <param name="Pattern">What the rule looks for in the sentence.</param>
    /// <param name="HardFact">A hard number (percentage, patient count): a line without final punctuation carrying one is a bullet claim, not a heading.</param>
    /// <param name="Anchors">Literals every match of <paramref name="Pattern"/> contains, so a sentence without them skips it (<see cref="LiteralPrefilter"/>); null: always run.</param>
    internal sealed record Rule(string Group, string Signal, int Weight, Regex Pattern, bool HardFact = false, string? Anchors = null);

    /// <summary>The scoring rules, strongest first (signals are listed in this order). Each group counts once per sentence.</summary>
    internal static readonly IReadOnlyList<Rule> Rules =
    [
        // Hard facts (3): numbers, phases, approvals, citations — the checkable core.
        new("percentage", "percentage", 3, Percentage(), HardFact: true, Anchors: "% | # per"),
        new("patients", "patient count", 3, PatientCount(), HardFact: true, Anchors: "patient | # participant | # subject | # people | # person | # individual | # volunteer | # case | # child | # adult | # men | # ="),
        new("ratio", "ratio or fold change", 3, Ratio(), HardFact: true, Anchors: "fold | # of"),
        new("studies", "number of studies or trials", 3, StudyCount(), Anchors: "trials | studies"),
        new("phase", "trial phase", 3, TrialPhase(), Anchors: "phase"),
        new("regulatory", "regulatory or market status", 3, RegulatoryStatus(), Anchors: "fda | ema | mhra | tga | pmda | mfds | canada | regulator | approv | clear | authori | licen | orphan | designat | fast | breakthrough | rmat | conditional | experimental | investigational | mainstream | verge | close | market | commerciali"),
        new("citation", "cites a study (et al. + year)", 3, EtAlWithYear(), Anchors: "# et al"),
        new("citation", "cites a study (et al.)", 3, EtAl(), Anchors: "et al"),
        new("citation", "cites a journal or publication", 3, Publication(), Anchors: "publi | journal | plos | lancet | jama | nejm | bmj | cytotherapy | neurology | translational | nerve | doi: | pmid"),
        new("landscape", "treatment landscape (no cure / existing drugs)", 3, TreatmentLandscape(), Anchors: "no cure | absence cure | curable | no treatment | no therap | no drug | no medication | current treatment | current therap | current drug | current medication | conventional treatment | conventional therap | conventional drug | conventional medication | existing treatment | existing therap | existing drug | existing medication | available treatment | available therap | available drug | available medication | standard treatment | standard therap | standard drug | standard medication | present treatment | present therap | present drug | present medication | few options | als medication | als drug | modest best | riluzole | edaravone | tofersen | radicava | rilutek | relyvrio | qalsody"),

        // Outcomes and details (2).
        new("survival", "survival", 2, Survival(), Anchors: "surviv | life | death | mortality | died"),
        new("safety", "safety", 2, Safety(), Anchors: "safe | tolera | adverse | side | complication | tumo | toxicit | infection"),
        new("efficacy", "efficacy", 2, Efficacy(), Anchors: "effective | efficacy | improv | benefi | delay | reduc | mitigat | clinically | positive | favo | accelerate | stabili | synergistic | difference | restor | protect | enhanc | slow progression | slow decline | slow degeneration | slow loss | slow development | slow disease | halt progression | halt decline | halt degeneration | halt loss | halt development | halt disease | revers progression | revers decline | revers degeneration | revers loss | revers development | revers disease | stop progression | stop decline | stop degeneration | stop loss | stop development | stop disease | control progression | control decline | control degeneration | control loss | control development | control disease | prevent progression | prevent decline | prevent degeneration | prevent loss | prevent development | prevent disease"),
        new("comparison", "comparison", 2, Comparison(), Anchors: "compar | versus | vs | than | instead | whereas | other | control | placebo | differentiat | only | merely"),
        new("mechanism", "mechanism", 2, Mechanism(), Anchors: "secret | neurotrophic | neuroprotect | inflammat | immunomodulat | immune | cytokine | apoptosis | differentiat into | develop into | growth factor | dnf | vegf | ngf | igf | nt # | ncam | tgf | il # | express | pathway | barrier | microenvironment | lymphocytes | synaptic | regenerate | regenerating | regeneration | mechanism | nerve cells | support system"),
        new("product", "product name", 2, ProductName()),
        new("finding", "reports a research finding", 2, ReportedFinding(), Anchors: "show | demonstrat | prove | documented | reported | found | observed | established | confirmed | known | revealed | concluded | indicate | supported | suggest | according | associated | acknowledged"),
        new("animal", "animal or laboratory evidence", 2, AnimalOrLabEvidence(), Anchors: "animal | mice | rats | rodents | vitro | vivo | mouse | preclinical | samples | culture"),
        new("duration", "duration or follow-up", 2, Duration(), Anchors: "day | week | month | year | follow"),
        new("dose", "dose, number of injections or dose-response", 2, Dose(), Anchors: "10 | cells | injections | dose | sessions | administration | infusions | transplantations | # g | # ml | depend"),
        new("year", "dated (year)", 2, Year(), Anchors: "19 | 20"),
        new("statistics", "statistical wording", 2, Statistics(), Anchors: "p # | hazard | odds | confidence | significan | risk"),

        // Context (1): alone these never make a candidate.
        new("therapy", "names the therapy", 1, TherapyMention(), Anchors: "stem | sc | therap | transplant | injection | intrathecal | intramuscular | autologous | allogeneic | exosome | ntf | neurotrophic | regenerative | treatment | procedure | product"),
        new("study", "refers to a study or trial", 1, StudyMention(), Anchors: "trial | stud | label | randomi | blind | concept | series | analys | review | cohort | researchers | scientists | experiment"),
        new("hype", "promotional wording", 1, Hype(), Anchors: "promis | breakthrough | hope | potential | remarkable | amazing | miracle | revolutionary | edge | strides | frontier"),
        new("absolute", "absolute wording", 1, AbsoluteWording(), Anchors: "patient | stud | samples | trials | negative | serious | adverse | side | indication | cause | complications | guarantee | 100 | completely | entirely | only"),

        // Negative: forward-looking or aim statements assert no result.
        new("outlook", "calls for more research", -3, CallsForResearch(), Anchors: "research | studies | trials | conducted | remain | necessary | essential"),
        new("aim", "states an aim or rationale, not a result", -2, StatesAnAim(), Anchors: "objective | aim | goal | purpose | exploring | investigating | studying | devising | idea | rationale"),
        new("promotion", "clinic self-promotion", -2, SelfPromotion(), Anchors: "team | offer | provid | deliver | speciali | premium | world-class | state-of-the-art | quality | tapping"),
    ];

    /// <summary>Lines that are never claims, whatever they score.</summary>
    internal static readonly IReadOnlyList<(string Reason, Regex Pattern, string? Anchors)> Vetoes =
    [
        ("question", Question(), "? | q"),
        ("call to action", CallToAction(), "contact | call | book | schedule | mail | visit | click | sign | register | subscribe | request | get | fill | download | learn | find | read | share | follow | apply | enquire | inquire | ask | talk | speak | discover | consult | enrolling | reach"),
        ("contact details", ContactDetails(), "@ | + #3 | #8 | tel | phone | fax | mail | address | whatsapp | hours"),
        ("boilerplate", Boilerplate(), "© | rights | cookie | privacy | terms | disclaimer | informational | advice | newsletter | share | posted | tag | related | leave | vary | faq"),
    ];

    /// <summary>The rules' patterns, then the vetoes', each with the literals every match contains (see <see cref="LiteralPrefilter"/>).</summary>
    internal static readonly IReadOnlyList<(Regex Pattern, string? Anchors)> PrefilterEntries = [.. Rules.Select(r => (r.Pattern, r.Anchors)), .. Vetoes.Select(v => (v.Pattern, v.Anchors))];

    /// <summary>The prefilter over <see cref="PrefilterEntries"/>.</summary>
    internal static readonly LiteralPrefilter Prefilter = new(PrefilterEntries);

    /// <summary>Candidate claims in <paramref name="cleanedText"/>, in text order; each quote is the exact slice of the text.</summary>
    public static IReadOnlyList<DetectedClaim> Detect(string cleanedText)
    {
        ArgumentNullException.ThrowIfNull(cleanedText);
        var sentences = SentenceSplitter.Split(cleanedText).Select(span => Assess(cleanedText, span)).ToList();
        var claims = new List<DetectedClaim>();
        var i = 0;
        while (i < sentences.Count)
        {
            var isAntecedent = !sentences[i].IsCandidate
                && sentences[i].Veto is null
                && sentences[i].Score > 0
                && i + 1 < sentences.Count
                && sentences[i + 1].IsCandidate
                && Continues(cleanedText, sentences[i], sentences[i + 1]);
            if (!sentences[i].IsCandidate && !isAntecedent)
            {
                i++;
                continue;
            }

            var first = i;
            var last = i;
            while (last + 1 < sentences.Count
                   && last - first + 1 < MaxSentencesPerClaim
                   && sentences[last + 1].Veto is null
                   && sentences[last + 1].Score >= ContinuationThreshold
                   && Continues(cleanedText, sentences[last], sentences[last + 1]))
            {
                last++;
            }

            claims.Add(Build(cleanedText, sentences, first, last));
            i = last + 1;
        }

        return claims;
    }

    /// <summary>How one sentence scores: the rules that matched and the veto, if any. Exposed for tests and the evaluation.</summary>
    internal static SentenceAssessment Assess(string text, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentence = span.Slice(text);
        return Assess(span, sentence, Prefilter.Scan(sentence));
    }

    /// <summary>
    /// <see cref="Assess(string, TextSpan)"/> for a sentence already sliced and scanned: <paramref name="mayMatch"/> holds, in its
    /// low bits, <see cref="Prefilter"/>'s result for <paramref name="sentence"/> (a scan with more entries after
    /// <see cref="PrefilterEntries"/> serves too).
    /// </summary>
    internal static SentenceAssessment Assess(TextSpan span, string sentence, ulong mayMatch)
    {
        // Per sentence, for every unit of every import: no sets or LINQ, a bit per group.
        var groupsSeen = 0UL;
        var score = 0;
        var hardFact = false;
        List<string>? signals = null;
        List<string>? penalties = null;
        for (var r = 0; r < Rules.Count; r++)
        {
            var rule = Rules[r];
            if ((groupsSeen & GroupBits[r]) != 0 || !Prefilter.IsMatch(r, sentence, mayMatch)) continue;
            groupsSeen |= GroupBits[r];
            score += rule.Weight;
            hardFact |= rule.HardFact;
            if (rule.Weight > 0) (signals ??= []).Add(rule.Signal);
            else if (rule.Weight < 0) (penalties ??= []).Add(rule.Group);
        }

        string? veto = null;
        for (var v = 0; v < Vetoes.Count; v++)
        {
            if (!Prefilter.IsMatch(Rules.Count + v, sentence, mayMatch)) continue;
            veto = Vetoes[v].Reason;
            break;
        }

        if (veto is null && !hardFact && IsHeading(sentence)) veto = "heading";

        return new SentenceAssessment(span, score, signals ?? [], veto) { Penalties = penalties ?? [] };
    }

    /// <summary>Each rule's group as a bit (groups numbered in order of first appearance): the rules of a group count once.</summary>
    private static readonly ulong[] GroupBits = [.. Rules.Select(r => 1UL << Rules.Select(x => x.Group).Distinct(StringComparer.Ordinal).ToList().IndexOf(r.Group))];

    /// <summary>A line of few words with no final punctuation: "Clinical Evidence", "Benefits of MSC Therapy for ALS".</summary>
    private static bool IsHeading(string sentence)
    {
        var trimmed = sentence.TrimEnd('”', '"', '’', '\'', ')', ']', ' ');
        if (trimmed.Length == 0) return true;
        if (".!?…:;".Contains(trimmed[^1], StringComparison.Ordinal)) return false;
        return Words().Count(sentence) <= MaxHeadingWords;
    }

    /// <summary>Whether <paramref name="next"/> plainly continues <paramref name="previous"/>: same paragraph, opens with a pointer back ("It", "These", "The trial").</summary>
    private static bool Continues(string text, SentenceAssessment previous, SentenceAssessment next) =>
        text.AsSpan(previous.Span.End, next.Span.Start - previous.Span.End).IndexOfAny('\n', '\r') < 0
        && ContinuationOpener().IsMatch(next.Span.Slice(text));

    private static DetectedClaim Build(string text, List<SentenceAssessment> sentences, int first, int last)
    {
        var start = sentences[first].Span.Start;
        var end = sentences[last].Span.End;
        // Every signal of the run once, in rule order (strongest first).
        var found = sentences.GetRange(first, last - first + 1).SelectMany(s => s.Signals).ToHashSet(StringComparer.Ordinal);
        var signals = Rules.Select(r => r.Signal).Where(found.Contains).Distinct(StringComparer.Ordinal).ToList();
        return new DetectedClaim(start, end, text[start..end], signals);
    }

    // ---- Hard facts -------------------------------------------------------------------------------------------------

    /// <summary>"87%", "25 %", "70 percent".</summary>
    [GeneratedRegex(@"[0-9]\s?%|\b[0-9]+(?:\.[0-9]+)?\s?(?:per\s?cent|percent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Percentage();

    /// <summary>"67 patients", "13 of the patients", "only 7 of the patients", "n = 20", "six patients".</summary>
    [GeneratedRegex(@"\b[0-9]+\s+(?:(?:out\s+)?of\s+(?:the\s+)?(?:[0-9]+\s+)?)?(?:(?:ALS|MND|adult|treated|enrolled|consecutive|male|female)\s+)?(?:patients|participants|subjects|people|persons|individuals|volunteers|cases|children|adults|men|women)\b|\bn\s?=\s?[0-9]+|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:ALS\s+)?patients\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PatientCount();

    /// <summary>"5 out of 9", "13 of 15", "two-fold", "3-fold".</summary>
    [GeneratedRegex(@"\b[0-9]+\s+(?:out\s+)?of\s+(?:the\s+)?[0-9]+\b|\b(?:[0-9]+(?:\.[0-9]+)?|two|three|four|five|ten)[\s-]fold\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ratio();

    /// <summary>"6 clinical trials", "3 studies", "two randomized trials" (not "phase 3 trials").</summary>
    [GeneratedRegex(@"(?<!\bphases?\s{1,3})\b(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of)\s+(?:(?:clinical|randomi[sz]ed|controlled|preclinical|independent|published|human)\s+)*(?:trials|studies)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StudyCount();

    /// <summary>"phase I", "phase 1 / 2", "Phase 3b", "phase three", "phase II/III".</summary>
    [GeneratedRegex(@"\bphases?\s*(?:[0-4][ab]?|IV|I{1,3}[ab]?|one|two|three|four)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrialPhase();

    /// <summary>Agencies, approvals, clearances, designations, "experimental stage", "investigational", "on the verge of", "close to approval", "on the market".</summary>
    [GeneratedRegex(@"\b(?:FDA|EMA|MHRA|TGA|PMDA|MFDS|KFDA|Health\s+Canada|regulators)\b|\bregulatory\s+(?:approval|agenc\w*|authorit\w*|status|review|help|pathway|submission|filing)|\b(?:approv(?:ed|al|als|e|es|ing)|clearance|cleared|authori[sz](?:ed|ation)|licen[sc]ed|unlicen[sc]ed|orphan\s+drug|designat(?:ed|ion)|fast[\s-]track|breakthrough\s+therapy|RMAT|conditional\s+(?:approval|marketing)|experimental\s+stage|unapproved|investigational|mainstream\s+treatment|on\s+the\s+verge\s+of|close\s+to\s+(?:receiving\s+)?(?:approval|market)|(?:on|to)\s+the\s+market|commerciali[sz]\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegulatoryStatus();

    /// <summary>"Ammar et al. (2021)", "A 2006 study by Mazzini et al.", "Smith et al., 2019".</summary>
    [GeneratedRegex(@"\bet\s+al\.?,?\s*\(?(?:19|20)[0-9]{2}\b|\b(?:19|20)[0-9]{2}\s+(?:study|trial|report|review)\s+by\s+\p{Lu}[\p{L}’'-]+\s+et\s+al\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EtAlWithYear();

    /// <summary>"Barzewska et al.", "Wang et al.".</summary>
    [GeneratedRegex(@"\bet\s+al\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EtAl();

    /// <summary>"published … in PLoS One", "a recent publication in Stem Cells Translational Medicine", journals by name.</summary>
    [GeneratedRegex(@"\bpublished\s+(?:[\w-]+\s+){0,3}in\b|\bpublication\s+in\b|\bjournal\b|\b(?-i:PLoS|Lancet|JAMA|NEJM|BMJ|Cytotherapy|Neurology|Stem\s+Cells\s+Translational\s+Medicine|Muscle\s+&\s+Nerve)\b|\bdoi:|\bPMID\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Publication();

    /// <summary>"there is no cure", "no effective prevention or treatment", "few options", "current treatment modalities", "conventional treatments", approved ALS drugs by name.</summary>
    [GeneratedRegex(@"\bno\s+(?:known\s+)?cure\b|\babsence\s+of\s+a\s+cure\b|\bincurable\b|\bno\s+(?:effective\s+)?(?:prevention\s+or\s+)?(?:treatments?|therapy|therapies|drugs?|medications?)\b|\bfew\s+(?:treatment\s+)?options\b|\b(?:current|conventional|existing|available|standard|present)\s+(?:treatments?|therapies|therapy|drugs?|medications?)\b|\bALS\s+(?:medications|drugs)\b|\bmodest\s+at\s+best\b|\b(?:riluzole|edaravone|tofersen|Radicava|Rilutek|Relyvrio|Qalsody)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TreatmentLandscape();

    // ---- Outcomes and details ---------------------------------------------------------------------------------------

    /// <summary>Survival, life span, risk of death, mortality, died.</summary>
    [GeneratedRegex(@"\bsurviv\w*|\blife[\s-]?span\b|\blife\s+expectancy\b|\brisk\s+of\s+death\b|\bmortality\b|\bdeaths?\b|\bdied\b|\b(?:prolong|extend)\w*\s+(?:the\s+)?life\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Survival();

    /// <summary>Safe, well-tolerated, adverse events, side effects, complications, tumour formation.</summary>
    [GeneratedRegex(@"\b(?:safe|safety|safely|unsafe)\b|\bwell[\s-]tolerated\b|\btolera(?:ted|bility)\b|\badverse\s+(?:events?|effects?|reactions?)\b|\badverse\b|\bside[\s-]effects?\b|\bcomplications?\b|\btumou?r\s+formation\b|\btumou?rigen\w*|\btoxicit\w*|\brisk\s+of\s+(?:adverse|complications?|infection|tumou?r)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Safety();

    /// <summary>Effective, efficacy, improves, benefit, slows/delays/halts progression, mitigated, clinically meaningful, positive effects.</summary>
    [GeneratedRegex(@"\beffective(?:ness|ly)?\b|\befficacy\b|\bimprov(?:e|es|ed|ing|ement|ements)\b|\bbenefi(?:t|ts|cial)\b|\b(?:slow|slows|slowed|slowing|delay|delays|delayed|delaying|halt|halts|halted|reverse|reverses|reversed|stop|stops|stopped|control|prevent|prevents|prevented|preventing|reduc\w*)\s+(?:down\s+)?(?:in\s+)?(?:the\s+|its\s+)?(?:rate\s+of\s+)?(?:ALS\s+|MND\s+|disease\s+|symptom\s+|neuron\s+|the\s+disease\s+)?(?:progression|decline|degeneration|loss|development|the\s+disease)\b|\bdelay\w*\s+in\s+(?:the\s+)?rate\b|\bmitigat\w*|\bclinically\s+(?:meaningful|significant|helpful)\b|\bpositive\s+(?:effects?|impact|outcomes?|results?)\b|\bfavou?rable\s+(?:results?|outcomes?)\b|\bsubstantial\s+improvements?\b|\bdid\s+not\s+accelerate\b|\bstabili[sz]ation\b|\bsynergistic\b|\bmade\s+a\s+difference\b|\brestor(?:e|es|ed|ing)\b|\bprotect(?:s|ed|ive|ion)?\b|\benhanc(?:e|es|ed|ing)\b|\breduc(?:e|es|ed|ing)\s+(?:apoptosis|inflammation|markers)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Efficacy();

    /// <summary>Compared to/with, versus, better than, rather than, instead of, whereas, control group, placebo.</summary>
    [GeneratedRegex(@"\bcompared\s+(?:to|with)\b|\bin\s+comparison\b|\bversus\b|\bvs\.?(?=\s)|\b(?:better|worse|more\s+effective|superior|inferior|greater|higher|lower|faster|slower|safer)\s+than\b|\brather\s+than\b|\binstead\s+of\b|\bwhereas\b|\bover\s+other\b|\bcontrol\s+group\b|\bplacebo\b|\bprior\s+to\s+differentiation\b|\bnon-differentiated\b|\bonly\s+act\b|\bmerely\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    /// <summary>Secretion, neurotrophic/growth factors, neuroprotection, (anti-)inflammatory, immune modulation, apoptosis, differentiation, named factors.</summary>
    [GeneratedRegex(@"\bsecret(?:e|es|ed|ing|ion)\b|\bneurotrophic\b|\bneuroprotect\w*|\b(?:anti|pro)-inflammatory\b|\binflammat\w*|\bimmunomodulat\w*|\bimmune\s+(?:response|responses|system|attacks?|cells?)\b|\bcytokines?\b|\bapoptosis\b|\bdifferentiat\w*\s+into\b|\bdevelop\s+into\b|\bgrowth\s+factors?\b|\b(?-i:BDNF|GDNF|VEGF|NGF|IGF-?1|NT-?3|NCAM|TGF\w*|IL-?[0-9]+)\b|\b(?:over)?express(?:ion|es|ed)?\b|\bsignal(?:l)?ing\s+pathways?\b|\bblood[\s-]brain\s+barrier\b|\bmicroenvironment\b|\blymphocytes\b|\bsynaptic\b|\bregenerat(?:e|es|ed|ing|ion)\b|\bmechanisms?\b|\bnerve\s+cells\b|\bsupport\s+system\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Mechanism();

    /// <summary>Named products and their makers, and CamelCase brand names (NurOwn, NeuroNata-R, BrainStorm).</summary>
    [GeneratedRegex(@"\b(?:NurOwn|NeuroNata-R|Lenzumestrocel|MSC-NTF|CorestemChemon|Corestem|BrainStorm|Neuralstem|NSI-566|AstroRx|Q-Cells)\b|\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProductName();

    /// <summary>"has been shown", "demonstrated", "found that", "revealed", "research indicates", "according to", "associated with".</summary>
    [GeneratedRegex(@"\b(?:has|have|had|was|were|been|is|are)\s+(?:been\s+)?(?:shown|demonstrated|proved|proven|documented|reported|found|observed|established|confirmed|known)\b|\b(?:showed|shown|demonstrate|demonstrates|demonstrated|revealed|reported|found|concluded|indicated|documented|observed|proved|supported)\b|\b(?:research|evidence|studies|results|findings)\s+(?:indicates?|shows?|suggests?|has\s+shown|have\s+shown)\b|\bsuggests?\s+that\b|\baccording\s+to\b|\bassociated\s+with\b|\backnowledged\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedFinding();

    /// <summary>In animals / mice / animal models / vitro, preclinical models, "in all samples".</summary>
    [GeneratedRegex(@"\bin\s+(?:animals?|mice|rats|rodents|animal\s+models?|vitro|vivo)\b|\banimal\s+(?:studies|models?)\b|\bmouse\s+models?\b|\bpreclinical\b|\bin\s+all\s+samples\b|\bcell\s+cultures?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnimalOrLabEvidence();

    /// <summary>"6 months", "12 month follow up", "one year", "28 days", "9 years", "follow-up".</summary>
    [GeneratedRegex(@"\b[0-9]+(?:[.,][0-9]+)?[\s-]+(?:days?|weeks?|months?|years?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\s-]+(?:days?|weeks?|months?|years?)\b|\bfollow(?:ed)?[\s-]*up\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    /// <summary>"two repeated injections", "1 × 10^6 cells/kg", "100 million cells", "3 sessions", "depended on the amount", "dose-dependent".</summary>
    [GeneratedRegex(@"\b[0-9]+(?:\.[0-9]+)?\s*[×x]\s*10\^?[0-9]+|\b[0-9]+(?:\.[0-9]+)?\s*(?:million|billion)\s+cells\b|\b(?:[0-9]+|two|three|four|five|six|single|multiple)\s+(?:repeated\s+)?(?:injections|doses|sessions|administrations|infusions|transplantations)\b|\b[0-9]+(?:\.[0-9]+)?\s?(?:mg|ml|µg|cells/kg)\b|\bsingle\s+administration\b|\bdepend(?:s|ed|ing)?\s+on\s+the\s+(?:amount|dose|number|quantity)\b|\bdose[\s-](?:dependent\w*|response)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dose();

    /// <summary>"since 2003", "in the year 2003", "by the end of 2026", "a 2006 study".</summary>
    [GeneratedRegex(@"\b(?:since|in|by|until|from|of)\s+(?:the\s+year\s+|the\s+end\s+of\s+)?(?:19|20)[0-9]{2}\b|\b(?:19|20)[0-9]{2}\s+(?:study|trial|report|review)\b|\((?:19|20)[0-9]{2}\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    /// <summary>Significant, p-values, hazard/odds ratios, confidence intervals, "risk of".</summary>
    [GeneratedRegex(@"\bp\s?[<=>≤]\s?0?\.[0-9]+|\bhazard\s+ratio\b|\bodds\s+ratio\b|\bconfidence\s+interval\b|\bsignifican(?:t|tly|ce)\b|\brisk\s+of\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Statistics();

    // ---- Context ----------------------------------------------------------------------------------------------------

    /// <summary>Stem cells, MSCs, cell therapy, transplantation, injections, NTFs, exosomes, "the therapy", "treatment".</summary>
    [GeneratedRegex(@"\bstem[\s-]cells?\b|\bMSCs?\b|\bMSC-\w+|\bSCs?\b|\bcell\s+therap\w*|\btransplant\w*|\binjections?\b|\bintrathecal\b|\bintramuscular\b|\bautologous\b|\ballogeneic\b|\bexosomes?\b|\bNTFs?\b|\bneurotrophic\s+factors?\b|\bregenerative\s+medicine\b|\b(?:the|this|such)\s+(?:therapy|therapeutics?|treatment|procedure|product)\b|\btreatments?\b|\btherapy\b|\btherapeutics?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TherapyMention();

    /// <summary>Trial, study, open-label, randomised, proof of concept, review, researchers.</summary>
    [GeneratedRegex(@"\btrials?\b|\bstud(?:y|ies)\b|\bopen-label\b|\brandomi[sz]ed\b|\bdouble-blind\b|\bproof\s+of\s+concept\b|\bcase\s+series\b|\bmeta-analys\w*|\breview\b|\bcohort\b|\bresearchers\b|\bscientists\b|\bexperiment\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StudyMention();

    /// <summary>Promise, breakthrough, hope, potential, remarkable, amazing, miracle.</summary>
    [GeneratedRegex(@"\bpromis\w*|\bbreakthrough\b|\bhope\b|\bpotential(?:ly)?\b|\bremarkable\b|\bamazing\b|\bmiracle\b|\brevolutionary\b|\bcutting[\s-]edge\b|\bstrides\b|\bfrontier\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hype();

    /// <summary>All patients, each study, no negative impact, did not cause any, proved.</summary>
    [GeneratedRegex(@"\b(?:all|every|each)\s+(?:of\s+the\s+)?(?:patients?|studies|study|samples|trials)\b|\bno\s+(?:negative|serious|adverse|side|indications?)\b|\bnot\s+cause\s+any\b|\bany\s+(?:other\s+)?complications\b|\bguarantee\w*|\b100\s?%|\bcompletely\b|\bentirely\b|\bonly\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteWording();

    // ---- Negative ---------------------------------------------------------------------------------------------------

    /// <summary>"Further research will …", "future studies should …", "will need to be conducted", "is (absolutely) essential".</summary>
    [GeneratedRegex(@"\b(?:further|more|future|larger|additional)\s+(?:[\w-]+[\s,]+){0,2}(?:research|studies|trials)\s+(?:will|is|are|should|needs?|must)\b|\bwill\s+need\s+to\s+be\s+conducted\b|\bremains?\s+to\s+be\s+(?:seen|determined)\b|\bis\s+(?:\w+ly\s+)?(?:necessary|essential)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallsForResearch();

    /// <summary>"Their main objective was to determine …", "aimed to", "are exploring", "are devising", "the core idea", "rationale".</summary>
    [GeneratedRegex(@"\b(?:objective|aim|goal|purpose)\s+(?:was|is)\s+to\b|\baimed\s+to\b|\b(?:are|is|have\s+been)\s+(?:exploring|investigating|studying|devising)\b|\b(?:core|main|basic|key)\s+idea\b|\brationale\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatesAnAim();

    /// <summary>The clinic describing itself: "our team", "we offer", "premium-quality", "have been tapping the potential".</summary>
    [GeneratedRegex(@"\b(?:our|the)\s+team\b|\bwe\s+(?:offer|provide|deliver|specialize|specialise)\b|\b(?:premium|world-class|state-of-the-art|top-quality|premium-quality|high-quality)\b|\bhave\s+been\s+(?:tapping|providing|offering|delivering)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SelfPromotion();

    // ---- Vetoes -----------------------------------------------------------------------------------------------------

    /// <summary>Ends with a question mark, or an FAQ line ("Q- …", "Q: …").</summary>
    [GeneratedRegex(@"\?[”""’')\]\s]*$|^\s*Q\s*[-–—:.)]", RegexOptions.CultureInvariant)]
    private static partial Regex Question();

    /// <summary>Opens with an imperative ("Contact", "Book", "Call") or invites the reader ("contact us", "should consult", "consider enrolling").</summary>
    [GeneratedRegex(@"^\s*(?:please\s+)?(?:contact|call|book|schedule|e-?mail|visit|click|sign\s+up|register|subscribe|request|get\s+in\s+touch|fill|download|learn\s+more|find\s+out|read\s+more|share|follow\s+us|apply|enquire|inquire|ask\s+us|talk\s+to|speak\s+to|discover)\b|\bcontact\s+us\b|\bcall\s+us\b|\bbook\s+(?:a|an|your)\s+(?:free\s+)?(?:consultation|appointment)\b|\bfree\s+consultation\b|\bschedule\s+(?:a|your)\b|\bshould\s+consult\b|\bconsider\s+enrolling\b|\breach\s+out\b|\bget\s+in\s+touch\b|\brequest\s+a\s+(?:quote|call)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallToAction();

    /// <summary>E-mail addresses (also Cloudflare's "[email protected]"), phone numbers ("+91-9654321400", "555 123 4567"), "Tel:" / "Address:" lines, WhatsApp.</summary>
    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+|\[email\s+protected\]|\+[0-9]{1,3}[\s.-]?[0-9][0-9\s().-]{6,}[0-9]|\(?\b[0-9]{2,4}\)?[\s.-][0-9]{3,4}[\s.-][0-9]{3,4}\b|^\s*(?:tel|phone|fax|e-?mail|address|whatsapp|hours)\s*[:.]|\bwhatsapp\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactDetails();

    /// <summary>Copyright, cookies, privacy, disclaimers, share/newsletter prompts, post metadata.</summary>
    [GeneratedRegex(@"©|\ball\s+rights\s+reserved\b|\bcookies?\b|\bprivacy\s+policy\b|\bterms\s+(?:of|and)\s+(?:use|service|conditions)\b|\bdisclaimer\b|\binformational\s+purposes\b|\bnot\s+(?:intended\s+as\s+)?(?:a\s+substitute\s+for\s+)?medical\s+advice\b|\bnewsletter\b|\bshare\s+(?:this|on)\b|^\s*posted\s+(?:on|by|in)\b|^\s*tags?\s*:|\brelated\s+(?:posts|articles)\b|\bleave\s+a\s+(?:reply|comment)\b|\bresults\s+may\s+vary\b|^\s*FAQ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Boilerplate();

    // ---- Structure --------------------------------------------------------------------------------------------------

    /// <summary>A sentence that points back at the one before: "It …", "These …", "They …", "Their …", "Such …", "The trial …".</summary>
    [GeneratedRegex(@"^(?:It|Its|This|These|They|Their|Those|Such|Both|The\s+(?:same\s+)?(?:trial|study|studies|results?|findings|researchers|authors|patients|product|therapy|treatment|procedure|cells|designation|drug))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ContinuationOpener();

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}

/// <summary>How one sentence scored.</summary>
/// <param name="Span">The sentence in the cleaned text.</param>
/// <param name="Score">Sum of the weights of the matched rules (one per group).</param>
/// <param name="Signals">The positive rules' reasons, strongest first.</param>
/// <param name="Veto">Why it can never be a claim (heading, question, call to action, contact details, boilerplate), or null.</param>
internal sealed record SentenceAssessment(TextSpan Span, int Score, IReadOnlyList<string> Signals, string? Veto)
{
    /// <summary>The groups of the negative rules that matched (calls for research, aims, self-promotion).</summary>
    public IReadOnlyList<string> Penalties { get; init; } = [];

    /// <summary>Scores at the threshold and no veto applies.</summary>
    public bool IsCandidate => Veto is null && Score >= ClaimRules.Threshold;
}

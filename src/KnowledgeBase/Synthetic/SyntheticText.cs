using System.Globalization;
using System.Text;

namespace KnowledgeBase.Synthetic;

/// <summary>A sentence of a synthetic article; claim sentences carry the detector signals they were written to trigger.</summary>
internal readonly record struct SyntheticSentence(string Text, IReadOnlyList<string>? Signals)
{
    public bool IsClaim => Signals is not null;
}

/// <summary>A synthetic article: its text and where its claim sentences sit in it.</summary>
internal sealed record SyntheticArticle(string Title, string Publisher, string Body, IReadOnlyList<(int Start, int End, IReadOnlyList<string> Signals)> Claims);

/// <summary>
/// Writes clinic-marketing prose of the kind the seeds hold: claim sentences (percentages, patient
/// counts, trial phases, approvals, "et al." citations) between plain sentences about the clinic.
/// Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class SyntheticText
{
    public static readonly string[] Therapies =
    [
        "mesenchymal stem cells", "bone-marrow MSCs", "adipose-derived stem cells", "umbilical cord MSCs",
        "Wharton's jelly stem cells", "MSC-NTF cells", "NurOwn", "MSC-derived exosomes", "neural stem cells",
        "GDNF-secreting MSCs", "stromal vascular fraction", "autologous stem cell therapy", "cord blood cells",
    ];

    public static readonly string[] Conditions =
    [
        "ALS", "multiple sclerosis", "Parkinson's disease", "spinal cord injury", "knee osteoarthritis", "autism",
        "stroke", "COPD", "heart failure", "Crohn's disease", "diabetic neuropathy", "cerebral palsy", "MND",
    ];

    public static readonly string[] Outcomes =
    [
        "ALSFRS-R scores", "muscle strength", "walking distance", "breathing capacity", "pain scores", "mobility",
        "quality of life", "speech", "fatigue", "disease progression", "inflammation markers", "cognitive function",
    ];

    public static readonly string[] Clinics =
    [
        "Regenera Health", "StemWell Institute", "NovaCell Clinic", "Pacific Regenerative Center", "Cellular Hope",
        "BioRenew Medical", "Andes Stem Cell Clinic", "Meridian Cell Therapy", "Helix Wellness", "Aurora Regenerative",
        "Panama Cell Institute", "Baltic Stem Clinic", "Vitalis Biologics", "Summit Cell Medicine", "Riverside Stem Center",
    ];

    public static readonly string[] Surnames =
    [
        "Mazzini", "Petrou", "Berry", "Karussis", "Oh", "Nabavi", "Syková", "Staff", "Cudkowicz", "Barczewska",
        "Wang", "Li", "Zhang", "Kim", "Park", "Garcia", "Martinez", "Rossi", "Müller", "Schmidt", "Nowak", "Silva",
        "Tanaka", "Sato", "Kowalski", "Dubois", "Andersen", "Cohen", "Levy", "Ahmed", "Singh", "Patel", "O'Brien",
    ];

    public static readonly string[] Journals =
    [
        "Neurology", "Cytotherapy", "Stem Cells Translational Medicine", "Muscle & Nerve", "JAMA Neurology",
        "Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration", "Stem Cell Research & Therapy",
        "Journal of Neurology", "Frontiers in Neurology", "Cell Transplantation", "PLoS One", "Lancet Neurology",
        "Annals of Neurology", "Regenerative Medicine", "Journal of Translational Medicine", "Scientific Reports",
    ];

    private static readonly string[] Months = ["three", "six", "nine", "12", "18", "24"];

    // Claim sentences: {T} therapy, {C} condition, {O} outcome, {N} count, {P} percent, {S} surname, {Y} year, {J} journal, {K} clinic, {M} months.
    private static readonly (string Template, string[] Signals)[] ClaimTemplates =
    [
        ("In our programme, {P}% of patients treated with {T} reported better {O} within {M} months.", ["percentage", "efficacy", "duration or follow-up", "names the therapy"]),
        ("A {Y} study by {S} et al. found that {T} slowed the progression of {C} in {N} patients.", ["cites a study (et al. + year)", "patient count", "efficacy", "names the therapy"]),
        ("{T} have been shown to be safe and well tolerated, with no serious adverse events in {N} patients.", ["patient count", "safety", "names the therapy"]),
        ("The phase 2 trial of {T} for {C} met its primary endpoint, improving {O} compared with placebo.", ["trial phase", "efficacy", "comparison", "names the therapy"]),
        ("{S} et al. ({Y}) reported that {T} secrete neurotrophic factors that protect motor neurons from degeneration.", ["cites a study (et al. + year)", "mechanism", "efficacy", "names the therapy"]),
        ("Our {T} treatment is approved in several countries and is close to approval by the FDA for {C}.", ["regulatory or market status", "names the therapy"]),
        ("Patients who received {T} lived on average {M} months longer than those on standard care, a {P}% improvement in survival.", ["percentage", "survival", "comparison", "names the therapy"]),
        ("More than {N} patients with {C} have been treated at {K}, and {P}% of them saw their {O} stabilise.", ["percentage", "patient count", "efficacy"]),
        ("Results published in {J} show that {T} reduce inflammation and restore the immune balance in {C}.", ["cites a journal or publication", "mechanism", "efficacy", "names the therapy"]),
        ("There is no cure for {C}, and current medications such as riluzole only slow progression by a few months.", ["treatment landscape (no cure / existing drugs)", "efficacy"]),
        ("{N} clinical trials around the world are now testing {T} for {C}, with encouraging early results.", ["number of studies or trials", "names the therapy", "refers to a study or trial"]),
        ("A randomized, double-blind study of {N} participants showed a two-fold improvement in {O} after {T}.", ["patient count", "ratio or fold change", "efficacy", "refers to a study or trial"]),
        ("In a phase 1/2 trial, {T} given intrathecally were well tolerated and {P}% of participants had slower decline in {O}.", ["trial phase", "percentage", "safety", "efficacy", "names the therapy"]),
        ("Unlike drugs, {T} can differentiate into nerve cells and regenerate damaged tissue, which is why results are better than conventional therapy.", ["mechanism", "comparison", "names the therapy"]),
        ("The FDA granted orphan drug designation and fast-track status to {T} for the treatment of {C} in {Y}.", ["regulatory or market status", "dated (year)", "names the therapy"]),
        ("Follow-up of {N} patients over {M} months found a statistically significant (p < 0.05) improvement in {O}.", ["patient count", "statistical wording", "duration or follow-up", "efficacy"]),
        ("Animal studies in mice showed that {T} extended survival by {P}% and delayed the onset of symptoms.", ["animal or laboratory evidence", "percentage", "survival", "names the therapy"]),
        ("Each patient receives {N} million cells per kilogram in three injections, the dose used in the {Y} trial by {S} et al.", ["dose, number of injections or dose-response", "cites a study (et al. + year)"]),
        ("Our {T} protocol is the most effective treatment available today for {C}, with results you can feel within weeks.", ["efficacy", "promotional wording", "names the therapy"]),
        ("According to {S} et al., {P}% of patients with {C} responded to {T}, and none developed tumour formation.", ["cites a study (et al.)", "percentage", "safety", "names the therapy"]),
    ];

    private static readonly string[] PlainTemplates =
    [
        "Our medical team has worked with patients from more than forty countries.",
        "Every treatment plan starts with a consultation and a review of the patient's records.",
        "{K} is located a short drive from the international airport.",
        "Patients usually stay with us for about ten days, accompanied by a family member.",
        "We coordinate travel, accommodation and translation for international patients.",
        "Living with {C} affects the whole family, and we take time to answer every question.",
        "The cells are prepared in our own laboratory under strict quality control.",
        "Before travelling, patients send us recent scans and blood work.",
        "Many of our patients first heard about us from other families.",
        "Treatment is combined with physiotherapy, nutrition advice and follow-up calls.",
        "Our coordinators speak English, Spanish, German and Arabic.",
        "Stem cells are the body's own repair system, found in bone marrow, fat and umbilical cord tissue.",
        "The procedure itself takes a few hours and most patients return to the hotel the same day.",
        "Each case is different, so the plan is adapted to the patient's condition.",
        "Families are welcome to stay during the whole treatment.",
        "We publish updates from our patients on our blog every month.",
    ];

    private static readonly string[] Headings = ["How the treatment works", "What the research says", "Why patients choose us", "Safety first", "Your treatment journey", "Frequently asked questions"];

    /// <summary>An article with <paramref name="claimCount"/> claim sentences among plain ones (about 3-8 KB for 5-15 claims).</summary>
    public static SyntheticArticle Article(Random random, int claimCount, int number)
    {
        var condition = Pick(random, Conditions);
        var therapy = Pick(random, Therapies);
        var clinic = Pick(random, Clinics);
        var title = string.Create(CultureInfo.InvariantCulture, $"{Capitalise(therapy)} for {condition}: what patients should know ({number})");

        var body = new StringBuilder(claimCount * 450 + 1200);
        var claims = new List<(int, int, IReadOnlyList<string>)>(claimCount);
        var plainCount = Math.Max(8, 2 * claimCount + random.Next(claimCount + 4));
        var total = claimCount + plainCount;
        var claimsLeft = claimCount;
        var sentencesInParagraph = 0;
        for (var i = 0; i < total; i++)
        {
            var isClaim = random.Next(total - i) < claimsLeft;
            if (sentencesInParagraph > 0 && (sentencesInParagraph >= 4 || random.Next(3) == 0))
            {
                body.Append("\n\n");
                if (random.Next(6) == 0) body.Append(Pick(random, Headings)).Append("\n\n");
                sentencesInParagraph = 0;
            }
            else if (sentencesInParagraph > 0)
            {
                body.Append(' ');
            }
            if (isClaim)
            {
                var (template, signals) = ClaimTemplates[random.Next(ClaimTemplates.Length)];
                var start = body.Length;
                Fill(body, template, random, therapy, condition, clinic);
                claims.Add((start, body.Length, signals));
                claimsLeft--;
            }
            else
            {
                Fill(body, Pick(random, PlainTemplates), random, therapy, condition, clinic);
            }
            sentencesInParagraph++;
        }
        body.Append("\n\nContact ").Append(clinic).Append(" to find out whether this treatment is right for you.");
        return new SyntheticArticle(title, clinic, body.ToString(), claims);
    }

    /// <summary>The article as a plain-text scrape like the seeds: the title printed twice, the body, a numbered reference list.</summary>
    public static string AsFile(SyntheticArticle article, IEnumerable<string> references)
    {
        var text = new StringBuilder(article.Body.Length + 600);
        text.Append(article.Title).Append("\n\n").Append(article.Title).Append("\n\n").Append(article.Body).Append("\n\nReferences\n\n");
        var n = 0;
        foreach (var reference in references) text.Append('[').Append(++n).Append("] ").Append(reference).Append('\n');
        return text.ToString();
    }

    public static string Authors(Random random)
    {
        var count = 1 + random.Next(6);
        var names = Enumerable.Range(0, count).Select(_ => $"{Pick(random, Surnames)} {(char)('A' + random.Next(26))}{(random.Next(2) == 0 ? "" : ((char)('A' + random.Next(26))).ToString())}");
        return string.Join(", ", names) + (count >= 4 && random.Next(2) == 0 ? ", et al." : "");
    }

    public static string StudyTitle(Random random, string therapy, string condition) => random.Next(5) switch
    {
        0 => $"Safety and efficacy of {therapy} in patients with {condition}: a phase {1 + random.Next(3)} trial",
        1 => $"Long-term follow-up after {therapy} transplantation in {condition}",
        2 => $"{Capitalise(therapy)} for {condition}: a systematic review and meta-analysis",
        3 => $"Intrathecal {therapy} in {condition}: an open-label study of {10 + random.Next(90)} patients",
        _ => $"Mechanisms of {therapy} in experimental models of {condition}",
    };

    /// <summary>A short structured abstract (background, methods, results, conclusion), about 60 words.</summary>
    public static string Abstract(Random random, string therapy, string condition, string design, int? participants, string outcome) =>
        $"Background: {Capitalise(condition)} has few treatments that change its course. " +
        $"Methods: In this {design.ToLowerInvariant()} study{(participants is { } n ? $" of {n} patients" : "")}, {therapy} was given and {outcome} were measured " +
        $"over {Pick(random, Months)} months. " +
        $"Results: {outcome[..1].ToUpperInvariant() + outcome[1..]} {Pick(random, Changes)}; {random.Next(4)} serious adverse events were reported. " +
        $"Conclusion: {Capitalise(therapy)} {Pick(random, Conclusions)} in {condition}.";

    private static readonly string[] Changes = ["improved modestly", "did not differ from control", "improved in a subgroup", "declined more slowly than expected"];

    private static readonly string[] Conclusions = ["appears safe; larger controlled trials are needed", "was feasible and well tolerated", "showed no clear benefit", "may slow progression"];

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static void Fill(StringBuilder body, string template, Random random, string therapy, string condition, string clinic)
    {
        var first = body.Length;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{' || i + 2 >= template.Length || template[i + 2] != '}')
            {
                body.Append(template[i]);
                continue;
            }
            switch (template[i + 1])
            {
                case 'T': body.Append(therapy); break;
                case 'C': body.Append(condition); break;
                case 'O': body.Append(Pick(random, Outcomes)); break;
                case 'N': body.Append(5 + random.Next(300)); break;
                case 'P': body.Append(20 + random.Next(76)); break;
                case 'S': body.Append(Pick(random, Surnames)); break;
                case 'Y': body.Append(2005 + random.Next(21)); break;
                case 'J': body.Append(Pick(random, Journals)); break;
                case 'K': body.Append(clinic); break;
                case 'M': body.Append(Pick(random, Months)); break;
                default: body.Append(template, i, 3); break;
            }
            i += 2;
        }
        // A sentence opening with the therapy's name starts with a capital, as a writer would put it.
        if (char.IsLower(body[first])) body[first] = char.ToUpperInvariant(body[first]);
    }
}

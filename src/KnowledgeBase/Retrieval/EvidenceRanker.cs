using System.Buffers;
using KnowledgeBase.Linking;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Retrieval;

/// <summary>
/// The one ranking of studies and trials for a claim. Pure and deterministic given the library and the
/// claim's embedding.
/// <list type="bullet">
/// <item>Citation: what <see cref="EvidenceIndex"/> finds (through <see cref="CitationIndex"/>, among the records sharing a
/// citing word with the claim and the <see cref="RankingWeights.CitationPool"/> most relevant) (identifiers, "Surname et al." and year, journal,
/// product, phase, counts; the article's references) adds its score, 3 to 15 and more, so a record the claim
/// names comes first.</item>
/// <item>Relevance, 0 to 1: BM25 of the claim's words (the neighbouring sentences' at
/// <see cref="RankingWeights.Neighbours"/>), divided by the best BM25 score, and meaning: the cosine similarity
/// of the claim's and the record's embeddings, scaled between the best similarity (1) and the one at
/// <see cref="RankingWeights.MeaningFloorQuantile"/> of all the records' (0); mixed by <see cref="RankingWeights.Lexical"/> and multiplied by
/// <see cref="RankingWeights.RelevanceScale"/>. A record not yet embedded counts its lexical relevance for both.</item>
/// <item>Kind and year: among the most relevant records, one of the kind the claim's wording asks for
/// (<see cref="RecordTypeCues"/>) adds <see cref="RankingWeights.RecordType"/>, one from a year the claim names
/// <see cref="RankingWeights.YearNamed"/>.</item>
/// <item>Article: a record the article's reference list names adds <see cref="RankingWeights.CitedByArticle"/>; one
/// linked to another claim of the same article adds <see cref="RankingWeights.LinkedInArticle"/>.</item>
/// </list>
/// Every record can be suggested: ones that nothing cites and that share little with the claim come last,
/// marked <see cref="SuggestionStrength.Weak"/>. Ties break by similarity, then by row.
/// </summary>
public static class EvidenceRanker
{
    private const double Rrf = 60;

    /// <summary>
    /// How many of the records most relevant to the claim are compared with each earlier sentence of its section for
    /// signals that select no record by themselves (a phase, a participant count), besides those sharing a citing word.
    /// </summary>
    private const int PassagePool = 20;

    public static IReadOnlyList<EvidenceSuggestion> Rank(EvidenceLibrary library, ClaimContext claim, ReadOnlySpan<float> claimVector, int max, RankingWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        weights ??= RankingWeights.Default;
        var n = library.Count;
        if (max == 0 || n == 0 || string.IsNullOrWhiteSpace(claim.Quote)) return [];

        var references = ArticleReferences(library, claim);
        var linked = Linked(library, claim);

        var claimTerms = Terms.Of(claim.Quote);
        var query = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in claimTerms) query[t.Stem] = 1;
        foreach (var t in new[] { claim.PrecedingText, claim.FollowingText, claim.Heading }.SelectMany(Terms.Of))
        {
            if (!query.ContainsKey(t.Stem)) query[t.Stem] = weights.Neighbours;
        }

        foreach (var t in claim.Passage.Skip(1).SelectMany(Terms.Of))
        {
            if (!query.ContainsKey(t.Stem)) query[t.Stem] = weights.Passage;
        }

        var pool = ArrayPool<float>.Shared;
        var lexical = pool.Rent(n);
        var meaning = pool.Rent(n);
        try
        {
            var lex = lexical.AsSpan(0, n);
            library.Lexical.Score(query, lex);
            var lexMax = 0f;
            foreach (var v in lex) lexMax = MathF.Max(lexMax, v);

            var sim = meaning.AsSpan(0, n);
            var hasMeaning = claimVector.Length == library.Vectors.Dimensions && library.Vectors.Filled > 0;
            if (hasMeaning) library.Vectors.Similarities(claimVector, sim);
            else sim.Fill(float.NaN);
            var (top, floor) = hasMeaning ? TopAndQuantile(sim, weights.MeaningFloorQuantile) : (0f, 0f);
            HashSet<int>? refined = null;
            if (hasMeaning && library.Vectors.IsApproximate)
            {
                (refined, top, floor) = Refine(library, claimVector, sim, lex, lexMax, top, floor, weights, references.Keys.Concat(linked));
            }

            var relevance = weights.ReciprocalRank
                ? ReciprocalRanks(lexical, meaning, n)
                : null;

            (double Lexical, double Meaning) Parts(int row) =>
                relevance is not null ? relevance[row] : Mixed(lexical[row], lexMax, meaning[row], top, floor, weights);

            // The citation signals are read for the records the claim shares a citing word with and the most relevant ones.
            var relevant = new PriorityQueue<int, (double Score, float Sim, int Row)>(weights.CitationPool + 1, Worse.Instance);
            for (var row = 0; row < n; row++)
            {
                var (lexPart, meanPart) = Parts(row);
                var key = (lexPart + meanPart, float.IsNaN(meaning[row]) ? -2f : meaning[row], row);
                if (relevant.Count < weights.CitationPool) relevant.Enqueue(row, key);
                else if (relevant.TryPeek(out _, out var worst) && Worse.Instance.Compare(worst, key) < 0) relevant.DequeueEnqueue(row, key);
            }

            var cited = library.Citations.Suggest(claim, relevant.UnorderedItems.Select(i => i.Element));
            var inPassage = PassageCitations(library, claim, relevant.UnorderedItems.OrderByDescending(i => i.Priority, Worse.Instance)
                .Take(PassagePool).Select(i => i.Element).ToList());

            var typed = KindAndYear(library, claim, relevant.UnorderedItems.Select(i => i.Element), weights);
            if (refined is not null)
            {
                // Records a citation brings in from outside the refined ones: their own similarity too.
                library.Vectors.Refine(claimVector, cited.Keys.Concat(inPassage.Keys).Where(r => !refined.Contains(r)).ToList(), sim);
            }

            var best = new PriorityQueue<int, (double Score, float Sim, int Row)>(max + 1, Worse.Instance);
            for (var row = 0; row < n; row++)
            {
                var (lexPart, meanPart) = Parts(row);
                var score = (weights.RelevanceScale * (lexPart + meanPart))
                    + (cited.TryGetValue(row, out var c) ? c.Score : 0)
                    + (references.ContainsKey(row) && !CitesReference(c) ? weights.CitedByArticle : 0)
                    + (linked.Contains(row) ? weights.LinkedInArticle : 0)
                    + (c is null && inPassage.ContainsKey(row) ? weights.CitedInPassage : 0)
                    + (typed.TryGetValue(row, out var t) ? t.Sum(r => r.Weight) : 0);
                var key = (score, float.IsNaN(sim[row]) ? -2f : sim[row], row);
                if (best.Count < max) best.Enqueue(row, key);
                else if (best.TryPeek(out _, out var worst) && Worse.Instance.Compare(worst, key) < 0) best.DequeueEnqueue(row, key);
            }

            var rows = new List<(int Row, double Score)>(best.Count);
            while (best.TryDequeue(out var row, out var key)) rows.Add((row, key.Score));
            rows.Reverse();
            return rows.Select(r => Suggestion(library, r.Row, r.Score, Parts(r.Row), cited.GetValueOrDefault(r.Row),
                references.GetValueOrDefault(r.Row), inPassage.GetValueOrDefault(r.Row), linked.Contains(r.Row), typed.GetValueOrDefault(r.Row), claimTerms, query, weights)).ToList();
        }
        finally
        {
            pool.Return(lexical);
            pool.Return(meaning);
        }
    }

    /// <summary>
    /// A record's relevance parts: its BM25 score over the best, and its similarity scaled between <paramref name="floor"/>
    /// (0) and <paramref name="top"/> (1), mixed by <see cref="RankingWeights.Lexical"/>; without a similarity, the lexical
    /// part alone, unweighted.
    /// </summary>
    private static (double Lexical, double Meaning) Mixed(float lexical, float lexMax, float similarity, float top, float floor, RankingWeights weights)
    {
        var l = lexMax > 0 ? lexical / lexMax : 0;
        if (float.IsNaN(similarity) || top <= floor) return (l, 0);
        var m = Math.Clamp((similarity - floor) / (top - floor), 0, 1);
        return (weights.Lexical * l, (1 - weights.Lexical) * m);
    }

    /// <summary>
    /// With similarities estimated from signs: the <see cref="RankingWeights.RefineShare"/> of the records most relevant by the
    /// estimates, the <paramref name="also"/> rows and an even sample of all rows get their int8 similarity; the best
    /// similarity is then the best of those, and the floor the quantile of the sample's, so a record's meaning part is
    /// measured against exact values. The rows left with estimates rank below the pool by the estimates.
    /// </summary>
    private static (HashSet<int> Refined, float Top, float Floor) Refine(EvidenceLibrary library, ReadOnlySpan<float> claimVector, Span<float> sim,
        ReadOnlySpan<float> lex, float lexMax, float top, float floor, RankingWeights weights, IEnumerable<int> also)
    {
        const int SampleSize = 512;
        var n = sim.Length;
        var size = Math.Max(weights.RefineAtLeast, (int)(n * weights.RefineShare));
        var pool = new PriorityQueue<int, float>(size + 1);
        for (var row = 0; row < n; row++)
        {
            var (l, m) = Mixed(lex[row], lexMax, sim[row], top, floor, weights);
            var estimate = (float)(l + m);
            if (pool.Count < size) pool.Enqueue(row, estimate);
            else if (pool.TryPeek(out _, out var worst) && worst < estimate) pool.DequeueEnqueue(row, estimate);
        }

        var refined = new HashSet<int>(pool.UnorderedItems.Select(i => i.Element));
        refined.UnionWith(also);
        var stride = Math.Max(1, n / SampleSize);
        var sample = new List<int>(SampleSize + 1);
        for (var row = 0; row < n; row += stride) sample.Add(row);
        refined.UnionWith(sample);
        library.Vectors.Refine(claimVector, refined, sim);

        var exactTop = float.NegativeInfinity;
        foreach (var row in refined)
        {
            if (!float.IsNaN(sim[row])) exactTop = MathF.Max(exactTop, sim[row]);
        }
        var sampled = new float[sample.Count];
        for (var i = 0; i < sampled.Length; i++) sampled[i] = sim[sample[i]];
        var (_, exactFloor) = TopAndQuantile(sampled, weights.MeaningFloorQuantile);
        return float.IsNegativeInfinity(exactTop) ? (refined, top, floor) : (refined, exactTop, Math.Min(exactFloor, exactTop));
    }

    /// <summary>Orders the heap so that its head is the worst of the kept rows: lower score, then lower similarity, then higher row.</summary>
    private sealed class Worse : IComparer<(double Score, float Sim, int Row)>
    {
        public static readonly Worse Instance = new();

        public int Compare((double Score, float Sim, int Row) x, (double Score, float Sim, int Row) y)
        {
            var c = x.Score.CompareTo(y.Score);
            if (c != 0) return c;
            c = x.Sim.CompareTo(y.Sim);
            return c != 0 ? c : y.Row.CompareTo(x.Row);
        }
    }

    private static EvidenceSuggestion Suggestion(EvidenceLibrary library, int row, double score, (double Lexical, double Meaning) part,
        EvidenceSuggestion? cited, string? reference, string? passage, bool linked, List<SuggestionReason>? typed, List<Term> claimTerms,
        Dictionary<string, double> query, RankingWeights weights)
    {
        var reasons = new List<SuggestionReason>();
        if (cited is not null) reasons.AddRange(cited.Reasons);
        else if (passage is not null) reasons.Add(new SuggestionReason(passage, weights.CitedInPassage));
        if (reference is not null && !CitesReference(cited)) reasons.Add(new SuggestionReason($"cited by the article ({reference})", weights.CitedByArticle));
        if (linked) reasons.Add(new SuggestionReason("linked to another claim of this article", weights.LinkedInArticle));
        if (typed is not null) reasons.AddRange(typed);

        var meaning = weights.RelevanceScale * part.Meaning;
        if (meaning >= 0.005)
        {
            var what = library.HasAbstract(row) ? (library.Records.KindOf(row) == EvidenceKind.Trial ? "summary" : "abstract") : "title";
            var closeness = part.Meaning / (1 - weights.Lexical) >= 0.5 || weights.ReciprocalRank ? "close" : "somewhat close";
            reasons.Add(new SuggestionReason($"{closeness} in meaning to the {what}", Math.Round(meaning, 3)));
        }

        var lexical = weights.RelevanceScale * part.Lexical;
        if (lexical >= 0.005)
        {
            var shared = SharedWords(library, row, claimTerms);
            var text = shared.Count > 0
                ? "shares rare words: " + string.Join(", ", shared)
                : "shares words with the sentences around the claim: " + string.Join(", ", NeighbourWords(library, row, query));
            reasons.Add(new SuggestionReason(text, Math.Round(lexical, 3)));
        }

        var relevance = part.Lexical + part.Meaning;
        var strength = cited is not null || reference is not null || passage is not null ? SuggestionStrength.Strong
            : relevance >= weights.WeakBelow || linked ? SuggestionStrength.Relevant
            : SuggestionStrength.Weak;
        if (strength == SuggestionStrength.Weak) reasons.Add(new SuggestionReason("weak match: nothing cites it and it shares little with the claim", 0));
        return new EvidenceSuggestion(library.Candidates[row], Math.Round(score, 3), reasons) { Strength = strength };
    }

    /// <summary>The claim's words the record also has, rarest first (at most three; the written forms).</summary>
    private static List<string> SharedWords(EvidenceLibrary library, int row, List<Term> claimTerms) =>
        claimTerms
            .DistinctBy(t => t.Stem, StringComparer.Ordinal)
            .Where(t => !Terms.IsFunctionStem(t.Stem) && library.Lexical.Contains(row, t.Stem))
            .Select(t => (t.Written, Idf: library.Lexical.Idf(t.Stem)))
            .OrderByDescending(t => t.Idf)
            .ThenBy(t => t.Written, StringComparer.Ordinal)
            .Take(3)
            .Select(t => t.Written)
            .ToList();

    private static IEnumerable<string> NeighbourWords(EvidenceLibrary library, int row, Dictionary<string, double> query) =>
        query.Keys.Where(stem => !Terms.IsFunctionStem(stem) && library.Lexical.Contains(row, stem))
            .OrderByDescending(library.Lexical.Idf).ThenBy(s => s, StringComparer.Ordinal).Take(3);

    private static bool CitesReference(EvidenceSuggestion? cited) =>
        cited is not null && cited.Reasons.Any(r => r.Text.StartsWith("cited by the article", StringComparison.Ordinal));

    /// <summary>
    /// The best similarity and the <paramref name="quantile"/> of all (NaN rows skipped), in linear time: the values are
    /// counted in 2,048 bins over [-1, 1], so the quantile is exact to 0.001, far finer than the ranking can feel.
    /// </summary>
    private static (float Top, float Floor) TopAndQuantile(ReadOnlySpan<float> sim, double quantile)
    {
        const int Bins = 2048;
        Span<int> counts = stackalloc int[Bins];
        counts.Clear();
        var top = float.NegativeInfinity;
        var lowest = float.PositiveInfinity;
        var n = 0;
        foreach (var s in sim)
        {
            if (float.IsNaN(s)) continue;
            top = MathF.Max(top, s);
            lowest = MathF.Min(lowest, s);
            counts[Bin(s)]++;
            n++;
        }

        if (n == 0) return (0f, 0f);
        if (quantile <= 0) return (top, lowest);
        var wanted = (long)Math.Ceiling(quantile * n);
        long seen = 0;
        for (var b = 0; b < Bins; b++)
        {
            seen += counts[b];
            if (seen >= wanted) return (top, Math.Clamp(-1f + ((b + 0.5f) * 2f / Bins), lowest, top));
        }

        return (top, top);

        static int Bin(float s) => Math.Clamp((int)((s + 1f) * Bins / 2f), 0, Bins - 1);
    }

    /// <summary>Reciprocal rank fusion: each row's 1/(60 + rank) in the lexical and the meaning ranking, scaled so the best possible is 1.</summary>
    private static (double Lexical, double Meaning)[] ReciprocalRanks(float[] lex, float[] sim, int n)
    {
        var result = new (double, double)[n];
        var byLex = Enumerable.Range(0, n).Where(i => lex[i] > 0).ToArray();
        Array.Sort(byLex, (a, b) => lex[b].CompareTo(lex[a]));
        var bySim = Enumerable.Range(0, n).Where(i => !float.IsNaN(sim[i])).ToArray();
        Array.Sort(bySim, (a, b) => sim[b].CompareTo(sim[a]));
        var best = 2 / (Rrf + 1);
        for (var r = 0; r < byLex.Length; r++) result[byLex[r]].Item1 = 1 / (Rrf + r + 1) / best;
        for (var r = 0; r < bySim.Length; r++) result[bySim[r]].Item2 = 1 / (Rrf + r + 1) / best;
        return result;
    }

    /// <summary>
    /// The records the nearest earlier sentence of the claim's section that cites any record cites (a section that
    /// names a study and then reports it sentence by sentence), with the reason to show; a later citation replaces an
    /// earlier one, so a section moving on to another study moves the signal with it.
    /// </summary>
    private static Dictionary<int, string> PassageCitations(EvidenceLibrary library, ClaimContext claim, IReadOnlyList<int> mostRelevant)
    {
        var passage = claim.Heading is null ? claim.Passage : [.. claim.Passage, claim.Heading];
        for (var back = 0; back < passage.Count; back++)
        {
            var found = library.Citations.Suggest(ClaimContext.Of(passage[back]), mostRelevant);
            if (found.Count == 0) continue;
            var where = back == claim.Passage.Count ? "in the section's heading" : back == 0 ? "in the sentence before" : $"{back + 1} sentences before";
            return found.ToDictionary(f => f.Key, f => $"cited {where} ({f.Value.Reasons[0].Text})");
        }

        return [];
    }

    /// <summary>Among <paramref name="mostRelevant"/>, the records of the kind the claim asks for and from the years it names, with the reasons.</summary>
    private static Dictionary<int, List<SuggestionReason>> KindAndYear(EvidenceLibrary library, ClaimContext claim, IEnumerable<int> mostRelevant, RankingWeights weights)
    {
        var found = new Dictionary<int, List<SuggestionReason>>();
        var cues = RecordTypeCues.Of(claim.Quote);
        var years = RecordTypeCues.Years(claim.Quote);
        if (cues == ClaimCue.None && years.Count == 0) return found;
        foreach (var row in mostRelevant)
        {
            var record = library.Candidates[row];
            var reasons = new List<SuggestionReason>(2);
            if (RecordTypeCues.Answered(cues, record) is var cue && cue != ClaimCue.None && weights.RecordType > 0)
                reasons.Add(new SuggestionReason(RecordTypeCues.Reason(cue), weights.RecordType));
            if (record.Year is { } year && years.Contains(year) && weights.YearNamed > 0)
                reasons.Add(new SuggestionReason($"from {year.ToString(System.Globalization.CultureInfo.InvariantCulture)}, the year the claim names", weights.YearNamed));
            if (reasons.Count > 0) found[row] = reasons;
        }

        return found;
    }

    /// <summary>Rows the article's reference list names, with the identifier to show.</summary>
    private static Dictionary<int, string> ArticleReferences(EvidenceLibrary library, ClaimContext claim)
    {
        var rows = new Dictionary<int, string>();
        foreach (var pmid in claim.ReferencePmids.Select(Identifiers.NormalizePmid).OfType<string>())
        {
            if (library.RowByPmid(pmid) is { } row) rows.TryAdd(row, "PMID " + pmid);
        }

        foreach (var doi in claim.ReferenceDois.Select(Identifiers.NormalizeDoi).OfType<string>())
        {
            if (library.RowByDoi(doi) is { } row) rows.TryAdd(row, "DOI " + doi);
        }

        foreach (var nct in claim.ReferenceNctIds.Select(Identifiers.NormalizeNct).OfType<string>())
        {
            foreach (var row in library.RowsByNct(nct))
            {
                rows.TryAdd(row, library.Records.KindOf(row) == EvidenceKind.Trial ? nct : nct + ", a trial this study reports");
            }
        }

        return rows;
    }

    private static HashSet<int> Linked(EvidenceLibrary library, ClaimContext claim)
    {
        var rows = new HashSet<int>();
        foreach (var id in claim.LinkedStudyIds)
        {
            if (library.RowOf(EvidenceKind.Study, id) is { } row) rows.Add(row);
        }

        foreach (var id in claim.LinkedTrialIds)
        {
            if (library.RowOf(EvidenceKind.Trial, id) is { } row) rows.Add(row);
        }

        return rows;
    }
}

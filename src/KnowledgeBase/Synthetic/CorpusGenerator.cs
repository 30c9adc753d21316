using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Browsing;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

using KnowledgeBase.Classification;
namespace KnowledgeBase.Synthetic;

/// <summary>Generator settings besides the size.</summary>
public sealed record CorpusOptions
{
    /// <summary>Same seed, same size, same program: the same corpus, row for row.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Rows written per transaction.</summary>
    public int BatchSize { get; init; } = 20_000;

    /// <summary>Stored as every generated account's password hash (the app's hasher output), so someone can sign in to a generated corpus.</summary>
    public string PasswordHash { get; init; } = "generated-account-without-password";

    /// <summary>When the corpus "was" built: timestamps fall in the three years before it.</summary>
    public DateTime Now { get; init; } = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
}

/// <summary>
/// Fills a fresh SQLite file with a realistic synthetic knowledge base: sources with article text,
/// claims anchored at real offsets of that text, studies and trials across the therapy taxonomy,
/// evidence links with relations and assessments, tags, editor accounts and the history of the
/// editors' work. The schema comes from the migrations; rows go in through prepared raw INSERTs,
/// one transaction per batch, with the migrations' indexes dropped during the load and rebuilt after.
/// See docs/decisions/0009-synthetic-corpus-and-throughput.md.
/// </summary>
public sealed class CorpusGenerator
{
    private const int FirstFreeTagId = 100;
    private const string Detector = Claim.Detector;

    private static readonly string[] LoadedTables =
        ["Accounts", "Tags", "Studies", "StudyTherapyTypes", "Trials", "TrialTherapyTypes", "StudyTrials", "Sources", "SourceTherapyKinds", "SourceConditions", "SourceReferences", "Claims", "ClaimTags", "EvidenceLinks", "ChangeRecords"];

    private static readonly string[] FreeTags =
    [
        "ALS", "multiple sclerosis", "Parkinson's", "spinal cord injury", "orthopaedics", "exosomes", "medical tourism",
        "price quoted", "before/after story", "misquoted study", "animal data", "cherry-picked", "registry confusion",
        "unapproved clinic", "FDA warning", "press release", "pre-print", "retracted", "small sample", "no control group",
    ];

    // Relative weights, in TherapyType.Taxonomy order (ids 1..8): most marketing is about generic or bone-marrow MSCs.
    private static readonly int[] TherapyWeights = [20, 12, 14, 8, 6, 5, 6, 29];

    private static readonly (StudyKind Kind, int Weight, string RecordType)[] StudyKinds =
    [
        (StudyKind.TrialReport, 30, "article-journal"), (StudyKind.ObservationalStudy, 15, "article-journal"),
        (StudyKind.SystematicReview, 10, "article-journal"), (StudyKind.NarrativeReview, 15, "article-journal"),
        (StudyKind.TrialProtocol, 5, "article-journal"), (StudyKind.Survey, 3, "article-journal"),
        (StudyKind.PressRelease, 7, "webpage"), (StudyKind.RegulatoryDecision, 3, "report"),
        (StudyKind.RegistryRecord, 2, "dataset"), (StudyKind.Other, 10, "article"),
    ];

    private static readonly (TrialPhase Phase, int Weight, string Text)[] Phases =
    [
        (TrialPhase.EarlyPhase1, 4, "Early Phase 1"), (TrialPhase.Phase1, 28, "Phase 1"), (TrialPhase.Phase1Phase2, 24, "Phase 1/Phase 2"),
        (TrialPhase.Phase2, 22, "Phase 2"), (TrialPhase.Phase2Phase3, 5, "Phase 2/Phase 3"), (TrialPhase.Phase3, 8, "Phase 3"),
        (TrialPhase.Phase4, 2, "Phase 4"), (TrialPhase.NotApplicable, 7, "Not Applicable"),
    ];

    private static readonly string[] TrialStatuses = ["Completed", "Completed", "Recruiting", "Active, not recruiting", "Terminated", "Unknown status", "Withdrawn", "Not yet recruiting"];
    private static readonly string[] Sponsors = ["BrainStorm Cell Therapeutics", "Mayo Clinic", "Hadassah Medical Organization", "Cedars-Sinai Medical Center", "Royan Institute", "Corestem", "Neuralstem Inc.", "Massachusetts General Hospital", "Universidad de Murcia", "Nadeem Mohamed", "Hope Biosciences", "Stem Cell Institute Panama"];
    private static readonly string[] Designs = ["Randomized, parallel assignment, double-blind", "Single group assignment, open label", "Non-randomized, sequential assignment, open label", "Randomized, placebo-controlled, crossover", "Prospective cohort", "Case series"];
    private static readonly string[] Routes = ["intrathecal", "intravenous", "intramuscular", "intrathecal and intramuscular", "intraspinal", "intra-articular"];
    private static readonly string[] CellSources = ["autologous bone marrow", "autologous adipose tissue", "allogeneic umbilical cord", "allogeneic Wharton's jelly", "fetal tissue", "induced pluripotent cells"];

    private static readonly (EvidenceAssessment? Assessment, int Weight)[] Assessments =
    [
        (null, 25), (EvidenceAssessment.Supported, 14), (EvidenceAssessment.Overstated, 30), (EvidenceAssessment.Unsupported, 18),
        (EvidenceAssessment.Contradicted, 6), (EvidenceAssessment.NotCheckable, 7),
    ];

    private static readonly string[] Notes =
    [
        "The study enrolled **{0} patients** and had no control group; the article presents it as proof of efficacy.",
        "The cited trial was a phase 1 safety study. It did not test efficacy, so \"proven to work\" overstates it.",
        "Figures match Table 2 of the paper, but the article leaves out that the effect faded after {0} months.",
        "The trial was terminated early for futility; the clinic quotes only the interim results.",
        "Registry entry only: no results were ever posted.",
        "See the authors' own caveat in the discussion: *larger randomized trials are needed*.",
    ];

    private readonly CorpusSize _size;
    private readonly CorpusOptions _options;
    private readonly Action<string> _progress;
    private readonly Random _random;
    private readonly List<BulkTable> _tables = [];
    private SqliteConnection _connection = null!;
    private SqliteTransaction? _transaction;
    private int _rowsInBatch;
    private readonly Stopwatch _clock = new();
    private long _lastReport;
    private string[] _editors = [];
    private int _tagCount;

    private CorpusGenerator(CorpusSize size, CorpusOptions options, Action<string>? progress)
    {
        size.Validate();
        _size = size;
        _options = options;
        _progress = progress ?? (_ => { });
        _random = new Random(options.Seed);
    }

    /// <summary>Creates <paramref name="databasePath"/> (which must not exist), applies the migrations and fills it.</summary>
    public static async Task<TimeSpan> GenerateAsync(string databasePath, CorpusSize size, CorpusOptions? options = null, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(size);
        if (File.Exists(databasePath)) throw new IOException($"{databasePath} already exists; the generator only fills a fresh file");
        var generator = new CorpusGenerator(size, options ?? new CorpusOptions(), progress);
        generator._clock.Start();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        var builder = new DbContextOptionsBuilder<KnowledgeBaseDbContext>();
        builder.UseKnowledgeBaseSqlite(connectionString);
        IModel model;
        await using (var db = new KnowledgeBaseDbContext(builder.Options, new SystemActor("generator"), TimeProvider.System))
        {
            await db.Database.MigrateAsync(cancellationToken);
            model = db.Model;
        }
        await generator.FillAsync(connectionString, model, cancellationToken);
        return generator._clock.Elapsed;
    }

    private async Task FillAsync(string connectionString, IModel model, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        _connection = connection;
        await connection.OpenAsync(ct);
        // Build-time settings: no rollback journal or fsync while loading a file that is thrown away if the load fails.
        Execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; PRAGMA foreign_keys=OFF;");
        var indexes = DropIndexes();
        try
        {
            Begin();
            WriteAccountsAndTags(model);
            var studyTargets = WriteStudiesAndTrials(model, ct);
            WriteSources(model, studyTargets, ct);
            Commit();
        }
        finally
        {
            foreach (var table in _tables) table.Dispose();
            _transaction?.Dispose();
        }

        for (var i = 0; i < indexes.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            Report($"indexes {i + 1}/{indexes.Count} ({indexes[i].Name})", force: true);
            Execute(indexes[i].Sql);
        }
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check;";
            using var reader = check.ExecuteReader();
            if (reader.Read()) throw new InvalidOperationException($"synthetic corpus: broken reference in table {reader.GetString(0)}, row {reader.GetInt64(1)}");
        }
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Report("done", force: true);
    }

    // ---------------------------------------------------------------- accounts, tags

    private void WriteAccountsAndTags(IModel model)
    {
        var accounts = Table(model, "Accounts",
            ["Id", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "Role", "SecurityStamp", "FailedLoginCount", "IsDisabled", "CreatedAt", "LastLoginAt"],
            ["LockedOutUntil"]);
        var count = Math.Clamp(_size.Claims / 50_000, 3, 40);
        _editors = new string[count];
        for (var i = 0; i < count; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"editor{i + 1:D2}@example.org");
            _editors[i] = email;
            var created = _options.Now.AddDays(-1000 + i * 7);
            accounts.Insert(i + 1, email, Account.Normalize(email), $"{SyntheticText.Pick(_random, SyntheticText.Surnames)} {(char)('A' + i % 26)}.",
                _options.PasswordHash, i < 2 ? AccountRole.Admin : AccountRole.Editor, Guid.NewGuid().ToString("N"), 0, i == count - 1, created, created.AddDays(30 + _random.Next(900)));
            Row();
        }

        var tags = Table(model, "Tags", ["Id", "Name", "NormalizedName", "Kind", "Description", "CreatedAt", "Version"]);
        for (var i = 0; i < FreeTags.Length; i++)
        {
            tags.Insert(FirstFreeTagId + i, FreeTags[i], Tag.Normalize(FreeTags[i]), TagKind.Free, i % 3 == 0 ? $"Claims about {FreeTags[i]}." : null, _options.Now.AddDays(-900 + i * 11), 0);
            Row();
        }
        _tagCount = FreeTags.Length;
    }

    // ---------------------------------------------------------------- studies, trials

    /// <summary>The structured names of a generated "Family Initials, ..., et al." author string, as an import stores them.</summary>
    private static List<AuthorName> NamesOf(string authors) =>
    [
        .. authors.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part != "et al.")
            .Select(part => part.LastIndexOf(' ') is var space and > 0
                ? AuthorName.Person(part[..space], part[(space + 1)..])
                : AuthorName.Whole(part)),
    ];

    /// <summary>Study ids by popularity rank: a few studies are cited by many claims, most by few.</summary>
    private int[] WriteStudiesAndTrials(IModel model, CancellationToken ct)
    {
        var studies = Table(model, "Studies",
            ["Id", "LibraryId", "Kind", "RecordType", "Title", "ShortLabel", "Authors", "Journal", "Year", "Volume", "Issue", "Pages", "Doi", "Pmid", "Pmcid",
             "PhaseText", "Design", "Participants", "ParticipantsDetail", "CellType", "CellSource", "Route", "Dosing", "MainResults",
             "Unverified", "VerifiedFrom", "Provenance", "ImportedAt", "UpdatedAt", "Version",
             "CellSourceFacet", "RouteFacet", "EvidenceLevel", "PhaseFacet", "FacetsVersion", "Abstract", "AuthorsTruncated",
             "AuthorNames", "PublicationForm", "Publisher", "PublisherPlace"]);
        var studyTherapies = Table(model, "StudyTherapyTypes", ["StudiesId", "TherapyTypesId"]);
        var kindWeights = StudyKinds.Select(k => k.Weight).ToArray();
        for (var id = 1; id <= _size.Studies; id++)
        {
            ct.ThrowIfCancellationRequested();
            var (kind, _, recordType) = StudyKinds[Weighted(kindWeights)];
            var therapy = SyntheticText.Pick(_random, SyntheticText.Therapies);
            var condition = SyntheticText.Pick(_random, SyntheticText.Conditions);
            var year = 2026 - (int)(28 * Math.Pow(_random.NextDouble(), 1.8));
            var authors = SyntheticText.Authors(_random);
            var firstAuthor = authors.Split(' ')[0];
            var journal = kind is StudyKind.PressRelease or StudyKind.RegulatoryDecision ? null : SyntheticText.Pick(_random, SyntheticText.Journals);
            var isTrial = kind is StudyKind.TrialReport or StudyKind.TrialProtocol;
            var participants = kind is StudyKind.NarrativeReview or StudyKind.PressRelease ? (int?)null : 6 + (int)(400 * Math.Pow(_random.NextDouble(), 3));
            var firstPage = 1 + _random.Next(2000);
            var imported = TimeBefore(1100);
            var updated = _random.Next(5) == 0 ? imported.AddDays(_random.Next(1, 200)) : (DateTime?)null;
            var phaseText = isTrial ? SyntheticText.Pick(_random, Phases.Select(p => p.Text).ToArray()) : null;
            var design = SyntheticText.Pick(_random, Designs);
            var cellSource = SyntheticText.Pick(_random, CellSources);
            var route = SyntheticText.Pick(_random, Routes);
            var outcome = SyntheticText.Pick(_random, SyntheticText.Outcomes);
            studies.Insert(
                id, null, kind, recordType, SyntheticText.StudyTitle(_random, therapy, condition), $"{firstAuthor} {year}", authors, journal, year,
                journal is null ? null : (1 + _random.Next(60)).ToString(CultureInfo.InvariantCulture),
                journal is null ? null : (1 + _random.Next(12)).ToString(CultureInfo.InvariantCulture),
                journal is null ? null : string.Create(CultureInfo.InvariantCulture, $"{firstPage}-{firstPage + 3 + _random.Next(15)}"),
                Doi(id), _random.Next(10) < 8 ? Pmid(id) : null, _random.Next(3) == 0 ? string.Create(CultureInfo.InvariantCulture, $"PMC{1_000_000 + id}") : null,
                phaseText, design, participants,
                participants is null ? null : $"{participants} patients with {condition}",
                therapy, cellSource, route,
                _random.Next(2) == 0 ? $"{1 + _random.Next(4)} injections of {1 + _random.Next(100)} million cells" : null,
                kind is StudyKind.NarrativeReview ? null : $"{10 + _random.Next(80)}% of participants improved in {outcome}; {_random.Next(4)} serious adverse events.",
                _random.Next(8) == 0 ? new List<string> { "Participants" } : new List<string>(),
                _random.Next(3) == 0 ? new List<string> { "PubMed" } : new List<string>(),
                new List<string> { "generated" },
                imported, updated, updated is null ? 0 : 1 + _random.Next(3),
                FacetClassifier.CellSources(cellSource), FacetClassifier.Routes(route), FacetClassifier.EvidenceLevelOf(kind, design),
                FacetClassifier.StudyPhase(kind, phaseText), FacetClassifier.Version,
                kind is StudyKind.PressRelease or StudyKind.RegulatoryDecision ? null : SyntheticText.Abstract(_random, therapy, condition, design, participants, outcome),
                authors.EndsWith(", et al.", StringComparison.Ordinal),
                NamesOf(authors), journal is null ? (PublicationForm?)null : PublicationForm.JournalArticle, null, null);
            Row();
            foreach (var therapyId in TherapyTypesOfOne())
            {
                studyTherapies.Insert(id, therapyId);
                Row();
            }
            Report($"studies {id:N0}/{_size.Studies:N0}");
        }

        var trials = Table(model, "Trials",
            ["Id", "NctId", "Title", "Phase", "PhaseText", "Design", "Enrollment", "Status", "Sponsor", "Intervention", "Provenance", "Unverified", "ImportedAt", "UpdatedAt", "Version",
             "CellSourceFacet", "RouteFacet", "EvidenceLevel", "StatusFacet", "FacetsVersion", "Summary", "Conditions", "Interventions", "PrimaryOutcomes",
             "ResultsPosted"]);
        var trialTherapies = Table(model, "TrialTherapyTypes", ["TherapyTypesId", "TrialsId"]);
        var phaseWeights = Phases.Select(p => p.Weight).ToArray();
        for (var id = 1; id <= _size.Trials; id++)
        {
            ct.ThrowIfCancellationRequested();
            var (phase, _, phaseText) = Phases[Weighted(phaseWeights)];
            var therapy = SyntheticText.Pick(_random, SyntheticText.Therapies);
            var condition = SyntheticText.Pick(_random, SyntheticText.Conditions);
            var imported = TimeBefore(1100);
            var design = SyntheticText.Pick(_random, Designs);
            var status = SyntheticText.Pick(_random, TrialStatuses);
            var intervention = $"Biological: {therapy}";
            var trialOutcome = SyntheticText.Pick(_random, SyntheticText.Outcomes);
            trials.Insert(id, NctId(id), $"{SyntheticText.StudyTitle(_random, therapy, condition)} (registered trial)", phase, phaseText,
                design, 5 + (int)(300 * Math.Pow(_random.NextDouble(), 2.5)), status,
                SyntheticText.Pick(_random, Sponsors), intervention, new List<string> { "generated" }, new List<string>(), imported, null, 0,
                FacetClassifier.CellSources(intervention, unmatched: CellSourceFacets.NotStated), FacetClassifier.Routes(intervention, unmatched: RouteFacets.NotStated),
                FacetClassifier.TrialDesign(design), FacetClassifier.TrialStatus(status), FacetClassifier.Version,
                $"This {design.ToLowerInvariant()} trial tests whether {therapy} is safe and improves {trialOutcome} in people with {condition}.",
                new List<string> { condition }, new List<string> { therapy }, new List<string> { $"Change in {trialOutcome}" },
                // Results are posted for some finished trials (ClinicalTrials.gov's hasResults), never for running ones.
                FacetClassifier.TrialStatus(status) is TrialStatusFacet.Completed or TrialStatusFacet.Terminated && _random.Next(5) < 2);
            Row();
            foreach (var therapyId in TherapyTypesOfOne())
            {
                trialTherapies.Insert(therapyId, id);
                Row();
            }
            Report($"trials {id:N0}/{_size.Trials:N0}");
        }

        // About a third of the studies report a registered trial.
        var studyTrials = Table(model, "StudyTrials", ["StudiesId", "TrialsId"]);
        for (var id = 1; id <= _size.Studies; id++)
        {
            if (_random.Next(3) != 0) continue;
            studyTrials.Insert(id, 1 + _random.Next(_size.Trials));
            Row();
        }
        return Permutation(_size.Studies);
    }

    /// <summary>One therapy type, sometimes two, skewed like the marketing is.</summary>
    private IEnumerable<int> TherapyTypesOfOne()
    {
        var first = Weighted(TherapyWeights) + 1;
        yield return first;
        if (_random.Next(7) == 0)
        {
            var second = Weighted(TherapyWeights) + 1;
            if (second != first) yield return second;
        }
    }

    // ---------------------------------------------------------------- sources, claims, links

    private void WriteSources(IModel model, int[] studiesByPopularity, CancellationToken ct)
    {
        var sources = Table(model, "Sources",
            ["Id", "Title", "TitleOrigin", "Publisher", "Url", "OriginalText", "CleanedText", "ContentHash", "FileName", "PartIndex", "ImportedAt", "UpdatedAt", "Version", "ClassificationVersion", "ClassificationCorrected"]);
        var sourceKinds = Table(model, "SourceTherapyKinds", ["SourceId", "Slug"]);
        var sourceConditions = Table(model, "SourceConditions", ["SourceId", "Slug"]);
        var references = Table(model, "SourceReferences", ["Id", "SourceId", "Ordinal", "Label", "Text", "Url", "Pmid", "Doi", "NctId", "StudyId", "TrialId"]);
        var claims = Table(model, "Claims",
            ["Id", "SourceId", "Quote", "Start", "End", "Prefix", "Suffix", "Status", "IsOrphaned", "CreatedBy", "DetectionSignals", "CreatedAt", "UpdatedAt", "Version", "Confidence"]);
        var claimTags = Table(model, "ClaimTags", ["ClaimsId", "TagsId"]);
        var links = Table(model, "EvidenceLinks",
            ["Id", "ClaimId", "StudyId", "TrialId", "Relation", "Assessment", "Note", "CreatedBy", "CreatedAt", "UpdatedAt", "Version"]);
        var history = Table(model, "ChangeRecords", ["Id", "At", "Actor", "EntityType", "EntityId", "Action", "ClaimId", "Changes"]);

        var claimCounts = ClaimsPerSource();
        var claimId = 0;
        var referenceId = 0;
        var linkId = 0;
        long historyId = 0;
        long claimsLeft = _size.Claims;
        long linksLeft = _size.EvidenceLinks;
        var assessmentWeights = Assessments.Select(a => a.Weight).ToArray();
        var referenced = new List<(int? StudyId, int? TrialId)>();

        for (var sourceId = 1; sourceId <= _size.Sources; sourceId++)
        {
            ct.ThrowIfCancellationRequested();
            var article = SyntheticText.Article(_random, claimCounts[sourceId - 1], sourceId);
            var imported = TimeBefore(1050);

            // The article's own reference list: resolved to studies and trials, printed at the end of the original text.
            referenced.Clear();
            var referenceTexts = new List<string>();
            var referenceCount = _random.Next(6);
            for (var ordinal = 1; ordinal <= referenceCount; ordinal++)
            {
                int? studyId = null, trialId = null;
                string text;
                string? doi = null, pmid = null, nct = null;
                if (_random.Next(4) == 0)
                {
                    trialId = 1 + _random.Next(_size.Trials);
                    nct = NctId(trialId.Value);
                    text = $"ClinicalTrials.gov {nct}. https://clinicaltrials.gov/study/{nct}";
                }
                else
                {
                    studyId = studiesByPopularity[PopularIndex(studiesByPopularity.Length)];
                    doi = Doi(studyId.Value);
                    pmid = _random.Next(2) == 0 ? Pmid(studyId.Value) : null;
                    text = $"{SyntheticText.Pick(_random, SyntheticText.Surnames)} et al. {SyntheticText.Pick(_random, SyntheticText.Journals)}. doi:{doi}{(pmid is null ? "" : $" PMID: {pmid}")}";
                }
                referenced.Add((studyId, trialId));
                referenceTexts.Add(text);
                references.Insert(++referenceId, sourceId, ordinal, ordinal.ToString(CultureInfo.InvariantCulture), text, null, pmid, doi, nct, studyId, trialId);
                Row();
            }
            var original = SyntheticText.AsFile(article, referenceTexts);
            // Cleaned text is what the parser keeps of a scrape: the title lines and the reference list go.
            var cleaned = article.Body;
            sources.Insert(sourceId, article.Title, TitleOrigin.Printed, article.Publisher,
                _random.Next(3) == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"https://clinic{sourceId % 997}.example.com/articles/{sourceId}"),
                original, cleaned, Sha256(original), string.Create(CultureInfo.InvariantCulture, $"synthetic-{sourceId:D6}.txt"), 0, imported, null, 0,
                SourceClassifier.Version, false);
            Row();
            // Classified as the importer would, so start-up has nothing to back-fill.
            var classification = SourceClassifier.Classify(article.Title, cleaned);
            foreach (var kind in classification.TherapyKinds) sourceKinds.Insert(sourceId, kind);
            foreach (var condition in classification.Conditions) sourceConditions.Insert(sourceId, condition);

            foreach (var (start, end, signals) in article.Claims)
            {
                claimId++;
                var byEditor = _random.Next(20) == 0;
                var statusRoll = _random.Next(10);
                var status = statusRoll < 6 ? ClaimStatus.Candidate : statusRoll < 9 ? ClaimStatus.Confirmed : ClaimStatus.Rejected;
                var reviewed = status != ClaimStatus.Candidate ? imported.AddDays(_random.Next(1, 120)).AddMinutes(_random.Next(1440)) : imported;
                var editor = SyntheticText.Pick(_random, _editors);
                claims.Insert(claimId, sourceId, cleaned[start..end], start, end,
                    cleaned[Math.Max(0, start - Claim.ContextLength)..start], cleaned[end..Math.Min(cleaned.Length, end + Claim.ContextLength)],
                    status, false, byEditor ? editor : Detector, byEditor ? new List<string>() : signals.ToList(), imported, reviewed, status == ClaimStatus.Candidate ? 0 : 1,
                    // The detector's probability; editors' own claims have none.
                    byEditor ? null : (double?)Math.Round(0.02 + 0.98 * Math.Sqrt(_random.NextDouble()), 3));
                Row();
                if (status != ClaimStatus.Candidate)
                {
                    history.Insert(++historyId, reviewed, editor, nameof(Claim), claimId, "updated", claimId,
                        Changes(("Status", nameof(ClaimStatus.Candidate), status.ToString())));
                    Row();
                }

                if (_random.Next(10) < 3)
                {
                    var firstTag = TagId();
                    claimTags.Insert(claimId, firstTag);
                    Row();
                    var secondTag = TagId();
                    if (_random.Next(3) == 0 && secondTag != firstTag)
                    {
                        claimTags.Insert(claimId, secondTag);
                        Row();
                    }
                }

                // Links: spread so the total lands on the requested count, most claims with none or one, some with two.
                var expected = (double)linksLeft / claimsLeft;
                var roll = _random.NextDouble();
                var linkCount = roll < expected * 0.85 ? 1 : roll < expected * 0.925 ? 2 : 0;
                if (claimsLeft == 1) linkCount = (int)Math.Min(linksLeft, 2);
                linkCount = (int)Math.Min(linkCount, linksLeft);
                claimsLeft--;
                for (var l = 0; l < linkCount; l++)
                {
                    var relationRoll = _random.Next(100);
                    var relation = relationRoll < 55 ? EvidenceRelation.CitesExplicitly : relationRoll < 90 ? EvidenceRelation.AlludesTo : EvidenceRelation.NoCitationGiven;
                    int? studyId = null, trialId = null;
                    if (relation != EvidenceRelation.NoCitationGiven)
                    {
                        if (referenced.Count > 0 && _random.Next(2) == 0) (studyId, trialId) = referenced[_random.Next(referenced.Count)];
                        else if (_random.Next(10) < 7) studyId = studiesByPopularity[PopularIndex(studiesByPopularity.Length)];
                        else trialId = 1 + _random.Next(_size.Trials);
                    }
                    var assessment = Assessments[Weighted(assessmentWeights)].Assessment;
                    var note = assessment is not null && _random.Next(3) == 0
                        ? string.Format(CultureInfo.InvariantCulture, SyntheticText.Pick(_random, Notes), 5 + _random.Next(60))
                        : null;
                    var linker = SyntheticText.Pick(_random, _editors);
                    var created = reviewed.AddMinutes(_random.Next(1, 600));
                    var edited = assessment is not null && _random.Next(4) == 0;
                    var updated = edited ? created.AddDays(_random.Next(1, 60)) : created;
                    links.Insert(++linkId, claimId, studyId, trialId, relation, assessment, note, linker, created, updated, edited ? 1 : 0);
                    Row();
                    history.Insert(++historyId, created, linker, nameof(EvidenceLink), linkId, "created", claimId,
                        Changes(("ClaimId", null, claimId.ToString(CultureInfo.InvariantCulture)), ("StudyId", null, studyId?.ToString(CultureInfo.InvariantCulture)),
                            ("TrialId", null, trialId?.ToString(CultureInfo.InvariantCulture)), ("Relation", null, relation.ToString()),
                            ("Assessment", null, (edited ? null : assessment)?.ToString()), ("CreatedBy", null, linker)));
                    Row();
                    if (edited)
                    {
                        history.Insert(++historyId, updated, linker, nameof(EvidenceLink), linkId, "updated", claimId,
                            Changes(("Assessment", null, assessment!.Value.ToString()), ("Note", null, note)));
                        Row();
                    }
                    linksLeft--;
                }
            }
            Report($"sources {sourceId:N0}/{_size.Sources:N0}, claims {claimId:N0}/{_size.Claims:N0}, evidence links {linkId:N0}/{_size.EvidenceLinks:N0}");
        }
    }

    /// <summary>Claims per source: at least one each, log-normally skewed (many short pages, a few long ones), summing to the requested total.</summary>
    private int[] ClaimsPerSource()
    {
        var weights = new double[_size.Sources];
        double total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var gaussian = Math.Clamp(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), -3, 3);
            weights[i] = Math.Exp(0.8 * gaussian);
            total += weights[i];
        }
        var spare = _size.Claims - _size.Sources;
        var counts = new int[_size.Sources];
        long given = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = 1 + (int)(spare * weights[i] / total);
            given += counts[i];
        }
        for (var left = _size.Claims - given; left > 0; left--) counts[_random.Next(counts.Length)]++;
        return counts;
    }

    private int TagId()
    {
        // Most tags are the seven categories; free tags are the long tail.
        if (_random.Next(10) < 7) return 1 + _random.Next(Tag.InitialCategories.Count);
        return FirstFreeTagId + _random.Next(_tagCount);
    }

    // ---------------------------------------------------------------- identifiers

    /// <summary>"10.5xxx/kb.2019.000123": unique per study.</summary>
    internal static string Doi(int studyId) => string.Create(CultureInfo.InvariantCulture, $"10.{5000 + studyId % 4000}/kbsyn.{studyId:D7}");

    /// <summary>8-digit PMIDs, unique per study (a bijection of the id, so they do not run in order).</summary>
    internal static string Pmid(int studyId) => (10_000_000 + (long)studyId * 7_919 % 29_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>"NCT0" plus 7 digits, unique per trial.</summary>
    internal static string NctId(int trialId) => string.Create(CultureInfo.InvariantCulture, $"NCT0{1_000_000 + (long)trialId * 104_729 % 8_999_999:D7}");

    // ---------------------------------------------------------------- helpers

    private int[] Permutation(int count)
    {
        var ids = Enumerable.Range(1, count).ToArray();
        _random.Shuffle(ids);
        return ids;
    }

    /// <summary>An index skewed towards the start: rank 0 is the most cited.</summary>
    private int PopularIndex(int count) => Math.Min(count - 1, (int)(count * Math.Pow(_random.NextDouble(), 3)));

    private int Weighted(int[] weights)
    {
        var roll = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Length - 1;
    }

    private DateTime TimeBefore(int days) => _options.Now.AddDays(-_random.Next(1, days)).AddSeconds(-_random.Next(86_400));

    private static string Changes(params ReadOnlySpan<(string Field, string? Before, string? After)> changes)
    {
        var list = new List<FieldChange>(changes.Length);
        foreach (var (field, before, after) in changes)
        {
            if (before != after) list.Add(new FieldChange(field, before, after));
        }
        return JsonSerializer.Serialize(list);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private BulkTable Table(IModel model, string name, IReadOnlyList<string> written, IReadOnlyList<string>? leftNull = null)
    {
        var table = new BulkTable(_connection, model, name, written, leftNull) { Transaction = _transaction };
        _tables.Add(table);
        return table;
    }

    private void Row()
    {
        if (++_rowsInBatch < _options.BatchSize) return;
        Commit();
        Begin();
    }

    private void Begin()
    {
        _transaction = _connection.BeginTransaction();
        foreach (var table in _tables) table.Transaction = _transaction;
        _rowsInBatch = 0;
    }

    private void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    private void Report(string what, bool force = false)
    {
        var now = _clock.ElapsedMilliseconds;
        if (!force && now - _lastReport < 1000) return;
        _lastReport = now;
        _progress(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1} s] {what}"));
    }

    private List<(string Name, string Sql)> DropIndexes()
    {
        var indexes = new List<(string, string)>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", LoadedTables.Select(t => $"'{t}'"))})";
            using var reader = command.ExecuteReader();
            while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) Execute($"DROP INDEX \"{name}\"");
        return indexes;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Fixed PRAGMAs and index definitions read from the file's own schema.")]
    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }
}

/// <summary>Article files in the seeds' plain-text form, for the import benchmark.</summary>
public static class SyntheticArticleFiles
{
    /// <summary>Writes <paramref name="count"/> files "article-000001.txt"... into <paramref name="folder"/> (created if missing); returns their total size in bytes.</summary>
    public static long Write(string folder, int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        long bytes = 0;
        for (var i = 1; i <= count; i++)
        {
            // 3-20 claim sentences an article, most near ten, as in the corpus.
            var article = SyntheticText.Article(random, 3 + random.Next(9) + random.Next(9), i);
            var references = Enumerable.Range(0, random.Next(6)).Select(_ =>
            {
                var study = 1 + random.Next(1_000_000);
                return random.Next(4) == 0
                    ? $"ClinicalTrials.gov {CorpusGenerator.NctId(study)}."
                    : $"{SyntheticText.Pick(random, SyntheticText.Surnames)} et al. {SyntheticText.Pick(random, SyntheticText.Journals)}. doi:{CorpusGenerator.Doi(study)} PMID: {CorpusGenerator.Pmid(study)}";
            });
            var text = SyntheticText.AsFile(article, references);
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"article-{i:D6}.txt"));
            File.WriteAllText(path, text);
            bytes += new FileInfo(path).Length;
        }
        return bytes;
    }
}

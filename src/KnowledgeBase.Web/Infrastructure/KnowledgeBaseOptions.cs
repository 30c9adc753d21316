namespace KnowledgeBase.Web.Infrastructure;

/// <summary>The "KnowledgeBase" configuration section.</summary>
public sealed class KnowledgeBaseOptions
{
    public const string Section = "KnowledgeBase";

    /// <summary>Folder for the SQLite file and logs, relative to the working directory. Git-ignored.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Folder with the seed articles and reference library; empty means "find seeds/ above the app".</summary>
    public string SeedsPath { get; set; } = "";

    /// <summary>Import the seeds when the database holds no sources yet.</summary>
    public bool ImportSeedsOnFirstRun { get; set; } = true;

    /// <summary>
    /// The address readers reach the app at (for example https://kb.example.org), written into exported files that
    /// link back to it (ClaimReview). Empty: the address the server listens on. A request's Host header is never used.
    /// </summary>
    public string PublicAddress { get; set; } = "";

    /// <summary>Embed the studies and trials that have no embedding yet in the background at start-up.</summary>
    public bool FillEmbeddingsOnStart { get; set; } = true;

    /// <summary>
    /// Build the evidence ranking's library (and load the embedding model when records have embeddings) in the
    /// background at start-up, so that the first claim page does not wait for it; /health says "Degraded" until then.
    /// </summary>
    public bool WarmEvidenceOnStart { get; set; } = true;

    /// <summary>
    /// Which weights of the embedding model run: Quantised (int8, built once from the package's float model and kept
    /// in <see cref="ModelFolder"/>; the default) or Original (the package's float model, about 150 MB more memory).
    /// Changing it re-embeds every record (the model's name is stored with each embedding).
    /// </summary>
    public KnowledgeBase.Retrieval.ArcticXsWeights EmbeddingWeights { get; set; } = KnowledgeBase.Retrieval.ArcticXsWeights.Quantised;

    /// <summary>Where the int8 embedding model file is kept, relative to the app's folder; empty: "models" under <see cref="DataFolder"/>.</summary>
    public string ModelFolder { get; set; } = "";

    /// <summary>
    /// From how many studies and trials the evidence ranking keeps its int8 vectors in a file under <see cref="DataFolder"/>
    /// ("vectors") and only their signs in memory (decision 0040): 27 MB less at 70,000 records.
    /// </summary>
    public int VectorsInFileFrom { get; set; } = KnowledgeBase.Retrieval.VectorFileOptions.DefaultFromRecords;

    /// <summary>Sign-in attempts allowed per client address and minute: enough for typos, too few for guessing.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Requests to /evidence/suggest allowed per client address and minute; 0 (the default) means no limit,
    /// as for search. Set it when the app is public and ranking load from one address must be capped.
    /// </summary>
    public int SuggestRequestsPerMinute { get; set; }
}

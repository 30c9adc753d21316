namespace KnowledgeBase.Domain;

/// <summary>An article that makes claims, as imported from a file.</summary>
public sealed class Source : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public TitleOrigin TitleOrigin { get; set; }
    public string? Publisher { get; set; }
    public string? Url { get; set; }

    /// <summary>The article's text exactly as it stood in the imported file.</summary>
    public required string OriginalText { get; set; }

    /// <summary>The article with web boilerplate and its reference list removed; claims are offsets into this.</summary>
    public required string CleanedText { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="OriginalText"/>: re-importing the same text changes nothing.</summary>
    public required string ContentHash { get; set; }

    public required string FileName { get; set; }

    /// <summary>Position of the article within its file (a file may hold several articles), from 0.</summary>
    public int PartIndex { get; set; }

    public DateTime ImportedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<Claim> Claims { get; set; } = [];
    public List<SourceReference> References { get; set; } = [];

    /// <summary>The kinds of therapy the article is about (slugs of <see cref="SourceTaxonomy.TherapyKinds"/>).</summary>
    public List<SourceTherapyKind> TherapyKinds { get; set; } = [];

    /// <summary>The conditions the article is about (slugs of <see cref="SourceTaxonomy.Conditions"/>).</summary>
    public List<SourceCondition> Conditions { get; set; } = [];

    /// <summary>The classifier rules' version that derived the classification; 0 until derived (decision 0017).</summary>
    public int ClassificationVersion { get; set; }

    /// <summary>An editor set the classification: re-derivation (start-up, re-import) leaves it alone.</summary>
    public bool ClassificationCorrected { get; set; }

    /// <summary>Replaces the classification with <paramref name="therapyKinds"/> and <paramref name="conditions"/>.</summary>
    public void Classify(IEnumerable<string> therapyKinds, IEnumerable<string> conditions, int version)
    {
        ArgumentNullException.ThrowIfNull(therapyKinds);
        ArgumentNullException.ThrowIfNull(conditions);
        // Rows that stay are kept (not deleted and re-added: the change tracker would see two rows with one key).
        var kinds = therapyKinds.Distinct(StringComparer.Ordinal).ToList();
        TherapyKinds.RemoveAll(k => !kinds.Contains(k.Slug));
        TherapyKinds.AddRange(kinds.Where(slug => !TherapyKinds.Exists(k => k.Slug == slug)).Select(slug => new SourceTherapyKind { SourceId = Id, Slug = slug }));
        var conditionSlugs = conditions.Distinct(StringComparer.Ordinal).ToList();
        Conditions.RemoveAll(c => !conditionSlugs.Contains(c.Slug));
        Conditions.AddRange(conditionSlugs.Where(slug => !Conditions.Exists(c => c.Slug == slug)).Select(slug => new SourceCondition { SourceId = Id, Slug = slug }));
        ClassificationVersion = version;
    }
}

/// <summary>A therapy kind a source is classified under (many-to-many with the vocabulary, by slug).</summary>
public sealed class SourceTherapyKind
{
    public int SourceId { get; set; }
    public Source? Source { get; set; }
    public required string Slug { get; set; }
}

/// <summary>A condition a source is classified under (many-to-many with the vocabulary, by slug).</summary>
public sealed class SourceCondition
{
    public int SourceId { get; set; }
    public Source? Source { get; set; }
    public required string Slug { get; set; }
}

/// <summary>A reference the article gives itself (a footnote, a "Source: ... Retrieved from" line).</summary>
public sealed class SourceReference
{
    public int Id { get; set; }
    public int SourceId { get; set; }
    public Source? Source { get; set; }

    /// <summary>Order within the article, from 1.</summary>
    public int Ordinal { get; set; }

    /// <summary>The marker the article uses, such as "[1]" or "Source".</summary>
    public required string Label { get; set; }
    public required string Text { get; set; }
    public string? Url { get; set; }
    public string? Pmid { get; set; }
    public string? Doi { get; set; }
    public string? NctId { get; set; }

    /// <summary>The library study the reference resolves to, when one of its identifiers matches.</summary>
    public int? StudyId { get; set; }
    public Study? Study { get; set; }
    public int? TrialId { get; set; }
    public Trial? Trial { get; set; }
}

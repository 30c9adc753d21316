namespace KnowledgeBase.Interchange.Writing;

/// <summary>What a record is, as far as the citation formats care; every writer maps it to its own type.</summary>
internal enum RecordShape
{
    /// <summary>An article in a journal (it has a journal name).</summary>
    JournalArticle,

    /// <summary>A registry entry: a registered trial, or a publication record that stands for one.</summary>
    TrialRegistration,

    PressRelease,

    /// <summary>A regulator's document or meeting record (FDA advisory committee, EMA assessment...).</summary>
    RegulatoryDocument,

    /// <summary>Known only by its address.</summary>
    Webpage,

    /// <summary>Anything else: no journal, no address.</summary>
    Generic,
}

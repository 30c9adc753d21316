namespace KnowledgeBase.Web.Features.Shared;

/// <summary>A therapy type shown as a badge or a filter.</summary>
public sealed record TherapyTag(string Slug, string Name);

/// <summary>One choice of a list filter: its URL value (null for "all"), label, how many rows it gives, whether it is the current one.</summary>
public sealed record FilterOption(string? Value, string Label, int Count, bool Selected);

/// <summary>A list of filter links (a facet); <see cref="Href"/> builds the URL for an option's value, keeping the other filters.</summary>
public sealed record FilterLinksModel(string Id, string Title, string Noun, IReadOnlyList<FilterOption> Options, Func<string?, string?> Href);

/// <summary>An identifier ("PMID 26751635") with its public page, when it is well formed; <see cref="Unverified"/> flags it.</summary>
public sealed record IdentifierLink(string Scheme, string Value, string? Href, bool Unverified = false);

/// <summary>One labelled fact of a record; <see cref="Unverified"/> puts a badge beside it.</summary>
public sealed record FieldRow(string Label, string? Value, bool Unverified = false);

/// <summary>A table of facts under a caption.</summary>
public sealed record FieldTable(string Caption, IReadOnlyList<FieldRow> Rows);

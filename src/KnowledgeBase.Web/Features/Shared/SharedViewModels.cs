namespace KnowledgeBase.Web.Features.Shared;

/// <summary>A therapy type shown as a badge or a filter.</summary>
public sealed record TherapyTag(string Slug, string Name);

/// <summary>One choice of a list filter: its URL value (null for "all"), label, how many rows it gives, whether it is the current one.</summary>
public sealed record FilterOption(string? Value, string Label, int Count, bool Selected);

/// <summary>A list of filter links (a facet); <see cref="Href"/> builds the URL for an option's value, keeping the other filters.</summary>
public sealed record FilterLinksModel(string Id, string Title, string Noun, IReadOnlyList<FilterOption> Options, Func<string?, string?> Href);

using System.Globalization;
using KnowledgeBase.Domain;
using Microsoft.AspNetCore.Http;

namespace KnowledgeBase.Web.Features.Admin;

/// <summary>One <see cref="ChangeRecord"/> as shown in a history list.</summary>
public sealed record HistoryRow(long Id, DateTime At, string Actor, string EntityType, int EntityId, string Action, int? ClaimId, IReadOnlyList<FieldChange> Changes)
{
    /// <summary>"Claim 12", "Evidence link 4 (claim 12)".</summary>
    public string EntityLabel =>
        HistoryEntityTypes.Label(EntityType) + " " + EntityId.ToString(CultureInfo.InvariantCulture)
        + (EntityType == nameof(EvidenceLink) && ClaimId is { } claim ? " (claim " + claim.ToString(CultureInfo.InvariantCulture) + ")" : "");

    /// <summary>The record's page, or null when there is none (it was deleted, or it has no page).</summary>
    public string? Href => (EntityType, Action) switch
    {
        (nameof(EvidenceLink), _) when ClaimId is { } claim => "/claims/" + claim.ToString(CultureInfo.InvariantCulture),
        (_, "deleted") => null,
        (nameof(Claim), _) => "/claims/" + EntityKey,
        (nameof(Source), _) => "/sources/" + EntityKey,
        (nameof(Study), _) => "/studies/" + EntityKey,
        (nameof(Trial), _) => "/trials/" + EntityKey,
        (nameof(Tag), _) => "/admin/tags/" + EntityKey,
        _ => null,
    };

    private string EntityKey => EntityId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The record types the history covers, with their URL slug and label.</summary>
public static class HistoryEntityTypes
{
    public static IReadOnlyList<(string Type, string Slug, string Label)> All { get; } =
    [
        (nameof(Claim), "claim", "Claim"),
        (nameof(EvidenceLink), "evidence-link", "Evidence link"),
        (nameof(Tag), "tag", "Tag"),
        (nameof(Source), "source", "Source"),
        (nameof(Study), "study", "Study"),
        (nameof(Trial), "trial", "Trial"),
    ];

    public static string Label(string type) => All.FirstOrDefault(t => t.Type == type).Label ?? type;

    public static string? FromSlug(string? slug) =>
        All.FirstOrDefault(t => string.Equals(t.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase)).Type;
}

public sealed record HistoryViewModel(
    IReadOnlyList<HistoryRow> Rows,
    IReadOnlyList<string> Actors,
    string? SelectedActor,
    string? SelectedTypeSlug,
    int Page,
    int PageCount,
    int Total)
{
    public string PageHref(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (SelectedActor is not null) query.Add(new("actor", SelectedActor));
        if (SelectedTypeSlug is not null) query.Add(new("type", SelectedTypeSlug));
        if (page > 1) query.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return "/admin/history" + QueryString.Create(query).ToUriComponent();
    }
}

/// <summary>A claim's history block on its page.</summary>
public sealed record ClaimHistoryViewModel(int ClaimId, IReadOnlyList<HistoryRow> Rows, int Total, bool ShowActors);

using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Tags;

namespace KnowledgeBase.Web.Features.Admin;

public sealed record TagAdminRow(int Id, string Name, TagKind Kind, string? Description, int ClaimCount, DateTime CreatedAt, int Version);

public sealed record TagListViewModel(IReadOnlyList<TagAdminRow> Tags, CreateCategoryForm Form, string? Status);

public sealed record TagDetailsViewModel(TagAdminRow Tag, EditTagForm Form, IReadOnlyList<TagBadge> MergeTargets, string? Status, string? Error);

public sealed record CreateCategoryForm
{
    [Display(Name = "Name")]
    public string? Name { get; init; }

    [StringLength(500, ErrorMessage = "A description can have at most 500 characters.")]
    [Display(Name = "Description")]
    public string? Description { get; init; }
}

/// <summary>Renames a tag, changes its kind and description; <see cref="Version"/> is the version the admin saw.</summary>
public sealed record EditTagForm
{
    [Display(Name = "Name")]
    public string? Name { get; init; }

    public TagKind Kind { get; init; }

    [StringLength(500, ErrorMessage = "A description can have at most 500 characters.")]
    [Display(Name = "Description")]
    public string? Description { get; init; }

    public int Version { get; init; }
}

public sealed record MergeTagForm
{
    [Required(ErrorMessage = "Choose the tag to merge into.")]
    public int? IntoTagId { get; init; }
}

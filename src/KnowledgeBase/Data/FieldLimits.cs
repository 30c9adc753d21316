using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KnowledgeBase.Data;

/// <summary>
/// The model's column lengths, checked before a write. PostgreSQL refuses an over-long value with an error
/// that names no line; SQLite would store it. Importers check their entities here first, so both providers
/// reject the same input with the importer's own message, naming the line.
/// </summary>
public static class FieldLimits
{
    /// <summary>The first text property of <paramref name="entity"/> longer than its column allows, or null.</summary>
    public static FieldLimitViolation? FirstViolation(IModel model, object entity) => Violations(model, entity).FirstOrDefault();

    /// <summary>Every text property of <paramref name="entity"/> longer than its column allows.</summary>
    public static IEnumerable<FieldLimitViolation> Violations(IModel model, object entity)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(entity);
        return ViolationsOf(model, entity);
    }

    private static IEnumerable<FieldLimitViolation> ViolationsOf(IModel model, object entity)
    {
        var entityType = model.FindEntityType(entity.GetType())
            ?? throw new ArgumentException($"{entity.GetType().Name} is not part of the model.", nameof(entity));
        var limited = Limited.GetValue(entityType, t => [.. t.GetProperties()
            .Where(p => p.GetMaxLength() is not null && p.PropertyInfo is not null)
            .Select(p => (p.Name, p.GetMaxLength()!.Value, p.GetGetter()))]);
        foreach (var (name, max, getter) in limited)
        {
            if (getter.GetClrValue(entity) is string value && value.Length > max)
                yield return new FieldLimitViolation(entityType.ClrType.Name, name, value, max);
        }
    }

    /// <summary>Each entity type's properties with a length limit (importers check every entity they build).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, (string Name, int MaxLength, IClrPropertyGetter Getter)[]> Limited = [];
}

/// <summary>A text value longer than its column: which entity and property, the value, the limit.</summary>
public sealed record FieldLimitViolation(string Entity, string Property, string Value, int MaxLength)
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Doi"] = "DOI", ["Pmid"] = "PMID", ["Pmcid"] = "PMCID", ["NctId"] = "NCT id", ["Url"] = "address",
    };

    /// <summary>"the reference's address is 2,345 characters long; at most 2,000 are allowed".</summary>
    public string Describe(string owner) => string.Create(CultureInfo.InvariantCulture,
        $"{owner}'s {PropertyWords} is {Value.Length:N0} characters long; at most {MaxLength:N0} are allowed");

    /// <summary>The property in words: "ShortLabel" is "short label", "Doi" is "DOI".</summary>
    public string PropertyWords => Words.TryGetValue(Property, out var word) ? word
        : string.Concat(Property.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

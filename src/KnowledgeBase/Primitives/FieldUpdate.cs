namespace KnowledgeBase.Primitives;

/// <summary>Applies imported values to a record field by field and remembers what it changed.</summary>
internal sealed class FieldUpdate
{
    public List<string> Changes { get; } = [];

    /// <summary>Every field this update was asked about, changed or not: what a mapping maps.</summary>
    public HashSet<string> Fields { get; } = new(StringComparer.Ordinal);

    public bool Changed => Changes.Count > 0;

    /// <summary>
    /// Overwrites the field when the imported value differs (the import is the source of truth for
    /// what it states). An empty imported value means "not stated" and never erases a stored one,
    /// which may have come from another import or an editor.
    /// </summary>
    public void Set<T>(string field, T current, T value, Action<T> assign)
    {
        Fields.Add(field);
        if (IsEmpty(value) || EqualityComparer<T>.Default.Equals(current, value)) return;
        assign(value);
        Changes.Add($"{field}: {Show(current)} → {Show(value)}");
    }

    /// <summary>Sets the field only when it is empty: curated values are never overwritten.</summary>
    public void FillGap<T>(string field, T current, T value, Action<T> assign)
    {
        Fields.Add(field);
        if (IsEmpty(value) || !IsEmpty(current)) return;
        assign(value);
        Changes.Add($"{field}: (empty) → {Show(value)}");
    }

    /// <summary>Fills a list only when it is empty, like <see cref="FillGap"/>: a list someone already holds is kept whole.</summary>
    public void FillEmptyList(string field, List<string> current, IReadOnlyList<string> value)
    {
        Fields.Add(field);
        if (current.Count > 0 || value.Count == 0) return;
        current.AddRange(value);
        Changes.Add($"{field}: (empty) → {string.Join("; ", value)}");
    }

    /// <summary>Adds the imported lines a list lacks, keeping the lines other sources added.</summary>
    public void AddMissing(string field, List<string> current, IReadOnlyList<string> value)
    {
        Fields.Add(field);
        var missing = value.Where(v => !current.Contains(v)).ToList();
        if (missing.Count == 0) return;
        current.AddRange(missing);
        Changes.Add($"{field}: added {missing.Count}");
    }

    /// <summary>Replaces a list when its items differ.</summary>
    public void SetList(string field, List<string> current, IReadOnlyList<string> value, Action<List<string>> assign)
    {
        Fields.Add(field);
        if (current.SequenceEqual(value)) return;
        assign([.. value]);
        Changes.Add($"{field} changed");
    }

    /// <summary>Replaces a list of items when they differ by <paramref name="key"/>, in order.</summary>
    public void SetItems<T, TKey>(string field, IReadOnlyList<T> current, IReadOnlyList<T> value, Func<T, TKey> key, Action<List<T>> assign)
    {
        Fields.Add(field);
        if (current.Select(key).SequenceEqual(value.Select(key))) return;
        assign([.. value]);
        Changes.Add($"{field} changed");
    }

    private static bool IsEmpty<T>(T value) => value is null || (value is string text && string.IsNullOrWhiteSpace(text));

    /// <summary>Longer values (an abstract, a registry summary) are shown by their start and length in the list of changes.</summary>
    private const int ShownLength = 120;

    private static string Show<T>(T value)
    {
        if (IsEmpty(value)) return "(empty)";
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
        if (text.Length <= ShownLength) return text;
        var start = string.Join(' ', text[..ShownLength].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"“{start}…” ({text.Length:N0} characters)");
    }
}

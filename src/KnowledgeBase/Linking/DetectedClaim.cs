namespace KnowledgeBase.Linking;

/// <summary>A candidate claim found in an article's cleaned text, for an editor to accept or reject.</summary>
/// <param name="Start">Offset of the first character in the cleaned text.</param>
/// <param name="End">Offset just past the last character (exclusive).</param>
/// <param name="Quote">The claim exactly as printed: <c>cleanedText[Start..End]</c>.</param>
/// <param name="Signals">Short human-readable reasons it was flagged ("percentage", "benefit wording", "safety"...), strongest first.</param>
/// <param name="Confidence">The detector's probability (0..1) that the sentence is a claim; null from the rule-only detector.</param>
public sealed record DetectedClaim(int Start, int End, string Quote, IReadOnlyList<string> Signals, double? Confidence = null);

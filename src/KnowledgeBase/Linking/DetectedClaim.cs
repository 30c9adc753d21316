namespace KnowledgeBase.Linking;

/// <summary>A candidate claim found in an article's cleaned text, for an editor to accept or reject.</summary>
/// <param name="Start">Offset of the first character in the cleaned text.</param>
/// <param name="End">Offset just past the last character (exclusive).</param>
/// <param name="Quote">The claim exactly as printed: <c>cleanedText[Start..End]</c>.</param>
/// <param name="Signals">Short human-readable reasons it was flagged ("percentage", "trial phase", "safety"...), strongest first.</param>
public sealed record DetectedClaim(int Start, int End, string Quote, IReadOnlyList<string> Signals);

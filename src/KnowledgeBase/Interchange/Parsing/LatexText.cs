using System.Text;

namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// Converts the LaTeX found in BibTeX values to plain Unicode: accents ({\'e}, \"{o}, \c{c}, \k{a}), special letters
/// ({\l}, {\ss}, \o), escapes (\&amp;, \%), dashes and quotes, formatting commands (\emph{…}) and protective braces ({NurOwn}).
/// A single forward pass; groups nest at most <see cref="MaxDepth"/> deep.
/// </summary>
internal static class LatexText
{
    public const int MaxDepth = 16;

    // Accent command → pairs of (base letter, precomposed letter). Invariant globalization has no Unicode composition.
    private static readonly Dictionary<char, string> Precomposed = new()
    {
        ['\''] = "aáeéiíoóuúyýAÁEÉIÍOÓUÚYÝcćCĆnńNŃsśSŚzźZŹlĺLĹrŕRŔgǵGǴ",
        ['`'] = "aàeèiìoòuùAÀEÈIÌOÒUÙnǹNǸ",
        ['^'] = "aâeêiîoôuûAÂEÊIÎOÔUÛcĉCĈgĝGĜhĥHĤjĵJĴsŝSŜwŵWŴyŷYŶ",
        ['"'] = "aäeëiïoöuüyÿAÄEËIÏOÖUÜYŸ",
        ['~'] = "aãoõnñAÃOÕNÑiĩIĨuũUŨ",
        ['='] = "aāeēiīoōuūAĀEĒIĪOŌUŪ",
        ['.'] = "zżZŻeėEĖcċCĊgġGĠIİ",
        ['u'] = "aăAĂgğGĞuŭUŬeĕEĔiĭIĬoŏOŎ",
        ['v'] = "cčCČsšSŠzžZŽrřRŘeěEĚnňNŇdďDĎtťTŤlľLĽ",
        ['H'] = "oőOŐuűUŰ",
        ['c'] = "cçCÇsşSŞtţTŢgģGĢkķKĶlļLĻnņNŅrŗRŖ",
        ['k'] = "aąAĄeęEĘiįIĮuųUŲ",
        ['r'] = "aåAÅuůUŮ",
    };

    private static readonly Dictionary<char, char> CombiningMarks = new()
    {
        ['\''] = '\u0301', ['`'] = '\u0300', ['^'] = '\u0302', ['"'] = '\u0308', ['~'] = '\u0303', ['='] = '\u0304',
        ['.'] = '\u0307', ['u'] = '\u0306', ['v'] = '\u030C', ['H'] = '\u030B', ['c'] = '\u0327', ['k'] = '\u0328',
        ['r'] = '\u030A', ['d'] = '\u0323', ['b'] = '\u0331', ['t'] = '\u0361',
    };

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["l"] = "ł", ["L"] = "Ł", ["o"] = "ø", ["O"] = "Ø", ["ss"] = "ß", ["SS"] = "SS", ["ae"] = "æ", ["AE"] = "Æ",
        ["oe"] = "œ", ["OE"] = "Œ", ["aa"] = "å", ["AA"] = "Å", ["i"] = "ı", ["j"] = "ȷ", ["dh"] = "ð", ["DH"] = "Ð",
        ["th"] = "þ", ["TH"] = "Þ", ["ng"] = "ŋ", ["NG"] = "Ŋ",
        ["textendash"] = "–", ["textemdash"] = "—", ["textquoteright"] = "’", ["textquoteleft"] = "‘",
        ["textquotedblleft"] = "“", ["textquotedblright"] = "”", ["textregistered"] = "®", ["texttrademark"] = "™",
        ["textcopyright"] = "©", ["copyright"] = "©", ["textdegree"] = "°", ["textasciitilde"] = "~", ["textasciicircum"] = "^", ["textbackslash"] = "\\",
        ["textunderscore"] = "_", ["textbar"] = "|", ["textless"] = "<", ["textgreater"] = ">", ["textbullet"] = "•",
        ["textpm"] = "±", ["pm"] = "±", ["times"] = "×", ["textmu"] = "µ", ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥",
        ["geq"] = "≥", ["ldots"] = "…", ["dots"] = "…", ["textellipsis"] = "…", ["S"] = "§", ["P"] = "¶", ["dag"] = "†",
        ["euro"] = "€", ["pounds"] = "£", ["textdollar"] = "$", ["textpercent"] = "%",
        // Logos and the punctuation commands titles use: "The {\TeX book}" is "The TeXbook" (TeX swallows the space),
        // "{GaN}{$\slash$}sapphire" "GaN/sapphire", "methodology\hyphen independent" "methodology-independent", "k$\cdot$p" "k·p".
        ["TeX"] = "TeX", ["LaTeX"] = "LaTeX", ["LaTeXe"] = "LaTeX2e", ["BibTeX"] = "BibTeX", ["XeTeX"] = "XeTeX", ["ConTeXt"] = "ConTeXt",
        ["slash"] = "/", ["hyphen"] = "-", ["cdot"] = "·", ["textperiodcentered"] = "·",
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["zeta"] = "ζ", ["eta"] = "η",
        ["theta"] = "θ", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ",
        ["sigma"] = "σ", ["tau"] = "τ", ["phi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Delta"] = "Δ",
        ["Gamma"] = "Γ", ["Sigma"] = "Σ", ["Omega"] = "Ω",
        ["&"] = "&", ["%"] = "%", ["$"] = "$", ["#"] = "#", ["_"] = "_", ["{"] = "{", ["}"] = "}", [" "] = " ", [","] = " ",
        [";"] = " ", [":"] = " ", ["!"] = "", ["/"] = "", ["-"] = "", ["\\"] = " ", ["@"] = "",
    };

    /// <summary>Plain Unicode text; <paramref name="pages"/> turns "--" into "-" (page ranges) instead of an en dash.</summary>
    public static string ToUnicode(string latex, bool pages = false)
    {
        var sb = new StringBuilder(latex.Length);
        Decode(latex, sb, pages, 0);
        return sb.ToString();
    }

    private static void Decode(string s, StringBuilder sb, bool pages, int depth)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '\\':
                    i = Command(s, i + 1, sb, pages, depth);
                    break;
                case '{' or '}' or '$':
                    i++;
                    break;
                case '~':
                    sb.Append(' ');
                    i++;
                    break;
                case '-':
                    var run = 1;
                    while (i + run < s.Length && s[i + run] == '-') run++;
                    sb.Append(pages ? "-" : run switch { 1 => "-", 2 => "–", 3 => "—", _ => new string('-', run) });
                    i += run;
                    break;
                case '`' when i + 1 < s.Length && s[i + 1] == '`':
                    sb.Append('“');
                    i += 2;
                    break;
                case '\'' when i + 1 < s.Length && s[i + 1] == '\'':
                    sb.Append('”');
                    i += 2;
                    break;
                default:
                    sb.Append(c);
                    i++;
                    break;
            }
        }
    }

    /// <summary>Handles the command after a backslash at <paramref name="i"/>; returns the index after it.</summary>
    private static int Command(string s, int i, StringBuilder sb, bool pages, int depth)
    {
        if (i >= s.Length) return i;
        string name;
        if (char.IsAsciiLetter(s[i]))
        {
            var start = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            name = s[start..i];
        }
        else
        {
            name = s[i].ToString();
            i++;
        }

        if (name.Length == 1 && CombiningMarks.ContainsKey(name[0]) && (!char.IsAsciiLetter(name[0]) || IsAccentArgumentNext(s, i)))
        {
            i = ReadArgument(s, i, out var argument);
            var decoded = new StringBuilder();
            if (depth < MaxDepth) Decode(argument, decoded, pages, depth + 1);
            sb.Append(Accent(name[0], decoded.ToString()));
            return i;
        }

        if (Symbols.TryGetValue(name, out var symbol))
        {
            sb.Append(symbol);
            // TeX swallows the spaces after a control word ("{\ss} " keeps its space only because of the brace).
            if (char.IsAsciiLetter(name[0]))
            {
                while (i < s.Length && s[i] == ' ') i++;
                if (i < s.Length && s[i] == '{' && i + 1 < s.Length && s[i + 1] == '}') i += 2;
            }
            return i;
        }

        // Any other command (\emph, \textit, \url, \mbox, unknown ones): drop the name, keep its argument's text.
        if (char.IsAsciiLetter(name[0]))
        {
            while (i < s.Length && s[i] == ' ') i++;
        }
        return i;
    }

    private static bool IsAccentArgumentNext(string s, int i) =>
        i < s.Length && (s[i] == '{' || s[i] == ' ' || s[i] == '\\');

    /// <summary>Reads a {group} (balanced, bounded), a control sequence, or a single character.</summary>
    private static int ReadArgument(string s, int i, out string argument)
    {
        while (i < s.Length && s[i] == ' ') i++;
        if (i >= s.Length)
        {
            argument = "";
            return i;
        }
        if (s[i] == '{')
        {
            var depth = 0;
            var start = i + 1;
            for (var j = i; j < s.Length; j++)
            {
                if (s[j] == '\\')
                {
                    j++;
                    continue;
                }
                if (s[j] == '{') depth++;
                else if (s[j] == '}' && --depth == 0)
                {
                    argument = s[start..j];
                    return j + 1;
                }
            }
            argument = s[start..];
            return s.Length;
        }
        if (s[i] == '\\' && i + 1 < s.Length && char.IsAsciiLetter(s[i + 1]))
        {
            var end = i + 1;
            while (end < s.Length && char.IsAsciiLetter(s[end])) end++;
            argument = s[i..end];
            return end;
        }
        argument = s[i].ToString();
        return i + 1;
    }

    private static string Accent(char accent, string argument)
    {
        if (argument.Length == 0) return "";
        var baseChar = argument[0] switch { 'ı' => 'i', 'ȷ' => 'j', var other => other };
        var rest = argument[1..];
        if (Precomposed.TryGetValue(accent, out var pairs))
        {
            for (var k = 0; k + 1 < pairs.Length; k += 2)
            {
                if (pairs[k] == baseChar) return pairs[k + 1] + rest;
            }
        }
        return CombiningMarks.TryGetValue(accent, out var mark) ? $"{baseChar}{mark}{rest}" : argument;
    }
}

namespace KnowledgeBase.Retrieval;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer for lower-case English words, as SQLite's FTS5 "porter"
/// tokenizer and PostgreSQL's english configuration apply it: study/studies, survive/survival match.
/// Words of one or two letters and words with anything but a-z are returned unchanged.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2) return word;
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z') return word;
        }

        var b = word.ToCharArray();
        var k = b.Length - 1;
        var s = new State(b, k);
        s.Step1ab();
        if (s.K > 0)
        {
            s.Step1c();
            s.Step2();
            s.Step3();
            s.Step4();
            s.Step5();
        }

        return new string(b, 0, s.K + 1);
    }

    /// <summary>The classic algorithm's buffer b[0..K] and the offset J of the suffix being considered.</summary>
    private sealed class State(char[] b, int k)
    {
        public int K = k;
        private int j;

        private bool Cons(int i) => b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Cons(i - 1),
            _ => true,
        };

        /// <summary>The number of consonant-vowel sequences in b[0..j].</summary>
        private int M()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > j) return n;
                if (!Cons(i)) break;
                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > j) return n;
                    if (Cons(i)) break;
                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > j) return n;
                    if (!Cons(i)) break;
                    i++;
                }

                i++;
            }
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= j; i++)
            {
                if (!Cons(i)) return true;
            }

            return false;
        }

        private bool DoubleC(int at) => at >= 1 && b[at] == b[at - 1] && Cons(at);

        private bool Cvc(int i)
        {
            if (i < 2 || !Cons(i) || Cons(i - 1) || !Cons(i - 2)) return false;
            return b[i] is not ('w' or 'x' or 'y');
        }

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > K + 1) return false;
            for (var i = 0; i < length; i++)
            {
                if (b[K - length + 1 + i] != suffix[i]) return false;
            }

            j = K - length;
            return true;
        }

        private void SetTo(string s)
        {
            for (var i = 0; i < s.Length; i++) b[j + 1 + i] = s[i];
            K = j + s.Length;
        }

        private void R(string s)
        {
            if (M() > 0) SetTo(s);
        }

        public void Step1ab()
        {
            if (b[K] == 's')
            {
                if (Ends("sses")) K -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (K >= 1 && b[K - 1] != 's') K--;
            }

            if (Ends("eed"))
            {
                if (M() > 0) K--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleC(K))
                {
                    K--;
                    if (b[K] is 'l' or 's' or 'z') K++;
                }
                else if (M() == 1 && Cvc(K))
                {
                    SetTo("e");
                }
            }
        }

        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) b[K] = 'i';
        }

        public void Step2()
        {
            if (K == 0) return;
            switch (b[K - 1])
            {
                case 'a':
                    if (Ends("ational")) R("ate");
                    else if (Ends("tional")) R("tion");
                    break;
                case 'c':
                    if (Ends("enci")) R("ence");
                    else if (Ends("anci")) R("ance");
                    break;
                case 'e':
                    if (Ends("izer")) R("ize");
                    break;
                case 'l':
                    if (Ends("bli")) R("ble");
                    else if (Ends("alli")) R("al");
                    else if (Ends("entli")) R("ent");
                    else if (Ends("eli")) R("e");
                    else if (Ends("ousli")) R("ous");
                    break;
                case 'o':
                    if (Ends("ization")) R("ize");
                    else if (Ends("ation")) R("ate");
                    else if (Ends("ator")) R("ate");
                    break;
                case 's':
                    if (Ends("alism")) R("al");
                    else if (Ends("iveness")) R("ive");
                    else if (Ends("fulness")) R("ful");
                    else if (Ends("ousness")) R("ous");
                    break;
                case 't':
                    if (Ends("aliti")) R("al");
                    else if (Ends("iviti")) R("ive");
                    else if (Ends("biliti")) R("ble");
                    break;
                case 'g':
                    if (Ends("logi")) R("log");
                    break;
            }
        }

        public void Step3()
        {
            switch (b[K])
            {
                case 'e':
                    if (Ends("icate")) R("ic");
                    else if (Ends("ative")) R("");
                    else if (Ends("alize")) R("al");
                    break;
                case 'i':
                    if (Ends("iciti")) R("ic");
                    break;
                case 'l':
                    if (Ends("ical")) R("ic");
                    else if (Ends("ful")) R("");
                    break;
                case 's':
                    if (Ends("ness")) R("");
                    break;
            }
        }

        public void Step4()
        {
            if (K == 0) return;
            switch (b[K - 1])
            {
                case 'a':
                    if (Ends("al")) break;
                    return;
                case 'c':
                    if (Ends("ance") || Ends("ence")) break;
                    return;
                case 'e':
                    if (Ends("er")) break;
                    return;
                case 'i':
                    if (Ends("ic")) break;
                    return;
                case 'l':
                    if (Ends("able") || Ends("ible")) break;
                    return;
                case 'n':
                    if (Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent")) break;
                    return;
                case 'o':
                    if ((Ends("ion") && j >= 0 && b[j] is 's' or 't') || Ends("ou")) break;
                    return;
                case 's':
                    if (Ends("ism")) break;
                    return;
                case 't':
                    if (Ends("ate") || Ends("iti")) break;
                    return;
                case 'u':
                    if (Ends("ous")) break;
                    return;
                case 'v':
                    if (Ends("ive")) break;
                    return;
                case 'z':
                    if (Ends("ize")) break;
                    return;
                default:
                    return;
            }

            if (M() > 1) K = j;
        }

        public void Step5()
        {
            j = K;
            if (b[K] == 'e')
            {
                var a = M();
                if (a > 1 || (a == 1 && !Cvc(K - 1))) K--;
            }

            if (b[K] == 'l' && DoubleC(K) && M() > 1) K--;
        }
    }
}

using ArticleThemes.Corpus;

namespace ArticleThemes.Training;

/// <summary>
/// The accurate tier as the fast tier's teacher. Real use is full of single sentences lifted from longer texts (a line
/// of a speech, a platform, a ruling) whose theme is carried by meaning more than by words; the corpus's documents
/// teach the fast tier whole texts. So the accurate tier is fitted on the training split, cuts each of its documents
/// of two or more sentences into sentences, and labels every sentence of at least <see cref="MinimumWords"/> words
/// with its own decisions; those sentences join the fast tier's training rows under their document's writer.
/// </summary>
/// <remarks>
/// A sentence's neighbour margins are read among other writers' documents only, as in training the accurate tier:
/// its own document (and writer) would otherwise hand it the document's labels, which is what the teacher is there
/// to correct. Only the training split is read; the test split stays unseen.
/// </remarks>
internal static class TeacherSentences
{
    /// <summary>The fewest words a sentence needs to be taught: shorter ones ("Not so.") rarely have a subject.</summary>
    public const int MinimumWords = 5;

    public static CorpusDocument[] Label(IReadOnlyList<string> themes, CorpusDocument[] train, TrainingOptions options, IProgress<TrainingUpdate>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(TrainingUpdate.Line("Fitting the accurate tier on the training split, to label the sentences of its longer documents..."));
        using var teacher = SemanticTrainer.Fit(themes, train, options, SemanticTrainer.Candidates, progress, cancellationToken);
        var parents = new List<int>();
        var sentences = new List<string>();
        for (int d = 0; d < train.Length; d++)
        {
            var split = Sentences(train[d].Text);
            if (split.Count < 2)
            {
                continue;
            }

            foreach (string sentence in split.Where(s => CorpusDocument.CountWords(s) >= MinimumWords))
            {
                parents.Add(d);
                sentences.Add(sentence);
            }
        }

        progress?.Report(TrainingUpdate.Line($"Labelling {sentences.Count} sentences of {parents.Distinct().Count()} training documents with the accurate tier..."));
        var embeddings = EmbeddingCache.GetOrCompute(options.EmbeddingCache, teacher.Encoder, sentences, cancellationToken);
        var thresholds = teacher.Heads.Chosen.Thresholds.ToArray();
        var taught = new CorpusDocument[sentences.Count];
        Parallel.For(0, sentences.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var parent = train[parents[i]];
            var (input, _) = teacher.Scorer.Input(sentences[i], embeddings[i], teacher.Writers, teacher.Writers[parents[i]]);
            var probabilities = new float[themes.Count];
            teacher.Scorer.Score(input, probabilities);
            var decided = ThemeSet.Decide(probabilities, thresholds);
            var labels = themes.Where((_, t) => decided.Contains(t)).ToArray();
            taught[i] = new CorpusDocument($"{parent.Id}#s{i}", sentences[i], labels, parent.Genre, CorpusSplit.Train, Region: parent.Region, Decade: parent.Decade) { Writer = parent.Writer };
        });

        return taught;
    }

    /// <summary>The text's sentences: cut after '.', '!' or '?' followed by white space and a capital or an opening quote, after their CJK forms, and at line breaks; trimmed, empty ones dropped.</summary>
    internal static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            bool cut = i == text.Length
                || text[i] == '\n'
                || text[i] is '。' or '！' or '？'
                || (text[i] is '.' or '!' or '?' && StartsSentence(text, i + 1));
            if (!cut)
            {
                continue;
            }

            int end = i < text.Length && text[i] != '\n' ? i + 1 : i;
            string sentence = text[start..end].Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }

            start = end;
        }

        return sentences;
    }

    /// <summary>Whether white space follows <paramref name="at"/> and then a capital or an opening quote ("Mr. Smith" and "U.S. exports" stay whole only when lower-case follows).</summary>
    private static bool StartsSentence(string text, int at)
    {
        if (at >= text.Length || !char.IsWhiteSpace(text[at]))
        {
            return false;
        }

        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at < text.Length && (char.IsUpper(text[at]) || text[at] is '"' or '\u201C' or '\u2018' or '\'');
    }
}

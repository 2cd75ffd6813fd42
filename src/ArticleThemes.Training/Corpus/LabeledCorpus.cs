using System.Security.Cryptography;
using System.Text;

namespace ArticleThemes.Corpus;

/// <summary>A labelled corpus: documents in file order, the themes they use, and a fingerprint of the content.</summary>
internal sealed class LabeledCorpus
{
    public LabeledCorpus(string source, IReadOnlyList<CorpusDocument> documents)
    {
        Source = source;
        Documents = documents;
        Themes = documents.SelectMany(d => d.Themes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Fingerprint = ComputeFingerprint(documents);
    }

    public string Source { get; }

    public IReadOnlyList<CorpusDocument> Documents { get; }

    /// <summary>Every theme used by some document, in ordinal order: the themes a model trained on this corpus labels.</summary>
    public IReadOnlyList<string> Themes { get; }

    public IEnumerable<CorpusDocument> Train => Documents.Where(d => d.Split == CorpusSplit.Train);

    public IEnumerable<CorpusDocument> Test => Documents.Where(d => d.Split == CorpusSplit.Test);

    /// <summary>
    /// SHA-256, in lower-case hex, of every document's id, text, sorted themes and split, in file order. It ignores
    /// JSON formatting and metadata fields, so it changes exactly when what training or evaluation sees changes.
    /// </summary>
    public string Fingerprint { get; }

    private static string ComputeFingerprint(IReadOnlyList<CorpusDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in documents)
        {
            string record = string.Join('\u001f', d.Id, d.Text, string.Join('\u001e', d.Themes.Order(StringComparer.Ordinal)), d.Split == CorpusSplit.Train ? "train" : "test") + "\n";
            hash.AppendData(Encoding.UTF8.GetBytes(record));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

using ArticleThemes.Scoring;

namespace ArticleThemes.Model;

/// <summary>
/// Reads and writes the compiled heads (<c>scorer.bin</c>): a compact binary copy of what the ML.NET heads hold,
/// so loading a model for serving needs no ML.NET model deserialization, which costs most of a cold start.
/// Version 2 adds, after the heads, the word table (<see cref="WordScores"/>) of a model whose heads read word
/// vectors; a model without one is still written as version 1.
/// </summary>
internal static class ScorerSerializer
{
    private const int Magic = 0x43535441; // "ATSC" read as little-endian bytes
    private const int Version = 1;
    private const int WordTableVersion = 2;

    /// <summary>The most words a word table may hold.</summary>
    public const int MaxWords = 4_000_000;
    private const byte LinearKind = 1;
    private const byte TreesKind = 2;

    public static void Write(Stream destination, int dimension, IReadOnlyList<CompiledHead> heads, WordScores? words = null)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(words is null ? Version : WordTableVersion);
        writer.Write(dimension);
        writer.Write(heads.Count);
        foreach (var head in heads)
        {
            writer.Write(head.Trainer);
            writer.Write(head.Calibration.Slope);
            writer.Write(head.Calibration.Offset);
            if (head.Linear is { } linear)
            {
                writer.Write(LinearKind);
                writer.Write(linear.Bias);
                int nonZero = linear.Weights.Count(w => w != 0);
                writer.Write(nonZero);
                for (int i = 0; i < linear.Weights.Length; i++)
                {
                    if (linear.Weights[i] != 0)
                    {
                        writer.Write(i);
                        writer.Write(linear.Weights[i]);
                    }
                }
            }
            else
            {
                var trees = head.Trees ?? throw new InvalidOperationException("A head has neither weights nor trees.");
                writer.Write(TreesKind);
                writer.Write(trees.Bias);
                writer.Write(trees.Trees.Length);
                foreach (var tree in trees.Trees)
                {
                    writer.Write(tree.Weight);
                    writer.Write(tree.SplitFeatures.Length);
                    for (int n = 0; n < tree.SplitFeatures.Length; n++)
                    {
                        writer.Write(tree.SplitFeatures[n]);
                        writer.Write(tree.Thresholds[n]);
                        writer.Write(tree.LeftChildren[n]);
                        writer.Write(tree.RightChildren[n]);
                    }

                    writer.Write(tree.LeafValues.Length);
                    foreach (double leaf in tree.LeafValues)
                    {
                        writer.Write(leaf);
                    }
                }
            }
        }

        if (words is not null)
        {
            writer.Write(words.Count);
            writer.Write(words.ThemeCount);
            writer.Write(words.Dimensions);
            for (int entry = 0; entry < words.Count; entry++)
            {
                writer.Write(words.Hashes[entry]);
                writer.Write(words.WeightOf(entry));
                for (int t = 0; t < words.ThemeCount; t++)
                {
                    writer.Write(words.ScoreOf(entry, t));
                }
            }
        }
    }

    /// <summary>
    /// Reads the heads back, and the word table when there is one (whose vectors are <paramref name="expectedWordDimensions"/>
    /// long, the end of the heads' <paramref name="expectedDimension"/> features; 0 when the manifest lists no word
    /// vectors). Throws <see cref="InvalidDataException"/> with the reason when the data is inconsistent.
    /// </summary>
    public static (CompiledHead[] Heads, WordScores? Words) Read(Stream source, int expectedDimension, int expectedWordDimensions = 0, double wordPriorWeight = 0)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("scorer.bin does not start with the scorer signature.");
        }

        int version = reader.ReadInt32();
        if (version is not (Version or WordTableVersion))
        {
            throw new InvalidDataException($"scorer.bin has version {version}; this library reads versions {Version} and {WordTableVersion}.");
        }

        if ((version == WordTableVersion) != (expectedWordDimensions > 0))
        {
            throw new InvalidDataException(expectedWordDimensions > 0
                ? "the manifest lists word vectors but scorer.bin has no word table."
                : "scorer.bin has a word table but the manifest lists no word vectors.");
        }

        int dimension = reader.ReadInt32();
        if (dimension != expectedDimension)
        {
            throw new InvalidDataException($"scorer.bin has {dimension} feature slots but the manifest's featurizer has {expectedDimension}.");
        }

        int headCount = Check(reader.ReadInt32(), 1, ThemeSet.MaxThemes, "head count");
        var heads = new CompiledHead[headCount];
        for (int h = 0; h < headCount; h++)
        {
            string trainer = reader.ReadString();
            var calibration = new PlattCalibration(Finite(reader.ReadDouble(), "calibration slope"), Finite(reader.ReadDouble(), "calibration offset"));
            byte kind = reader.ReadByte();
            double bias = Finite(reader.ReadDouble(), "bias");
            if (kind == LinearKind)
            {
                var weights = new float[dimension];
                int nonZero = Check(reader.ReadInt32(), 0, dimension, "weight count");
                for (int k = 0; k < nonZero; k++)
                {
                    int index = Check(reader.ReadInt32(), 0, dimension - 1, "weight index");
                    weights[index] = Finite(reader.ReadSingle(), "weight");
                }

                heads[h] = new CompiledHead(trainer, calibration, new LinearWeights(weights, bias), null);
            }
            else if (kind == TreesKind)
            {
                int treeCount = Check(reader.ReadInt32(), 0, 100_000, "tree count");
                var trees = new RegressionTreeData[treeCount];
                for (int t = 0; t < treeCount; t++)
                {
                    trees[t] = ReadTree(reader, dimension);
                }

                heads[h] = new CompiledHead(trainer, calibration, null, new TreeEnsemble(bias, trees));
            }
            else
            {
                throw new InvalidDataException($"scorer.bin head {h} has unknown kind {kind}.");
            }
        }

        return (heads, version == WordTableVersion ? ReadWords(reader, headCount, expectedWordDimensions, wordPriorWeight) : null);
    }

    private static WordScores ReadWords(BinaryReader reader, int headCount, int expectedDimensions, double priorWeight)
    {
        int count = Check(reader.ReadInt32(), 1, MaxWords, "word count");
        Check(reader.ReadInt32(), headCount, headCount, "word table theme count");
        Check(reader.ReadInt32(), expectedDimensions, expectedDimensions, "word vector length");
        var hashes = new ulong[count];
        var weights = new float[count];
        var scores = new float[count * headCount];
        for (int entry = 0; entry < count; entry++)
        {
            hashes[entry] = reader.ReadUInt64();
            weights[entry] = reader.ReadSingle();
            for (int t = 0; t < headCount; t++)
            {
                scores[(entry * headCount) + t] = reader.ReadSingle();
            }
        }

        return WordScores.Create(hashes, weights, scores, headCount, expectedDimensions, priorWeight);
    }

    private static RegressionTreeData ReadTree(BinaryReader reader, int dimension)
    {
        double weight = Finite(reader.ReadDouble(), "tree weight");
        int nodes = Check(reader.ReadInt32(), 0, 1_000_000, "node count");
        var features = new int[nodes];
        var thresholds = new float[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        for (int n = 0; n < nodes; n++)
        {
            features[n] = Check(reader.ReadInt32(), 0, dimension - 1, "split feature");
            thresholds[n] = Finite(reader.ReadSingle(), "split threshold");
            left[n] = reader.ReadInt32();
            right[n] = reader.ReadInt32();
        }

        int leaves = Check(reader.ReadInt32(), 1, 1_000_001, "leaf count");
        var leafValues = new double[leaves];
        for (int l = 0; l < leaves; l++)
        {
            leafValues[l] = Finite(reader.ReadDouble(), "leaf value");
        }

        // Every child must point inside the tree, and only forward, so scoring always reaches a leaf.
        for (int n = 0; n < nodes; n++)
        {
            CheckChild(left[n], n, nodes, leaves);
            CheckChild(right[n], n, nodes, leaves);
        }

        return new RegressionTreeData(weight, features, thresholds, left, right, leafValues);
    }

    private static void CheckChild(int child, int node, int nodes, int leaves)
    {
        bool valid = child >= 0 ? child > node && child < nodes : ~child < leaves;
        if (!valid)
        {
            throw new InvalidDataException($"scorer.bin has a tree whose node {node} points to {child}, outside the tree.");
        }
    }

    // A NaN or infinite parameter would load and then answer NaN for every text: refuse it at load.
    private static double Finite(double value, string what) =>
        double.IsFinite(value) ? value : throw new InvalidDataException($"scorer.bin has a {what} that is not a finite number ({value}).");

    private static float Finite(float value, string what) =>
        float.IsFinite(value) ? value : throw new InvalidDataException($"scorer.bin has a {what} that is not a finite number ({value}).");

    private static int Check(int value, int min, int max, string what) =>
        value >= min && value <= max
            ? value
            : throw new InvalidDataException($"scorer.bin has {what} {value}, outside {min}..{max}.");
}

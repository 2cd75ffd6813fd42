namespace ArticleThemes.Training;

/// <summary>The ML.NET trainer of the theme heads.</summary>
internal enum TrainerKind
{
    /// <summary>Logistic regression by stochastic dual coordinate ascent.</summary>
    Sdca,

    /// <summary>Logistic regression by L-BFGS, with L1 and L2 regularization.</summary>
    Lbfgs,

    /// <summary>Gradient-boosted trees (FastTree), Platt-calibrated.</summary>
    FastTree,

    /// <summary>Cross-validates every trainer above and keeps the best by macro-F1.</summary>
    Auto,
}

internal static class TrainerKinds
{
    public static IReadOnlyList<TrainerKind> Candidates { get; } = [TrainerKind.Sdca, TrainerKind.Lbfgs, TrainerKind.FastTree];

    public static string Name(TrainerKind kind) => kind switch
    {
        TrainerKind.Sdca => "sdca",
        TrainerKind.Lbfgs => "lbfgs",
        TrainerKind.FastTree => "fasttree",
        TrainerKind.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string name, out TrainerKind kind)
    {
        foreach (var candidate in new[] { TrainerKind.Sdca, TrainerKind.Lbfgs, TrainerKind.FastTree, TrainerKind.Auto })
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

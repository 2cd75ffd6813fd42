namespace ArticleThemes.Training;

/// <summary>
/// What a training run reports as it goes: a line of news for a person or a log (<see cref="Message"/>), or how far
/// it is through its head fits (<see cref="FitsDone"/> of <see cref="FitsTotal"/>: every candidate trainer's folds
/// times themes, then the final heads), which a console can draw as a progress bar.
/// </summary>
internal readonly record struct TrainingUpdate(string? Message, int FitsDone, int FitsTotal)
{
    public static TrainingUpdate Line(string message) => new(message, 0, 0);

    public static TrainingUpdate Fits(int done, int total) => new(null, done, total);
}

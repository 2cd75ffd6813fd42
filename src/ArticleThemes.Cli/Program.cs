using ArticleThemes.Cli;

return CliApp.Run(args, CliConsole.System());

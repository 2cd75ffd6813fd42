using ArticleThemes.Cli;

using var console = CliConsole.System();
return CliApp.Run(args, console);

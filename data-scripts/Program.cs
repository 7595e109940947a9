return DataScripts.DataScriptsApp.Run(args, Console.Out, Console.Error);

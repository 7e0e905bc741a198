using VideoPipeline.Cli;

return await CliApplication.RunAsync(args);

using Quickstart;

// dotnet run                          → a server and a client in one process, calling each method
// dotnet run -- serve --port P        → serve until Ctrl+C or SIGTERM, then drain
// dotnet run -- call --port P Add 1 2 → call a running server and print the result
// dotnet run -- call --port P Count N → stream 1..N from it and print how many arrived and how fast
return args switch
{
    [] => await Demo.RunAsync(),
    ["serve", .. var rest] => await ServeCommand.RunAsync(rest),
    ["call", .. var rest] => await CallCommand.RunAsync(rest),
    _ => Usage.Fail($"unknown command '{args[0]}'"),
};

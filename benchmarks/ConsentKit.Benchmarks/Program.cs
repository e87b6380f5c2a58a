using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/ConsentKit.Benchmarks -- --filter '*'            every suite
// dotnet run -c Release --project benchmarks/ConsentKit.Benchmarks -- --filter '*Pipeline*' --job short
// See docs/performance.md.
BenchmarkSwitcher.FromAssembly(typeof(ConsentKit.Benchmarks.PipelineBenchmarks).Assembly).Run(args);

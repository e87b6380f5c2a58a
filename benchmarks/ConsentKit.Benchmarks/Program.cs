using BenchmarkDotNet.Running;

namespace ConsentKit.Benchmarks;

// dotnet run -c Release --project benchmarks/ConsentKit.Benchmarks -- --filter '*'            every suite
// dotnet run -c Release --project benchmarks/ConsentKit.Benchmarks -- --filter '*Pipeline*' --job short
// See docs/performance.md.
// Not top-level statements: this project references the sample, whose Program class would clash with that one.
internal static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}

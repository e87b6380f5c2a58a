namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>Tests that run the sample as child processes, one test at a time: two cores are not many.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SampleProcessCollection
{
    public const string Name = "Sample processes";
}

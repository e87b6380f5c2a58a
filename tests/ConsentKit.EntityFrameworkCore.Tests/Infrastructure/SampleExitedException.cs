namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The sample process ended before it answered.</summary>
internal sealed class SampleExitedException(string message) : Exception(message);

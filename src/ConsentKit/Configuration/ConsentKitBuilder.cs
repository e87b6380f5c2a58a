namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddConsentKit()</c>; storage and integration packages add their own extension methods to it.</summary>
public sealed class ConsentKitBuilder
{
    internal ConsentKitBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the application's service collection.</summary>
    public IServiceCollection Services { get; }
}

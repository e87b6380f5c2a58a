namespace ConsentKit.Http;

/// <summary>The answer of the erase endpoint to a JSON request.</summary>
internal sealed class ConsentEraseResponse
{
    /// <summary>Gets how many consent records were erased.</summary>
    public int Erased { get; init; }
}

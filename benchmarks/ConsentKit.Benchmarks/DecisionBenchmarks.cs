using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Benchmarks;

/// <summary>
/// The banner's "Accept all" as a plain form post (antiforgery token in the form, its cookie in the header,
/// same-origin headers) to <c>UseConsentKit()</c> + the decision endpoint, which answers 303 with the new
/// consent cookie. The baseline does the same antiforgery check and form read and answers 303, nothing else.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private BenchmarkHost _host = default!;
    private InProcessServer _formPost = default!;
    private InProcessServer _decision = default!;
    private InProcessServer.Request _request = default!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchmarkHost();
        _formPost = new InProcessServer(_host.BuildFormPostPipeline(), _host.Services);
        _decision = new InProcessServer(_host.BuildDecisionPipeline(), _host.Services);
        var (cookie, body) = _host.NewDecisionForm("accept-all");
        _request = new InProcessServer.Request("POST", "/_consent", cookie, body, "application/x-www-form-urlencoded");

        _formPost.SendAsync(_request).GetAwaiter().GetResult();
        _decision.SendAsync(_request).GetAwaiter().GetResult();
        if (_formPost.StatusCode != StatusCodes.Status303SeeOther || _decision.StatusCode != StatusCodes.Status303SeeOther
            || !_decision.ResponseHeaders.SetCookie.ToString().Contains(_host.CookieName + "=1.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected responses: {_formPost.StatusCode}, {_decision.StatusCode} {_decision.ResponseHeaders.SetCookie}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "form post, antiforgery, 303 (no ConsentKit)")]
    public Task FormPost() => _formPost.SendAsync(_request);

    [Benchmark(Description = "POST /_consent accept-all")]
    public Task Decision() => _decision.SendAsync(_request);
}

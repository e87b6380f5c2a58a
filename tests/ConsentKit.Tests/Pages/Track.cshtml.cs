using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentKit.Tests.Pages;

/// <summary>A Razor Page that tracks, so it needs consent to analytics.</summary>
[RequiresConsent("analytics")]
public sealed class TrackModel(RenderCounter renders) : PageModel
{
    public int Count { get; private set; }

    public void OnGet() => Count = renders.Next();
}

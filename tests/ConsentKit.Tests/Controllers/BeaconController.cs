using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ConsentKit.Tests.Controllers;

/// <summary>MVC actions gated with [RequiresConsent], each counting its runs on the <see cref="RenderCounter"/>.</summary>
[ApiController]
[Route("mvc")]
public sealed class BeaconController(RenderCounter runs) : ControllerBase
{
    [HttpPost("beacon")]
    [RequiresConsent("analytics")]
    public IActionResult Beacon() => Ok(new { run = runs.Next() });

    [HttpPost("pixel")]
    [RequiresConsent("marketing", StatusCode = StatusCodes.Status204NoContent)]
    public IActionResult Pixel() => Ok(new { run = runs.Next() });

    [HttpGet("open")]
    public IActionResult Open() => Ok(new { run = runs.Next() });
}

/// <summary>A controller gated as a whole.</summary>
[ApiController]
[Route("mvc/ads")]
[RequiresConsent("marketing")]
public sealed class AdsController(RenderCounter runs) : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok(new { run = runs.Next() });
}

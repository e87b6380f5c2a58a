using ConsentKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ConsentKit;

/// <summary>
/// Runs an MVC action, controller or Razor Page only when the visitor granted the category; otherwise
/// it does nothing and answers <see cref="StatusCode"/>. The minimal-API twin is <c>.RequireConsent("…")</c>.
/// </summary>
/// <param name="category">The category key, for example <c>analytics</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiresConsentAttribute(string category) : Attribute, IAsyncResourceFilter
{
    /// <summary>Gets the key of the category the endpoint needs.</summary>
    public string Category { get; } = category;

    /// <summary>Gets or sets the status answered without consent.</summary>
    /// <value>Defaults to 403 (with a problem-details body); 204 answers with no body.</value>
    public int StatusCode { get; set; } = StatusCodes.Status403Forbidden;

    /// <inheritdoc />
    public Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (ConsentRequirement.IsMet(context.HttpContext, Category))
        {
            return next();
        }

        var refusal = ConsentRequirement.Refusal(context.HttpContext, Category, StatusCode);
        context.Result = new ResultAdapter(refusal);
        return Task.CompletedTask;
    }

    // Lets an MVC filter short-circuit with the same IResult the minimal-API filter answers.
    private sealed class ResultAdapter(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}

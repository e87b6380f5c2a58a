using System.Security.Cryptography;
using ConsentKit.Sample.Data;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// Sample:ConsentKit=false runs the same site without ConsentKit (benchmarks/load.sh compares both).
var consentKit = builder.Configuration.GetValue("Sample:ConsentKit", true);

builder.Services.AddRazorPages();

// Consent records: SQLite in App_Data by default, PostgreSQL when Sample:Database is Postgres.
builder.Services.AddDbContext<SampleDbContext>(options => SampleDatabase.Configure(options, builder.Configuration, builder.Environment));
if (consentKit)
{
    builder.Services.AddConsentKit() // categories, services and cookies: the "ConsentKit" section of appsettings.json
        .AddEntityFrameworkCoreStore<SampleDbContext>();
}

// Several instances behind a load balancer must share the Data Protection keys that sign the consent cookie.
if (builder.Configuration["Sample:DataProtectionKeysPath"] is { Length: > 0 } keysPath)
{
    builder.Services.AddDataProtection()
        .PersistKeysToFileSystem(new DirectoryInfo(keysPath))
        .SetApplicationName("ConsentKit.Sample");
}

var app = builder.Build();

await SampleDatabase.EnsureCreatedAsync(app.Services);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

// A strict, nonce-based Content Security Policy: no inline script runs without this request's nonce.
// ConsentKit reads the nonce from HttpContext.Items["csp-nonce"] (ConsentKit:ContentSecurityPolicy:NonceItemKey).
app.Use(static (context, next) =>
{
    var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    context.Items["csp-nonce"] = nonce;
    context.Response.Headers.ContentSecurityPolicy =
        $"default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self' 'nonce-{nonce}'; " +
        "img-src 'self' data:; frame-src https://www.youtube-nocookie.com; connect-src 'self' https:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    return next(context);
});

// The banner speaks the visitor's language (built-in: en, fr, de, es, it, nl, pt, ar).
string[] languages = ["en", "fr", "de", "es", "it", "nl", "pt", "ar"];
app.UseRequestLocalization(options => options
    .SetDefaultCulture("en")
    .AddSupportedCultures(languages)
    .AddSupportedUICultures(languages));

if (consentKit)
{
    app.UseConsentKit();
}

// First-party analytics, the server-side way: every page sets a visitor cookie declared under
// "analytics". The app does not check consent itself: ConsentKit's cookie gate drops the cookie
// for visitors who have not granted analytics.
app.Use(static (context, next) =>
{
    if (HttpMethods.IsGet(context.Request.Method) && !Path.HasExtension(context.Request.Path.Value) && !context.Request.Cookies.ContainsKey("sample_visitor"))
    {
        context.Response.Cookies.Append("sample_visitor", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true, // ConsentKit decides, not ASP.NET Core's cookie policy
        });
    }

    return next(context);
});

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
if (consentKit)
{
    app.MapConsentKit();
}

// A server-side tracking beacon: it does nothing unless the visitor granted analytics.
var track = app.MapPost("/track", (HttpContext context) => Results.Ok(new { tracked = context.Request.Cookies["sample_visitor"] }));
if (consentKit)
{
    track.RequireConsent("analytics");
}

app.Run();

/// <summary>The sample's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

using ConsentKit.Sample.Data;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorPages();

// Consent records: SQLite in App_Data by default, PostgreSQL when Sample:Database is Postgres.
builder.Services.AddDbContext<SampleDbContext>(options => SampleDatabase.Configure(options, builder.Configuration, builder.Environment));
builder.Services.AddConsentKit() // categories, services and cookies: the "ConsentKit" section of appsettings.json
    .AddEntityFrameworkCoreStore<SampleDbContext>();

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

app.UseConsentKit();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapConsentKit();

app.Run();

/// <summary>The sample's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

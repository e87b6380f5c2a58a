var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorPages();
builder.Services.AddConsentKit(); // categories, services and cookies: the "ConsentKit" section of appsettings.json

var app = builder.Build();

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

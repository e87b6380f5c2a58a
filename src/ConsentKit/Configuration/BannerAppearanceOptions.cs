namespace ConsentKit.Configuration;

/// <summary>How the banner looks. Colours, fonts, radius and spacing are CSS custom properties (<c>--ck-*</c>) on <c>.ck</c>.</summary>
public sealed class BannerAppearanceOptions
{
    /// <summary>Gets or sets where the banner sits.</summary>
    /// <value>Defaults to <see cref="BannerLayout.Bar"/>.</value>
    public BannerLayout Layout { get; set; } = BannerLayout.Bar;

    /// <summary>Gets or sets the colour scheme.</summary>
    /// <value>Defaults to <see cref="BannerTheme.Auto"/>.</value>
    public BannerTheme Theme { get; set; } = BannerTheme.Auto;
}

namespace ConsentKit.Configuration;

/// <summary>The banner's colour scheme.</summary>
public enum BannerTheme
{
    /// <summary>Light or dark, following the visitor's <c>prefers-color-scheme</c>.</summary>
    Auto,

    /// <summary>Always light.</summary>
    Light,

    /// <summary>Always dark.</summary>
    Dark,
}

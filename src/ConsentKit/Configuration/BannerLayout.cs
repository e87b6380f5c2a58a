namespace ConsentKit.Configuration;

/// <summary>Where the banner sits on the page.</summary>
public enum BannerLayout
{
    /// <summary>A full-width bar at the bottom of the window.</summary>
    Bar,

    /// <summary>A box in the bottom corner (bottom-left; bottom-right in right-to-left languages).</summary>
    Box,

    /// <summary>A centred box over a dimmed page.</summary>
    Modal,
}

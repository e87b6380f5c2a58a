namespace ConsentKit.Configuration;

/// <summary>What the cookie gate does with a cookie that no service declares.</summary>
public enum UndeclaredCookiePolicy
{
    /// <summary>Let it through; in Development, log a warning once per cookie name so it gets declared.</summary>
    Allow,

    /// <summary>Drop it: only declared cookies of granted categories (and necessary framework cookies) reach the browser.</summary>
    Block,
}

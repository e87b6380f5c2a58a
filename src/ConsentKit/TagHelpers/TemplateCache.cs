using System.Collections.Concurrent;

namespace ConsentKit.TagHelpers;

/// <summary>
/// ConsentKit's form markup (the banner, embed placeholders) per state, built once. Pages render it on every
/// request and almost all of it (every category, service and cookie, in the visitor's language) is the same for
/// everyone in the same state; building it each time was most of what ConsentKit cost a page.
/// </summary>
/// <typeparam name="TKey">Everything the markup depends on besides the configuration, which does not change while the app runs.</typeparam>
internal sealed class TemplateCache<TKey>
    where TKey : notnull
{
    // States are few (languages × granted combinations × a few flags), so this rarely fills; when it does,
    // the markup is still right, only built per request.
    private const int MaxTemplates = 1024;

    private readonly ConcurrentDictionary<TKey, FormTemplate> _templates = new();
    private int _count;

    public FormTemplate Get<TState>(TKey key, TState state, Func<TState, FormTemplate> build)
    {
        if (_templates.TryGetValue(key, out var template))
        {
            return template;
        }

        template = build(state);
        if (Volatile.Read(ref _count) < MaxTemplates && _templates.TryAdd(key, template))
        {
            Interlocked.Increment(ref _count);
        }

        return template;
    }
}

using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>The server renders the banner in its final state: nothing on the page moves while it loads (CLS 0).</summary>
public sealed class LayoutShiftTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    // The layout-shift entries buffered since navigation, with the elements they moved; resolves after two
    // frames (the observer only calls back when there is something to report, so the frames bound the wait).
    private const string LayoutShifts = """
        () => new Promise(resolve => {
          const shifts = [];
          const add = entries => {
            for (const e of entries) if (!e.hadRecentInput) shifts.push({ Value: e.value,
              Sources: e.sources.map(s => (s.node ? (s.node.outerHTML || s.node.nodeName).slice(0, 60) : '?') + ' ' +
                JSON.stringify(s.previousRect) + ' -> ' + JSON.stringify(s.currentRect)).join(' | ') });
          };
          const observer = new PerformanceObserver(list => add(list.getEntries()));
          observer.observe({ type: 'layout-shift', buffered: true });
          requestAnimationFrame(() => requestAnimationFrame(() => {
            add(observer.takeRecords());
            observer.disconnect();
            resolve(shifts);
          }));
        })
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/privacy")]
    public async Task Page_FirstLoadWithBanner_HasNoLayoutShift(string path)
    {
        await GotoAsync(path); // returns once the page has loaded, deferred scripts included
        Assert.True(await Page.EvaluateAsync<bool>("() => PerformanceObserver.supportedEntryTypes.includes('layout-shift')"));

        var shifts = await LayoutShiftsAsync();

        Assert.True(shifts.Length == 0, "Layout shifts: " + string.Join("; ", shifts.Select(s => s.Value + " " + s.Sources)));
    }

    [Fact]
    public async Task Page_LoadAfterAcceptAll_HasNoLayoutShift()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        await Page.ReloadAsync();
        var shifts = await LayoutShiftsAsync();

        Assert.True(shifts.Length == 0, "Layout shifts: " + string.Join("; ", shifts.Select(s => s.Value + " " + s.Sources)));
    }

    [Fact]
    public async Task LayoutShiftProbe_ShiftedContent_MeasuresShift()
    {
        // The probe can fail: content pushed down after load is measured.
        await GotoAsync("/");
        await Page.EvaluateAsync("""
            () => new Promise(resolve => requestAnimationFrame(() => {
              const block = document.createElement('div');
              block.style.height = '300px';
              document.querySelector('main').prepend(block);
              requestAnimationFrame(() => resolve());
            }))
            """);

        var shifts = await LayoutShiftsAsync();

        Assert.True(shifts.Sum(s => s.Value) > 0, "The layout-shift probe measured nothing for content pushed down by 300px.");
    }

    private Task<LayoutShift[]> LayoutShiftsAsync() => Page.EvaluateAsync<LayoutShift[]>(LayoutShifts);

    public sealed class LayoutShift
    {
        public double Value { get; set; }

        public string Sources { get; set; } = "";
    }
}

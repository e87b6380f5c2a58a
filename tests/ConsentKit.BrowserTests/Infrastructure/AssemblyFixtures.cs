using ConsentKit.BrowserTests.Infrastructure;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

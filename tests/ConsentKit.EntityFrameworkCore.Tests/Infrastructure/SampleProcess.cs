using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// The sample site as a real child process (<c>dotnet ConsentKit.Sample.dll</c>) on a free 127.0.0.1 port,
/// so a test can kill it with SIGKILL or run two of them.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SampleProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    public static async Task<SampleProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        try
        {
            return await StartOnceAsync(settings);
        }
        catch (SampleExitedException first)
        {
            // The free port may have been taken between choosing it and binding it: one more try on another port.
            try
            {
                return await StartOnceAsync(settings);
            }
            catch (SampleExitedException second)
            {
                throw new InvalidOperationException($"The sample failed to start twice.\nFirst: {first.Message}\nSecond: {second.Message}");
            }
        }
    }

    private static async Task<SampleProcess> StartOnceAsync(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var dll = SamplePath();
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The sample process did not start.");
        var sample = new SampleProcess(process, port.Value);
        process.OutputDataReceived += (_, e) => sample.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await sample.WaitUntilReadyAsync();
        return sample;
    }

    public HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 16 })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(15),
        };

    /// <summary>Kills the process at once (SIGKILL), as a crash or an OOM kill would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = CreateHttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output
                throw new SampleExitedException($"The sample on port {Port} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        Kill();
        throw new TimeoutException($"The sample did not answer on {BaseAddress} within 60 seconds:\n{Output}");
    }

    private void Collect(string? line)
    {
        if (line is not null && _output.Count < 2000)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The sample's own build output (bin/<Configuration>/net10.0), built with this test project.
    private static string SamplePath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConsentKit.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"ConsentKit.sln not found above {AppContext.BaseDirectory}.");
        }

        var dll = Path.Combine(root.FullName, "samples", "ConsentKit.Sample", "bin", configuration, framework, "ConsentKit.Sample.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The sample is not built at {dll}. Build ConsentKit.sln first.");
    }
}

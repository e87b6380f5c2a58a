using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Benchmarks;

/// <summary>
/// Runs requests through a <see cref="RequestDelegate"/> the way a server connection does, minus the socket:
/// one pooled <see cref="DefaultHttpContext"/> and reusable request/response features, the response starting
/// (and its <c>OnStarting</c> callbacks running, newest first) at the first write or at the end, then the
/// <c>OnCompleted</c> callbacks. What a request allocates is what the pipeline allocates.
/// </summary>
internal sealed class InProcessServer
{
    private readonly RequestDelegate _app;
    private readonly IServiceScopeFactory _scopes;
    private readonly RequestFeatures _features = new();
    private readonly HttpRequestFeature _request = new();
    private readonly ResponseFeature _response = new();
    private readonly DefaultHttpContext _context;

    /// <summary>The Fetch Metadata every current browser sends with a request for a page of the same site.</summary>
    public static readonly (string Name, string Value)[] PageFetchMetadata =
        [("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document")];

    public InProcessServer(RequestDelegate app, IServiceProvider services)
    {
        _app = app;
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _features.Set<IHttpRequestFeature>(_request);
        _features.Set<IHttpResponseFeature>(_response);
        _features.Set<IHttpResponseBodyFeature>(_response);
        _features.KeepCurrent();
        _context = new DefaultHttpContext(_features) { ServiceScopeFactory = _scopes };
    }

    /// <summary>Gets the response headers of the last request.</summary>
    public IHeaderDictionary ResponseHeaders => _response.Headers;

    /// <summary>Gets the status code of the last request.</summary>
    public int StatusCode => _response.StatusCode;

    public async Task SendAsync(Request request)
    {
        _features.Reset();
        _request.Method = request.Method;
        _request.Scheme = "http";
        _request.Protocol = "HTTP/1.1";
        _request.PathBase = "";
        _request.Path = request.Path;
        _request.QueryString = "";
        _request.RawTarget = request.Path;
        var headers = _request.Headers;
        headers.Clear();
        headers.Host = "127.0.0.1:5000";
        if (request.Cookie is not null)
        {
            headers.Cookie = request.Cookie;
        }

        if (request.FetchMetadata && request.Body is null)
        {
            foreach (var (name, value) in PageFetchMetadata)
            {
                headers[name] = value;
            }
        }

        if (request.Body is not null)
        {
            headers.ContentType = request.ContentType;
            headers.ContentLength = request.Body.Length;
            headers.Origin = "http://127.0.0.1:5000";
            headers["Sec-Fetch-Site"] = "same-origin";
            _request.Body = new MemoryStream(request.Body, writable: false);
        }
        else
        {
            _request.Body = Stream.Null;
        }

        _response.Reset();
        _context.Initialize(_features);
        try
        {
            await _app(_context);
            await _response.CompleteAsync();
        }
        finally
        {
            await _response.FireOnCompletedAsync();
            if (_features.Get<IServiceProvidersFeature>() is IAsyncDisposable scope)
            {
                await scope.DisposeAsync();
            }

            _context.Uninitialize();
        }
    }

    /// <summary>One request: method, path, an optional Cookie header, an optional body, and whether a page request carries Fetch Metadata.</summary>
    public sealed record Request(string Method, string Path, string? Cookie = null, byte[]? Body = null, string? ContentType = null, bool FetchMetadata = false);

    /// <summary>A feature collection that keeps the server's own features and forgets the rest between requests, without allocating.</summary>
    private sealed class RequestFeatures : IFeatureCollection
    {
        private readonly Type?[] _types = new Type?[32];
        private readonly object?[] _values = new object?[32];
        private int _count;
        private int _kept;
        private int _revision;

        public bool IsReadOnly => false;

        public int Revision => _revision;

        public object? this[Type key]
        {
            get
            {
                for (var i = 0; i < _count; i++)
                {
                    if (_types[i] == key)
                    {
                        return _values[i];
                    }
                }

                return null;
            }
            set
            {
                _revision++;
                for (var i = 0; i < _count; i++)
                {
                    if (_types[i] == key)
                    {
                        _values[i] = value;
                        return;
                    }
                }

                _types[_count] = key;
                _values[_count] = value;
                _count++;
            }
        }

        public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

        public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

        public void KeepCurrent() => _kept = _count;

        public void Reset()
        {
            for (var i = _kept; i < _count; i++)
            {
                _types[i] = null;
                _values[i] = null;
            }

            _count = _kept;
            _revision++;
        }

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
        {
            for (var i = 0; i < _count; i++)
            {
                if (_values[i] is { } value)
                {
                    yield return new KeyValuePair<Type, object>(_types[i]!, value);
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Response and body features; the body is discarded, as a socket would take it.</summary>
    private sealed class ResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature
    {
        private readonly List<KeyValuePair<Func<object, Task>, object>> _onStarting = new(4);
        private readonly List<KeyValuePair<Func<object, Task>, object>> _onCompleted = new(4);
        private readonly DiscardStream _stream;
        private readonly DiscardWriter _writer;

        public ResponseFeature()
        {
            _stream = new DiscardStream(this);
            _writer = new DiscardWriter(this);
        }

        public int StatusCode { get; set; } = 200;

        public string? ReasonPhrase { get; set; }

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        public Stream Body { get; set; } = Stream.Null;

        public bool HasStarted { get; private set; }

        public Stream Stream => _stream;

        public PipeWriter Writer => _writer;

        public void Reset()
        {
            StatusCode = 200;
            ReasonPhrase = null;
            Headers.Clear();
            Body = _stream;
            HasStarted = false;
            _onStarting.Clear();
            _onCompleted.Clear();
        }

        public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add(new(callback, state));

        public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add(new(callback, state));

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (HasStarted)
            {
                return Task.CompletedTask;
            }

            return FireOnStartingAsync();
        }

        public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            await StartAsync(cancellationToken);

        public Task CompleteAsync() => StartAsync();

        public async Task FireOnCompletedAsync()
        {
            for (var i = _onCompleted.Count - 1; i >= 0; i--)
            {
                await _onCompleted[i].Key(_onCompleted[i].Value);
            }
        }

        private async Task FireOnStartingAsync()
        {
            for (var i = _onStarting.Count - 1; i >= 0; i--)
            {
                await _onStarting[i].Key(_onStarting[i].Value);
            }

            HasStarted = true;
        }
    }

    private sealed class DiscardStream(ResponseFeature response) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => response.StartAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => response.StartAsync().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => response.StartAsync(cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(response.StartAsync(cancellationToken));
    }

    private sealed class DiscardWriter(ResponseFeature response) : PipeWriter
    {
        private readonly byte[] _buffer = new byte[16 * 1024];

        public override void Advance(int bytes)
        {
        }

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            await response.StartAsync(cancellationToken);
            return default;
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= _buffer.Length ? _buffer : new byte[sizeHint];

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override async ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            await response.StartAsync(cancellationToken);
            return default;
        }
    }
}

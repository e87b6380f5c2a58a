using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace ConsentKit.Benchmarks;

/// <summary>
/// Kestrel's transport, in memory: each endpoint Kestrel listens on accepts the connections this class opens,
/// and a connection is a pair of pipes instead of a socket. Everything above the socket is the real server:
/// Kestrel's HTTP/1.1 parser, its pooled request objects, header collections and response writer, and the
/// host's request handling. The pipes run continuations inline, so a request is handled on the thread that
/// sends it, as Kestrel's sockets do with <c>UnsafePreferInlineScheduling</c>.
/// </summary>
internal sealed class InMemoryTransport : IConnectionListenerFactory
{
    private static readonly PipeOptions Inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false);
    private readonly Dictionary<EndPoint, Listener> _listeners = [];

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = new Listener(endpoint);
        lock (_listeners)
        {
            _listeners[endpoint] = listener;
        }

        return ValueTask.FromResult<IConnectionListener>(listener);
    }

    /// <summary>Opens a keep-alive connection to the endpoint Kestrel listens on at <paramref name="port"/> of the loopback address.</summary>
    public KestrelConnection Connect(int port)
    {
        Listener listener;
        lock (_listeners)
        {
            listener = _listeners[new IPEndPoint(IPAddress.Loopback, port)];
        }

        var toServer = new Pipe(Inline);
        var toClient = new Pipe(Inline);
        var client = new DuplexPipe(toClient.Reader, toServer.Writer);
        var connection = new DefaultConnectionContext(Guid.NewGuid().ToString("n"), new DuplexPipe(toServer.Reader, toClient.Writer), client)
        {
            LocalEndPoint = listener.EndPoint,
            RemoteEndPoint = new IPEndPoint(IPAddress.Loopback, 40000),
        };
        listener.Accepted.Writer.TryWrite(connection);
        return new KestrelConnection(client);
    }

    private sealed class Listener(EndPoint endpoint) : IConnectionListener
    {
        public Channel<ConnectionContext> Accepted { get; } = Channel.CreateUnbounded<ConnectionContext>();

        public EndPoint EndPoint => endpoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                return await Accepted.Reader.ReadAsync(cancellationToken);
            }
            catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
            {
                return null; // unbound: Kestrel stops accepting
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            Accepted.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => UnbindAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}

/// <summary>The client end of one in-memory connection: sends a request's bytes and reads one whole response.</summary>
internal sealed class KestrelConnection(IDuplexPipe pipe)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ChunkedEnd = "\r\n0\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLength = "\r\nContent-Length: "u8.ToArray();

    /// <summary>The raw bytes of a GET request with the Fetch Metadata a browser sends for a page, and an optional Cookie header.</summary>
    public static byte[] Get(string path, string? cookie)
    {
        var request = new StringBuilder($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:5000\r\n");
        foreach (var (name, value) in InProcessServer.PageFetchMetadata)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (cookie is not null)
        {
            request.Append("Cookie: ").Append(cookie).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
    }

    /// <summary>Sends one request and waits for its whole response (an <c>async Task</c> that completes at once allocates nothing).</summary>
    public async Task SendAsync(byte[] request) => await ExchangeAsync(request, keepHeaders: false);

    /// <summary>Sends one request and returns its status code and headers.</summary>
    public async Task<ResponseHead> SendForHeadersAsync(byte[] request) => new((await ExchangeAsync(request, keepHeaders: true))!);

    private async ValueTask<string?> ExchangeAsync(byte[] request, bool keepHeaders)
    {
        await pipe.Output.WriteAsync(request);
        string? headers = null;
        while (true)
        {
            var result = await pipe.Input.ReadAsync();
            var buffer = result.Buffer;
            if (TryReadResponse(ref buffer, keepHeaders, ref headers))
            {
                pipe.Input.AdvanceTo(buffer.Start);
                return headers;
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException("Kestrel closed the connection before the response was complete.");
            }

            pipe.Input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // A response ends after Content-Length bytes of body or, chunked, at the last chunk: the responses here have no trailers.
    private static bool TryReadResponse(ref ReadOnlySequence<byte> buffer, bool keepHeaders, ref string? headers)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeaderEnd))
        {
            return false;
        }

        ReadOnlySpan<byte> headSpan = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var lengthAt = headSpan.IndexOf(ContentLength);
        if (lengthAt >= 0)
        {
            var digits = headSpan[(lengthAt + ContentLength.Length)..];
            var length = 0;
            for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
            {
                length = (length * 10) + (digits[i] - '0');
            }

            if (reader.Remaining < length)
            {
                return false;
            }

            reader.Advance(length);
        }
        else
        {
            // The terminator's leading CRLF ends the last data chunk; an empty chunked body is "0\r\n\r\n" alone.
            reader.Rewind(2);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> _, ChunkedEnd))
            {
                return false;
            }
        }

        if (keepHeaders)
        {
            headers = Encoding.ASCII.GetString(headSpan);
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }
}

/// <summary>A response's status line and headers, as Kestrel wrote them.</summary>
internal sealed class ResponseHead(string head)
{
    private readonly string[] _lines = head.Split("\r\n");

    public int StatusCode => int.Parse(_lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets the value of a header, empty when the response has none.</summary>
    public string Header(string name) =>
        _lines.Skip(1).FirstOrDefault(line => line.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))?[(name.Length + 2)..] ?? "";
}

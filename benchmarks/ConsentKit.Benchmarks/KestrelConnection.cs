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
    public async Task SendAsync(byte[] request) => await ExchangeAsync(request, keep: false);

    /// <summary>Sends one request and returns its response: status, headers and body.</summary>
    public async Task<KestrelResponse> SendForResponseAsync(byte[] request) => (await ExchangeAsync(request, keep: true))!;

    private async ValueTask<KestrelResponse?> ExchangeAsync(byte[] request, bool keep)
    {
        await pipe.Output.WriteAsync(request);
        KestrelResponse? response = null;
        while (true)
        {
            var result = await pipe.Input.ReadAsync();
            var buffer = result.Buffer;
            if (TryReadResponse(ref buffer, keep, ref response))
            {
                pipe.Input.AdvanceTo(buffer.Start);
                return response;
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException("Kestrel closed the connection before the response was complete.");
            }

            pipe.Input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // A response ends after Content-Length bytes of body or, chunked, at the last chunk: the responses here have no trailers.
    private static bool TryReadResponse(ref ReadOnlySequence<byte> buffer, bool keep, ref KestrelResponse? response)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeaderEnd))
        {
            return false;
        }

        ReadOnlySpan<byte> headSpan = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var body = keep ? new MemoryStream() : null;
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

            CopyTo(body, reader.UnreadSequence.Slice(0, length));
            reader.Advance(length);
        }
        else if (!TryReadChunks(ref reader, body))
        {
            return false;
        }

        if (body is not null)
        {
            response = new KestrelResponse(Encoding.ASCII.GetString(headSpan), Encoding.UTF8.GetString(body.ToArray()));
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    // Chunks are "size in hex CRLF data CRLF", the last one of size 0 with no data. They are walked by their sizes, so
    // the client's cost does not grow with the body (the page sizes compared differ by kilobytes); the data is copied
    // out only when the body is kept.
    private static bool TryReadChunks(ref SequenceReader<byte> reader, MemoryStream? body)
    {
        while (true)
        {
            var size = 0;
            while (reader.TryRead(out var digit) && digit != (byte)'\r')
            {
                size = (size * 16) + (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
            }

            if (reader.Remaining < size + 3) // the rest of the size line's CRLF, the data, its CRLF
            {
                return false;
            }

            reader.Advance(1);
            CopyTo(body, reader.UnreadSequence.Slice(0, size));
            reader.Advance(size + 2);
            if (size == 0)
            {
                return true;
            }
        }
    }

    private static void CopyTo(MemoryStream? body, ReadOnlySequence<byte> data)
    {
        if (body is not null)
        {
            foreach (var segment in data)
            {
                body.Write(segment.Span);
            }
        }
    }
}

/// <summary>A response as Kestrel wrote it: the status line and headers, and the body.</summary>
internal sealed class KestrelResponse(string head, string body)
{
    private readonly string[] _lines = head.Split("\r\n");

    public int StatusCode => int.Parse(_lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    public string Body => body;

    /// <summary>Gets the value of a header, empty when the response has none.</summary>
    public string Header(string name) =>
        _lines.Skip(1).FirstOrDefault(line => line.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))?[(name.Length + 2)..] ?? "";
}

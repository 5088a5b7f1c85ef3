using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NewsSite.TestSupport;

/// <summary>
/// A TCP link to a real server that a test can cut and mend, as a network fault between one node and Redis would: the
/// node's connections drop and new ones are refused, while the server (and every other client) carries on with its data.
/// </summary>
public sealed class TcpLink : IDisposable
{
    private readonly DnsEndPoint target;
    private readonly Lock gate = new();
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;

    private TcpLink(DnsEndPoint target)
    {
        this.target = target;
        Port = TestServers.FreePort();
        Mend();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>A link to "host:port", open at once.</summary>
    public static TcpLink To(string address)
    {
        var colon = address.LastIndexOf(':');
        return new TcpLink(new DnsEndPoint(address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture)));
    }

    /// <summary>Drops every connection through the link and refuses new ones.</summary>
    public void Cut()
    {
        lock (gate)
        {
            listener?.Stop();
            listener = null;
            foreach (var client in open)
            {
                client.Dispose();
            }
            open.Clear();
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Mend()
    {
        lock (gate)
        {
            listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _ = AcceptAsync(listener);
        }
    }

    public void Dispose() => Cut();

    private async Task AcceptAsync(TcpListener accepting)
    {
        while (true)
        {
            TcpClient near;
            try
            {
                near = await accepting.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Cut.
            }
            var far = new TcpClient();
            try
            {
                await far.ConnectAsync(target.Host, target.Port);
            }
            catch (SocketException)
            {
                near.Dispose();
                far.Dispose();
                continue;
            }
            lock (gate)
            {
                if (listener != accepting)
                {
                    near.Dispose();
                    far.Dispose();
                    return;
                }
                open.Add(near);
                open.Add(far);
            }
            _ = PumpAsync(near, far);
            _ = PumpAsync(far, near);
        }
    }

    // Either side closing (or the link being cut) closes both, as a broken connection would.
    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        lock (gate)
        {
            open.Remove(from);
            open.Remove(to);
        }
        from.Dispose();
        to.Dispose();
    }
}

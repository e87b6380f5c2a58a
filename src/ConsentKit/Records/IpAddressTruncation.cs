using System.Net;
using System.Net.Sockets;
using ConsentKit.Configuration;

namespace ConsentKit.Records;

/// <summary>Reduces an IP address to what <see cref="ConsentRecordOptions.IpAddress"/> keeps.</summary>
internal static class IpAddressTruncation
{
    public static string? Apply(IPAddress? address, IpAddressRecording mode)
    {
        if (address is null || mode == IpAddressRecording.None)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (mode == IpAddressRecording.Full)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6; // IPv4 /24, IPv6 /48
        bytes.AsSpan(keep).Clear();
        return new IPAddress(bytes).ToString();
    }
}

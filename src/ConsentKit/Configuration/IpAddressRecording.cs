namespace ConsentKit.Configuration;

/// <summary>How much of the visitor's IP address a consent record keeps.</summary>
public enum IpAddressRecording
{
    /// <summary>The network part only: the last octet of an IPv4 address and all but the first 48 bits of an IPv6 address are zeroed.</summary>
    Truncated,

    /// <summary>The whole address.</summary>
    Full,

    /// <summary>No address at all.</summary>
    None,
}

using System.Net;
using System.Net.Sockets;

namespace VideoPipeline.Core.Security;

/// <summary>Address ranges a user-supplied URL must never reach: anything not on the public internet.</summary>
public static class IpAddressRanges
{
    private static readonly (IPAddress Network, int PrefixLength, string Name)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "this-network"),
        (IPAddress.Parse("10.0.0.0"), 8, "private"),
        (IPAddress.Parse("100.64.0.0"), 10, "carrier-grade NAT"),
        (IPAddress.Parse("127.0.0.0"), 8, "loopback"),
        (IPAddress.Parse("169.254.0.0"), 16, "link-local (cloud metadata)"),
        (IPAddress.Parse("172.16.0.0"), 12, "private"),
        (IPAddress.Parse("192.0.0.0"), 24, "IETF protocol assignments"),
        (IPAddress.Parse("192.168.0.0"), 16, "private"),
        (IPAddress.Parse("198.18.0.0"), 15, "benchmarking"),
        (IPAddress.Parse("168.63.129.16"), 32, "Azure platform (WireServer)"),
        (IPAddress.Parse("224.0.0.0"), 4, "multicast"),
        (IPAddress.Parse("240.0.0.0"), 4, "reserved"),
    ];

    private static readonly (IPAddress Network, int PrefixLength, string Name)[] BlockedV6 =
    [
        (IPAddress.IPv6Any, 128, "unspecified"),
        (IPAddress.IPv6Loopback, 128, "loopback"),
        (IPAddress.Parse("fc00::"), 7, "unique local"),
        (IPAddress.Parse("fe80::"), 10, "link-local"),
        (IPAddress.Parse("ff00::"), 8, "multicast"),
        (IPAddress.Parse("64:ff9b:1::"), 48, "local-use NAT64"),
    ];

    /// <summary>Why the address is not public, or null when it is.</summary>
    public static string? NonPublicReason(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var ranges = address.AddressFamily == AddressFamily.InterNetwork ? BlockedV4 : BlockedV6;
        foreach (var (network, prefixLength, name) in ranges)
        {
            if (IsInRange(address, network, prefixLength))
            {
                return name;
            }
        }

        return null;
    }

    private static bool IsInRange(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        network.TryWriteBytes(n, out _);
        for (var bit = 0; bit < prefixLength && bit < length * 8; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}

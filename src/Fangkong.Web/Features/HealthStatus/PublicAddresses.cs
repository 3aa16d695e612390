using System.Net;
using System.Net.Sockets;

namespace Fangkong.Web.Features.HealthStatus;

// Outbound fetches an administrator points at a URL (another city's key set) may only reach public
// hosts: not this server's own ports, not the intranet, not the cloud metadata address. The host is
// resolved at connect time and every address checked, and the connection goes to the checked
// addresses, so neither a DNS answer that changes nor a redirect (not followed) gets around it.
public static class PublicAddresses
{
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        // A proxy would be the host connected to, and the checks would see only its address.
        UseProxy = false,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (addresses.Length == 0 || (!allowPrivate && !addresses.All(IsPublic)))
                throw new HttpRequestException("The host is not a public address.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127                 // this network, private, loopback
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)                 // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                              // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)                  // private
                || (b[0] == 192 && b[1] == 168)                              // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)                   // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))               // benchmarking
                || b[0] >= 224);                                             // multicast, reserved
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || address.IsIPv4MappedToIPv6 || address.IsIPv6Teredo
                || (b[0] == 0x20 && b[1] == 0x02)                            // 6to4 wraps an IPv4 address
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)); // NAT64 wraps one too
        }
        return false;
    }
}

using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;
using Tmds.Linux;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// Opens the two raw sockets of IP protocol 112 keepalived uses per interface and family
/// (vrrp.c open_vrrp_send_socket / open_vrrp_read_socket): a send socket that queues nothing and
/// a read socket that only gets the group (or the unicast source) on the interface.
/// </summary>
internal static class VrrpSocketSetup
{
    public static Socket OpenSend(VrrpSocketOptions options, int ifIndex)
    {
        bool v4 = options.Family == AddressFamily.InterNetwork;
        Socket socket = KernelSocket.Open(v4 ? AF_INET : AF_INET6, SOCK_RAW, IPPROTO_VRRP);
        try
        {
            // nothing is read here: no receive buffer, and a filter that drops everything
            KernelSocket.SetOption(socket, SOL_SOCKET, SO_RCVBUF, 0);
            KernelSocket.SetOption(socket, v4 ? IPPROTO_IP : IPPROTO_IPV6, v4 ? IP_MULTICAST_ALL : IPV6_MULTICAST_ALL, 0);
            if (v4)
            {
                // keepalived writes the IPv4 header itself (TOS 0xc0, TTL, exact source)
                KernelSocket.SetOption(socket, IPPROTO_IP, IP_HDRINCL, 1);
            }
            else
            {
                // the kernel computes the VRRP checksum (offset 6) over the IPv6 pseudo-header
                KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_CHECKSUM, 6);
                if (!options.Unicast)
                    KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255);
                else if (options.UnicastTtl is byte hops)
                    KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_UNICAST_HOPS, hops);
            }

            SocketOption.BindToDevice(socket, options.Interface);
            if (!options.Unicast)
            {
                if (v4)
                    SocketOption.Set(socket, IPPROTO_IP, IP_MULTICAST_IF, new ip_mreqn { imr_ifindex = ifIndex });
                else
                    KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_MULTICAST_IF, ifIndex);
                // we must not hear our own adverts
                KernelSocket.SetOption(socket, v4 ? IPPROTO_IP : IPPROTO_IPV6, v4 ? IP_MULTICAST_LOOP : IPV6_MULTICAST_LOOP, 0);
            }

            // IPv4's TOS is in the header we write; IP_TOS also sets the socket priority as keepalived's does
            if (v4)
                KernelSocket.SetOption(socket, IPPROTO_IP, IP_TOS, Ipv4Header.VrrpTypeOfService);
            else
                KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_TCLASS, Ipv4Header.VrrpTypeOfService);

            SocketOption.ReceiveNothing(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Socket OpenRead(VrrpSocketOptions options, int ifIndex)
    {
        bool v4 = options.Family == AddressFamily.InterNetwork;
        Socket socket = KernelSocket.Open(v4 ? AF_INET : AF_INET6, SOCK_RAW, IPPROTO_VRRP);
        try
        {
            // only the groups joined on this socket, not every group some socket joined
            KernelSocket.SetOption(socket, v4 ? IPPROTO_IP : IPPROTO_IPV6, v4 ? IP_MULTICAST_ALL : IPV6_MULTICAST_ALL, 0);

            // bound to the device first, so binding a link-local address or group can use its scope
            SocketOption.BindToDevice(socket, options.Interface);

            Span<byte> sockaddr = stackalloc byte[InetSockAddr.MaxLength];
            if (!options.Unicast)
            {
                JoinGroup(socket, options.Group, ifIndex);
                // bound to the group, unicast VRRP packets are not delivered here
                KernelSocket.Bind(socket, sockaddr[..InetSockAddr.Write(sockaddr, options.Group, ifIndex)]);
            }
            else if (options.UnicastSource is IPAddress source)
            {
                KernelSocket.Bind(socket, sockaddr[..InetSockAddr.Write(sockaddr, source, source.IsIPv6LinkLocal ? ifIndex : 0)]);
            }

            if (v4)
            {
                KernelSocket.SetOption(socket, IPPROTO_IP, IP_PKTINFO, 1);
            }
            else
            {
                KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
                KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
                // the kernel verifies the VRRP checksum and drops bad ones
                KernelSocket.SetOption(socket, IPPROTO_IPV6, IPV6_CHECKSUM, 6);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static unsafe void JoinGroup(Socket socket, IPAddress group, int ifIndex)
    {
        if (group.AddressFamily == AddressFamily.InterNetwork)
        {
            ip_mreqn request = new() { imr_ifindex = ifIndex };
            group.TryWriteBytes(new Span<byte>(request.imr_multiaddr.s_addr, 4), out _);
            SocketOption.Set(socket, IPPROTO_IP, IP_ADD_MEMBERSHIP, request);
        }
        else
        {
            ipv6_mreq request = new() { ipv6mr_interface = (uint)ifIndex };
            group.TryWriteBytes(new Span<byte>(request.ipv6mr_multiaddr.s6_addr, 16), out _);
            SocketOption.Set(socket, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, request);
        }
    }
}

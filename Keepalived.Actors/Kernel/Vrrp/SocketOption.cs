using System.Net.Sockets;
using System.Text;
using Keepalived.Actors.Kernel.Libc;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>setsockopt() with the struct and string values <see cref="KernelSocket"/> has no overload for.</summary>
internal static class SocketOption
{
    public static unsafe void Set<T>(Socket socket, int level, int name, T value) where T : unmanaged =>
        ThrowIfFailed(SetSockOpt(socket.SafeHandle, level, name, (byte*)&value, sizeof(T)), $"setsockopt({level}, {name})");

    /// <summary>SO_BINDTODEVICE: the interface name, NUL-terminated.</summary>
    public static unsafe void BindToDevice(Socket socket, string interfaceName)
    {
        Span<byte> name = stackalloc byte[IFNAMSIZ];
        name.Clear();
        if (Encoding.UTF8.GetByteCount(interfaceName) >= IFNAMSIZ)
            throw new ArgumentException($"interface name '{interfaceName}' is longer than {IFNAMSIZ - 1} bytes", nameof(interfaceName));
        int length = Encoding.UTF8.GetBytes(interfaceName, name);
        fixed (byte* n = name)
            ThrowIfFailed(SetSockOpt(socket.SafeHandle, SOL_SOCKET, SO_BINDTODEVICE, n, length + 1), "setsockopt(SO_BINDTODEVICE)");
    }

    /// <summary>A classic BPF filter of one "ret #0": the socket queues nothing (keepalived's if_setsockopt_no_receive).</summary>
    public static unsafe void ReceiveNothing(Socket socket)
    {
        const ushort BpfRetK = 0x06; // BPF_RET | BPF_K
        SockFilter dropAll = new() { Code = BpfRetK, K = 0 };
        SockFprog program = new() { Length = 1, Filter = &dropAll };
        Set(socket, SOL_SOCKET, SO_ATTACH_FILTER, program);
    }
}

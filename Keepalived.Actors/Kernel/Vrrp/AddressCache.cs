using System.Net;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// Hands out the same <see cref="IPAddress"/> for the same bytes so a steady stream of adverts
/// from a few peers allocates nothing: VRRP sees a handful of sources and destinations per socket.
/// Round-robin replacement; one reader only. Callers must not mutate the returned instances.
/// </summary>
internal sealed class AddressCache
{
    private const int Capacity = 16;

    private readonly Entry[] _entries = new Entry[Capacity];
    private int _next;

    public IPAddress Get(ReadOnlySpan<byte> bytes, uint scopeId = 0)
    {
        UInt128 key = Key(bytes);
        foreach (ref readonly Entry e in _entries.AsSpan())
            if (e.Address is not null && e.Key == key && e.Length == bytes.Length && e.ScopeId == scopeId)
                return e.Address;

        var address = bytes.Length == 4 ? new IPAddress(bytes) : new IPAddress(bytes, scopeId);
        _entries[_next] = new Entry(key, bytes.Length, scopeId, address);
        _next = (_next + 1) % Capacity;
        return address;
    }

    private static UInt128 Key(ReadOnlySpan<byte> bytes)
    {
        Span<byte> padded = stackalloc byte[16];
        padded.Clear();
        bytes.CopyTo(padded);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(padded);
    }

    private readonly record struct Entry(UInt128 Key, int Length, uint ScopeId, IPAddress? Address);
}

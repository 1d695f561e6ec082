using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>Network interfaces by name (net/if.h): LibraryImport, Tmds.LibC has no if_nametoindex.</summary>
internal static partial class LibcCalls
{
    public const int IFNAMSIZ = 16;

    [LibraryImport(LibraryName, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);
}

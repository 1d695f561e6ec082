using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>A file descriptor owned by this process (closed with close(2)); -1 is invalid.</summary>
public sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    protected override bool ReleaseHandle() => LibcCalls.Close((int)handle) == 0;
}

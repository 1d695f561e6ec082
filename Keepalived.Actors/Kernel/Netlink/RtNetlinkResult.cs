namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// How an add or delete ended, for the outcomes keepalived ignores: the kernel's EEXIST on an
/// add, and on a delete ESRCH (route), ENOENT (rule), EADDRNOTAVAIL (address) or ENODEV (the
/// interface has gone). Every other error is an <see cref="Libc.ErrnoException"/>.
/// </summary>
public enum RtNetlinkResult
{
    Done,
    Exists,
    NotFound,
}

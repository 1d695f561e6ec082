using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>How <see cref="IpvsActor"/> takes the kernel's answer to a change.</summary>
internal static class IpvsErrors
{
    /// <summary>
    /// The table moved under us (ipvsadm, a race): EEXIST on a NEW, ENOENT on SET_DEST or a DEL,
    /// ESRCH (the service is missing) on anything; or the request itself was lost. The next dump
    /// shows how things are and the next plan is made from it.
    /// </summary>
    public static bool IsTransient(IpvsCommand command, Errno errno) => errno switch
    {
        Errno.EEXIST => command is IpvsCommand.NewService or IpvsCommand.NewDest,
        Errno.ENOENT => command is IpvsCommand.SetDest or IpvsCommand.DelDest or IpvsCommand.DelService,
        Errno.ESRCH or Errno.ETIMEDOUT or Errno.ENOBUFS or Errno.EINTR or Errno.EAGAIN or Errno.EBUSY or Errno.ENOMEM => true,
        _ => false,
    };

    /// <summary>A delete that found nothing to delete: done, as far as we are concerned.</summary>
    public static bool IsGone(IpvsCommand command, Errno errno) =>
        command is IpvsCommand.DelDest or IpvsCommand.DelService && errno is Errno.ENOENT or Errno.ESRCH;

    /// <summary>ENOENT on NEW/SET_SERVICE is the kernel's "no such scheduler / persistence engine".</summary>
    public static string Explain(IpvsCommand command, Errno errno) => errno switch
    {
        Errno.ENOENT when command is IpvsCommand.NewService or IpvsCommand.SetService => "ENOENT (no such scheduler or persistence engine)",
        Errno.EPERM => "EPERM (IPVS needs CAP_NET_ADMIN)",
        Errno.EINVAL => "EINVAL (the kernel refused the settings)",
        _ => Enum.IsDefined(errno) ? errno.ToString() : $"errno {(int)errno}",
    };
}

using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>Which kernel answers are left to the next reconcile (the errnos the VM run observed, tests/ipvs-kernel).</summary>
public sealed class IpvsErrorsTests
{
    [Theory]
    [InlineData(IpvsCommand.NewService, Errno.EEXIST, true)]
    [InlineData(IpvsCommand.NewDest, Errno.EEXIST, true)]
    [InlineData(IpvsCommand.NewDest, Errno.ESRCH, true)]
    [InlineData(IpvsCommand.SetDest, Errno.ENOENT, true)]
    [InlineData(IpvsCommand.DelDest, Errno.ENOENT, true)]
    [InlineData(IpvsCommand.SetService, Errno.ESRCH, true)]
    [InlineData(IpvsCommand.NewService, Errno.ENOENT, false)] // no such scheduler: a configuration error
    [InlineData(IpvsCommand.SetService, Errno.ENOENT, false)]
    [InlineData(IpvsCommand.NewService, Errno.EPERM, false)]
    [InlineData(IpvsCommand.NewDest, Errno.EINVAL, false)]
    [InlineData(IpvsCommand.SetDest, Errno.EEXIST, false)]
    public void Transient_errors(IpvsCommand command, Errno errno, bool transient) =>
        Assert.Equal(transient, IpvsErrors.IsTransient(command, errno));

    [Theory]
    [InlineData(IpvsCommand.DelService, Errno.ESRCH, true)]
    [InlineData(IpvsCommand.DelDest, Errno.ENOENT, true)]
    [InlineData(IpvsCommand.DelDest, Errno.ESRCH, true)]
    [InlineData(IpvsCommand.NewDest, Errno.ESRCH, false)]
    [InlineData(IpvsCommand.DelService, Errno.EPERM, false)]
    public void A_delete_of_something_gone_is_done(IpvsCommand command, Errno errno, bool gone) =>
        Assert.Equal(gone, IpvsErrors.IsGone(command, errno));

    [Fact]
    public void ENOENT_on_a_new_service_is_explained_as_an_unknown_scheduler() =>
        Assert.Contains("scheduler", IpvsErrors.Explain(IpvsCommand.NewService, Errno.ENOENT));
}

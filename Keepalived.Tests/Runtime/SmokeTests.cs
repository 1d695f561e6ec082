using Keepalived.Actors.Runtime;
using Keepalived.Actors.Runtime.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace Keepalived.Tests.Runtime;

public sealed class SmokeTests(ITestOutputHelper output) : TestKit(output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell("echo:" + s));
    }

    [Fact]
    public void Echo_replies_to_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        Assert.Equal("/user/echo", echo.Path.ToString());
        echo.Tell("hi", TestActor);
        Assert.Equal("echo:hi", ExpectMsg<string>());
    }
}

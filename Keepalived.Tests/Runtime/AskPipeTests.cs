namespace Keepalived.Tests.Runtime;

public sealed class AskPipeTests(ITestOutputHelper output) : TestKit(output)
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<int>(n => Sender.Tell(n * 2));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("no"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell(s.Length));
            Receive<Task<int>>(t => t.PipeTo(Sender, Self, success: n => $"piped {n}", failure: e => $"failed {e.Message}"));
        }
    }

    private IActorRef NewReplier() => Sys.ActorOf(Props.Create(() => new Replier()));

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        Assert.Equal(42, await NewReplier().Ask<int>(21, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_times_out_when_nobody_answers()
    {
        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() =>
            NewReplier().Ask<int>("silent", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("100 ms", ex.Message);
    }

    [Fact]
    public async Task Ask_to_a_dead_actor_times_out_and_the_message_is_a_dead_letter()
    {
        var dead = Watch(NewReplier());
        Sys.Stop(dead);
        ExpectTerminated(dead);
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(DeadLetter));
        await Assert.ThrowsAsync<AskTimeoutException>(() => dead.Ask<int>(1, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(1, letters.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public async Task Ask_faults_on_a_failure_reply_and_on_a_reply_of_the_wrong_type()
    {
        var replier = NewReplier();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => replier.Ask<int>("fail", TimeSpan.FromSeconds(5)));
        Assert.Equal("no", failure.Message);
        await Assert.ThrowsAsync<InvalidCastException>(() => replier.Ask<string>(3, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var pending = NewReplier().Ask<int>("silent", TimeSpan.FromSeconds(30), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public void PipeTo_sends_the_result_or_the_failure()
    {
        var replier = NewReplier();
        var tcs = new TaskCompletionSource<int>();
        replier.Tell(tcs.Task);
        tcs.SetResult(7);
        ExpectMsg("piped 7");
        replier.Tell(Task.FromException<int>(new IOException("disk")));
        ExpectMsg("failed disk");

        Task.FromException(new IOException("plain")).PipeTo(TestActor);
        Assert.Equal("plain", ExpectMsg<Status.Failure>().Cause.Message);
        Task.CompletedTask.PipeTo(TestActor);
        ExpectMsg<Status.Success>();
    }
}

namespace Keepalived.Tests.Runtime;

public sealed class MailboxTests(ITestOutputHelper output) : TestKit(output, settings: ActorSystemSettings.Default with { Throughput = 10 })
{
    private sealed record Seq(int Sender, int N);

    private sealed class OrderChecker(IActorRef probe, int senders, int perSender) : UntypedActor
    {
        private readonly int[] _last = Enumerable.Repeat(-1, senders).ToArray();
        private int _total;

        protected override void OnReceive(object message)
        {
            if (message is Gate g)
            {
                g.Pass();
                return;
            }
            var s = (Seq)message;
            if (s.N != _last[s.Sender] + 1) probe.Tell($"out of order: sender {s.Sender} got {s.N} after {_last[s.Sender]}");
            _last[s.Sender] = s.N;
            if (++_total == senders * perSender) probe.Tell("done");
        }
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_the_order_sent()
    {
        const int senders = 4, perSender = 20_000;
        var checker = Sys.ActorOf(Props.Create(() => new OrderChecker(TestActor, senders, perSender)));
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var n = 0; n < perSender; n++) checker.Tell(new Seq(s, n), ActorRefs.NoSender);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        ExpectMsg("done", TimeSpan.FromSeconds(20));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        var actor = Watch(Sys.ActorOf(LifecycleActor.Props(TestActor, "a"), "a"));
        ExpectMsg("a:PreStart");
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(DeadLetter));
        var gate = new Gate();
        actor.Tell(gate);
        gate.AwaitEntered();
        for (var i = 0; i < 5; i++) actor.Tell($"m{i}");
        Sys.Stop(actor);
        gate.Release();
        // The stop comes first: none of the queued messages is processed, all become dead letters.
        ExpectMsg("a:PostStop");
        ExpectTerminated(actor);
        var dead = Enumerable.Range(0, 5).Select(_ => letters.ExpectMsg<DeadLetter>().Message).ToList();
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], dead);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Tell_to_a_stopped_actor_publishes_a_dead_letter()
    {
        var actor = Watch(Sys.ActorOf(LifecycleActor.Props(TestActor, "a"), "a"));
        ExpectMsg("a:PreStart");
        actor.Tell(PoisonPill.Instance);
        ExpectMsg("a:PostStop");
        ExpectTerminated(actor);
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(DeadLetter));
        actor.Tell("late");
        var letter = letters.ExpectMsg<DeadLetter>();
        Assert.Equal("late", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        Assert.Equal(TestActor, letter.Sender);
    }

    [Fact]
    public void PoisonPill_is_processed_in_order()
    {
        var actor = Watch(Sys.ActorOf(LifecycleActor.Props(TestActor, "a"), "a"));
        ExpectMsg("a:PreStart");
        actor.Tell("one");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("two");
        ExpectMsg("a:one");
        ExpectMsg("a:PostStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_turn_processes_at_most_Throughput_user_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OrderChecker(TestActor, 1, 100)));
        var cell = ((LocalActorRef)actor).Cell;
        var gate = new Gate();
        actor.Tell(gate);
        gate.AwaitEntered();
        var turnsBefore = cell.Turns;
        for (var n = 0; n < 100; n++) actor.Tell(new Seq(0, n));
        gate.Release();
        ExpectMsg("done");
        // 100 queued messages at 10 per turn need at least 10 turns.
        Assert.True(cell.Turns - turnsBefore >= 10, $"only {cell.Turns - turnsBefore} turns");
    }
}

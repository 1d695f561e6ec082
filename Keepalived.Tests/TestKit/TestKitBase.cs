using System.Collections.Concurrent;
using System.Diagnostics;

namespace Keepalived.Actors.Runtime.TestKit;

/// <summary>Raised by a failed TestKit expectation.</summary>
public sealed class TestKitAssertionException(string message) : Exception(message);

/// <summary>
/// Expectations on the messages that reach <see cref="TestActor"/>, with Akka.TestKit's names.
/// Every wait is bounded: by the duration given, by the enclosing <see cref="Within(TimeSpan, Action)"/>,
/// or by <see cref="DefaultTimeout"/>.
/// </summary>
public abstract class TestKitBase
{
    private readonly BlockingCollection<MessageEnvelope> _queue = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _deadline;
    private MessageEnvelope? _last;

    protected TestKitBase(ActorSystem system, string? testActorName)
    {
        Sys = system;
        TestActor = system.ActorOf(Props.Create(() => new TestActor(_queue)), testActorName ?? "testActor" + Guid.NewGuid().ToString("N")[..8]);
    }

    public ActorSystem Sys { get; }

    /// <summary>The actor whose messages the expectations read.</summary>
    public IActorRef TestActor { get; }

    /// <summary>Sender of the last message received by an expectation.</summary>
    public IActorRef LastSender => _last?.Sender ?? Sys.DeadLetters;

    /// <summary>Used where no duration is given and no Within block is active (Akka: single-expect-default).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time left in the enclosing Within block, or <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan RemainingOrDefault => _deadline is { } d ? Max(d - _clock.Elapsed, TimeSpan.Zero) : DefaultTimeout;

    public bool HasMessages => _queue.Count > 0;

    public T ExpectMsg<T>(TimeSpan? duration = null) => ExpectMsg<T>(_ => true, duration);

    public T ExpectMsg<T>(T message, TimeSpan? duration = null) =>
        ExpectMsg<T>(m => Equals(m, message), duration, $"equal to {message}");

    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? duration = null, string? hint = null)
    {
        var received = Receive(duration, $"{typeof(T).Name}{(hint is null ? "" : " " + hint)}");
        if (received.Message is T typed && isMessage(typed)) return typed;
        throw new TestKitAssertionException(
            $"Expected a {typeof(T).Name}{(hint is null ? " matching the predicate" : " " + hint)}, got {Describe(received)}");
    }

    /// <summary>Asserts inside the expectation; the assertion's own exception propagates.</summary>
    public T ExpectMsg<T>(Action<T, IActorRef> assertion, TimeSpan? duration = null)
    {
        var received = ExpectMsg<T>(duration);
        assertion(received, LastSender);
        return received;
    }

    /// <summary>Expects a message from <paramref name="sender"/>.</summary>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? duration = null)
    {
        var received = ExpectMsg<T>(duration);
        if (!LastSender.Equals(sender))
            throw new TestKitAssertionException($"Expected {typeof(T).Name} from {sender}, but it came from {LastSender}");
        return received;
    }

    /// <summary>Expects all these messages, in any order, and nothing else in between.</summary>
    public IReadOnlyList<object> ExpectMsgAllOf(IReadOnlyCollection<object> messages, TimeSpan? duration = null)
    {
        var missing = messages.ToList();
        var got = new List<object>();
        var max = duration ?? RemainingOrDefault;
        var stop = _clock.Elapsed + max;
        while (missing.Count > 0)
        {
            var m = Receive(Max(stop - _clock.Elapsed, TimeSpan.Zero), $"any of [{string.Join(", ", missing)}]").Message;
            if (!missing.Remove(m))
                throw new TestKitAssertionException($"Unexpected {m}; still expecting [{string.Join(", ", missing)}]");
            got.Add(m);
        }
        return got;
    }

    /// <summary>Asserts that no message arrives for <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_queue.TryTake(out var unexpected, duration))
        {
            _last = unexpected;
            throw new TestKitAssertionException($"Expected no message for {duration.TotalMilliseconds} ms, got {Describe(unexpected)}");
        }
    }

    public void ExpectNoMsg() => ExpectNoMsg(TimeSpan.FromMilliseconds(200));

    /// <summary>Expects <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? duration = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), duration, $"of {target}");

    /// <summary>Skips messages until one matches; fails if none does in time.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? max = null, string hint = "a matching message") =>
        FishForMessage<object>(isMessage, max, hint);

    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string? hint = null)
    {
        var stop = _clock.Elapsed + (max ?? RemainingOrDefault);
        while (true)
        {
            var received = Receive(Max(stop - _clock.Elapsed, TimeSpan.Zero), hint ?? $"a matching {typeof(T).Name}");
            if (received.Message is T typed && isMessage(typed)) return typed;
        }
    }

    /// <summary>Receives exactly <paramref name="count"/> messages.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        var stop = _clock.Elapsed + (max ?? RemainingOrDefault);
        return Enumerable.Range(0, count)
            .Select(i => Receive(Max(stop - _clock.Elapsed, TimeSpan.Zero), $"message {i + 1} of {count}").Message)
            .ToList();
    }

    /// <summary>Receives the next message whatever it is, or null on timeout.</summary>
    public object? ReceiveOne(TimeSpan? max = null)
    {
        if (!_queue.TryTake(out var e, max ?? RemainingOrDefault)) return null;
        _last = e;
        return e.Message;
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a deadline: expectations inside share the time left,
    /// and the block fails if it took longer than <paramref name="max"/> (or less than <paramref name="min"/>).
    /// </summary>
    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var start = _clock.Elapsed;
        var outer = _deadline;
        var deadline = start + max;
        _deadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            var result = function();
            var took = _clock.Elapsed - start;
            if (took < min) throw new TestKitAssertionException($"Within: block took {took.TotalMilliseconds:F0} ms, less than {min.TotalMilliseconds} ms");
            if (took > max) throw new TestKitAssertionException($"Within: block took {took.TotalMilliseconds:F0} ms, more than {max.TotalMilliseconds} ms");
            return result;
        }
        finally
        {
            _deadline = outer;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing; rethrows the last failure at the deadline.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var stop = _clock.Elapsed + (duration ?? RemainingOrDefault);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (_clock.Elapsed < stop)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails at the deadline.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) =>
        AwaitAssert(() =>
        {
            if (!condition()) throw new TestKitAssertionException($"Condition not met in time: {message ?? "AwaitCondition"}");
        }, max);

    /// <summary>Makes <see cref="TestActor"/> watch <paramref name="subject"/>; returns once the watch is in place.</summary>
    public IActorRef Watch(IActorRef subject) => WatchRequest(subject, true);

    public IActorRef Unwatch(IActorRef subject) => WatchRequest(subject, false);

    /// <summary>Sends <paramref name="message"/> to <paramref name="actor"/> with <see cref="TestActor"/> as sender.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, TestActor);

    /// <summary>Replies to <see cref="LastSender"/>.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Forwards a message to <paramref name="actor"/> keeping <see cref="LastSender"/>.</summary>
    public void Forward(IActorRef actor, object message) => actor.Tell(message, LastSender);

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>Waits until an actor lives at <paramref name="path"/> and returns it.</summary>
    public IActorRef Resolve(string path, TimeSpan? max = null)
    {
        IActorRef found = ActorRefs.Nobody;
        AwaitAssert(() => found = Sys.ActorSelection(path).ResolveOne(TimeSpan.Zero).GetAwaiter().GetResult(), max);
        return found;
    }

    private IActorRef WatchRequest(IActorRef subject, bool watch)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new TestActor.WatchRequest(subject, watch, done), ActorRefs.NoSender);
        if (!done.Task.Wait(DefaultTimeout))
            throw new TestKitAssertionException($"TestActor did not {(watch ? "watch" : "unwatch")} {subject} in time");
        return subject;
    }

    private MessageEnvelope Receive(TimeSpan? duration, string expected)
    {
        var wait = duration ?? RemainingOrDefault;
        if (_deadline is { } d && _clock.Elapsed + wait > d) wait = Max(d - _clock.Elapsed, TimeSpan.Zero);
        if (!_queue.TryTake(out var envelope, wait))
            throw new TestKitAssertionException($"Timeout ({wait.TotalMilliseconds:F0} ms) while waiting for {expected}");
        _last = envelope;
        return envelope;
    }

    private static string Describe(MessageEnvelope e) => $"{e.Message} ({e.Message.GetType().Name}) from {e.Sender}";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

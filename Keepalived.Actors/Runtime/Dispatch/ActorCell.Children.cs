namespace Keepalived.Actors.Runtime;

/// <summary>
/// The children registry. <c>ActorOf</c> may be called from other threads (the system's
/// <c>ActorOf</c> adds to the user guardian), so the registry is locked; a name stays taken
/// until the child's termination has been processed here.
/// </summary>
internal sealed partial class ActorCell : ISupervisionContext
{
    private readonly Dictionary<string, ChildInfo> _children = new(StringComparer.Ordinal);
    private long _nextChildName;
    private ISupervisionContext _supervision => this;

    private sealed class ChildInfo(LocalActorRef child)
    {
        public LocalActorRef Ref { get; } = child;
        public ChildRestartStats Stats { get; } = new(child);
        public bool Stopping { get; set; }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = "$" + EncodeName(Interlocked.Increment(ref _nextChildName));
        else if (!ActorPath.IsValidName(name))
            throw new InvalidActorNameException($"Illegal actor name [{name}]: must be non-empty, without '/' or whitespace, not starting with '$'");
        var path = SelfRef.Path / name;
        if (System.Interceptor is { } interceptor) props = interceptor.ResolveProps(path, props);
        ActorCell cell;
        lock (_children)
        {
            if (_isTerminating || _terminated)
                throw new InvalidOperationException($"Cannot create child [{name}] of {SelfRef.Path}: it is stopping");
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"Actor name [{name}] is not unique among the children of {SelfRef.Path}");
            cell = new ActorCell(System, this, path, props);
            _children.Add(name, new ChildInfo(cell.SelfRef));
        }
        cell.SendSystem(Runtime.Create.Instance);
        return cell.SelfRef;
    }

    public IActorRef Child(string name)
    {
        lock (_children)
            return _children.TryGetValue(name, out var info) ? info.Ref : ActorRefs.Nobody;
    }

    public IEnumerable<IActorRef> GetChildren() => ChildrenSnapshot();

    public void Stop(IActorRef actor)
    {
        if (actor is not LocalActorRef local) return;
        if (!local.Equals(SelfRef)) MarkStopping(local);
        local.SendSystemMessage(Runtime.Terminate.Instance);
    }

    private LocalActorRef[] ChildrenSnapshot()
    {
        lock (_children) return _children.Values.Select(c => c.Ref).ToArray();
    }

    private IReadOnlyList<ChildRestartStats> ChildStats()
    {
        lock (_children) return _children.Values.Where(c => !c.Stopping).Select(c => c.Stats).ToArray();
    }

    private bool HasChildren
    {
        get { lock (_children) return _children.Count > 0; }
    }

    private bool HasStoppingChildren
    {
        get { lock (_children) return _children.Values.Any(c => c.Stopping); }
    }

    private bool TryGetChild(IActorRef child, out ChildInfo info)
    {
        lock (_children)
            return _children.TryGetValue(child.Path.Name, out info!) && info.Ref.Equals(child);
    }

    private void MarkStopping(LocalActorRef child)
    {
        lock (_children)
            if (_children.TryGetValue(child.Path.Name, out var info) && info.Ref.Equals(child)) info.Stopping = true;
    }

    private void RemoveChild(IActorRef child)
    {
        lock (_children)
            if (_children.TryGetValue(child.Path.Name, out var info) && info.Ref.Equals(child))
                _children.Remove(child.Path.Name);
    }

    /// <summary>Akka's generated names: $a, $b, ... $z, $ba, ...</summary>
    private static string EncodeName(long n)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyz";
        var chars = new Stack<char>();
        n--;
        do
        {
            chars.Push(digits[(int)(n % 26)]);
            n /= 26;
        } while (n > 0);
        return new string(chars.ToArray());
    }

    void ISupervisionContext.ResumeChild(IActorRef child, Exception cause) =>
        ((LocalActorRef)child).SendSystemMessage(Runtime.ResumeAfterFailure.Instance);

    void ISupervisionContext.RestartChild(IActorRef child, Exception cause) =>
        ((LocalActorRef)child).SendSystemMessage(new Recreate(cause));

    void ISupervisionContext.StopChild(IActorRef child) => Stop(child);

    Serilog.ILogger ISupervisionContext.Logger => System.Logger;

    TimeSpan ISupervisionContext.Now => System.Scheduler.MonotonicClock;
}

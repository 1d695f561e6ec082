using System.Buffers.Binary;
using System.Collections;
using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Scripts;

/// <summary>
/// A process started with posix_spawn(3), as keepalived's system_call_script starts a script
/// after its fork: in a process group of its own (so a timeout kills the script's children with
/// it), with every signal at its default disposition and none blocked (the runtime ignores
/// SIGPIPE and blocks others), stdin from /dev/null, and the environment without IFS,
/// LD_PRELOAD and LD_LIBRARY_PATH. posix_spawn is one vfork-like clone and an exec: no managed
/// code runs in the child, and no helper program is exec'd on the way.
/// Its exit is seen through a pidfd on one shared reaper thread, which reaps it with waitid.
/// </summary>
internal sealed class ChildProcess
{
    private static readonly string[] DroppedEnvironment = ["IFS", "LD_PRELOAD", "LD_LIBRARY_PATH"];
    private static readonly Lazy<nint> EnvironmentBlock = new(BuildEnvironmentBlock);
    private static readonly Lazy<EpollEventLoop> Reaper = new(() => new EpollEventLoop("script-reaper"));

    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SafeFileDescriptor _pidFd;
    private readonly Lock _gate = new();
    private bool _reaped;

    private ChildProcess(int pid, SafeFileDescriptor pidFd)
    {
        Pid = pid;
        _pidFd = pidFd;
    }

    public int Pid { get; }

    /// <summary>The exit status once reaped: the exit code, or 128 + the signal that ended it (as a shell reports it).</summary>
    public Task<int> Exited => _exit.Task;

    /// <summary>Once <see cref="Exited"/> has completed: a signal ended the child (its status is then 128 + the signal).</summary>
    public bool Signaled { get; private set; }

    /// <summary>Starts <paramref name="file"/> with <paramref name="argv"/> (argv[0] included).</summary>
    /// <param name="standardOutput">Becomes the child's stdout (and stderr); null: it inherits ours.</param>
    /// <exception cref="ErrnoException">posix_spawn or pidfd_open failed (e.g. ENOENT, EACCES).</exception>
    public static ChildProcess Start(string file, IReadOnlyList<string> argv, SafeHandle? standardOutput = null) =>
        Start(file, argv, standardOutput, LibcCalls.PidFdOpen);

    /// <param name="pidFdOpen">pidfd_open; a test's stand-in makes it fail.</param>
    internal static unsafe ChildProcess Start(string file, IReadOnlyList<string> argv, SafeHandle? standardOutput, Func<int, int> pidFdOpen)
    {
        var args = stackalloc byte*[argv.Count + 1];
        args[argv.Count] = null;
        var addRef = false;
        try
        {
            for (var i = 0; i < argv.Count; i++) args[i] = Utf8StringMarshaller.ConvertToUnmanaged(argv[i]);

            var attr = stackalloc byte[LibcCalls.SpawnAttrSize];
            var actions = stackalloc byte[LibcCalls.SpawnFileActionsSize];
            var mask = stackalloc byte[LibcCalls.SigSetSize];
            var defaults = stackalloc byte[LibcCalls.SigSetSize];
            LibcCalls.PosixSpawnAttrInit(attr);
            LibcCalls.PosixSpawnFileActionsInit(actions);
            try
            {
                LibcCalls.SigEmptySet(mask);
                LibcCalls.SigFillSet(defaults);
                LibcCalls.PosixSpawnAttrSetFlags(attr, (short)(LibcCalls.POSIX_SPAWN_SETPGROUP
                    | LibcCalls.POSIX_SPAWN_SETSIGMASK | LibcCalls.POSIX_SPAWN_SETSIGDEF));
                LibcCalls.PosixSpawnAttrSetPGroup(attr, 0);
                LibcCalls.PosixSpawnAttrSetSigMask(attr, mask);
                LibcCalls.PosixSpawnAttrSetSigDefault(attr, defaults);
                fixed (byte* devNull = "/dev/null\0"u8)
                    LibcCalls.PosixSpawnFileActionsAddOpen(actions, 0, devNull, LibcCalls.O_RDONLY, 0);
                if (standardOutput is not null)
                {
                    standardOutput.DangerousAddRef(ref addRef);
                    var fd = (int)standardOutput.DangerousGetHandle();
                    LibcCalls.PosixSpawnFileActionsAddDup2(actions, fd, 1);
                    LibcCalls.PosixSpawnFileActionsAddDup2(actions, fd, 2);
                }

                int pid;
                var error = LibcCalls.PosixSpawn(&pid, file, actions, attr, args, (byte**)EnvironmentBlock.Value);
                if (error != 0) throw new ErrnoException($"posix_spawn {file}", (Errno)error);
                return Watch(pid, pidFdOpen);
            }
            finally
            {
                LibcCalls.PosixSpawnFileActionsDestroy(actions);
                LibcCalls.PosixSpawnAttrDestroy(attr);
            }
        }
        finally
        {
            if (addRef) standardOutput!.DangerousRelease();
            for (var i = 0; i < argv.Count; i++) Utf8StringMarshaller.Free(args[i]);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the child's process group (its own, from the start), unless it was reaped.</summary>
    public void SignalGroup(int signal)
    {
        // Until it is reaped the child's pid, and so its group id, cannot be reused.
        lock (_gate)
            if (!_reaped) LibcCalls.Kill(-Pid, signal);
    }

    private static unsafe ChildProcess Watch(int pid, Func<int, int> pidFdOpen)
    {
        var pidFd = pidFdOpen(pid);
        if (pidFd < 0)
        {
            // (EMFILE, say) nothing would ever reap the child: it is killed and reaped here, not left a zombie
            var errno = LibcCalls.LastErrno;
            LibcCalls.Kill(pid, LibcCalls.SIGKILL);
            while (LibcCalls.WaitPid(pid, null, 0) < 0 && LibcCalls.LastErrno == Errno.EINTR) { }
            throw new ErrnoException("pidfd_open", errno);
        }
        var child = new ChildProcess(pid, new SafeFileDescriptor(pidFd));
        Reaper.Value.Register(child._pidFd, child.Reap);
        return child;
    }

    /// <summary>On the reaper thread, when the pidfd is readable: the child has exited.</summary>
    private unsafe void Reap()
    {
        var info = stackalloc byte[LibcCalls.SigInfoSize];
        new Span<byte>(info, LibcCalls.SigInfoSize).Clear();
        int status;
        lock (_gate)
        {
            if (LibcCalls.WaitId(LibcCalls.P_PIDFD, (int)_pidFd.DangerousGetHandle(), info,
                    LibcCalls.WEXITED | LibcCalls.WNOHANG) < 0)
                status = -1;
            else if (ReadInt(info, LibcCalls.SigInfoPidOffset) == 0)
                return; // not exited after all (readable only once it has)
            else
            {
                var code = ReadInt(info, LibcCalls.SigInfoCodeOffset);
                var value = ReadInt(info, LibcCalls.SigInfoStatusOffset);
                status = code == LibcCalls.CLD_EXITED ? value : 128 + value;
                Signaled = code != LibcCalls.CLD_EXITED;
            }
            _reaped = true;
        }
        Reaper.Value.Unregister(_pidFd);
        _pidFd.Dispose();
        _exit.TrySetResult(status);
    }

    private static unsafe int ReadInt(byte* info, int offset) =>
        BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(info + offset, 4));

    /// <summary>Our environment as a NULL-terminated envp array, built once and kept for the process's life.</summary>
    private static unsafe nint BuildEnvironmentBlock()
    {
        var pairs = new List<string>();
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            if (e.Key is string key && Array.IndexOf(DroppedEnvironment, key) < 0)
                pairs.Add($"{key}={e.Value}");
        var envp = (byte**)NativeMemory.Alloc((nuint)(pairs.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < pairs.Count; i++) envp[i] = Utf8StringMarshaller.ConvertToUnmanaged(pairs[i]);
        envp[pairs.Count] = null;
        return (nint)envp;
    }
}

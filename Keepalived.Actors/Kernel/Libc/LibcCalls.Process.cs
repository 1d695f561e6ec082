using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// Starting, watching and signalling child processes: posix_spawn(3), pidfd and waitid(2).
/// LibraryImport: Tmds.LibC has no posix_spawn*, pidfd_open, waitid or waitpid; the few it has
/// (kill, sigemptyset, geteuid, ...) stay here with the rest of the family.
/// </summary>
internal static partial class LibcCalls
{
    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on every 64-bit
    // target; the buffers callers stack-allocate are larger so a different libc cannot overrun them.
    public const int SpawnAttrSize = 512;
    public const int SpawnFileActionsSize = 256;
    public const int SigSetSize = 128;

    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    public const int SIGKILL = 9;

    private const long SYS_pidfd_open = 434;
    public const int P_PIDFD = 3;
    public const int WNOHANG = 1;
    public const int WEXITED = 4;

    /// <summary>siginfo_t is 128 bytes; for SIGCHLD si_code is at 8, si_pid at 16 and si_status at 24.</summary>
    public const int SigInfoSize = 128;
    public const int SigInfoCodeOffset = 8;
    public const int SigInfoPidOffset = 16;
    public const int SigInfoStatusOffset = 24;
    public const int CLD_EXITED = 1;

    /// <summary>Returns an error number (0 on success); errno is not set.</summary>
    [LibraryImport(LibraryName, EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int PosixSpawn(int* pid, string path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_init")]
    public static unsafe partial int PosixSpawnAttrInit(void* attr);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_destroy")]
    public static unsafe partial int PosixSpawnAttrDestroy(void* attr);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setflags")]
    public static unsafe partial int PosixSpawnAttrSetFlags(void* attr, short flags);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setpgroup")]
    public static unsafe partial int PosixSpawnAttrSetPGroup(void* attr, int pgroup);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigmask")]
    public static unsafe partial int PosixSpawnAttrSetSigMask(void* attr, void* sigset);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static unsafe partial int PosixSpawnAttrSetSigDefault(void* attr, void* sigset);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_init")]
    public static unsafe partial int PosixSpawnFileActionsInit(void* actions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static unsafe partial int PosixSpawnFileActionsDestroy(void* actions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static unsafe partial int PosixSpawnFileActionsAddOpen(void* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static unsafe partial int PosixSpawnFileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport(LibraryName, EntryPoint = "sigemptyset")]
    public static unsafe partial int SigEmptySet(void* set);

    [LibraryImport(LibraryName, EntryPoint = "sigfillset")]
    public static unsafe partial int SigFillSet(void* set);

    [LibraryImport(LibraryName, EntryPoint = "syscall", SetLastError = true)]
    private static partial int Syscall(long number, int pid, uint flags);

    /// <summary><c>pidfd_open(2)</c> (Linux 5.3): a descriptor that becomes readable when the process exits.</summary>
    public static int PidFdOpen(int pid) => Syscall(SYS_pidfd_open, pid, 0);

    /// <summary><c>waitpid(2)</c>: reaps <paramref name="pid"/> (blocking unless WNOHANG); <paramref name="status"/> may be null.</summary>
    [LibraryImport(LibraryName, EntryPoint = "waitpid", SetLastError = true)]
    public static unsafe partial int WaitPid(int pid, int* status, int options);

    [LibraryImport(LibraryName, EntryPoint = "waitid", SetLastError = true)]
    public static unsafe partial int WaitId(int idType, int id, byte* sigInfo, int options);

    /// <summary><c>kill(2)</c>; a negative pid signals that process group.</summary>
    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(LibraryName, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(LibraryName, EntryPoint = "getegid")]
    public static partial uint GetEgid();
}

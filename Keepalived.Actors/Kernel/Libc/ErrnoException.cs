namespace Keepalived.Actors.Kernel.Libc;

/// <summary>A libc call failed; <see cref="Errno"/> says why.</summary>
public sealed class ErrnoException(string call, Errno errno)
    : IOException($"{call}: {Describe(errno)}", (int)errno)
{
    public Errno Errno { get; } = errno;
    public string Call { get; } = call;

    private static string Describe(Errno errno) =>
        Enum.IsDefined(errno) ? $"{errno} ({(int)errno})" : $"errno {(int)errno}";
}

namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// keepalived's <c>config_err_t</c>, in its order. The configuration's status is the highest
/// value reported (so a security error outranks everything, and an unknown keyword outranks a
/// fatal error: that is how keepalived 2.2.7 computes it).
/// </summary>
public enum ConfigErrorKind
{
    /// <summary>Printed, but does not change the status (e.g. a missing optional include).</summary>
    Ok,
    // keepalived cannot run the configuration: -t exits 4
    FileNotFound,
    BadInterface,
    Fatal,
    // errors keepalived runs past: -t exits 5
    MultipleFiles,
    UnknownKeyword,
    UnexpectedBob,
    MissingBob,
    UnexpectedEob,
    MissingEob,
    UnmatchedQuote,
    MissingParameter,
    InvalidNumber,
    GeneralError,
    Warning,
    Deprecated,
    // script security not enabled when needed: -t exits 6
    SecurityError,
}

/// <summary>The exit codes of <c>keepalived -t</c>.</summary>
public static class ConfigTestExitCode
{
    public const int Ok = 0;
    public const int Fatal = 4;
    public const int Errors = 5;
    public const int Security = 6;

    public static int For(ConfigErrorKind status) => status switch
    {
        ConfigErrorKind.Ok => Ok,
        ConfigErrorKind.FileNotFound or ConfigErrorKind.BadInterface or ConfigErrorKind.Fatal => Fatal,
        ConfigErrorKind.SecurityError => Security,
        _ => Errors,
    };
}

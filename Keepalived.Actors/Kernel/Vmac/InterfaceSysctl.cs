using System.Globalization;

namespace Keepalived.Actors.Kernel.Vmac;

/// <summary>
/// net.ipv4.conf.* / net.ipv6.conf.* through /proc/sys (keepalived's get_sysctl / set_sysctl):
/// single-digit values, read and written in the network namespace of the calling thread.
/// A setting that cannot be read gives null; one that cannot be written gives false.
/// </summary>
public static class InterfaceSysctl
{
    public static string Path(string family, string interfaceName, string parameter)
    {
        // an interface name never holds '/', and "." / ".." would leave the conf directory
        if (interfaceName.Contains('/') || interfaceName is "." or ".." || parameter.Contains('/'))
            throw new ArgumentException($"not an interface sysctl: {interfaceName}/{parameter}");
        return $"/proc/sys/net/{family}/conf/{interfaceName}/{parameter}";
    }

    public static int? ReadIpv4(string interfaceName, string parameter) => Read(Path("ipv4", interfaceName, parameter));

    public static bool WriteIpv4(string interfaceName, string parameter, int value) => Write(Path("ipv4", interfaceName, parameter), value);

    public static bool WriteIpv6(string interfaceName, string parameter, int value) => Write(Path("ipv6", interfaceName, parameter), value);

    private static int? Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Write(string path, int value)
    {
        try
        {
            File.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Global;

public class ScriptSecurityTests
{
    private static (ScriptSecurity Security, SectionContext Context, FakeScriptHost Host) Make(bool enabled)
    {
        var parser = new ConfigParser(new ConfigDiagnostics(), new ConfigParserOptions { ConfigTest = true });
        var context = new SectionContext(parser, new KeepalivedConfig(), ConfigHost.Local);
        context.Config.Global.EnableScriptSecurity = enabled;
        var host = new FakeScriptHost();
        return (new ScriptSecurity(context, host), context, host);
    }

    private static NotifyScript Script(string path) => new([path], "vrrp_script chk", default);

    [Fact]
    public void Missing_track_script_is_disabled_with_keepalived_message()
    {
        var (security, context, _) = Make(enabled: false);
        var s = Script("/etc/keepalived/check_nginx.sh");
        var flags = security.CheckTrackScript(s, "chk_ng");
        security.ReportViolation(flags, "");
        Assert.True(s.Disabled);
        var d = Assert.Single(context.Parser.Diagnostics.All, x => x.Kind != ConfigErrorKind.Ok);
        Assert.Equal("Disabling track script chk_ng since not found/accessible", d.Message);
        Assert.Equal(5, context.Parser.Diagnostics.ExitCode);
    }

    [Fact]
    public void A_script_under_a_linked_directory_is_checked_and_run_at_its_real_path()
    {
        // Debian's usr merge: /bin is a link to /usr/bin. keepalived replaces /bin/true by
        // /usr/bin/true and checks that path, so the link in the way is not "wrong file type".
        var (security, context, host) = Make(enabled: true);
        host.Files.Remove("/bin");
        host.WithLink("/bin", "/usr/bin").WithScripts("/usr/bin/true");
        var s = Script("/bin/true");
        s.User = "root";
        var flags = security.CheckTrackScript(s, "chk");
        Assert.False(s.Disabled);
        Assert.True(flags.HasFlag(ScriptFlags.Executable));
        Assert.Equal("/usr/bin/true", s.ExecutablePath);
        Assert.DoesNotContain(context.Parser.Diagnostics.All, d => d.Message.Contains("Wrong file type"));
    }

    [Fact]
    public void Running_a_script_without_script_security_is_a_violation()
    {
        var (security, context, host) = Make(enabled: false);
        host.Files["/etc/keepalived/ok.sh"] = FakeScriptHost.File(0, 0x1ED);
        var s = Script("/etc/keepalived/ok.sh");
        security.ReportViolation(security.CheckNotifyScript(s), "");
        Assert.False(s.Disabled);
        Assert.Contains(context.Parser.Diagnostics.All, d =>
            d.Message == "SECURITY VIOLATION - scripts are being executed but script_security not enabled." && d.Kind == ConfigErrorKind.SecurityError);
        Assert.Equal(6, context.Parser.Diagnostics.ExitCode);
    }

    [Fact]
    public void Insecure_directory_disables_the_script_when_security_is_enabled()
    {
        var (security, context, host) = Make(enabled: true);
        host.Files["/etc/keepalived"] = FakeScriptHost.Dir(0, 0x1FF); // world writable, no sticky bit
        host.Files["/etc/keepalived/ok.sh"] = FakeScriptHost.File(0, 0x1ED);
        // with script security and no keepalived_script user, only scripts with their own user run
        var s = Script("/etc/keepalived/ok.sh");
        s.User = "root";
        var flags = security.CheckTrackScript(s, "chk");
        security.ReportViolation(flags, "");
        Assert.True(s.Disabled);
        Assert.True(flags.HasFlag(ScriptFlags.Insecure));
        Assert.Contains(context.Parser.Diagnostics.All, d => d.Message == "Disabling track script chk due to insecure");
        Assert.DoesNotContain(context.Parser.Diagnostics.All, d => d.Kind == ConfigErrorKind.SecurityError);
    }

    [Fact]
    public void Insecure_script_still_runs_without_script_security_but_is_reported()
    {
        var (security, context, host) = Make(enabled: false);
        host.Files["/etc/keepalived/ok.sh"] = FakeScriptHost.File(1000, 0x1ED);
        var s = Script("/etc/keepalived/ok.sh");
        security.ReportViolation(security.CheckNotifyScript(s), "");
        Assert.False(s.Disabled);
        Assert.True(s.Insecure);
        Assert.Contains(context.Parser.Diagnostics.All, d =>
            d.Message == "SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts.");
    }

    [Fact]
    public void Without_a_user_script_security_needs_keepalived_script()
    {
        var (security, context, host) = Make(enabled: true);
        host.Files["/etc/keepalived/ok.sh"] = FakeScriptHost.File(0, 0x1ED);
        var s = Script("/etc/keepalived/ok.sh");
        security.CheckNotifyScript(s);
        Assert.True(s.Disabled);
        Assert.Contains(context.Parser.Diagnostics.All, d => d.Message == "Unable to set default user keepalived_script for script");
    }

    [Fact]
    public void Open_test_scripts_are_never_executed()
    {
        var (security, _, _) = Make(enabled: false);
        Assert.Equal(ScriptFlags.System, security.Check(Script("</dev/tcp/127.0.0.1/80")));
    }

    [Fact]
    public void The_loader_checks_the_scripts_on_the_script_host_it_is_given()
    {
        var host = new FakeScriptHost().WithScripts("/usr/bin/only-in-the-fake.sh");
        var result = ConfigText.Load("global_defs {\n startup_script /usr/bin/only-in-the-fake.sh\n}\n",
            new ConfigLoadOptions { Host = new FakeHost(), Scripts = host, Parser = new() { ConfigTest = true } });
        var script = result.Config.Global.StartupScript;
        Assert.NotNull(script);
        Assert.False(script.Disabled);
        Assert.Equal("/usr/bin/only-in-the-fake.sh", script.ExecutablePath);
    }

    [Fact]
    public void Checking_a_script_without_a_script_host_is_refused_naming_the_option()
    {
        var parser = new ConfigParser(new ConfigDiagnostics(), new ConfigParserOptions { ConfigTest = true });
        var context = new SectionContext(parser, new KeepalivedConfig(), ConfigHost.Local);
        var error = Assert.Throws<InvalidOperationException>(() => ScriptSecurity.For(context).Check(Script("/usr/bin/check.sh")));
        Assert.Contains("ConfigLoadOptions.Scripts", error.Message);
    }
}

using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class TrackFileActorTests(ITestOutputHelper output) : ActorTest(output)
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trackfile-").FullName;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Directory.Delete(_dir, recursive: true);
    }

    private string FilePath => Path.Combine(_dir, "weight");

    private IActorRef Start(TrackedFile file)
    {
        var actor = Sys.ActorOf(TrackFileActor.Props(file));
        actor.Tell(new TrackerActor.Subscribe(TestActor));
        return actor;
    }

    private TrackedFile Config(string? path = null) => new("tf", default) { File = path ?? FilePath };

    private void Replace(string content)
    {
        var temp = Path.Combine(_dir, "temp");
        File.WriteAllText(temp, content);
        File.Move(temp, FilePath, overwrite: true);
    }

    private long NextValue() => ExpectMsg<TrackFileActor.TrackerValue>(TimeSpan.FromSeconds(5)).Value;

    [Fact]
    public void A_missing_file_is_0_and_every_write_is_published()
    {
        Start(Config());
        Assert.Equal(0, NextValue());
        File.WriteAllText(FilePath, "12\n");
        Assert.Equal(12, NextValue());
        File.WriteAllText(FilePath, "-5");
        Assert.Equal(-5, NextValue());
    }

    [Fact]
    public void A_file_replaced_by_a_rename_or_deleted_is_seen()
    {
        File.WriteAllText(FilePath, "3");
        Start(Config());
        Assert.Equal(3, NextValue());
        Replace("0x10");
        Assert.Equal(16, NextValue());
        File.Delete(FilePath);
        Assert.Equal(0, NextValue());
    }

    [Fact]
    public void An_out_of_range_number_is_ignored_and_other_files_do_not_matter()
    {
        File.WriteAllText(FilePath, "7");
        Start(Config());
        Assert.Equal(7, NextValue());
        // written by renames, so a read never sees a half-written file
        Replace("99999999999");
        File.WriteAllText(Path.Combine(_dir, "other"), "100");
        Replace("8");
        // the next value published is 8: the invalid number and the other file changed nothing
        Assert.Equal(8, NextValue());
    }

    [Theory]
    [InlineData(false, false, "5", 5)]
    [InlineData(true, false, null, -20)]
    [InlineData(true, false, "5", 5)]
    [InlineData(true, true, "5", -20)]
    public void Init_file_creates_the_file_unless_it_exists(bool init, bool overwrite, string? existing, long expected)
    {
        if (existing is not null) File.WriteAllText(FilePath, existing);
        var config = Config();
        config.InitFile = init;
        config.InitOverwrite = overwrite;
        config.InitValue = -20;
        Start(config);
        Assert.Equal(expected, NextValue());
        if (init) Assert.Equal(expected, long.Parse(File.ReadAllText(FilePath)));
    }

    [Fact]
    public void A_file_in_a_missing_directory_stays_0()
    {
        Start(Config(Path.Combine(_dir, "nowhere", "weight")));
        Assert.Equal(0, NextValue());
        Assert.False(Directory.Exists(Path.Combine(_dir, "nowhere")));
    }

    [Fact]
    public void Stopping_ends_the_watch()
    {
        var actor = Start(Config());
        NextValue();
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        File.WriteAllText(FilePath, "4");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}

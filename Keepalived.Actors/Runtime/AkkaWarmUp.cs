using System.Linq.Expressions;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// What Akka's <c>ActorSystem.Create</c> loads on its way, done on a thread of its own while the
/// service reads its configuration: <c>Akka.Util.ThreadLocalRandom</c> seeds from the
/// cryptographic generator (loading and initialising OpenSSL), and the actor-ref provider builds
/// an expression tree. Whichever thread gets there first does the work; the other waits for it.
/// </summary>
public static class AkkaWarmUp
{
    public static void Start() => new Thread(Run) { IsBackground = true, Name = "akka-warm-up" }.Start();

    private static void Run()
    {
        try
        {
            _ = Akka.Util.ThreadLocalRandom.Current.Next();
            _ = Expression.Lambda<Func<int>>(Expression.Constant(0)).Compile();
        }
        catch (Exception)
        {
            // a warm-up only: the system's own start does the same work and reports its failures
        }
    }
}

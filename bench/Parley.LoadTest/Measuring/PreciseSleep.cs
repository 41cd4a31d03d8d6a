using System.Runtime.InteropServices;

namespace Parley.LoadTest.Measuring;

/// <summary>
/// Sleeps of microseconds for the open-loop pacer. On Linux: nanosleep with the thread's timer slack cut from the
/// default 50 µs to 1 ns, so a sleep ends within tens of microseconds of its deadline without spinning a core (on two
/// cores a spinning pacer would take half the machine from the systems it measures). Elsewhere: Thread.Sleep, to the
/// millisecond, which the pacer's lag figures then show.
/// </summary>
internal static unsafe partial class PreciseSleep
{
    private const int PrSetTimerSlack = 29;
    private static readonly bool Native = OperatingSystem.IsLinux();

    /// <summary>Makes this thread's sleeps end on time (Linux); call once on the thread that sleeps.</summary>
    public static void TightenTimerSlack()
    {
        if (Native)
        {
            _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
        }
    }

    public static void Sleep(long nanoseconds)
    {
        if (nanoseconds <= 0)
        {
            return;
        }

        if (Native)
        {
            var request = new Timespec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
            _ = NanoSleep(&request, null);
            return;
        }

        Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100)));
    }

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(Timespec* request, Timespec* remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}

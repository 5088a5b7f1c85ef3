using System.Runtime.InteropServices;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Keeps glibc's own heap, which SQLite and the Brotli encoders allocate from, from growing through a long run
/// (bench/README.md, "Memory with the page cache in files"). By default glibc gives contending threads arenas of their
/// own, up to eight per core, and raises its mmap threshold to the largest block freed so far, so the encoders'
/// buffers of several megabytes come from those arenas and stay there once freed. A cap of two arenas (threads that
/// already have one keep it) and a fixed threshold (which also stops the raising) return such buffers to the system
/// when freed. An operator's own MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ or GLIBC_TUNABLES wins.
/// </summary>
internal static class NativeHeap
{
    private const int ArenaMax = -8;        // M_ARENA_MAX
    private const int MmapThreshold = -3;   // M_MMAP_THRESHOLD

    public static void Bound()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null)
        {
            return;
        }
        try
        {
            if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
            {
                _ = Mallopt(ArenaMax, 2);
            }
            if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null)
            {
                _ = Mallopt(MmapThreshold, 128 * 1024);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): its allocator has neither setting.
        }
    }

    // glibc by its soname: "libc" alone can find the linker script libc.so, and musl (which has neither setting) is not named.
    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks; two ints need no marshalling.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Codex.Plugins.Configuration;

/// <summary>
/// The groups an account belongs to, as the system's account database (NSS: /etc/group, LDAP, ...) lists them, read
/// through the runtime's own native shim (one layout on every Unix .NET supports). An account the database does not
/// know has no groups here; the caller adds the group it knows the account by.
/// </summary>
internal static class AccountGroups
{
    private const int EntryBufferSize = 16 * 1024;
    private static readonly ConcurrentDictionary<uint, uint[]> Known = new();

    public static IReadOnlyCollection<uint> Of(uint uid) => Known.GetOrAdd(uid, Lookup);

    private static uint[] Lookup(uint uid)
    {
        IntPtr buffer = Marshal.AllocHGlobal(EntryBufferSize);
        try
        {
            if (SystemGetPwUidR(uid, out Passwd entry, buffer, EntryBufferSize) != 0 || entry.Name == IntPtr.Zero)
            {
                return Array.Empty<uint>();
            }

            string? name = Marshal.PtrToStringUTF8(entry.Name);
            for (int size = 64; name is not null && size <= 1 << 16; size *= 4)
            {
                var groups = new uint[size];
                int count = size;
                if (SystemGetGroupList(name, entry.GroupId, groups, ref count) >= 0)
                {
                    return groups[..Math.Clamp(count, 0, size)];
                }
            }

            return new[] { entry.GroupId };
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return Array.Empty<uint>();
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public IntPtr Name;
        public IntPtr Password;
        public uint UserId;
        public uint GroupId;
        public IntPtr UserInfo;
        public IntPtr HomeDirectory;
        public IntPtr Shell;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetPwUidR")]
    private static extern int SystemGetPwUidR(uint uid, out Passwd pwd, IntPtr buffer, int bufferLength);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetGroupList")]
    private static extern int SystemGetGroupList([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint group, [In, Out] uint[] groups, ref int count);
}

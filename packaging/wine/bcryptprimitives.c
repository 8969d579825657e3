/* For packaging/windows-check.sh only, never shipped: Wine 8.0 (Debian 12)
 * has no bcryptprimitives.dll, whose ProcessPrng Rust's standard library
 * calls for random bytes on Windows 10 and later (where the DLL is part of
 * the system). This stand-in answers from advapi32's RtlGenRandom
 * (SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

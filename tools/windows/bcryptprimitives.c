/* A stand-in for Windows' bcryptprimitives.dll, for running our Windows programs under Wine 8
 * in the tests only (never installed on a secretary's computer). Rust's standard library asks
 * ProcessPrng (Windows 10+) for random bytes — HashMap's seeds, temporary names — and Wine 8
 * does not have it; it has RtlGenRandom (advapi32's SystemFunction036), which gives the same
 * kind of bytes from the system's generator.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

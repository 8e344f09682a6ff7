/* Holds a file open the way a PDF reader or Excel on Windows does — no sharing with other
 * programs — until its standard input closes, for the Windows tests under Wine
 * (tests/windows/cli.sh): saving over that file must fail with a clear message and leave it
 * as it was. Prints "held" once the file is open.
 *
 *   x86_64-w64-mingw32-gcc -municode -O2 -o holdopen.exe holdopen.c
 */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) {
        fputs("usage: holdopen FILE\n", stderr);
        return 2;
    }
    HANDLE f = CreateFileW(argv[1], GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (f == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    puts("held");
    fflush(stdout);
    while (getchar() != EOF) {
    }
    CloseHandle(f);
    return 0;
}

#!/bin/sh
# cargo's runner for the Windows test programs (tests/windows/suites.sh, which sets up the
# Wine prefix and its server): each runs under wine64.
exec /usr/lib/wine/wine64 "$@"

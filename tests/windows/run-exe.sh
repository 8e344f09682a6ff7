#!/bin/sh
# cargo's runner for the Windows test programs (tests/windows/suites.sh sets up the Wine prefix
# and its server): each runs under wine64. A program that hangs under Wine fails after ten
# minutes (the slowest takes seconds) instead of holding the test command.
exec timeout --kill-after=10 600 /usr/lib/wine/wine64 "$@"

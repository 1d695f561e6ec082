#!/bin/sh
# MISC_CHECK script: exits with the code written in /tmp/ipvs/state/NAME (1 if none)
code=$(cat "/tmp/ipvs/state/$1" 2>/dev/null || echo 1)
exit "$code"

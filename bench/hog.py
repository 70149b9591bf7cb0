# SPDX-License-Identifier: MIT
"""A fast memory hog for bench/run.sh.

Allocates and touches 16 MiB chunks up to CAP_MIB, writes the time (ns since the epoch) at which used RAM
(MemTotal - MemAvailable) first exceeded THRESHOLD percent to OUT, then holds its memory for HOLD seconds
unless something kills it first. Usage: hog.py THRESHOLD CAP_MIB OUT HOLD
"""
import sys
import time

CHUNK = 16 << 20


def used_percent():
    fields = {}
    with open("/proc/meminfo", "rb") as f:
        for line in f:
            key, value = line.split(b":", 1)
            fields[key] = int(value.split()[0])
    return 100.0 * (fields[b"MemTotal"] - fields[b"MemAvailable"]) / fields[b"MemTotal"]


def main():
    threshold, cap_mib, out, hold = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    chunks = []
    crossed = None
    while len(chunks) * 16 < cap_mib:
        chunks.append(b"\x01" * CHUNK)  # a memset: every page is touched
        if crossed is None and used_percent() > threshold:
            crossed = time.time_ns()
            with open(out, "w") as f:
                f.write(f"{crossed}\n")
    if crossed is None:
        with open(out, "w") as f:
            f.write("never\n")
    time.sleep(hold)


main()

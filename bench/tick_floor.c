// SPDX-License-Identifier: MIT
// The loop of TickFloor.java in C, as earlyoom polls: nanosleep, then /proc/meminfo read again from its start.
// Usage: cc -O2 -o /tmp/tick_floor bench/tick_floor.c; /tmp/tick_floor {sleep|read+sleep} TICKS PERIOD_MS
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s {sleep|read+sleep} TICKS PERIOD_MS\n", argv[0]);
        return 2;
    }
    int read_too = strstr(argv[1], "read") != NULL;
    int ticks = atoi(argv[2]);
    long period_ms = atol(argv[3]);
    struct timespec period = {period_ms / 1000, (period_ms % 1000) * 1000000L}, t0, t1;
    char head[512];
    long bytes = 0;
    int fd = open("/proc/meminfo", O_RDONLY);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    for (int i = 0; i < ticks; i++) {
        if (read_too) {
            lseek(fd, 0, SEEK_SET);
            bytes += read(fd, head, sizeof head);
        }
        nanosleep(&period, NULL);
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    printf("c %s: %.1f us CPU per tick (%d ticks of %ld ms, %ld bytes read)\n", argv[1],
           ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1000.0 / ticks, ticks, period_ms, bytes);
    return 0;
}

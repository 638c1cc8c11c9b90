// midisend: writes MIDI bytes to a raw MIDI device (in the alsa-vm, /dev/snd/midiC0D0 is VirMIDI 0-0, which the
// sequencer shows as client 16:0) on a schedule, for yamg's MIDI-control tests. No libasound, no Python.
//
//   midisend DEVICE STEP...
//     bytes HEX            write these bytes now (B04A7F: CC 74 = 127 on channel 1; C001: program 1; FA: Start)
//     sleep MS             wait
//     clock BPM SECONDS J  MIDI clock (F8, 24 a quarter note) for SECONDS, each pulse moved by up to ±J ms
//                          (a fixed pseudo-random sequence), scheduled on absolute times so jitter never adds up
//     ccflood CH CC RATE SECONDS   CC messages on channel CH (1-16) at RATE a second, values sweeping 0-127
//
// Build: cc -O2 -o midisend midisend.c
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fd;
static struct timespec origin;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - origin.tv_sec) + (t.tv_nsec - origin.tv_nsec) * 1e-9;
}

static void sleep_until(double seconds) {
    struct timespec t = origin;
    double whole = (double)(long)seconds;
    t.tv_sec += (long)whole;
    t.tv_nsec += (long)((seconds - whole) * 1e9);
    while (t.tv_nsec >= 1000000000L) { t.tv_nsec -= 1000000000L; t.tv_sec += 1; }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) != 0) {}
}

static void put(const unsigned char *bytes, size_t count) {
    if (write(fd, bytes, count) != (ssize_t)count) { perror("midisend: write"); exit(1); }
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static double unit(void) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: midisend DEVICE STEP...\n"); return 2; }
    fd = open(argv[1], O_WRONLY);
    if (fd < 0) { perror(argv[1]); return 1; }
    clock_gettime(CLOCK_MONOTONIC, &origin);
    double t = 0;  // the schedule's time: each step starts where the last one ended
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "bytes") && i + 1 < argc) {
            const char *hex = argv[++i];
            unsigned char bytes[256];
            size_t n = 0;
            for (; hex[0] && hex[1] && n < sizeof bytes; hex += 2) {
                char pair[3] = {hex[0], hex[1], 0};
                bytes[n++] = (unsigned char)strtoul(pair, NULL, 16);
            }
            sleep_until(t);
            put(bytes, n);
        } else if (!strcmp(argv[i], "sleep") && i + 1 < argc) {
            t += atof(argv[++i]) / 1000;
            sleep_until(t);
        } else if (!strcmp(argv[i], "clock") && i + 3 < argc) {
            double bpm = atof(argv[i + 1]), seconds = atof(argv[i + 2]), jitter = atof(argv[i + 3]) / 1000;
            i += 3;
            double interval = 60.0 / bpm / 24;
            unsigned char pulse = 0xF8;
            long pulses = (long)(seconds / interval);
            for (long n = 0; n < pulses; n++) {
                sleep_until(t + n * interval + (unit() * 2 - 1) * jitter + jitter);
                put(&pulse, 1);
            }
            t += pulses * interval;
        } else if (!strcmp(argv[i], "ccflood") && i + 4 < argc) {
            int channel = atoi(argv[i + 1]) - 1, cc = atoi(argv[i + 2]);
            double rate = atof(argv[i + 3]), seconds = atof(argv[i + 4]);
            i += 4;
            long count = (long)(rate * seconds);
            for (long n = 0; n < count; n++) {
                sleep_until(t + n / rate);
                unsigned char message[3] = {(unsigned char)(0xB0 | (channel & 15)), (unsigned char)(cc & 127), (unsigned char)(n % 128)};
                put(message, 3);
            }
            t += count / rate;
        } else {
            fprintf(stderr, "midisend: unknown step '%s'\n", argv[i]);
            return 2;
        }
    }
    fprintf(stderr, "midisend: done at %.3f s (scheduled %.3f s)\n", now(), t);
    return 0;
}

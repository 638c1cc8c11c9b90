// Debian's libfluidsynth-dev (FluidSynth 2.3), plus a way to keep its log off the user's terminal.
#include <fluidsynth.h>

// FluidSynth prints warnings (missing presets, mlock failures, …) to stderr by default; YAMG reports
// failures itself through return codes, so the library's own chatter is dropped.
static void yamg_fluid_quiet(int level, const char *message, void *data) {
    (void)level; (void)message; (void)data;
}

/// Routes every FluidSynth log level to a no-op. The setting is process-wide (FluidSynth's log is global).
static inline void yamg_fluid_set_quiet(void) {
    for (int level = FLUID_PANIC; level < LAST_LOG_LEVEL; level++) {
        fluid_set_log_function(level, yamg_fluid_quiet, NULL);
    }
}

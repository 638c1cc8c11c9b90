// Debian's libasound2-dev: the ALSA sequencer API, plus inline helpers for its macros (Swift cannot call C macros).
#include <alsa/asoundlib.h>

// Debian's libasound2-dev: the ALSA sequencer API, plus inline helpers for its macros (Swift cannot call C macros).
#include <alsa/asoundlib.h>

// ALSA's error printer writes "ALSA lib …" lines to stderr by itself; YAMG reports errors in its own words.
// The handler is variadic, which Swift cannot implement, so the no-op lives here.
static void yamg_alsa_error_ignore(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

/// Makes libasound print nothing itself (errors still come back as return codes).
static inline void yamg_alsa_silence_errors(void) { snd_lib_error_set_handler(yamg_alsa_error_ignore); }

// ---- snd_seq_ev_* macros (seqmid.h) ----

static inline void yamg_seq_ev_clear(snd_seq_event_t *ev) { snd_seq_ev_clear(ev); }
static inline void yamg_seq_ev_set_source(snd_seq_event_t *ev, int port) { snd_seq_ev_set_source(ev, port); }
static inline void yamg_seq_ev_set_subs(snd_seq_event_t *ev) { snd_seq_ev_set_subs(ev); }
static inline void yamg_seq_ev_set_dest(snd_seq_event_t *ev, int client, int port) { snd_seq_ev_set_dest(ev, client, port); }
static inline void yamg_seq_ev_set_direct(snd_seq_event_t *ev) { snd_seq_ev_set_direct(ev); }

/// Schedules `ev` on `queue` at absolute queue real time sec.nsec.
static inline void yamg_seq_ev_schedule_real(snd_seq_event_t *ev, int queue, unsigned int sec, unsigned int nsec) {
    snd_seq_real_time_t time = { .tv_sec = sec, .tv_nsec = nsec };
    snd_seq_ev_schedule_real(ev, queue, 0, &time);
}

static inline void yamg_seq_ev_set_noteon(snd_seq_event_t *ev, int channel, int key, int velocity) {
    snd_seq_ev_set_noteon(ev, channel, key, velocity);
}
static inline void yamg_seq_ev_set_noteoff(snd_seq_event_t *ev, int channel, int key, int velocity) {
    snd_seq_ev_set_noteoff(ev, channel, key, velocity);
}
static inline void yamg_seq_ev_set_controller(snd_seq_event_t *ev, int channel, int controller, int value) {
    snd_seq_ev_set_controller(ev, channel, controller, value);
}
static inline void yamg_seq_ev_set_pgmchange(snd_seq_event_t *ev, int channel, int program) {
    snd_seq_ev_set_pgmchange(ev, channel, program);
}

// ---- queue control macros ----

static inline int yamg_seq_start_queue(snd_seq_t *seq, int queue) { return snd_seq_start_queue(seq, queue, NULL); }
static inline int yamg_seq_stop_queue(snd_seq_t *seq, int queue) { return snd_seq_stop_queue(seq, queue, NULL); }

// ---- reading a received event (fields inside unions) ----

static inline int yamg_seq_ev_type(const snd_seq_event_t *ev) { return ev->type; }
static inline int yamg_seq_ev_is_real(const snd_seq_event_t *ev) { return snd_seq_ev_is_real(ev) ? 1 : 0; }
static inline unsigned int yamg_seq_ev_sec(const snd_seq_event_t *ev) { return ev->time.time.tv_sec; }
static inline unsigned int yamg_seq_ev_nsec(const snd_seq_event_t *ev) { return ev->time.time.tv_nsec; }
static inline int yamg_seq_ev_note_channel(const snd_seq_event_t *ev) { return ev->data.note.channel; }
static inline int yamg_seq_ev_note_key(const snd_seq_event_t *ev) { return ev->data.note.note; }
static inline int yamg_seq_ev_note_velocity(const snd_seq_event_t *ev) { return ev->data.note.velocity; }
static inline int yamg_seq_ev_control_channel(const snd_seq_event_t *ev) { return ev->data.control.channel; }
static inline unsigned int yamg_seq_ev_control_param(const snd_seq_event_t *ev) { return ev->data.control.param; }
static inline int yamg_seq_ev_control_value(const snd_seq_event_t *ev) { return ev->data.control.value; }

// ---- constants Swift sees only as enum structs; plain ints keep the Swift side simple ----

static inline int yamg_seq_event_noteon(void) { return SND_SEQ_EVENT_NOTEON; }
static inline int yamg_seq_event_noteoff(void) { return SND_SEQ_EVENT_NOTEOFF; }
static inline int yamg_seq_event_controller(void) { return SND_SEQ_EVENT_CONTROLLER; }
static inline int yamg_seq_event_pgmchange(void) { return SND_SEQ_EVENT_PGMCHANGE; }

// ---- input: where an event went, who sent it, announcements, sysex length ----

static inline int yamg_seq_ev_dest_port(const snd_seq_event_t *ev) { return ev->dest.port; }
static inline int yamg_seq_ev_source_client(const snd_seq_event_t *ev) { return ev->source.client; }
static inline int yamg_seq_ev_source_port(const snd_seq_event_t *ev) { return ev->source.port; }
static inline int yamg_seq_ev_addr_client(const snd_seq_event_t *ev) { return ev->data.addr.client; }
static inline int yamg_seq_ev_addr_port(const snd_seq_event_t *ev) { return ev->data.addr.port; }
static inline unsigned int yamg_seq_ev_ext_len(const snd_seq_event_t *ev) { return ev->data.ext.len; }

static inline int yamg_seq_event_clock(void) { return SND_SEQ_EVENT_CLOCK; }
static inline int yamg_seq_event_start(void) { return SND_SEQ_EVENT_START; }
static inline int yamg_seq_event_stop(void) { return SND_SEQ_EVENT_STOP; }
static inline int yamg_seq_event_continue(void) { return SND_SEQ_EVENT_CONTINUE; }
static inline int yamg_seq_event_sysex(void) { return SND_SEQ_EVENT_SYSEX; }
static inline int yamg_seq_event_port_start(void) { return SND_SEQ_EVENT_PORT_START; }
static inline int yamg_seq_event_port_exit(void) { return SND_SEQ_EVENT_PORT_EXIT; }
static inline int yamg_seq_event_client_start(void) { return SND_SEQ_EVENT_CLIENT_START; }
static inline int yamg_seq_event_client_exit(void) { return SND_SEQ_EVENT_CLIENT_EXIT; }
static inline int yamg_seq_client_system(void) { return SND_SEQ_CLIENT_SYSTEM; }
static inline int yamg_seq_port_system_announce(void) { return SND_SEQ_PORT_SYSTEM_ANNOUNCE; }

// Music statistics of MIDI files (see StatsCommand).

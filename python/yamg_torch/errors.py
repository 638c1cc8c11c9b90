"""The one kind of error the trainer reports: a line that names the file or flag and what is wrong with it."""


class YamgError(Exception):
    """Bad input (a corpus, a model file, a run folder, a flag): printed as one line, exit status 1."""

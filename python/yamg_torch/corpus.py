"""A corpus made by `yamg preprocess` (Sources/Encoding/Corpus.swift, CorpusManifest.swift): `corpus.json`, and
`train.npy`/`val.npy` (numpy, 1-D unsigned ints) memory-mapped, so a corpus larger than memory trains as well as
a small one and each process reads only the windows it is given."""

import json
from pathlib import Path

import numpy as np

from .errors import YamgError

FORMAT_VERSION = 1


class Corpus:
    def __init__(self, folder):
        self.folder = Path(folder)
        manifest_path = self.folder / "corpus.json"
        try:
            manifest = json.loads(manifest_path.read_text())
        except FileNotFoundError:
            raise YamgError(f"{manifest_path}: missing (is {folder} a corpus made by yamg preprocess?)") from None
        except (OSError, ValueError) as e:
            raise YamgError(f"{manifest_path}: not a valid corpus manifest: {e}") from None
        if not isinstance(manifest, dict):
            raise YamgError(f"{manifest_path}: not a valid corpus manifest: not a JSON object")
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise YamgError(f"{manifest_path}: format version {version}, this trainer reads {FORMAT_VERSION}")
        vocabulary, encoding = manifest.get("vocabulary"), manifest.get("encoding")
        if not (isinstance(vocabulary, list) and vocabulary and all(isinstance(v, str) for v in vocabulary)):
            raise YamgError(f"{manifest_path}: 'vocabulary' must be a non-empty list of token names")
        if not (isinstance(encoding, dict) and isinstance(encoding.get("kind"), str)):
            raise YamgError(f"{manifest_path}: 'encoding' must be an object with a 'kind'")
        self.manifest = manifest
        self.vocabulary = vocabulary
        self.encoding = encoding
        self.train = self._tokens("train")
        self.val = self._tokens("val")

    def _tokens(self, split):
        path = self.folder / f"{split}.npy"
        try:
            tokens = np.load(path, mmap_mode="r", allow_pickle=False)
        except FileNotFoundError:
            raise YamgError(f"{path}: missing") from None
        except (OSError, ValueError, EOFError) as e:
            # numpy says what is off: a bad magic, a header, or data shorter than the header promises.
            raise YamgError(f"{path}: not a readable .npy token file ({str(e).splitlines()[0]})") from None
        if tokens.ndim != 1 or tokens.dtype not in (np.uint16, np.uint32):
            raise YamgError(f"{path}: {tokens.dtype} array of shape {tokens.shape}; expected 1-D uint16 or uint32")
        if len(tokens):
            top = int(tokens.max())
            if top >= len(self.vocabulary):
                at = int(np.argmax(tokens >= len(self.vocabulary)))
                raise YamgError(f"{path}: token {int(tokens[at])} at index {at} is outside the vocabulary of "
                                f"{len(self.vocabulary)}")
        return tokens

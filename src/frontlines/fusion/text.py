"""Text similarity for fusion: TF-IDF cosine between evidence sentences, MinHash between documents.

Evidence sentences are vectorised by hashing (stateless, so members stored
months ago vectorise exactly as today) and weighted by IDF fitted on the texts
in play in one fusion run, so words every conflict report shares ("killed",
"forces", the city name) count for little and names, numbers and rare verbs
for much. Documents get MinHash signatures over word 5-shingles: two texts
whose signatures agree on most slots are copies of one story, however their
headlines differ.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

_VEC = HashingVectorizer(n_features=2**20, ngram_range=(1, 2), stop_words="english", alternate_sign=False,
                         norm=None, lowercase=True, token_pattern=r"(?u)\b\w[\w'-]*\b")


def tfidf(texts: list[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf), IDF fitted on ``texts`` themselves."""
    if not texts:
        return sparse.csr_matrix((0, _VEC.n_features))
    counts = _VEC.transform(texts)
    return TfidfTransformer(sublinear_tf=True, norm="l2").fit_transform(counts).tocsr()


def rows_of(matrix: sparse.csr_matrix) -> list[tuple[list[int], list[float]]]:
    """CSR rows as (indices, weights) lists: dot products in plain Python beat scipy's per-call overhead."""
    ind, dat, ptr = matrix.indices.tolist(), matrix.data.tolist(), matrix.indptr.tolist()
    return [(ind[ptr[i]:ptr[i + 1]], dat[ptr[i]:ptr[i + 1]]) for i in range(matrix.shape[0])]


# -- MinHash -----------------------------------------------------------------------------------

N_PERM = 64
_PRIME = 4294967311  # > 2**32
_rng = np.random.default_rng(20161126)  # fixed: signatures are stored and compared across runs
_A = _rng.integers(1, 2**31 - 1, size=N_PERM, dtype=np.uint64)
_B = _rng.integers(0, 2**31 - 1, size=N_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = 5) -> np.ndarray:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i:i + k]) for i in range(len(words) - k + 1)]
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams)))


def minhash(text: str) -> np.ndarray:
    """A 64-slot MinHash signature (uint32) of the text's word 5-shingles."""
    sh = shingles(text)
    if sh.size == 0:
        return np.full(N_PERM, 2**32 - 1, dtype=np.uint32)
    hashed = (np.outer(sh, _A) + _B) % _PRIME  # products stay below 2**63
    return hashed.min(axis=0).astype(np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))

"""MinHash signatures of many sets at once, and datasketch's LSH index over them.

datasketch hashes each element with SHA-1 in Python (≈ 100 µs for a measure of 120 characters);
here the elements of every set are hashed and permuted as NumPy arrays in one pass (the affine
permutations of datasketch's "affine32" scheme, a·h + b mod 2³², after a 32-bit mixing step), and
the signatures are handed to `datasketch.MinHashLSH` for the banding, which is theirs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

U32 = npt.NDArray[np.uint32]
_SEED = 20261124
_EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK = 4_000_000  # elements hashed at a time: bounds the memory of the permutation step


def permutations(num_perm: int) -> tuple[U32, U32]:
    """The (a, b) of num_perm affine permutations; a is odd, so h ↦ a·h + b is a bijection mod 2³²."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def _mix(h: U32) -> U32:
    """MurmurHash3's 32-bit finalizer: nearby inputs (neighbouring code points) spread over 2³²."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def bigram_signatures(texts: Sequence[str], num_perm: int) -> U32:
    """Signatures (len(texts) × num_perm) of the sets of character bigrams; texts of fewer than two
    characters get the empty signature (all 0xFFFFFFFF)."""
    out = np.full((len(texts), num_perm), _EMPTY, dtype=np.uint32)
    for lo, hi in _chunks([len(t) + 1 for t in texts]):
        joined = "\0".join(texts[lo:hi]) + "\0"
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        h = _mix(cp[:-1] * np.uint32(0x9E3779B1) ^ _mix(cp[1:]))
        h[(cp[:-1] == 0) | (cp[1:] == 0)] = _EMPTY  # a bigram across two texts belongs to neither
        lengths = np.fromiter((len(t) + 1 for t in texts[lo:hi]), dtype=np.int64, count=hi - lo)
        out[lo:hi] = _segment_minima(h, lengths, num_perm)
    return out


def set_signatures(sets: Sequence[Sequence[int]], num_perm: int) -> U32:
    """Signatures of sets of integers (ids of measure clusters, say); empty sets get the empty one."""
    out = np.full((len(sets), num_perm), _EMPTY, dtype=np.uint32)
    for lo, hi in _chunks([len(s) + 1 for s in sets]):
        parts = [np.asarray([*s, -1], dtype=np.int64) for s in sets[lo:hi]]
        flat = np.concatenate(parts)
        h = _mix((flat & 0xFFFFFFFF).astype(np.uint32) ^ _mix((flat >> 32).astype(np.uint32)))
        h[flat == -1] = _EMPTY  # the end marker of each set is no element
        lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=hi - lo)
        out[lo:hi] = _segment_minima(h, lengths, num_perm)
    return out


def _segment_minima(h: U32, lengths: npt.NDArray[np.int64], num_perm: int) -> U32:
    """For each permutation, the minimum of a·h + b over each segment of h (segments given by their
    lengths); elements equal to 0xFFFFFFFF stay out."""
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[: len(lengths)]
    a, b = permutations(num_perm)
    empty = h == _EMPTY
    sig = np.empty((len(lengths), num_perm), dtype=np.uint32)
    for k in range(num_perm):
        v = h * a[k] + b[k]  # uint32 arithmetic wraps: mod 2³²
        v[empty] = _EMPTY
        sig[:, k] = np.minimum.reduceat(v, starts)
    return sig


def _chunks(sizes: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive ranges of items whose sizes add up to about _CHUNK."""
    lo, total = 0, 0
    for i, n in enumerate(sizes):
        total += n
        if total >= _CHUNK:
            yield lo, i + 1
            lo, total = i + 1, 0
    if lo < len(sizes):
        yield lo, len(sizes)


def similarity(sig: U32, pairs: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of each pair of rows (the share of equal signature values)."""
    if len(pairs) == 0:
        return np.zeros(0)
    eq: npt.NDArray[np.float64] = (sig[pairs[:, 0]] == sig[pairs[:, 1]]).mean(axis=1)
    return eq


def candidate_pairs(
    sig: U32, *, threshold: float = 0.5, params: tuple[int, int] | None = None
) -> npt.NDArray[np.int64]:
    """Pairs (i < j) of rows that share an LSH band (datasketch's MinHashLSH, with its bands and rows
    chosen for `threshold`, or as given in `params`); rows with the empty signature take no part."""
    from datasketch import MinHash, MinHashLSH

    num_perm = sig.shape[1]
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=params)
    template = MinHash(num_perm=num_perm)
    live = [i for i in range(len(sig)) if not (sig[i] == _EMPTY).all()]
    sketches: dict[int, Any] = {
        i: MinHash(permutations=template.permutations, hashvalues=sig[i], scheme="affine32") for i in live
    }
    with lsh.insertion_session() as session:
        for i in live:
            session.insert(i, sketches[i], check_duplication=False)
    found: list[tuple[int, int]] = []
    for i in live:
        found.extend((i, j) for j in lsh.query(sketches[i]) if j > i)
    return np.asarray(found, dtype=np.int64).reshape(-1, 2)

"""MinHash signatures of many sets at once, and datasketch's LSH index over them.

datasketch hashes each element with SHA-1 in Python (≈ 100 µs for a measure of 120 characters);
here the elements of every set are hashed and permuted as NumPy arrays in one pass (the affine
permutations of datasketch's "affine32" scheme, a·h + b mod 2³², after a 32-bit mixing step), and
datasketch chooses the LSH bands and rows for a threshold and gives the LSH Forest for top-k queries.
Clustering needs the buckets themselves, not the pairs MinHashLSH.query returns (a sentence copied
into thousands of plans has a bucket of thousands, i.e. millions of pairs): the bucketing is done
here with NumPy, with datasketch's bands and rows."""

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


def _sketches(sig: U32) -> dict[int, Any]:
    """datasketch MinHash objects over our signatures, for the rows that are not empty."""
    from datasketch import MinHash

    template = MinHash(num_perm=sig.shape[1])
    return {
        i: MinHash(permutations=template.permutations, hashvalues=sig[i], scheme="affine32")
        for i in range(len(sig))
        if not (sig[i] == _EMPTY).all()
    }


def band_links(sig: U32, *, threshold: float) -> npt.NDArray[np.int64]:
    """Pairs (first, other) linking every row to the first row of each LSH bucket it falls in, for
    clustering: a bucket of m rows gives m − 1 links, not m²/2 pairs, so a sentence copied into
    thousands of plans costs thousands of links. Bands and rows are datasketch's choice for the
    threshold (MinHashLSH's b and r); the bucketing is done here with NumPy over all rows at once."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=sig.shape[1])
    live = np.flatnonzero(~(sig == _EMPTY).all(axis=1))
    links = []
    for k in range(lsh.b):
        band = np.ascontiguousarray(sig[live, k * lsh.r : (k + 1) * lsh.r])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * lsh.r))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        heads = live[first[inverse]]
        other = heads != live
        links.append(np.stack([heads[other], live[other]], axis=1))
    if not links:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(links).astype(np.int64), axis=0)


def nearest(sig: U32, k: int, *, only: int | None = None) -> npt.NDArray[np.int64]:
    """Pairs (i, j), i < j, of each row and its k nearest rows by datasketch's LSH Forest (top-k by
    the longest shared signature prefixes), or only those of row `only`."""
    from datasketch import MinHashLSHForest

    sketches = _sketches(sig)
    forest = MinHashLSHForest(num_perm=sig.shape[1])
    for i, m in sketches.items():
        forest.add(i, m)
    forest.index()
    asked = [only] if only is not None else list(sketches)
    found: set[tuple[int, int]] = set()
    for i in asked:
        if i in sketches:
            found.update((min(i, j), max(i, j)) for j in forest.query(sketches[i], k + 1) if j != i)
    return np.asarray(sorted(found), dtype=np.int64).reshape(-1, 2)

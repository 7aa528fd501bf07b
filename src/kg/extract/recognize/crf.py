"""The tagger's CRF read from its file and run with numpy, over a whole document at once.

pycrfsuite tags one sentence at a time from a list of feature strings per character;
building those strings and looking each one up (about 27 per character) cost more than
all the rules together. This reads the same model file (CRFsuite's `crf1d` format: a
header, the features with their weights as doubles, and two string tables) and scores a
document with arrays of row numbers instead of strings.

Exactness: a character's score for a label is the sum of the weights of its features,
added in the order `tagger.sentence_features` lists them, as CRFsuite adds them, and
Viterbi takes the first best previous label as CRFsuite does; so the labels are CRFsuite's
bit for bit (tests/test_tagger.py checks them on both gold sets). The marginals (a span's
confidence) use numpy's exp and sums, equal to CRFsuite's to about 1e-15.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

Rows = np.ndarray  # int32 row numbers into `Crf.state` (0: a feature the model lacks)


@dataclass(frozen=True)
class Crf:
    """A linear-chain CRF: labels, per-attribute state weights and label transitions."""

    labels: tuple[str, ...]
    attributes: dict[str, int]  # attribute string -> its row of `state` (rows start at 1)
    state: np.ndarray  # (attributes + 1, labels): row 0 is zeros, for unknown attributes
    transition: np.ndarray  # (labels, labels): from, to

    def rows(self, prefix: str) -> dict[str, int]:
        """Value -> row, for the attributes written `prefix + value`."""
        size = len(prefix)
        return {name[size:]: row for name, row in self.attributes.items() if name.startswith(prefix)}


def _strings(data: bytes, base: int) -> list[str]:
    """The strings of a CQDB chunk (CRFsuite's constant database) at `base`, by id."""
    _chunk, _size, _flag, _order, count, backward = struct.unpack_from("<4sIIIII", data, base)
    strings = []
    for offset in struct.unpack_from(f"<{count}I", data, base + backward):
        _id, size = struct.unpack_from("<II", data, base + offset)
        start = base + offset + 8
        strings.append(data[start:start + size - 1].decode("utf-8"))  # (size counts the NUL)
    return strings


def read_crf(path: Path) -> Crf:
    """The model CRFsuite wrote to `path` (`pycrfsuite.Trainer.train`)."""
    data = path.read_bytes()
    (magic, _size, kind, _version, _features, num_labels, num_attrs, off_features, off_labels, off_attrs,
     _off_labelrefs, _off_attrrefs) = struct.unpack_from("<4sI4sIIIIIIIII", data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite crf1d model")
    labels = _strings(data, off_labels)
    attributes = _strings(data, off_attrs)
    if len(labels) != num_labels or len(attributes) != num_attrs:
        raise ValueError(f"{path}: label or attribute table does not match the header")
    _chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_features)
    features = np.frombuffer(data, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                             count=count, offset=off_features + 12)
    state = np.zeros((num_attrs + 1, num_labels))
    transition = np.zeros((num_labels, num_labels))
    is_state = features["type"] == 0
    state[features["src"][is_state].astype(np.int64) + 1, features["dst"][is_state]] = features["w"][is_state]
    trans = features[features["type"] == 1]
    transition[trans["src"], trans["dst"]] = trans["w"]
    return Crf(tuple(labels), {name: row + 1 for row, name in enumerate(attributes)}, state, transition)


@dataclass(frozen=True)
class _Grid:
    """Sequences laid side by side, time first: `scores[t, k]` is the state scores of
    position t of the k-th longest sequence; at step t the first `active[t]` sequences
    are still running, so each step works on a plain slice."""

    scores: np.ndarray  # (longest, sequences, labels)
    active: np.ndarray  # per step: how many sequences are longer than it
    places: tuple[np.ndarray, np.ndarray]  # (t, k) of every row of the flat layout


def _grid(scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> _Grid:
    order = np.argsort(-lengths, kind="stable")
    starts, lengths = starts[order], lengths[order]
    longest = int(lengths[0])
    sequence = np.repeat(np.arange(len(lengths)), lengths)
    step = np.arange(len(sequence)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows = np.repeat(starts, lengths) + step
    grid = np.zeros((longest, len(lengths), scores.shape[1]))
    grid[step, sequence] = scores[rows]
    t_of, k_of = np.empty_like(rows), np.empty_like(rows)
    t_of[rows], k_of[rows] = step, sequence
    return _Grid(grid, np.searchsorted(-lengths, -np.arange(longest + 1), side="left"), (t_of, k_of))


def viterbi(crf: Crf, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best label (index) of every position: `scores` (positions, labels) holds the
    state scores of several sequences side by side, sequence k at `starts[k]` for
    `lengths[k]` positions. The sequences advance together, so the Python loop runs once
    per position of the longest one rather than once per character."""
    if len(starts) == 0:
        return np.zeros(len(scores), dtype=np.int64)
    grid = _grid(scores, starts, lengths)
    longest, count, _ = grid.scores.shape
    labels = scores.shape[1]
    score = grid.scores[0].copy()
    back = np.zeros((longest, count, labels), dtype=np.int8 if labels < 128 else np.int64)
    into = np.ascontiguousarray(crf.transition.T)[None, :, :]  # (to, from)
    candidates = np.empty((count, labels, labels))
    for t in range(1, longest):
        k = int(grid.active[t])
        step = candidates[:k]
        np.add(score[:k, None, :], into, out=step)  # (sequence, to, from): prev[i] + trans[i][j]
        came = step.argmax(axis=2)  # the first best, as CRFsuite keeps it
        back[t, :k] = came
        score[:k] = np.take_along_axis(step, came[:, :, None], axis=2)[:, :, 0] + grid.scores[t, :k]
    current = score.argmax(axis=1)
    best = np.zeros((longest, count), dtype=np.int64)
    for t in range(longest - 1, -1, -1):
        k = int(grid.active[t])
        best[t, :k] = current[:k]
        if t:
            current[:k] = back[t, np.arange(k), current[:k]]
    return best[grid.places]


def marginals(crf: Crf, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """P(label at t) of every position (forward-backward with CRFsuite's scaling), for
    sequences laid out as `viterbi` reads them."""
    if len(starts) == 0:
        return np.zeros_like(scores)
    grid = _grid(scores, starts, lengths)
    longest, count, _ = grid.scores.shape
    exp_state = np.exp(grid.scores)
    exp_trans = np.exp(crf.transition)
    alpha = np.zeros_like(exp_state)
    beta = np.zeros_like(exp_state)
    scale = np.ones((longest, count))
    for t in range(longest):
        k = int(grid.active[t])
        current = exp_state[0, :k] if t == 0 else (alpha[t - 1, :k] @ exp_trans) * exp_state[t, :k]
        total = current.sum(axis=1)
        scale[t, :k] = np.where(total != 0.0, 1.0 / np.where(total != 0.0, total, 1.0), 1.0)
        alpha[t, :k] = current * scale[t, :k, None]
    for t in range(longest - 1, -1, -1):
        k, going_on = int(grid.active[t]), int(grid.active[t + 1])
        beta[t, going_on:k] = scale[t, going_on:k, None]  # the sequences that end at t
        if going_on:
            beta[t, :going_on] = ((beta[t + 1, :going_on] * exp_state[t + 1, :going_on]) @ exp_trans.T) \
                * scale[t, :going_on, None]
    return (alpha * beta / scale[:, :, None])[grid.places]

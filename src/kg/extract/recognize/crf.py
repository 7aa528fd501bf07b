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

`viterbi` and `label_chances` hand their loops to `kernels.py` (numba) where it is installed:
the same additions for Viterbi, and confidences within 1e-15 (tests/test_tagger.py).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import numpy as np

OTHER_PREFIXES = ("sfx]", "L[", "L]", "L-")  # attribute prefixes that do not end with "="


# Loading numba and the compiled loops costs a process about 0.3 CPU s; they save about
# 2 CPU s per million characters tagged. `kg build` turns them off for a build with fewer
# characters than this (`use_compiled`), where numpy is quicker overall.
COMPILED_FROM = 300_000
_use_compiled = True


def use_compiled(wanted: bool) -> None:
    """Whether this process runs the tagger's loops compiled (where numba is installed)."""
    global _use_compiled
    _use_compiled = wanted


def compiled() -> ModuleType | None:
    """The compiled loops (`kernels`, numba), or None where numba is not installed, is
    turned off (NUMBA_DISABLE_JIT) or not wanted (`use_compiled`): then numpy runs them, to
    the same labels. Imported on first use, so a process that never tags does not load
    numba."""
    return _kernels() if _use_compiled else None


@lru_cache(maxsize=1)
def _kernels() -> ModuleType | None:
    try:
        import kg.extract.recognize.kernels as kernels
    except ImportError:
        return None
    return kernels if kernels.ENABLED else None


@dataclass(frozen=True)
class Crf:
    """A linear-chain CRF: labels, per-attribute state weights and label transitions."""

    labels: tuple[str, ...]
    attributes: dict[str, int]  # attribute string -> its row of `state` (rows start at 1)
    state: np.ndarray  # (attributes + 1, labels): row 0 is zeros, for unknown attributes
    transition: np.ndarray  # (labels, labels): from, to

    groups: dict[str, dict[str, int]]  # prefix -> value -> row (see `_group`)

    def rows(self, prefix: str) -> dict[str, int]:
        """Value -> row, for the attributes written `prefix + value`."""
        return self.groups.get(prefix, {})


def _group(attributes: dict[str, int]) -> dict[str, dict[str, int]]:
    """The attributes by prefix: up to the first "=" (c-1=, pos.wp=), or one of
    `OTHER_PREFIXES`; the rest is the value (c-1=^ is prefix c-1= and value ^)."""
    groups: dict[str, dict[str, int]] = {}
    for name, row in attributes.items():
        prefix = next((p for p in OTHER_PREFIXES if name.startswith(p)), None)
        if prefix is None and "=" in name:
            prefix = name[:name.index("=") + 1]
        if prefix is not None:
            groups.setdefault(prefix, {})[name[len(prefix):]] = row
    return groups


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
    rows = {name: row + 1 for row, name in enumerate(attributes)}
    return Crf(tuple(labels), rows, state, transition, _group(rows))


@dataclass(frozen=True)
class _Packed:
    """Sequences laid out step by step: the positions t of all sequences longer than t,
    longest sequence first, at rows `offsets[t]` to `offsets[t + 1]`. The sequences still
    running at step t + 1 are the first ones of step t, so each step reads and writes plain
    slices, with no padding."""

    rows: np.ndarray  # packed row -> row of the caller's layout
    offsets: np.ndarray  # (longest + 1,)

    def step(self, t: int) -> tuple[int, int]:
        return int(self.offsets[t]), int(self.offsets[t + 1])


def _packed(starts: np.ndarray, lengths: np.ndarray) -> _Packed:
    order = np.argsort(-lengths, kind="stable")
    starts, lengths = starts[order], lengths[order]
    running = np.searchsorted(-lengths, -np.arange(int(lengths[0])), side="left")  # per step: longer than t
    offsets = np.concatenate(([0], np.cumsum(running)))
    step = np.repeat(np.arange(len(running)), running)
    sequence = np.arange(len(step)) - offsets[step]
    return _Packed(starts[sequence] + step, offsets)


def viterbi(crf: Crf, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best label (index) of every position: `scores` (positions, labels) holds the
    state scores of several sequences side by side, sequence k at `starts[k]` for
    `lengths[k]` positions. The sequences advance together, so the Python loop runs once
    per position of the longest one rather than once per character (compiled: once per
    character, in machine code)."""
    kernels = compiled()
    if kernels is not None:
        return kernels.viterbi(scores, crf.transition, starts, lengths)
    best = np.zeros(len(scores), dtype=np.int64)
    if len(starts) == 0:
        return best
    packed = _packed(starts, lengths)
    state = scores[packed.rows]
    labels = scores.shape[1]
    score = np.empty_like(state)  # best path score ending in each label, per packed row
    back = np.zeros(state.shape, dtype=np.int8 if labels < 128 else np.int64)
    into = np.ascontiguousarray(crf.transition.T)[None, :, :]  # (to, from)
    # the step bounds as plain ints (the loops run once per position of the longest sequence)
    offsets = packed.offsets.tolist()
    steps = len(offsets) - 1
    score[:offsets[1]] = state[:offsets[1]]
    candidates = np.empty((offsets[1], labels, labels))
    cells = np.arange(offsets[1] * labels, dtype=np.int64) * labels  # each (sequence, to) row's first cell
    for t in range(1, steps):
        before, first, end = offsets[t - 1], offsets[t], offsets[t + 1]
        k = end - first
        step = candidates[:k]
        np.add(score[before:before + k, None, :], into, out=step)  # (sequence, to, from): prev[i] + trans[i][j]
        came = step.argmax(axis=2)  # the first best, as CRFsuite keeps it
        back[first:end] = came
        # the value it points at, read from the flat candidates (cheaper than a second pass)
        np.add(step.reshape(-1)[cells[:k * labels] + came.reshape(-1)].reshape(k, labels), state[first:end],
               out=score[first:end])
    # each sequence's last position: the best label there, then back along the links
    label = np.zeros(len(state), dtype=np.int64)
    current = np.zeros(offsets[1], dtype=np.int64)
    flat_back = back.reshape(-1)
    lanes = np.arange(offsets[1], dtype=np.int64) * labels  # row k's first cell, relative to a step's first row
    for t in range(steps - 1, -1, -1):
        first, end = offsets[t], offsets[t + 1]
        k = end - first
        after = offsets[t + 2] - end if t + 1 < steps else 0
        if after < k:
            current[after:k] = score[first + after:end].argmax(axis=1)  # the sequences ending at t
        label[first:end] = current[:k]
        if t:
            current[:k] = flat_back[lanes[:k] + (first * labels) + current[:k]]
    best[packed.rows] = label
    return best


def label_chances(crf: Crf, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                  labels: np.ndarray) -> np.ndarray:
    """P(labels[t] at t) of every position (see `marginals`); 0 at the positions of no
    sequence."""
    kernels = compiled()
    if kernels is not None:
        return kernels.label_chances(np.exp(scores), np.exp(crf.transition), starts, lengths, labels)
    return marginals(crf, scores, starts, lengths)[np.arange(len(labels)), labels]


def marginals(crf: Crf, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """P(label at t) of every position (forward-backward with CRFsuite's scaling), for
    sequences laid out as `viterbi` reads them; 0 at the positions of no sequence."""
    chances = np.zeros_like(scores)
    if len(starts) == 0:
        return chances
    packed = _packed(starts, lengths)
    exp_state = np.exp(scores[packed.rows])
    exp_trans = np.exp(crf.transition)
    alpha = np.empty_like(exp_state)
    beta = np.empty_like(exp_state)
    scale = np.empty(len(exp_state))
    offsets = packed.offsets.tolist()  # (plain ints: the loops run once per position)
    steps = len(offsets) - 1
    before = 0
    for t in range(steps):
        first, end = offsets[t], offsets[t + 1]
        if t == 0:
            current = exp_state[first:end].copy()
        else:
            current = (alpha[before:before + end - first] @ exp_trans) * exp_state[first:end]
        total = current.sum(axis=1)
        if total.all():
            np.divide(1.0, total, out=scale[first:end])
        else:
            scale[first:end] = np.where(total != 0.0, 1.0 / np.where(total != 0.0, total, 1.0), 1.0)
        np.multiply(current, scale[first:end, None], out=alpha[first:end])
        before = first
    for t in range(steps - 1, -1, -1):
        first, end = offsets[t], offsets[t + 1]
        going_on = offsets[t + 2] - end if t + 1 < steps else 0
        beta[first + going_on:end] = scale[first + going_on:end, None]  # the sequences that end at t
        if going_on:
            after = end
            beta[first:first + going_on] = ((beta[after:after + going_on] * exp_state[after:after + going_on])
                                            @ exp_trans.T) * scale[first:first + going_on, None]
    chances[packed.rows] = alpha * beta / scale[:, None]
    return chances

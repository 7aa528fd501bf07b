"""The tagger's loops over characters, compiled (numba): the rows of each character's
features, their sums, Viterbi, forward-backward, the longest listed name or type suffix at
each position and the quotes around it.

Why compiled: with numpy these loops ran one numpy call per step of the longest sentence
(Viterbi, forward-backward) or one temporary array per feature template and a large array
of gathered weights per document (feature rows, state sums); that overhead around 19
labels per character was most of the tagger's time. Here each loop runs over a
document's characters in machine code (`tagger.py` and `crf.py` keep the numpy versions,
for where numba is missing, and tests/test_tagger.py checks that both agree).

Exactness: feature rows are integers; state sums and Viterbi do the same floating-point
additions in the same order as the numpy code (each character's feature weights one after another in
`tagger.sentence_features`' order; the first best previous label), so the labels are
CRFsuite's bit for bit. Forward-backward sums its products in a fixed order of its own,
so confidences differ from numpy's (and CRFsuite's) by about 1e-15.

Compiled once and cached beside this file (`cache=True`: a later process loads the
machine code in milliseconds); where that folder is read-only numba uses its user cache
folder, and where no folder is writable the kernels compile in each process. Imported
only when the tagger first runs (`crf.compiled`); without numba the callers use numpy.
"""
from __future__ import annotations

import numba
import numpy as np

ENABLED = not numba.config.DISABLE_JIT  # NUMBA_DISABLE_JIT=1 would run these loops as Python


def _jit(function):
    try:
        return numba.njit(cache=True, nogil=True)(function)
    except RuntimeError:  # "cannot cache function": no writable folder for the cache
        return numba.njit(nogil=True)(function)


BLOCK = 64  # characters summed together, feature by feature: their scores stay in the L1 cache


@_jit
def state_sums(state: np.ndarray, rows: np.ndarray, mark_at: np.ndarray, mark_row: np.ndarray) -> np.ndarray:
    """Scores (characters, labels): for character i, the rows of `state` `rows[:, i]` in
    order, then those of its marks (`mark_row[k]` where `mark_at[k] == i`; sorted by
    character, each character's in order), added one after another."""
    features, size = rows.shape
    labels = state.shape[1]
    scores = np.empty((size, labels))
    mark = 0
    for first in range(0, size, BLOCK):
        end = min(size, first + BLOCK)
        for i in range(first, end):
            scores[i] = state[rows[0, i]]
        for f in range(1, features):
            for i in range(first, end):
                row = rows[f, i]
                if row == 0:
                    continue  # (a feature the model lacks: its row is zeros, and x + 0.0 == x)
                for j in range(labels):
                    scores[i, j] += state[row, j]
        while mark < len(mark_at) and mark_at[mark] < end:
            row, i = mark_row[mark], mark_at[mark]
            for j in range(labels):
                scores[i, j] += state[row, j]
            mark += 1
    return scores


@_jit
def viterbi(scores: np.ndarray, transition: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best label of every position of the sequences at `starts` (see `crf.viterbi`)."""
    labels = scores.shape[1]
    best = np.zeros(scores.shape[0], dtype=np.int64)
    back = np.zeros((max(1, lengths.max()) if len(lengths) else 1, labels), dtype=np.int64)
    score = np.empty(labels)
    step = np.empty(labels)
    for k in range(len(starts)):
        start, length = starts[k], lengths[k]
        if length == 0:
            continue
        score[:] = scores[start]
        for t in range(1, length):
            # previous label 0 first, then a later one only where strictly better: the
            # first best, as CRFsuite and numpy's argmax keep it
            for j in range(labels):
                step[j] = score[0] + transition[0, j]
                back[t, j] = 0
            for i in range(1, labels):
                for j in range(labels):
                    candidate = score[i] + transition[i, j]
                    if candidate > step[j]:
                        step[j] = candidate
                        back[t, j] = i
            for j in range(labels):
                score[j] = step[j] + scores[start + t, j]
        label = 0
        for j in range(1, labels):
            if score[j] > score[label]:
                label = j
        best[start + length - 1] = label
        for t in range(length - 1, 0, -1):
            label = back[t, label]
            best[start + t - 1] = label
    return best


@_jit
def label_chances(exp_state: np.ndarray, exp_trans: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                  labels: np.ndarray) -> np.ndarray:
    """P(labels[t] at t) of every position of the sequences at `starts`, 0 elsewhere
    (forward-backward with CRFsuite's scaling, as `crf.marginals`), from the exponentials
    of the state scores and of the transitions (numpy's exp, vectorised, is quicker). The
    backward pass keeps one step: only the chance of the given label is wanted."""
    size, count = exp_state.shape
    exp_into = np.ascontiguousarray(exp_trans.T)  # (to, from): the backward pass reads rows
    chances = np.zeros(size)
    alpha = np.empty((size, count))
    scale = np.empty(size)
    total = np.empty(count)
    beta = np.empty(count)
    for k in range(len(starts)):
        start, length = starts[k], lengths[k]
        for p in range(start, start + length):
            if p == start:
                total[:] = exp_state[p]
            else:
                total[:] = 0.0
                for i in range(count):  # a row at a time, summed label by label: vectorised
                    before = alpha[p - 1, i]
                    for j in range(count):
                        total[j] += before * exp_trans[i, j]
                for j in range(count):
                    total[j] *= exp_state[p, j]
            whole = 0.0
            for j in range(count):
                whole += total[j]
            scale[p] = 1.0 / whole if whole != 0.0 else 1.0
            for j in range(count):
                alpha[p, j] = total[j] * scale[p]
        for p in range(start + length - 1, start - 1, -1):
            if p == start + length - 1:
                beta[:] = scale[p]
            else:
                total[:] = 0.0
                for j in range(count):
                    after = beta[j] * exp_state[p + 1, j]
                    for i in range(count):
                        total[i] += after * exp_into[j, i]
                for i in range(count):
                    beta[i] = total[i] * scale[p]
            label = labels[p]
            chances[p] = alpha[p, label] * beta[label] / scale[p]
    return chances


@_jit
def longest_matches(points: np.ndarray, roots: np.ndarray, keys: np.ndarray, children: np.ndarray,
                    ends: np.ndarray, firsts: np.ndarray, direction: int, deepest: int) -> tuple[np.ndarray, np.ndarray]:
    """For each position of `points` (code points), the longest word of a trie read from it
    forward (`direction` 1) or backward (-1): its size (0: none) and its value (-1: none).
    The trie (`tagger._Trie`): `roots[code point]` is the node its first character leads
    to (0: none; most positions start no word, and are passed over with this one look-up);
    from a node on, `keys` (sorted) are node * 0x110000 + code point and `children` the
    node each leads to, node n's from `firsts[n]` to `firsts[n + 1]`; `ends[node]` is the
    value of the word ending there, or -1."""
    size = len(points)
    found = np.zeros(size, dtype=np.int64)
    values = np.full(size, -1, dtype=np.int64)
    for position in range(size):
        node = roots[points[position]] if points[position] < len(roots) else 0
        if node == 0:
            continue
        for depth in range(deepest):
            if depth:
                at = position + direction * depth
                if at < 0 or at >= size:
                    break
                key = node * 0x110000 + points[at]
                first, end = firsts[node], firsts[node + 1]  # (the node's own edges)
                edge = first + np.searchsorted(keys[first:end], key)
                if edge == end or keys[edge] != key:
                    break
                node = children[edge]
            if ends[node] >= 0:
                found[position] = depth + 1
                values[position] = ends[node]
    return found, values


@_jit
def name_marks(found: np.ndarray, kinds: np.ndarray, offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The marks of the listed names (`longest_matches` forward: `found[p]` characters from
    p, of kinds `offsets[kinds[p]]` to `offsets[kinds[p] + 1]`): (position, row) pairs,
    name by name, kind by kind: the first character gets row `rows[kind, 0]`, the last
    `rows[kind, 1]`, those between `rows[kind, 2]` (as `tagger._listed_marks` lists them)."""
    count = 0
    for p in range(len(found)):
        if found[p]:
            count += found[p] * (offsets[kinds[p] + 1] - offsets[kinds[p]])
    at = np.empty(count, dtype=np.int64)
    row = np.empty(count, dtype=np.int64)
    n = 0
    for p in range(len(found)):
        size = found[p]
        if not size:
            continue
        for kind in range(offsets[kinds[p]], offsets[kinds[p] + 1]):
            at[n], row[n] = p, rows[kind, 0]
            at[n + 1], row[n + 1] = p + size - 1, rows[kind, 1]
            n += 2
            for i in range(p + 1, p + size - 1):
                at[n], row[n] = i, rows[kind, 2]
                n += 1
    return at, row


@_jit
def enclosures(points: np.ndarray, firsts: np.ndarray, lengths: np.ndarray, opens: np.ndarray,
               closes: np.ndarray, quote: int) -> np.ndarray:
    """Per character of the sentences (sentence k: `lengths[k]` code points of `points` from
    `firsts[k]`): the kinds of quotes or brackets it stands inside, as bits (as
    `tagger._enclosures` reads them). `opens[c]` / `closes[c]`: the bit of the kind that
    code point c opens / closes (0: none); `quote` (ASCII ") opens or closes bit 4 in turn."""
    inside = np.zeros(lengths.sum(), dtype=np.int64)
    depth = np.zeros(8, dtype=np.int64)  # open marks of each kind, by bit
    n = 0
    for k in range(len(firsts)):
        depth[:] = 0
        for p in range(firsts[k], firsts[k] + lengths[k]):
            point = points[p]
            closed = closes[point] if point < len(closes) else 0
            if closed and depth[closed]:
                depth[closed] -= 1
            inside[n] = (1 if depth[1] else 0) | (2 if depth[2] else 0) | (4 if depth[4] else 0)
            n += 1
            opened = opens[point] if point < len(opens) else 0
            if opened:
                depth[opened] += 1
            elif point == quote:
                depth[4] += -1 if depth[4] else 1
    return inside


@_jit
def _bit(bits: np.ndarray, key: int) -> bool:
    """Bit `key` of `bits` (np.packbits, little bit order)."""
    return (bits[key >> 3] >> (key & 7)) & 1 == 1


@_jit
def _pair(pairs: np.ndarray, pair_bits: np.ndarray, key: int, column: int) -> int:
    """pairs[key, column], read only where `pair_bits` says the key has a row: the bits
    (256 KB) stay in the processor's cache, the table (16 MB, almost all zeros) mostly did
    not, and each character read it at a pair the model lacks."""
    return pairs[key, column] if _bit(pair_bits, key) else 0


@_jit
def feature_rows(real, index, klass, b, unigram, pairs, pair_bits, width, trigram_keys, trigram_rows, begin_bits,
                 classes, wp, word_of, place, span, tokens, words, poses, inside, wlen, suffix, suffix_rows,
                 suffix_type_of, suffix_place_rows, next_type, bucket, next_rows):
    """The rows of `crf.state` that `tagger.sentence_features` names for each character, in
    its order (features, characters): the same as `tagger._feature_columns` computes with
    numpy (tests/test_tagger.py checks that they are equal), in one pass without a
    temporary array per template. Character i stands at `real[i]` in the padded text,
    whose characters are `index` (numbers of `_Tables.chars`) and `klass` (CLASSES);
    `unigram` is by offset + 3, `pairs` (dense bigram table) by key and first offset + 2,
    `pair_bits` its keys that have a row and `begin_bits` the keys that begin a trigram;
    `tokens` holds per word its number, its part of speech's, and those of the words before
    and after it (0: the edge); `words` and `poses` hold their rows in the columns
    `tagger.W` to `tagger.SIZE` and `tagger.POS` to `tagger.POS_PLACE`; the rest are as in
    `tagger._feature_columns`."""
    size = len(real)
    rows = np.empty((29, size), dtype=np.int32)
    for i in range(size):
        p = real[i]
        w = word_of[i]
        word, pos, before, after, before_pos, after_pos = (tokens[0, w], tokens[1, w], tokens[2, w], tokens[3, w],
                                                           tokens[4, w], tokens[5, w])
        rows[0, i] = b
        rows[1, i] = unigram[3, index[p]]  # c=, c-1=, c+1=, c-2=, c+2=
        rows[2, i] = unigram[2, index[p - 1]]
        rows[3, i] = unigram[4, index[p + 1]]
        rows[4, i] = unigram[1, index[p - 2]]
        rows[5, i] = unigram[5, index[p + 2]]
        rows[6, i] = _pair(pairs, pair_bits, index[p - 1] * width + index[p], 1)  # c-1c=, cc+1=, c-2c-1=, c+1c+2=
        rows[7, i] = _pair(pairs, pair_bits, index[p] * width + index[p + 1], 2)
        rows[8, i] = _pair(pairs, pair_bits, index[p - 2] * width + index[p - 1], 0)
        rows[9, i] = _pair(pairs, pair_bits, index[p + 1] * width + index[p + 2], 3)
        prefix = np.int64(index[p - 1]) * width + index[p]  # c-1cc+1=: searched where a trigram begins so
        row = 0
        if _bit(begin_bits, prefix):
            key = prefix * width + index[p + 1]
            at = np.searchsorted(trigram_keys, key)
            if at < len(trigram_keys) and trigram_keys[at] == key:
                row = trigram_rows[at]
        rows[10, i] = row
        rows[11, i] = classes[klass[p] * 25 + klass[p - 1] * 5 + klass[p + 1]]  # t=
        rows[12, i] = wp[place[i]]
        rows[13, i] = poses[pos, 0]  # pos=, pos.wp=, w=, in=
        rows[14, i] = poses[pos, 3 + place[i]]
        rows[15, i] = words[word, 0]
        rows[16, i] = inside[i]
        rows[17, i] = words[before, 1]  # pw=, ppos=, nw=, npos=
        rows[18, i] = poses[before_pos, 1]
        rows[19, i] = words[after, 2]
        rows[20, i] = poses[after_pos, 2]
        rows[21, i] = unigram[0, index[p - 3]]  # c-3=, c+3=
        rows[22, i] = unigram[6, index[p + 3]]
        rows[23, i] = wlen[min(span[i], 5)]
        rows[24, i] = words[word, 3]  # boundary, generic
        rows[25, i] = words[word, 4]
        rows[26, i] = suffix_rows[suffix[i]]  # sfx], sfx.wp=, next=
        rows[27, i] = suffix_place_rows[suffix_type_of[suffix[i]], place[i]]
        rows[28, i] = next_rows[next_type[i], bucket[i]]
    return rows

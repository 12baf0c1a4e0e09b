"""The order a learner sees questions and options in: pure functions, no ORM.

An attempt stores one random seed; the order is derived from it, so the same attempt
shows the same order on every device and after every reload, without storing the order.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence


def _rng(seed: int, salt: str) -> random.Random:
    # Not for security: only to vary the order between learners.
    return random.Random(f"{seed}:{salt}")  # noqa: S311  # nosec B311


def question_order(questions: Sequence[Mapping], *, seed: int, shuffle: bool) -> list[str]:
    keys = [question["key"] for question in questions]
    if shuffle:
        _rng(seed, "questions").shuffle(keys)
    return keys


def ordered_options(
    options: Sequence[Mapping], *, seed: int, salt: str, shuffle: bool
) -> list[Mapping]:
    """Options in display order. True/false keeps its natural order (Benar, Salah)."""
    options = list(options)
    if shuffle:
        _rng(seed, salt).shuffle(options)
    return options

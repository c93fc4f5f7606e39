"""The gate every released table passes before it leaves: checkers that share no code with the generaliser.

k and l are measured by pycanon (an implementation independent of ours, on pandas),
k^m on a set-valued field by ``privacy.kmcheck``. Record builds call it before a
version is stored, talent search before it answers with cards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from privacy.kmcheck import is_km_anonymous


def pycanon_k(rows: Sequence[Mapping[str, Any]], quasi_identifiers: Sequence[str]) -> int:
    """k of a released table according to pycanon."""
    import pandas as pd
    from pycanon import anonymity

    frame = pd.DataFrame([{q: str(row[q]) for q in quasi_identifiers} | {"_row": i} for i, row in enumerate(rows)])
    return int(anonymity.k_anonymity(frame, list(quasi_identifiers)))


def pycanon_l(rows: Sequence[Mapping[str, Any]], quasi_identifiers: Sequence[str], sensitive: str) -> int:
    """Distinct l of a released table according to pycanon."""
    import pandas as pd
    from pycanon import anonymity

    frame = pd.DataFrame([{q: str(row[q]) for q in quasi_identifiers} | {sensitive: str(row[sensitive])} for row in rows])
    return int(anonymity.l_diversity(frame, list(quasi_identifiers), [sensitive]))


def table_passes(
    rows: Sequence[Mapping[str, Any]],
    *,
    quasi_identifiers: Sequence[str],
    k: int,
    m: int,
    set_field: str | None = None,
    sensitive: str | None = None,
    l: int = 1,  # noqa: E741
) -> bool:
    """True if a non-empty ``rows`` meets k (pycanon), k^m on ``set_field`` and distinct l on ``sensitive``."""
    if not rows or pycanon_k(rows, quasi_identifiers) < k:
        return False
    if set_field and not is_km_anonymous(rows, quasi_identifiers, set_field, k=k, m=m):
        return False
    if sensitive and l > 1:
        return pycanon_l(rows, quasi_identifiers, sensitive) >= l
    return True

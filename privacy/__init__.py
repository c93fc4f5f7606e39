"""Privacy engine: generalisation hierarchies, k-anonymity, free-text scrubbing,
differentially private aggregates (``privacy.dp``, OpenDP), the ε accountant
(``privacy.budget``) and the clean-room query templates (``privacy.templates``).

Plain Python: the k-anonymity and scrubbing rules use the standard library only,
the DP mechanisms use OpenDP. Nothing here imports Django or any other package of
the project, so the rules can be tested in isolation and run in any worker
(DESIGN.md §2: privacy depends on nothing of ours).
"""

from privacy.hierarchies import HIERARCHIES, Hierarchy
from privacy.kanon import (
    AnonymizationResult,
    KAnonymityError,
    RiskReport,
    anonymize,
    is_k_anonymous,
    risk_report,
)
from privacy.scrub import is_valid_resident_id, scrub

__all__ = [
    "HIERARCHIES",
    "AnonymizationResult",
    "Hierarchy",
    "KAnonymityError",
    "RiskReport",
    "anonymize",
    "is_k_anonymous",
    "is_valid_resident_id",
    "risk_report",
    "scrub",
]

"""Privacy engine: generalisation hierarchies, k- and k^m-anonymity, free-text scrubbing,
differentially private aggregates (``privacy.dp``, OpenDP), the ε accountant
(``privacy.budget``) and the clean-room query templates (``privacy.templates``).

To release people's records, call ``generalise_records`` (``privacy.release``):
k-anonymity on the scalar quasi-identifiers, k^m on skills, optional l-diversity,
by optimal full-domain generalisation or Mondrian, vocabulary values only. The
checkers in ``privacy.kmcheck`` and the gate in ``privacy.gate`` (pycanon for k and l)
share no code with it.

Plain Python: the search uses numpy, the DP mechanisms OpenDP. Nothing here imports Django or any other package of
the project, so the rules can be tested in isolation and run in any worker
(DESIGN.md §2: privacy depends on nothing of ours).
"""

from privacy.gate import table_passes
from privacy.hierarchies import HIERARCHIES, Hierarchy
from privacy.kmcheck import is_km_anonymous, km_violations
from privacy.release import PrivacyModel, PrivacyModelError, Release, generalise_records, records_without
from privacy.scrub import is_valid_resident_id, scrub

__all__ = [
    "HIERARCHIES",
    "Hierarchy",
    "PrivacyModel",
    "PrivacyModelError",
    "Release",
    "generalise_records",
    "is_km_anonymous",
    "km_violations",
    "records_without",
    "is_valid_resident_id",
    "scrub",
    "table_passes",
]

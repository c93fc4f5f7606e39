"""The engine's real release with one cell changed after it: what the release gate must catch."""

from dataclasses import replace

from privacy.vocabulary import SKILLS


def broken_after(generalise, broken: str, *, column: str, value: str):
    """Wrap `generalise` so that its release breaks k (`broken="k"`: `column` of the first row
    becomes `value`, a class of one) or k^m (`broken="km"`: the first row gains a skill nobody
    else holds, an itemset of one person)."""

    def generalise_then_break(records, **kwargs):
        release = generalise(records, **kwargs)
        rows = [dict(row) for row in release.rows]
        if broken == "k":
            rows[0][column] = value
        else:
            unused = next(skill for skill in SKILLS if all(skill not in row["skills"] for row in rows))
            rows[0]["skills"] = sorted([*rows[0]["skills"], unused])
        return replace(release, rows=rows)

    return generalise_then_break

"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from the alphabet below (no I, O, S, V, Z): registration authority,
organisation type, a 6-digit administrative division code, a 9-character
organisation code, and a check character computed modulo 31. Pure Python.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must be in the alphabet)."""
    if len(first17) != 17 or any(char not in _VALUE for char in first17):
        raise ValueError("17 characters of the GB 32100 alphabet are required")
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    return "".join(code.split()).upper()


def is_valid(code: str) -> bool:
    """True when `code` (already normalised) is 18 characters with the right check character."""
    if len(code) != 18 or any(char not in _VALUE for char in code):
        return False
    if not code[2:8].isdigit():  # the administrative division code is numeric
        return False
    return check_character(code[:17]) == code[17]

"""China's provinces and cities, in Chinese and pinyin, from cpca's table of administrative divisions.

Plain Python (no Django). `place_in(text)` finds the (province, city) a piece of text names,
written in Chinese ("贵州省遵义市", "现居深圳") or in pinyin ("Zunyi, Guizhou", "Xi'an").
Names come back short, the way the resume form keeps them: "广东", "深圳" (no 省/市 suffix);
for the four municipalities the city is the municipality itself.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path

MUNICIPALITIES = {"11", "12", "31", "50"}
_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
# Pinyin that differs from the plain reading, or the name the world uses.
_PINYIN_EXCEPTIONS = {
    "陕西": "shaanxi",
    "内蒙古": "inner mongolia",
    "西藏": "tibet",
    "香港": "hong kong",
    "澳门": "macau",
    "台湾": "taiwan",
}
# Names the world writes otherwise than their pinyin (Harbin is ha'erbin; Hohhot, Urumqi and Lhasa follow
# Mongolian, Uyghur and Tibetan), and names whose character the plain reading gets wrong (朝阳 is Chaoyang,
# 长治 Changzhi).
_PINYIN_ALIASES = {"macao": "澳门", "xian": "西安", "peking": "北京", "canton": "广州", "amoy": "厦门", "harbin": "哈尔滨",
                   "hohhot": "呼和浩特", "urumqi": "乌鲁木齐", "lhasa": "拉萨", "karamay": "克拉玛依", "shigatse": "日喀则",
                   "ordos": "鄂尔多斯", "chaoyang": "朝阳", "changzhi": "长治", "qamdo": "昌都", "changdu": "昌都",
                   "turpan": "吐鲁番", "kumul": "哈密", "nyingchi": "林芝", "xigaze": "日喀则", "shannan": "山南",
                   "hulunbuir": "呼伦贝尔", "baotou": "包头", "ulanqab": "乌兰察布"}  # fmt: skip
# Prefectures (地区, 自治州, 盟) the world writes by their Tibetan, Uyghur or Mongolian names; like every
# prefecture's, read only beside their province's name.
_PREFECTURE_ALIASES = {"garze": "甘孜", "ngari": "阿里", "nagqu": "那曲", "golog": "果洛", "haixi": "海西",
                       "kashgar": "喀什", "hotan": "和田", "altay": "阿勒泰", "ili": "伊犁", "bayingolin": "巴音郭楞",
                       "kizilsu": "克孜勒苏", "bortala": "博尔塔拉", "tacheng": "塔城", "aksu": "阿克苏", "xilingol": "锡林郭勒",
                       "alxa": "阿拉善", "hinggan": "兴安", "dechen": "迪庆", "deqen": "迪庆"}  # fmt: skip


def short_province(name: str) -> str:
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


# The peoples named in an autonomous prefecture's name ("恩施土家族苗族自治州" is 恩施, "博尔塔拉蒙古自治州" 博尔塔拉).
_PREFECTURE_SUFFIX = re.compile(
    r"(?:(?:土家|苗|朝鲜|彝|白|藏|羌|傣|景颇|傈僳|哈尼|壮|布依|侗|回|蒙古|哈萨克|柯尔克孜|黎|维吾尔)族|蒙古)*(?:自治州|地区|盟)$"
)


def short_city(name: str) -> str:
    """ "遵义市" -> "遵义"; an autonomous prefecture by its place name: "恩施土家族苗族自治州" -> "恩施"."""
    if name.endswith("市") and len(name) > 2:
        return name[:-1]
    bare = _PREFECTURE_SUFFIX.sub("", name)
    return bare if len(bare) >= 2 else name


def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name)).lower()


@cache
def divisions() -> tuple[dict[str, str], dict[str, list[tuple[str, str]]], dict[str, tuple[str, str]]]:
    """(province code -> short name, pinyin -> [(province, city)...], pinyin of a province -> (province, city or ""))."""
    import cpca

    path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    provinces: dict[str, str] = {}
    cities: list[tuple[str, str]] = []
    prefectures: dict[str, str] = {}
    county_cities: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"], row["name"]
            if code[2:] == "0000000000":
                provinces[code[:2]] = short_province(name)
            elif code[4:] == "00000000" and code[:2] not in MUNICIPALITIES and name not in ("市辖区", "县"):
                cities.append((code[:2], name))
                prefectures[code[:4]] = name
            elif code[6:] == "000000" and code[4:6] != "00" and name.endswith("市") and code[:2] not in MUNICIPALITIES:
                county_cities.append((code[:4], name))  # a county-level city (昆山, 义乌): written in pinyin too
    city_pinyin: dict[str, list[tuple[str, str]]] = {}
    for province_code, name in sorted(cities):
        if not name.endswith("市"):
            continue  # prefectures (地区, 自治州) are written in Chinese in practice
        short = short_city(name)
        city_pinyin.setdefault(_pinyin(short), []).append((provinces.get(province_code, ""), short))
    province_pinyin: dict[str, tuple[str, str]] = {}
    for code, short in provinces.items():
        key = _PINYIN_EXCEPTIONS.get(short) or _pinyin(short)
        province_pinyin[key] = (short, short if code in MUNICIPALITIES or short in ("香港", "澳门") else "")
        if code in MUNICIPALITIES:
            city_pinyin.setdefault(key, []).append((short, short))
    for prefecture_code, name in sorted(county_cities):
        parent = prefectures.get(prefecture_code)
        key = _pinyin(short_city(name))
        if parent and key not in city_pinyin:
            city_pinyin[key] = [(provinces.get(prefecture_code[:2], ""), short_city(parent))]
    for alias, chinese in _PINYIN_ALIASES.items():
        for places in list(city_pinyin.values()):
            if places[0][1] == chinese:
                city_pinyin.setdefault(alias, places)
                break
    return provinces, city_pinyin, province_pinyin


@cache
def _prefecture_pinyin() -> dict[str, list[tuple[str, str]]]:
    """pinyin -> [(province, prefecture)] of the prefectures (地区, 自治州, 盟): "Haibei, Qinghai", "Gannan, Gansu".
    Read only beside their province's name, since their short names are often words or names of their own."""
    import cpca

    path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    provinces, _cities, province_pinyin = divisions()
    found: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"], row["name"]
            if code[4:] != "00000000" or code[2:4] == "00" or code[:2] in MUNICIPALITIES or name.endswith("市"):
                continue
            if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            short = short_city(name)
            key = _pinyin(short)
            if key not in province_pinyin:
                found.setdefault(key, []).append((provinces.get(code[:2], ""), short))
    for alias, chinese in _PREFECTURE_ALIASES.items():
        for places in list(found.values()):
            if places[0][1] == chinese:
                found.setdefault(alias, places)
                break
    return found


def _cpca_row(text: str) -> dict:
    """cpca's reading of one address (its one-address reader, without building a pandas table for it)."""
    import cpca

    one = getattr(cpca, "_get_one_addr", None)
    if one is not None:
        return one(text, False, {})
    return cpca.transform([text]).to_dict("records")[0]


@cache
def _shared_district_names() -> frozenset[str]:
    """County-level names that more than one city has (城关区, 朝阳区, 鼓楼区): alone, they name no one place."""
    import cpca

    path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    seen: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["adcode"]
            if code[6:] == "000000" and code[4:6] != "00":
                seen.setdefault(row["name"], set()).add(code[:4])
    return frozenset(name for name, cities in seen.items() if len(cities) > 1)


def _chinese_place(text: str) -> tuple[str, str]:
    row = _cpca_row(text[:200])
    code = row.get("adcode") or ""
    if not code:
        return "", ""
    provinces, _cities, _province_pinyin = divisions()
    province = provinces.get(code[:2], short_province(row.get("省") or ""))
    district = row.get("区") or ""
    city_named = (row.get("市") or "") and short_city(row.get("市") or "")[:2] in text
    if district in _shared_district_names() and province[:2] not in text and not city_named:
        return "", ""  # "城关区" alone: a district of Lanzhou, Lhasa and others; guessing would be wrong as often as not
    if code[:2] in MUNICIPALITIES or province in ("香港", "澳门"):
        return province, province
    city = row.get("市") or ""
    return province, short_city(city) if city and city not in ("市辖区", "县") else ""


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_NOT_A_PLACE_AFTER = re.compile(
    r"^\s*(university|college|institute|normal|polytechnic|bank|tech|technology|"
    # a street or district named after a city ("88 Nanjing Road", "Chaoyang District, Beijing")
    r"road|rd|street|st|avenue|ave|boulevard|blvd|lane|alley|hutong|lu|jie|dadao|district|county|new area|qu)\b",
    re.I,
)


def _pinyin_place(text: str) -> tuple[str, str, int]:
    """(province, city, position) of the first pinyin place name in `text`."""
    _provinces, city_pinyin, province_pinyin = divisions()
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text)]
    best: tuple[str, str, int] | None = None
    province_only: tuple[str, int] | None = None
    for index, (start, _end, _word) in enumerate(words):
        for length in (2, 1):
            if index + length > len(words):
                continue
            piece = words[index : index + length]
            key = "".join(w[2] for w in piece).lower().replace("'", "").replace("’", "").replace("-", "")
            spoken = " ".join(w[2] for w in piece).lower()
            if _NOT_A_PLACE_AFTER.match(text[piece[-1][1] :]):
                continue
            if not piece[0][2][0].isupper():
                continue  # place names are capitalised; "xian" inside a sentence is not Xi'an
            if key in _prefecture_pinyin() and best is None:
                lowered = text.lower()
                named = [
                    p for p in _prefecture_pinyin()[key] if any(k in lowered for k, v in province_pinyin.items() if v[0] == p[0])
                ]
                if named:  # "Haibei, Qinghai", "Yushu, Qinghai" (not the Yushu of Jilin)
                    best = (*named[0], start)
            if key in city_pinyin and best is None:
                places = city_pinyin[key]
                after = re.match(r"\s*,\s*([A-Za-z][A-Za-z' ]*?)\s*(?:,|$)", text[piece[-1][1] :])
                province_after = province_pinyin.get(after.group(1).lower()) if after else None
                if province_after and all(place[0] != province_after[0] for place in places):
                    continue  # "Chaoyang, Beijing": a district of the province written after it, not the city elsewhere
                if len(places) > 1:  # Taizhou: 泰州 (Jiangsu) or 台州 (Zhejiang); the province named decides
                    lowered = text.lower()
                    named = [p for p in places if any(k in lowered for k, v in province_pinyin.items() if v[0] == p[0])]
                    places = named or places
                best = (*places[0], start)
            for candidate in (spoken, key):
                if candidate in province_pinyin and province_only is None:
                    province_only = (province_pinyin[candidate][0], start)
                    if province_pinyin[candidate][1] and best is None:
                        best = (*province_pinyin[candidate], start)
        if best:
            break
    if best:
        return best
    if province_only:
        return province_only[0], "", province_only[1]
    return "", "", -1


@cache
def _prefectures() -> dict[str, tuple[str, ...]]:
    """Province (short) -> the short names of its prefectures."""
    import cpca

    path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    provinces, _cities, _province_pinyin = divisions()
    found: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"], row["name"]
            if code[4:] != "00000000" or code[2:4] == "00" or code[:2] in MUNICIPALITIES or "直辖" in name:
                continue
            if name not in ("市辖区", "县"):
                found.setdefault(provinces.get(code[:2], ""), []).append(short_city(name))
    return {province: tuple(names) for province, names in found.items()}


# A prefecture named after its province with one character misread (a scan's "云南省玉沉市" is 玉溪).
_CITY_AFTER_PROVINCE = re.compile(r"(?:省|自治区)\s*([\u4e00-\u9fff]{2,4}?)(?:市|地区|自治州|盟)")


def _prefecture_after_province(text: str, province: str) -> str:
    """A prefecture of the province written by its short name right after it, which cpca reads only with its suffix:
    "云南迪庆", "内蒙古·阿拉善", "四川 甘孜" (迪庆藏族自治州, 阿拉善盟, 甘孜藏族自治州)."""
    suffix = r"(?:省|自治区|壮族自治区|回族自治区|维吾尔自治区)?"
    after = re.search(re.escape(province) + suffix + r"[\s·•,，、/\-]*([\u4e00-\u9fff]{2,6})", text)
    if not after:
        return ""
    names = [name for name in _prefectures().get(province, ()) if after.group(1).startswith(name)]
    return max(names, key=len) if names else ""


def _misread_city(text: str, province: str) -> str:
    match = _CITY_AFTER_PROVINCE.search(text)
    if not match:
        return ""
    written = match.group(1)
    close = [
        name
        for name in _prefectures().get(province, ())
        if len(name) == len(written) and sum(a != b for a, b in zip(name, written, strict=True)) == 1
    ]
    return close[0] if len(close) == 1 else ""


@lru_cache(maxsize=4096)
def place_in(text: str) -> tuple[str, str]:
    """(province, city) that `text` names, or ("", ""). A prefecture written after its province with one character
    unlike any of that province's (a scan's misreading) is the one prefecture it can be, if only one is that close."""
    if not text.strip():
        return "", ""
    if re.search(r"[\u4e00-\u9fff]", text):
        province, city = _chinese_place(text)
        if province and not city and province[:2] in text:
            city = _prefecture_after_province(text, province) or _misread_city(text, province)
        if province:
            return province, city
    province, city, _position = _pinyin_place(text)
    return province, city

"""Regenerate src/kg/data/gazetteer.tsv, China's administrative divisions down to township
level, from the data files that jionlp (Apache-2.0, https://pypi.org/project/jionlp/) ships.

jionlp is NOT a dependency of kg: install it into a throwaway venv, point this script at it,
and commit only the TSV it writes. The script uses the standard library alone and never
imports jionlp (its import takes ~13 s and pulls ~300 MB): it reads the package's files.

    python3 -m venv /tmp/jionlp-venv
    /tmp/jionlp-venv/bin/pip install --no-deps jionlp==1.5.31   # plain `pip install jionlp` works too
    python scripts/make_gazetteer.py /tmp/jionlp-venv            # a venv, a site-packages or a jionlp/ folder

Files read from the installed package:
- jionlp/dictionary/china_location.zip (china_location.txt): a tab-indented tree
  province > city > county > township > village; provinces, cities and counties carry their
  GB/T 2260 code and jionlp's own short form, townships and villages carry a name only.
- jionlp/dictionary/china_location_change.txt: county- and city-level renames and mergers
  (2002-2023) as `old province/city/county => new province/city/county`.
- jionlp/rule/rule_pattern.py: the list of China's minority peoples (MINORITIES_IN_CHINA_PATTERN_1),
  used to shorten autonomous areas (黔南布依族苗族自治州 -> 黔南州, 黔南).
- jionlp/gadget/china_location_alias.py: jionlp's customary short forms of Inner Mongolia's
  banners (土默特右旗 -> 土右旗).
- the dist-info METADATA and LICENSE, to record the version and check the licence.

Output columns (tab-separated, one area a row, sorted by code; see the header it writes):
code, name, level, parent_code, short_forms, former_names.
The output is deterministic: the same jionlp files give byte-identical output.
"""
from __future__ import annotations

import ast
import hashlib
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "kg" / "data" / "gazetteer.tsv"

LEVELS = ("Province", "City", "District", "Township")
PSEUDO = "直辖行政区划"  # 省直辖行政区划, 市直辖行政区划, 县直辖行政区划: grouping rows, not areas

# County-level development zones and the like (统计用区划代码 gives them 71-79 as the county
# digits; a few the source lists under other codes are known by their name's tail). Their
# names are not `place + level word`, so no short form is cut from them, and a short form
# jionlp gives them is kept only when no other zone has it, it is not itself a zone word
# (经开区, 高新区, 火炬开发区, 工业园) and it is not another area's name or short form (新城区; 镇江
# for 镇江新区, 北戴河 for 北戴河新区).
ZONE_TAILS = (
    "开发区", "工业园区", "产业园区", "化工园区", "创意园区", "产业园", "示范区", "实验区", "工业区",
    "管理区", "保税区", "聚集区", "食品区", "风景名胜区", "特定区", "新城", "管委会", "委员会", "群岛", "海域",
)
ZONE_WORDS = ("开发区", "经开区", "高新区", "园区", "工业园", "产业园", "示范", "示范区", "新区", "保税区", "物流区")
# Level words cut from a name to make its short form, per level, first match wins; with the
# fewest characters the rest must keep (碑林区 is 碑林, not 碑 + 林区; 神农架林区 is 神农架).
TAILS = {
    "Province": (("特别行政区", 2), ("自治区", 2), ("省", 2), ("市", 2)),
    "City": (("自治州", 2), ("地区", 2), ("市", 2), ("盟", 2)),
    "District": (("自治县", 2), ("自治旗", 2), ("林区", 3), ("矿区", 2), ("新区", 2), ("特区", 2),
                 ("区", 2), ("县", 2), ("市", 2), ("旗", 2)),
    "Township": (("少数民族乡", 2), ("民族苏木", 2), ("民族乡", 2), ("自治乡", 2), ("街道", 2), ("苏木", 2),
                 ("镇", 2), ("乡", 2)),
}
# A banner whose name ends in a direction (察哈尔右翼中旗, 达尔罕茂明安联合旗) keeps its 旗: its
# customary short form is jionlp's (察右中旗).
BANNER_KEEPS = ("左", "右", "中", "前", "后", "联合")
# What an autonomous area's place name takes as its own level word (黔南州, 松桃县, 鄂温克旗).
AUTONOMY_WORD = {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": "", "自治乡": "乡"}
MIN_SHORT = 2  # characters: a shorter short form names nothing on its own


@dataclass
class Area:
    name: str
    level: str
    source_code: str  # as the source gives it, "" if none
    parent: Area | None
    path: tuple[str, ...]  # source names from province down, pseudo rows included
    aliases: list[str] = field(default_factory=list)  # jionlp's short forms
    children: list[Area] = field(default_factory=list)
    former: list[str] = field(default_factory=list)
    code: str = ""


# ---------------------------------------------------------------- locating the package


def package_dir(where: str) -> Path:
    """The jionlp/ folder in a venv, a site-packages folder or given directly."""
    root = Path(where)
    for candidate in [root, root / "jionlp", *sorted(root.glob("lib/python*/site-packages/jionlp"))]:
        if (candidate / "dictionary" / "china_location_change.txt").is_file():
            return candidate
    sys.exit(f"no jionlp package found under {where}")


def metadata(pkg: Path) -> tuple[str, str]:
    """(version, licence) from the installed dist-info; stops unless the licence is Apache-2.0."""
    infos = sorted(pkg.parent.glob("jionlp-*.dist-info"))
    if len(infos) != 1:
        sys.exit(f"expected one jionlp dist-info beside {pkg}, found {infos}")
    fields: dict[str, str] = {}
    for line in (infos[0] / "METADATA").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break  # headers end at the first blank line
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    licence_files = sorted(infos[0].rglob("LICENSE*"))
    text = licence_files[0].read_text(encoding="utf-8") if licence_files else ""
    licence = fields.get("License", "")
    if "Apache" not in licence or "Apache License" not in text or "Version 2.0" not in text:
        sys.exit(f"jionlp's licence is not Apache-2.0 as expected: {licence!r}; check before regenerating")
    return fields["Version"], "Apache-2.0"


def constant(path: Path, name: str) -> str:
    """A module-level string constant of a jionlp source file, read without importing it."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    sys.exit(f"{name} not found in {path}")


def banner_aliases(path: Path) -> dict[str, str]:
    """jionlp's customary banner short forms: the dict literal assigned to self.china_county_qi."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                and any(getattr(t, "attr", None) == "china_county_qi" for t in node.targets)):
            return ast.literal_eval(node.value)
    sys.exit(f"china_county_qi not found in {path}")


def minorities(pkg: Path) -> tuple[str, ...]:
    """The minority peoples' names (壮, 布依, 维吾尔, ...), longest first, and 各 for 各族 ("all
    peoples": 龙胜各族自治县)."""
    pattern = constant(pkg / "rule" / "rule_pattern.py", "MINORITIES_IN_CHINA_PATTERN_1")
    match = re.fullmatch(r"\(([^()]+)\)族", pattern)
    if not match:
        sys.exit(f"unexpected MINORITIES_IN_CHINA_PATTERN_1: {pattern!r}")
    return tuple(sorted(set(match.group(1).split("|")) | {"各"}, key=lambda n: (-len(n), n)))


def location_text(pkg: Path) -> tuple[str, str]:
    """china_location.txt as shipped (inside its zip) and the sha256 of the file read."""
    zipped = pkg / "dictionary" / "china_location.zip"
    if zipped.is_file():
        raw = zipped.read_bytes()
        with zipfile.ZipFile(zipped) as archive:
            text = archive.read("china_location.txt").decode("utf-8")
        return text, hashlib.sha256(raw).hexdigest()
    plain = pkg / "dictionary" / "china_location.txt"
    raw = plain.read_bytes()
    return raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()


# ---------------------------------------------------------------- the tree


def parse_tree(text: str) -> tuple[list[Area], dict[tuple[str, ...], Area], int]:
    """Provinces with their areas below, and the number of village rows left out.

    Municipalities and SARs repeat the province as their city (上海市 > 上海市): that row is
    dropped and its districts hang from the province, as in admin_divisions.tsv. The
    `直辖行政区划` rows (counties directly under a province or townships directly under a
    city) are dropped the same way, their children hanging from the row above."""
    provinces: list[Area] = []
    dropped: dict[tuple[str, ...], Area] = {}
    stack: list[Area | None] = [None] * 4  # nearest area at depth 0..3 (None for a dropped row)
    names: list[str] = [""] * 4
    villages = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        name = fields[0].strip()
        if depth >= 4:
            villages += 1
            continue
        names[depth] = name
        for d in range(depth + 1, 4):
            stack[d], names[d] = None, ""
        parent = next((stack[d] for d in range(depth - 1, -1, -1) if stack[d] is not None), None)
        code = fields[1] if len(fields) > 1 else ""
        aliases = [a for a in fields[2].split("/") if a] if len(fields) > 2 else []
        drop = name.endswith(PSEUDO) or (
            depth == 1 and parent is not None and (name == parent.name or code == parent.source_code)
        )
        if drop:
            stack[depth] = None
            if parent is not None:
                dropped.setdefault(tuple(names[: depth + 1]), parent)
            continue
        area = Area(name, LEVELS[depth], code, parent, tuple(names[: depth + 1]), aliases)
        if parent is None:
            provinces.append(area)
        else:
            parent.children.append(area)
        stack[depth] = area
    return provinces, dropped, villages


def walk(areas: list[Area]):
    for area in areas:
        yield area
        yield from walk(area.children)


# ---------------------------------------------------------------- short forms


def strip_peoples(stem: str, peoples: tuple[str, ...]) -> str:
    """黔南布依族苗族 -> 黔南, 巴音郭楞蒙古 -> 巴音郭楞, 鄂温克族 -> 鄂温克, 内蒙古 -> 内蒙古.

    Peoples' names are cut from the end while at least MIN_SHORT characters stay; a one-character
    name (回, 苗) is cut only with its 族. A stem that is one people's name alone gives that name."""
    while True:
        for people in peoples:
            cut = None
            if stem.endswith(people + "族"):
                cut = len(people) + 1
            elif len(people) >= 2 and stem.endswith(people):
                cut = len(people)
            if cut is None:
                continue
            if len(stem) - cut >= MIN_SHORT:
                stem = stem[:-cut]
                break
            if len(stem) == cut and stem.endswith("族"):
                return stem[:-1]  # 鄂温克族 -> 鄂温克
        else:
            return stem


def is_zone(area: Area) -> bool:
    return area.level == "District" and (
        (len(area.source_code) == 6 and area.source_code[4] == "7") or area.name.endswith(ZONE_TAILS))


def rule_forms(area: Area, peoples: tuple[str, ...]) -> list[str]:
    """Short forms cut by rule: the name without its level word, and for an autonomous area
    its place name with and without the plain level word (黔南布依族苗族自治州 -> 黔南州, 黔南)."""
    name = area.name
    if is_zone(area):
        return []
    for tail, rest in TAILS[area.level]:
        if not name.endswith(tail) or len(name) - len(tail) < rest:
            continue
        stem = name[: -len(tail)]
        if tail in AUTONOMY_WORD:
            place = strip_peoples(stem, peoples)
            return [place + AUTONOMY_WORD[tail], place]
        if tail in ("少数民族乡", "民族乡", "民族苏木"):
            place = strip_peoples(stem, peoples)
            return [place + tail[tail.index("民族") + 2:], place]
        if tail == "旗" and stem.endswith(BANNER_KEEPS):
            return []
        if area.level in ("District", "Township") and stem.endswith("族"):
            place = strip_peoples(stem, peoples)  # 梅里斯达斡尔族区, 三江侗族乡
            if place != stem:
                return [place + tail, place]
        return [stem]
    return []


def short_forms(area: Area, peoples: tuple[str, ...], banners: dict[str, str], zone_aliases: Counter,
                taken: set[str]) -> list[str]:
    """Rule forms, and above township level jionlp's own short forms; `taken` holds the full
    names of all areas and the short forms of the areas that are not zones."""
    forms = rule_forms(area, peoples)
    if area.level != "Township":
        for alias in area.aliases:
            if is_zone(area) and (zone_aliases[alias] > 1 or alias.endswith(ZONE_WORDS) or alias in taken):
                continue
            if alias == area.name[:-1] and any(area.name.endswith(t) for t, _ in TAILS[area.level] if len(t) > 1):
                continue  # 六枝特 for 六枝特区, 井陉矿 for 井陉矿区: half a level word left on
            forms.append(alias)
        if area.name in banners:
            forms.append(banners[area.name])
    kept = {f for f in forms if len(f) >= MIN_SHORT and f != area.name}
    return sorted(kept, key=lambda f: (-len(f), f))


# ---------------------------------------------------------------- renames and mergers


def stem_of(name: str) -> str:
    for tail, rest in TAILS["District"]:
        if name.endswith(tail) and len(name) - len(tail) >= rest:
            return name[: -len(tail)]
    return name


def pinyin_table() -> dict[str, str]:
    """Toneless pinyin per character from the project's own pinyin.tsv, if it is there: it
    only breaks ties between misspellings (云岗区 is 云冈区, not 云州区)."""
    table: dict[str, str] = {}
    path = OUT.parent / "pinyin.tsv"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                char, _, reading = line.partition("\t")
                table[char] = reading
    return table


def find_child(parent: Area | None, name: str, not_this: str, peoples: tuple[str, ...], notes: list[str],
               guess: bool = True) -> Area | None:
    """`name` among `parent`'s children: exactly; else the one child (other than the one named
    `not_this`, the old name) whose place name is the same (金秀县 -> 金秀瑶族自治县, 玉环区 ->
    玉环市); else, if `guess`, the one child of the same length, first character and level word
    differing by one character (a misspelling in the change list: 大菁山县), preferring one
    that sounds the same (云岗区 is 云冈区, not 云州区)."""
    if parent is None:
        return None
    exact = [c for c in parent.children if c.name == name]
    if exact:
        return exact[0]
    others = [c for c in parent.children if c.name != not_this]
    place = stem_of(name)
    same_place = [c for c in others if place in (stem_of(c.name), strip_peoples(stem_of(c.name), peoples))]
    if len(same_place) == 1:
        notes.append(f"change list names {name}, taken as {same_place[0].name} under {parent.name}")
        return same_place[0]

    def apart(other: str) -> list[tuple[str, str]]:
        return [(a, b) for a, b in zip(other, name) if a != b]

    if not guess:
        return None
    near = [c for c in others if len(c.name) == len(name) and c.name[0] == name[0] and c.name[-1] == name[-1]
            and len(apart(c.name)) == 1]
    if len(near) > 1:
        pinyin = pinyin_table()
        near = [c for c in near if all(pinyin.get(a, a) == pinyin.get(b, b) for a, b in apart(c.name))]
    if len(near) == 1:
        notes.append(f"change list names {name}, taken as {near[0].name} under {parent.name} (one character apart)")
        return near[0]
    return None


def path_index(provinces: list[Area], dropped: dict[tuple[str, ...], Area]) -> dict[tuple[str, ...], Area]:
    """Source path of full names (dropped rows included: 上海市/上海市/嘉定区) -> area. A dropped
    row's path leads to the area that took its children."""
    index = dict(dropped)
    for area in walk(provinces):
        index.setdefault(area.path, area)
    return index


def apply_changes(provinces: list[Area], dropped: dict[tuple[str, ...], Area], lines: list[str], peoples,
                  notes: list[str]) -> int:
    """Record old names as former names of the area that replaced them; where the source tree
    still holds the old area beside the new one (澄江县 beside 澄江市), move its townships to the
    new one and drop it; where it holds only the old one (湟中县), rename it. Returns the
    number of change lines that gave a former name."""
    records = []
    for line in lines:
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        o, n = old.split("\t"), new.split("\t")
        if len(o) == 8 and len(n) == 3:
            records.append((o[0], [o[2], o[4], o[6]], o[7], n))
        elif len(o) == 6 and len(n) == 2:
            records.append((o[0], [o[2], o[4]], o[5], n))
        else:
            notes.append(f"change line not understood: {line!r}")
    used = 0
    for date, old_path, old_alias, new_path in sorted(records, key=lambda r: (r[0], r[1], r[3])):
        old_name = old_path[-1]
        if old_name == new_path[-1]:
            continue  # moved to another parent, name kept (忻城县, 2002)
        index = path_index(provinces, dropped)  # anew: a merger below removes areas
        old_area = index.get(tuple(old_path))
        if old_area is not None and (old_area.name != old_name or old_area.level == "Province"):
            old_area = None
        new_area = index.get(tuple(new_path))
        if new_area is None:  # no guessing at misspellings while the old area is there to rename
            new_area = find_child(index.get(tuple(new_path[:-1])), new_path[-1], old_name, peoples, notes,
                                  guess=old_area is None)
        if new_area is None and old_area is not None and old_area.level == "District":
            notes.append(f"{date}: {old_name} renamed {new_path[-1]} in place (source keeps code {old_area.source_code})")
            old_area.name = new_path[-1]
            new_area = old_area
        elif new_area is not None and old_area is not None and old_area is not new_area:
            notes.append(f"{date}: {old_name} ({old_area.source_code}) merged into {new_area.name} "
                         f"({new_area.source_code}) with its {len(old_area.children)} townships")
            have = {c.name for c in new_area.children}
            for child in old_area.children:
                if child.name not in have:
                    child.parent = new_area
                    new_area.children.append(child)
                    have.add(child.name)
            old_area.parent.children.remove(old_area)
        if new_area is None:
            notes.append(f"{date}: {'/'.join(old_path)} => {'/'.join(new_path)}: new area not found, skipped")
            continue
        new_area.former.extend([old_name, old_alias])
        used += 1
    return used


# ---------------------------------------------------------------- codes and output


def assign_codes(provinces: list[Area]) -> None:
    """The source's code where it is this area's own (six digits, no other area of the level
    has it, no area above holds it: a SAR's districts all carry the SAR's code); otherwise
    `<parent code>-<name>`."""
    counts = Counter((a.level, a.source_code) for a in walk(provinces) if a.source_code)
    taken: set[str] = set()
    for area in walk(provinces):  # parents before children
        own = (re.fullmatch(r"\d{6}", area.source_code) and counts[(area.level, area.source_code)] == 1
               and area.source_code not in taken)
        area.code = area.source_code if own else f"{area.parent.code}-{area.name}"
        taken.add(area.code)


def dedupe_children(provinces: list[Area]) -> int:
    """Drop an area repeated under the same parent (市保税区 twice in 盐田区)."""
    dropped = 0
    for area in walk(provinces):
        seen, kept = set(), []
        for child in area.children:
            if child.name in seen and not child.children:
                dropped += 1
                continue
            seen.add(child.name)
            kept.append(child)
        area.children = kept
    return dropped


def main(where: str) -> None:
    pkg = package_dir(where)
    version, licence = metadata(pkg)
    text, digest = location_text(pkg)
    change_lines = (pkg / "dictionary" / "china_location_change.txt").read_text(encoding="utf-8").splitlines()
    peoples = minorities(pkg)
    banners = {k: v for k, v in banner_aliases(pkg / "gadget" / "china_location_alias.py").items() if k != v}

    notes: list[str] = []
    provinces, dropped, villages = parse_tree(text)
    duplicates = dedupe_children(provinces)
    changes_used = apply_changes(provinces, dropped, change_lines, peoples, notes)
    assign_codes(provinces)

    areas = list(walk(provinces))
    zone_aliases = Counter(alias for area in areas if is_zone(area) for alias in set(area.aliases))
    taken = {area.name for area in areas}
    for area in areas:
        if area.level != "Township" and not is_zone(area):
            taken.update(rule_forms(area, peoples), area.aliases)
    rows = []
    for area in areas:
        shorts = short_forms(area, peoples, banners, zone_aliases, taken)
        former: list[str] = []
        for name in area.former:
            if len(name) >= MIN_SHORT and name != area.name and name not in shorts and name not in former:
                former.append(name)
        parent = area.parent.code if area.parent else ""
        rows.append((area.code, area.name, area.level, parent, ",".join(shorts), ",".join(former)))
    rows.sort()
    codes = {r[0] for r in rows}
    assert len(codes) == len(rows), "codes are not unique"
    assert all(r[3] in codes or r[3] == "" for r in rows), "a parent code names no row"
    for row in rows:
        assert not any(("\t" in f or "\n" in f) for f in row), row

    per_level = Counter(r[2] for r in rows)
    synthetic = Counter(r[2] for r in rows if "-" in r[0])
    with_former = sum(1 for r in rows if r[5])
    levels = ", ".join(f"{level} {per_level[level]}" for level in LEVELS)
    header = [
        "China's administrative divisions to township level: provinces, prefecture-level cities, counties, townships.",
        (f"Source: jionlp {version} (PyPI, licence {licence}, © dongrixinyu), files jionlp/dictionary/china_location.zip "
         f"(sha256 {digest[:16]}…) and jionlp/dictionary/china_location_change.txt; minority peoples' names from "
         "jionlp/rule/rule_pattern.py, banner short forms from jionlp/gadget/china_location_alias.py."),
        ("Regenerate: python3 -m venv /tmp/jionlp-venv && /tmp/jionlp-venv/bin/pip install --no-deps "
         f"jionlp=={version} && python scripts/make_gazetteer.py /tmp/jionlp-venv  (see scripts/LICENSES.md)."),
        "Columns: code, name, level, parent_code, short_forms, former_names (tab-separated; lists comma-separated).",
        ("code: the 6-digit GB/T 2260 code the source gives (Province, City, District). The source gives no code to "
         "townships (nor to Taiwan's districts, and one shared code to each SAR's districts): those get "
         "`<parent code>-<name>`, never an official code (the hyphen tells them apart). A county the change list "
         "renames in place keeps the code the source gives it (湟中区 630122)."),
        ("level: Province (省, 自治区, 直辖市, 特别行政区), City (地级市, 地区, 自治州, 盟), District (区, 县, 县级市, 旗, "
         "自治县, 林区, 特区, 新区 and county-level zones), Township (镇, 乡, 民族乡, 街道, 苏木, and township-level "
         "farms, zones and offices the source lists)."),
        ("parent_code: the code of the row above; a municipality's districts and a province's directly "
         "administered counties hang from the province, a city's directly administered townships (东莞) from the city."),
        ("short_forms: the name without its level word (郑州市 -> 郑州), an autonomous area's place name with and "
         "without the plain level word (黔南布依族苗族自治州 -> 黔南州,黔南) and jionlp's own short forms; "
         f"at least {MIN_SHORT} characters; longest first. Many are shared by several areas: resolve them by context."),
        ("former_names: earlier names of an area and their short forms, from jionlp's change list (county and city "
         "level, 2002-2023; 襄樊市 -> 襄阳市). No township-level renames are in the source."),
        "Change list applied to the tree: " + "; ".join(dict.fromkeys(notes)) + ".",
        (f"Rows: {len(rows)} ({levels}); codes made up as above: {sum(synthetic.values())}; rows with former names: "
         f"{with_former}. Left out: {villages} village/community rows (no codes in the source), {duplicates} "
         "repeated rows."),
        "code\tname\tlevel\tparent_code\tshort_forms\tformer_names",
    ]
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(f"# {line}\n" for line in header)
        out.writelines("\t".join(row) + "\n" for row in rows)
    print(f"wrote {OUT}: {len(rows)} rows, {dict(per_level)}, {changes_used} change lines used", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/jionlp-venv")

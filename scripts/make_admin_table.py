"""Regenerate src/kg/data/admin_divisions.tsv from cpca's adcode table.

cpca (MIT licence, https://pypi.org/project/cpca/) ships `resources/adcodes.csv`, the
national administrative-division codes (GB/T 2260) down to county level. We keep only
code, name, level and parent code, so the build needs neither cpca nor pandas at run time.

Usage: pip download --no-deps cpca==0.5.5 && unzip cpca-*.whl && python scripts/make_admin_table.py cpca/resources/adcodes.csv
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "kg" / "data" / "admin_divisions.tsv"
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def level_and_parent(code: str) -> tuple[str, str]:
    province, city, county = code[:2], code[2:4], code[4:6]
    if city == "00" and county == "00":
        return "Province", ""
    if county == "00":
        return "City", province + "0000"
    # Municipalities (北京, 天津, 上海, 重庆) put districts directly under the province.
    parent = province + "0000" if province in {"11", "12", "31", "50"} else province + city + "00"
    return "District", parent


def main(src: str) -> None:
    rows = []
    with open(src, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"][:6], row["name"].strip()
            if name in SKIP:
                continue
            level, parent = level_and_parent(code)
            rows.append((code, name, level, parent))
    rows.sort()
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# China's administrative divisions to county level (GB/T 2260 codes).\n")
        out.write("# Source: cpca 0.5.5 resources/adcodes.csv (MIT); regenerate with scripts/make_admin_table.py.\n")
        out.write("# code\tname\tlevel\tparent_code\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

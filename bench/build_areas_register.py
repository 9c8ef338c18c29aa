"""Build ``src/feedback/areas/data/register-2025.json.gz`` from a checkout of github.com/dvhcvn/20250701.

Usage: ``python bench/build_areas_register.py PATH_TO_CHECKOUT`` (the ``mapping/`` and ``output/``
folders are read). ``mapping/merges.json`` gives the 34 provinces, their communes and wards with
the official codes, and the pre-merger units each was formed from; ``output/<province>/<district>/
<commune>.json`` gives each pre-merger unit's address, from which its district and province are
taken. See ``src/feedback/areas/data/SOURCE.md``.
"""

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/feedback/areas/data/register-2025.json.gz"


def main(checkout: Path) -> None:
    places = {}
    for path in (checkout / "output").glob("*/*/*.json"):
        _commune, district, province = (part.strip() for part in json.loads(path.read_text())["address"].split(","))
        places[path.stem] = (district, province)
    provinces = []
    for province in json.loads((checkout / "mapping/merges.json").read_text())["data"]:
        units = []
        for unit in province["level2s"]:
            formed_from = [
                [old["old_id"], old["name"], *places.get(old["old_id"], ("", "")), old["type"] == "full"]
                for old in unit["merges"]
            ]
            units.append([unit["level2_id"], unit["name"], formed_from])
        provinces.append({"code": province["level1_id"], "name": province["name"], "units": units})
    data = {
        "source": "https://github.com/dvhcvn/20250701 (MIT)",
        "valid_from": "2025-07-01",
        "format": "units: [code, name, formed_from: [code, name, district, province, whole]]",
        "provinces": provinces,
    }
    OUT.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0))


if __name__ == "__main__":
    main(Path(sys.argv[1]))

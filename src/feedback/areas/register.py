"""The shipped register of administrative units in force since 1/7/2025 (34 provinces, 3,321 communes and wards).

``data/register-2025.json.gz`` is built by ``bench/build_areas_register.py``; its origin, licence and
gaps are in ``data/SOURCE.md``. Each unit is ``[official code, name, formed_from]``, each formed-from
unit ``[official code, name, district, province, whole]``.
"""

import gzip
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from routing.areas import bare_key
from routing.models import AreaKind
from routing.text import fold

_KINDS = (("Đặc khu ", AreaKind.SPECIAL_ZONE), ("Phường ", AreaKind.WARD), ("Xã ", AreaKind.COMMUNE))


@dataclass(frozen=True)
class FormerUnit:
    official_code: str
    name: str
    district: str
    province: str
    whole: bool
    """False when only part of it went into the unit (the rest into a neighbour)."""


@dataclass(frozen=True)
class Unit:
    official_code: str
    name: str
    formed_from: tuple[FormerUnit, ...]

    @property
    def kind(self) -> AreaKind:
        return next(kind for prefix, kind in _KINDS if self.name.startswith(prefix))


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Register:
    valid_from: date
    source: str
    provinces: tuple[Province, ...]

    def find(self, typed: str) -> Province | None:
        """The province named by its 2-digit code or its name, with or without marks and "Tỉnh"/"Thành phố"."""
        typed = typed.strip()
        if typed.isdigit():
            return next((p for p in self.provinces if p.code == typed.zfill(2)), None)
        key = _province_key(typed)
        return next((p for p in self.provinces if _province_key(p.name) == key), None)


def _province_key(name: str) -> str:
    key = fold(name)
    for word in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if key.startswith(word):
            return key[len(word) :]
    return key


@cache
def register() -> Register:
    raw = json.loads(gzip.decompress(files("feedback.areas").joinpath("data/register-2025.json.gz").read_bytes()))
    return Register(
        valid_from=date.fromisoformat(raw["valid_from"]),
        source=raw["source"],
        provinces=tuple(
            Province(
                p["code"],
                p["name"],
                tuple(Unit(code, name, tuple(FormerUnit(*f) for f in formed)) for code, name, formed in p["units"]),
            )
            for p in raw["provinces"]
        ),
    )


def slug_of(name: str) -> str:
    """The ``code`` a unit gets from its name: "Phường Hàm Rồng" → "ham-rong", "Xã Ea H'Leo" → "ea-h-leo"."""
    return "-".join(re.findall("[a-z0-9]+", bare_key(name)))

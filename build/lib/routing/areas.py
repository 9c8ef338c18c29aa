"""Which commune or ward a citizen means: by code, official code, current or former name, typed with or without marks.

Since 1/7/2025 most communes and wards were merged; people still write the name they have
used all their lives. A form's field therefore accepts the slug ``code``, the 5-digit official
code, the current name, a former name (the unit it was formed from), or the label the form
offers ("Xã Đông Thọ (nay là Phường Hàm Rồng)"). Names compare folded (no marks, ``đ`` → ``d``,
case and spacing ignored), and the kind may be left out ("ham rong"). A current name wins over
a former one; a name that still means several units is ambiguous, and the caller says so.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from routing.models import Area, AreaFormerName
from routing.text import fold, nfc

KIND_WORDS = ("xa", "phuong", "dac khu", "thi tran")
"""The kinds a name may start with, folded; "thị trấn" is a pre-2025 kind, found only in former names."""

NOW_CALLED = "nay là"
"""What joins a former name to the current one in the labels a form offers."""

_LABEL = re.compile(rf"^(?P<former>.+?)\s*\(\s*{NOW_CALLED}\s+(?P<current>.+?)\s*\)$")
_MAX_HOPS = 10  # successors chain a few times at most; a loop in bad data must not hang a request


@dataclass(frozen=True)
class AreaChoice:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class AreaMatch:
    """What a typed value names: one area (``area``) or, when ambiguous, the ``candidates``."""

    area: AreaChoice | None
    candidates: tuple[AreaChoice, ...] = ()


def _key(name: str) -> str:
    return fold(name).replace("-", " ")


def bare_key(name: str) -> str:
    """The folded name without its kind: "Phường Hàm Rồng" → "ham rong"."""
    key = _key(name)
    for word in KIND_WORDS:
        if key.startswith(word + " "):
            return key[len(word) + 1 :]
    return key


def former_label(former: str, current: str) -> str:
    """How a form offers a former name: "Xã Đông Thọ (nay là Phường Hàm Rồng)"."""
    return f"{former} ({NOW_CALLED} {current})"


async def _current(session: AsyncSession, area: Area | None) -> Area | None:
    """The active unit ``area`` is now: itself, or the successor it was ended into."""
    for _ in range(_MAX_HOPS):
        if area is None or area.active:
            return area
        area = await session.get(Area, area.successor_id) if area.successor_id else None
    return None


async def current_area(session: AsyncSession, area_id: int | None) -> Area | None:
    """The unit a question's area is today: the area itself, or the unit it was ended into (if known)."""
    area = await session.get(Area, area_id) if area_id else None
    return await _current(session, area) or area


def _choice(area: Area) -> AreaChoice:
    assert area.id is not None
    return AreaChoice(area.id, area.code, area.name)


def _only(areas: Sequence[Area]) -> AreaMatch | None:
    unique = {area.id: area for area in areas}
    if not unique:
        return None
    if len(unique) == 1:
        return AreaMatch(_choice(next(iter(unique.values()))))
    return AreaMatch(None, tuple(sorted((_choice(a) for a in unique.values()), key=lambda c: c.name)))


async def _by_name(session: AsyncSession, active: Sequence[Area], typed: str) -> AreaMatch | None:
    exact = [area for area in active if nfc(area.name).casefold() == typed.casefold()]
    if exact:
        return _only(exact)
    # "phường Lam Sơn" means a ward, not Xã Lam Sơn; "Lam Sơn" alone may mean either.
    fold_as = _key if bare_key(typed) != _key(typed) else bare_key
    key = fold_as(typed)
    if found := _only([area for area in active if fold_as(area.name) == key]):
        return found
    former = (await session.execute(select(AreaFormerName.name, AreaFormerName.area_id))).all()
    successors = [
        await _current(session, await session.get(Area, area_id)) for name, area_id in former if fold_as(name) == key
    ]
    return _only([area for area in successors if area is not None])


async def resolve_area(session: AsyncSession, typed: str) -> AreaMatch | None:
    """The active area ``typed`` names, the candidates if it names several, or None if it names none."""
    typed = " ".join(nfc(typed).split())
    if not typed:
        return None
    by_code = await session.scalar(select(Area).where((Area.code == typed) | (Area.official_code == typed)))
    if by_code is not None and (current := await _current(session, by_code)) is not None:
        return AreaMatch(_choice(current))
    if typed.isdigit():
        former = await session.scalars(select(AreaFormerName.area_id).where(AreaFormerName.official_code == typed))
        return _only([a for area_id in former if (a := await _current(session, await session.get(Area, area_id)))])
    active = (await session.scalars(select(Area).where(Area.active))).all()
    if label := _LABEL.match(typed):
        current = await _by_name(session, active, label["current"])
        if current is not None and current.area is not None:
            return current
    return await _by_name(session, active, typed)


async def area_labels(session: AsyncSession) -> list[str]:
    """What a form suggests: every active unit's name, then each former name as "former (nay là current)"."""
    active = {area.id: area for area in await session.scalars(select(Area).where(Area.active).order_by(Area.name))}
    names = [area.name for area in active.values()]
    former = await session.execute(
        select(AreaFormerName.name, AreaFormerName.area_id).order_by(AreaFormerName.name, AreaFormerName.area_id)
    )
    labels = []
    for name, area_id in former.all():
        area = active.get(area_id)
        # A unit that kept its name needs no second entry.
        if area is not None and _key(name) != _key(area.name):
            labels.append(former_label(name, area.name))
    return names + list(dict.fromkeys(labels))

"""geo.fastinit: the swapped-in ``__init__`` builds the same instances and keeps them frozen."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from geo.context import Cues
from geo.fastinit import fast_init
from geo.model import Candidate, Mention, Place, Resolution
from geo.parse.state import Code, Decision, Item
from geo.recognize import NAME, RawSpan


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


@fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Fast:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


def test_same_values_equality_hash_and_repr_as_the_generated_init() -> None:
    for args, kw in (((1,), {}), ((1, "y"), {}), ((1,), {"c": (2, 3)}), ((), {"a": 4, "b": "z"})):
        slow, fast = _Plain(*args, **kw), _Fast(*args, **kw)
        assert dataclasses.astuple(slow) == dataclasses.astuple(fast)
        assert repr(slow).replace("_Plain", "_Fast") == repr(fast)
        assert fast == _Fast(*args, **kw) and hash(fast) == hash(_Fast(*args, **kw))


def test_still_frozen_and_replace_and_pickle_work() -> None:
    f = _Fast(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.a = 2  # type: ignore[misc]
    assert dataclasses.replace(f, b="q") == _Fast(1, "q")
    assert pickle.loads(pickle.dumps(f)) == f


def test_arguments_are_checked_like_the_generated_init() -> None:
    with pytest.raises(TypeError):
        _Fast()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Fast(1, d=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Fast(1, a=2)  # type: ignore[misc]


def test_refuses_what_it_cannot_copy() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Post:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (NoSlots, Factory, Post):
        with pytest.raises(TypeError):
            fast_init(cls)


def test_geoparser_types_keep_their_fields() -> None:
    p = Place("1", "Kyiv", 50.45, 30.52, "UA", "PPLC", "point")
    assert (p.admin1, p.population, p.geonameid, p.approximate, p.geometry) == ("", 0, None, False, None)
    m = Mention("d", 0, 4, "Kyiv")
    r = Resolution(mention=m, place=p, confidence=0.9, alternatives=(Candidate(p, 0.5),))
    assert (r.why, r.metonymic, r.kept_by, r.chosen_by, r.organisation, m.kind) == ("", False, "", "", "", "place")
    c = Cues("in", " ", "said", " ", False, False)
    s = RawSpan(0, 4, "Kyiv", "Kyiv", (NAME,))
    it = Item(s, c, "name", (p,)).decide(True, Code.WELL_KNOWN, "test", "why")
    assert it.decision == Decision(True, Code.WELL_KNOWN, "test", "why") and it.cues.next2 == "" and not s.caps
    assert dataclasses.replace(it, want="ADM1").want == "ADM1"


def test_doc_evolve_is_replace() -> None:
    from geo.parse.state import Doc

    d = Doc("text", "id", None)  # type: ignore[arg-type]
    e = d.evolve(items=(), persons=frozenset({"Paris"}))
    assert e == dataclasses.replace(d, items=(), persons=frozenset({"Paris"})) and e is not d
    assert d.persons == frozenset() and e.first is d.first  # the original untouched; unchanged fields shared
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.items = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        d.evolve(nonsense=1)

"""data.model's types take geo.fastinit's ``__init__``: instances are what the generated ``__init__`` made
(values, ``==``, ``hash``, ``repr``, ``replace``, plain and wire pickling), and the codec's positional
decoding gives what decoding by keyword gave, for this version's JSON and another version's."""

from __future__ import annotations

import dataclasses
import json
import pickle
from datetime import date
from typing import Any

import pytest

from data.ingest import wire
from data.model import Claim, ClaimPlace, Document, Quantity, TimeEx
from data.store.codec import _NAMES, claim_from_dict, claim_to_dict, claims_from_json, claims_to_json

TYPES = (Document, TimeEx, Quantity, ClaimPlace, Claim)


def _plain(cls: type) -> type:
    """A twin of ``cls`` with the generated ``__init__`` (the same fields and defaults)."""
    specs = [(f.name, f.type, dataclasses.field(default=f.default)) if f.default is not dataclasses.MISSING
             else (f.name, f.type) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


PLACE = ClaimPlace("Kyiv", "703448", 50.45, 30.52, "UA", "PPLC", "city", 10, 14)
FIGURE = Quantity("about 12,000 troops", 12000.0, None, None, "troops", "about", 3, 22)
EXAMPLES: dict[type, list[tuple[tuple, dict[str, Any]]]] = {
    Document: [(("d1", "text"), {}), (("d1", "text", "T", "O", "u", date(2024, 3, 1), "metadata", "p"), {})],
    TimeEx: [((0, 4, "2024", "DATE", "2024"), {})],
    Quantity: [(("3", 3.0, None, None, "dead"), {}), (("", None, 1.0, 2.0, "x"), {"subject": "s", "end": 9})],
    ClaimPlace: [(("Kyiv", "1", None, None, "UA", "A", "p", 0, 4), {"role": "origin"}), (tuple(
        dataclasses.astuple(PLACE)), {})],
    Claim: [(("c", "d", 0, 9, "t", None, "", "none", None, "o"), {}),
            (("c", "d", 0, 9, "t", "2024-03-01", "1 March", "day", date(2024, 3, 2), "o"),
             {"claimant": "Army", "places": (PLACE,), "quantities": (FIGURE,), "conflicts": ("x",),
              "cue_start": 3, "unresolved": (dataclasses.replace(PLACE, place_id=""),)})],
}


def _values(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return (type(obj).__name__, *(_values(getattr(obj, f.name)) for f in dataclasses.fields(obj)))
    return tuple(_values(x) for x in obj) if isinstance(obj, tuple) else obj


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
def test_model_types_are_fast_inited_and_build_what_the_generated_init_built(cls: type) -> None:
    assert cls.__init__.__qualname__ == f"{cls.__name__}.__init__" and "_set0" in cls.__init__.__code__.co_freevars
    twin = _plain(cls)
    for args, kw in EXAMPLES[cls]:
        fast, slow = cls(*args, **kw), twin(*args, **kw)
        assert _values(fast) == _values(slow) and repr(fast) == repr(slow)
        assert fast == cls(*args, **kw) and hash(fast) == hash(cls(*args, **kw))
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(fast, dataclasses.fields(cls)[0].name, None)
        last = cls(*EXAMPLES[cls][-1][0], **EXAMPLES[cls][-1][1])
        change = {f.name: getattr(last, f.name) for f in dataclasses.fields(cls)[-2:]}
        changed = dataclasses.replace(fast, **change)
        assert type(changed) is cls and _values(changed) == _values(dataclasses.replace(slow, **change))
        assert pickle.loads(pickle.dumps(fast)) == fast
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(*EXAMPLES[cls][0][0], nonsense=1)


def test_wire_pickling_rebuilds_equal_claims() -> None:
    wire.register_results()
    args, kw = EXAMPLES[Claim][1]
    claim = Claim(*args, **kw)
    back = pickle.loads(pickle.dumps([claim, claim.places[0], claim.quantities[0]]))
    assert back == [claim, claim.places[0], claim.quantities[0]] and type(back[0]) is Claim
    assert _values(back[0]) == _values(claim)


def _decoded_by_keyword(d: dict[str, Any]) -> Claim:
    """The definition (main's decoder): each dict filtered to its type's fields, built by keyword."""
    def keep(cls: type, x: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in x.items() if k in _NAMES[cls]}
    kw = keep(Claim, d)
    kw["places"] = tuple(ClaimPlace(**keep(ClaimPlace, p)) for p in d.get("places") or ())
    kw["unresolved"] = tuple(ClaimPlace(**keep(ClaimPlace, p)) for p in d.get("unresolved") or ())
    kw["quantities"] = tuple(Quantity(**keep(Quantity, q)) for q in d.get("quantities") or ())
    kw["conflicts"] = tuple(d.get("conflicts") or ())
    kw["published"] = date.fromisoformat(d["published"]) if d.get("published") else None
    return Claim(**kw)


def test_decoding_other_versions_json_gives_what_decoding_by_keyword_gave() -> None:
    args, kw = EXAMPLES[Claim][1]
    claim = Claim(*args, **kw)
    assert claims_from_json(claims_to_json([claim])) == [claim]
    variants: list[dict[str, Any]] = []
    for change in ("extra", "missing", "swapped", "no_lists"):
        for where in ("claim", "place", "unresolved", "quantity"):
            d = json.loads(claims_to_json([claim]))[0]
            target = {"claim": d, "place": d["places"][0], "unresolved": d["unresolved"][0],
                      "quantity": d["quantities"][0]}[where]
            optional = {"claim": "cue_end", "place": "confidence", "unresolved": "role", "quantity": "subject"}[where]
            if change in ("extra", "swapped"):
                target["field_of_another_version"] = [1]
            if change in ("missing", "swapped"):  # swapped: as many keys as fields, not the same ones
                del target[optional]
            if change == "no_lists":
                for key in ("places", "unresolved", "quantities", "conflicts", "published"):
                    d.pop(key, None)
            variants.append(d)
    for d in variants:
        got = claim_from_dict(d)
        assert got == _decoded_by_keyword(d) and _values(got) == _values(_decoded_by_keyword(d))
    assert claim_from_dict(variants[0]) == claim  # an unknown field is dropped
    assert claim_from_dict(variants[4]).cue_end == -1  # a missing one takes its default
    assert claim_from_dict(variants[12]).places == () and claim_from_dict(variants[12]).published is None
    assert claim_from_dict(claim_to_dict(claim)) == claim


def test_a_required_field_missing_is_still_an_error() -> None:
    d = json.loads(claims_to_json([Claim(*EXAMPLES[Claim][1][0], **EXAMPLES[Claim][1][1])]))[0]
    del d["places"][0]["lat"]
    with pytest.raises(TypeError):
        claim_from_dict(d)
    del d["places"]
    del d["text"]
    with pytest.raises(TypeError):
        claim_from_dict(d)

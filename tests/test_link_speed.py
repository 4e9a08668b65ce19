"""Linking's faster paths give what their definitions give: the vectorised block sweep finds the pairs a
per-block sweep finds, memoised measure blocks follow the claim's content, a claim linking leaves as it
was stays the same object, a memoised TimeML parse is shared safely, and the reused JSON encoder writes
what ``json.dumps`` wrote."""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict

import pytest

from data import timeml
from data.link import pairs as pair_search
from data.link.conflicts import claim_blocks, keyed_row, measure_blocks
from data.link.corroborate import _candidates, _info, link_claims
from data.model import ClaimPlace
from tests.test_link_incremental import corpus


def _swept(claims, infos) -> set[tuple[int, int]]:
    """The definition: per block, windows sorted by (start, claim), each claim paired with the next
    ``pair_search.MAX_NEIGHBOURS`` claims whose window starts before its own ends."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, inf in enumerate(infos):
        for key in inf.blocks:
            blocks[key].append(i)
    pairs = set()
    for members in blocks.values():
        dated = sorted({i for i in members if infos[i].lo is not None}, key=lambda i: (infos[i].lo, i))
        for a, i in enumerate(dated):
            for j in dated[a + 1:a + 1 + pair_search.MAX_NEIGHBOURS]:
                if infos[j].lo > infos[i].hi:
                    break
                pairs.add((min(i, j), max(i, j)))
    return pairs


@pytest.mark.parametrize("bound", [2, 5, 40])
def test_the_vectorised_block_sweep_finds_the_per_block_sweeps_pairs(monkeypatch, bound) -> None:
    monkeypatch.setattr(pair_search, "MAX_NEIGHBOURS", bound)
    rng = random.Random(bound)
    claims = [c for _, cs in corpus(60) for c in cs]
    claims += [dataclasses.replace(claims[k], claim_id=f"u{k}", date=None) for k in range(5)]  # undated
    rng.shuffle(claims)
    infos = [_info(c, {}) for c in claims]
    pairs, _ = _candidates(claims, infos)
    want = _swept(claims, infos)
    assert len(want) > 100
    assert pairs == want
    assert _candidates([], [])[0] == set()


def test_measure_blocks_are_memoised_by_content() -> None:
    (_, claims), *_ = corpus(1)
    c = claims[0]
    assert claim_blocks(c) == measure_blocks(c, keyed_row(c)) != frozenset()
    linked = dataclasses.replace(c, cluster_id="c9", conflicts=("x",))  # link columns: the same content
    assert claim_blocks(linked) is claim_blocks(c)
    elsewhere = dataclasses.replace(c, places=(ClaimPlace("Lyon", 2996944, 45.75, 4.85, "FR", "PPLA", "event", 0, 4),))
    assert claim_blocks(elsewhere) == measure_blocks(elsewhere, keyed_row(elsewhere)) != claim_blocks(c)


def test_claims_linking_leaves_as_they_were_stay_the_same_objects() -> None:
    claims = [c for _, cs in corpus(20) for c in cs]
    once = link_claims(claims, {})
    twice = link_claims(once, {})
    assert twice == once and all(a is b for a, b in zip(twice, once, strict=True))
    assert any(a is not b for a, b in zip(once, claims, strict=True))  # the first linking did change some


def test_a_memoised_parse_is_immutable_and_equal_to_a_fresh_one() -> None:
    p = timeml.parse("2024-W43-WE")
    assert timeml.parse("2024-W43-WE") is p
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.first = None  # type: ignore[misc]
    assert timeml.parse.__wrapped__("2024-W43-WE") == p
    assert timeml.bounds("2024-13") == (None, None) and timeml.bounds(None) == (None, None)


def test_claims_json_is_the_text_json_dumps_gives() -> None:
    import json

    from data.store.codec import claim_to_dict, claims_from_json, claims_to_json

    claims = [c for _, cs in corpus(3) for c in cs]
    claims[0] = dataclasses.replace(claims[0], text="Kyiv’s mayor said «12 000» — München", conflicts=("a", "b"))
    want = json.dumps([claim_to_dict(c) for c in claims], ensure_ascii=False, sort_keys=True)
    assert claims_to_json(claims) == want and claims_from_json(want) == claims
    assert [claims_to_json([c]) for c in claims[:2]] == [json.dumps([claim_to_dict(c)], ensure_ascii=False,
                                                                     sort_keys=True) for c in claims[:2]]


def test_claims_json_of_another_version_decodes_without_its_unknown_fields() -> None:
    # a store written by an older or newer version: fields it has that Claim, ClaimPlace or Quantity no
    # longer has are dropped, fields it lacks take their defaults (claims_from_json builds in place)
    import json

    from data.store.codec import claim_to_dict, claims_from_json

    claim = next(c for _, cs in corpus(3) for c in cs if c.places and c.quantities)
    d = claim_to_dict(claim)
    d["gone_field"] = 1
    d["places"][0]["old_place_field"] = "x"
    d["quantities"][0]["old_quantity_field"] = 2
    del d["cue_start"]
    got = claims_from_json(json.dumps([d]))
    assert got == [dataclasses.replace(claim, cue_start=-1)]

"""Wire-copy detection: the wire pairs are the compared pairs from different documents whose word
trigrams mostly agree, so a batch linked against the store finds the ones whole linking finds."""

from __future__ import annotations

import random
from datetime import date

from data.link.corroborate import _info, link_claims
from data.link.pairs import WIRE_JACCARD, _candidates, _dated_pairs, _jaccard
from data.load.documents import make_document
from data.model import Claim
from data.store.store import Store
from tests.test_link_incremental import PLACES, ingest_in


def _claims(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    common = ["officials", "said", "on", "monday", "that"]
    vocab = [f"w{k}" for k in range(60)]
    out: list[Claim] = []
    for k in range(n):
        if out and rng.random() < 0.4:  # a copy of an earlier sentence, a few words changed or added
            words = out[rng.randrange(len(out))].text.split()
            for _ in range(rng.randrange(4)):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            words += [rng.choice(vocab) for _ in range(rng.randrange(3))]
        else:
            words = common + [rng.choice(vocab) for _ in range(rng.randrange(2, 12))]
        text = " ".join(words)
        doc = f"d{rng.randrange(n // 2)}"
        day = date(2024, 3, 1 + rng.randrange(2))
        out.append(Claim(f"{doc}:{k}", doc, 0, len(text), text, day.isoformat(), "", "day", day, "",
                         kind="attack", places=(rng.choice(PLACES[:2]),)))
    return out


def test_wire_pairs_are_the_compared_cross_document_pairs_over_the_threshold() -> None:
    for seed in range(3):
        claims = _claims(120, seed)
        infos = [_info(c, {}) for c in claims]
        compared, wire = _candidates(claims, infos)
        expected = {(i, j) for i, j in compared if claims[i].doc_id != claims[j].doc_id
                    and _jaccard(infos[i].shingles, infos[j].shingles) >= WIRE_JACCARD}
        assert len(expected) > 8
        assert wire == expected
    assert _dated_pairs([], [], []) == set()


def test_templated_sentences_at_two_far_places_are_no_wire_copy_in_batches_or_whole(tmp_path) -> None:
    # "On Monday, protesters gathered in X": three of five trigrams shared, at places 1,000 km apart
    day = date(2024, 3, 4)
    items = []
    for n, place in enumerate((PLACES[0], PLACES[4])):
        text = f"On Monday, protesters gathered in {place.name}."
        doc = make_document(f"Article {n}. {text}", title=f"A{n}", outlet=f"Outlet {n}", published=day,
                            source_path=f"t#{n}")
        items.append((doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text, day.isoformat(), "", "day", day,
                                  doc.outlet, kind="protest", places=(place,)),)))
    claims = [c for _, cs in items for c in cs]
    assert _jaccard(*(_info(c, {}).shingles for c in claims)) >= WIRE_JACCARD
    assert len({c.cluster_id for c in link_claims(claims, {})}) == 2
    whole = ingest_in(Store(tmp_path / "whole"), [items])
    assert ingest_in(Store(tmp_path / "parts"), [items[:1], items[1:]]) == whole


def test_wire_copies_at_one_place_are_found_across_batches(tmp_path) -> None:
    day = date(2024, 3, 4)
    text = "Drones struck an oil depot near Belgorod overnight, the regional governor said on Monday."
    items = []
    for n in range(2):
        doc = make_document(f"Article {n}. {text}", title=f"A{n}", outlet=f"Outlet {n}", published=day,
                            source_path=f"t#{n}")
        words = text if n == 0 else text.replace("on Monday", "on Monday morning")
        items.append((doc, (Claim(f"{doc.id}:0", doc.id, 0, len(words), words, day.isoformat(), "", "day", day,
                                  doc.outlet, kind="attack", places=(PLACES[2],)),)))
    whole = ingest_in(Store(tmp_path / "whole"), [items])
    assert len({v[0] for v in whole.values()}) == 1 and {v[1] for v in whole.values()} == {1}
    assert ingest_in(Store(tmp_path / "parts"), [items[:1], items[1:]]) == whole

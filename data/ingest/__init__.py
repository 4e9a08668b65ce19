"""Ingest: files in, store updated (``run.ingest``), and what an ingest reports (``report``)."""

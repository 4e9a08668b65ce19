"""Across documents: which claims say the same thing (``corroborate``), clustered by ``cluster``."""

"""Claims from one document: sentences with places, dates, claimants, figures and kinds.

``extract.extract_claims`` is the entry point; the other modules are its stages (``dates``,
``claimants``, ``quantities``, ``kinds``, ``subject``).
"""

"""Temporal expressions normalised to TimeML values (``extract.extract_timexes`` is the entry point).

The grammar: ``dates``, ``relative`` and ``durations`` hold the rules, ``base`` the rule type and
registry, ``lexicon`` the word lists, ``windows`` where rules may match, ``anchor`` calendar arithmetic.
"""

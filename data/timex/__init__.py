"""Temporal expressions normalised to TimeML values (``extract.extract_timexes`` is the entry point).

The grammar: ``dates``, ``relative`` and ``durations`` declare the rules, ``rules`` lists the ones in
force and their priority, ``base`` holds the ``Rule`` and ``Hit`` types, ``lexicon`` the word lists,
``windows`` where rules may match, ``anchor`` calendar arithmetic. Values are read back with
``data.timeml``.
"""

"""What every match of a rule must contain: a word from a short list, or a digit, read off its regex.

``data.timex.windows`` scans a rule only near its trigger words, which are every content word of its
pattern (and digits when it has any). Most long rules need far fewer: "three years ago" must hold
"ago", "earlier", "later", "before", "after", "from" or "hence"; "the 19th century" must hold
"century". A window around some other trigger word ("years", a figure) that holds none of a rule's
needed words cannot hold a match, so the rule skips it: the same matches, in a fraction of the text.

``needs`` walks the parsed pattern (``re._parser``): a sequence needs what any one of its parts needs
(runs of literal parts give whole words: ``centur(?:y|ies)`` is "century" or "centuries"), an
alternation the union of its branches' needs, a repeat of at least one what its body needs; a
lookaround, an optional part or a class of many characters needs nothing. The answer is a set of
ASCII words of three letters or more (found inside the text's ``[A-Za-z]{3,}`` tokens) and
``DIGIT`` (a token of digits), or None when the analysis cannot promise anything.
"""

from __future__ import annotations

from collections.abc import Iterable

try:  # Python >= 3.11
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

DIGIT = "#digit"
"""The need "a digit": any token of digits in the text."""
_MAX_LANG = 64
_DIGIT_COST = 40  # numbers are everywhere in news: a list of up to 40 words is likely the narrower need
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT) + ((_C.POSSESSIVE_REPEAT,) if hasattr(_C, "POSSESSIVE_REPEAT") else ())
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)
CASEFOLD_TRAPS = frozenset("\u0130\u0131\u017f\u212a")
"""Non-ASCII letters an ignore-case pattern matches for ASCII ones (İ ı ſ K): a text holding one of them
can hide a needed word from the ASCII tokens, so windows are not narrowed for it."""


def _lang(items: Iterable) -> set[str] | None:
    """The strings (lower case) a subpattern matches, when they are few; else None."""
    out = {""}
    for op, av in items:
        part = _node_lang(op, av)
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > _MAX_LANG:
            return None
    return out


def _node_lang(op, av) -> set[str] | None:
    if op is _C.LITERAL:
        return {chr(av).lower()}
    if op is _C.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _C.LITERAL:
                chars.add(chr(a).lower())
            elif o is _C.RANGE and a[1] - a[0] < 16:
                chars.update(chr(c).lower() for c in range(a[0], a[1] + 1))
            else:
                return None
        return chars
    if op is _C.SUBPATTERN:
        return _lang(av[-1])
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            part = _lang(branch)
            if part is None:
                return None
            out |= part
        return out if len(out) <= _MAX_LANG else None
    if op in _REPEATS:
        lo, hi, body = av
        if hi <= 1:
            part = _lang(body)
            if part is None:
                return None
            return part | {""} if lo == 0 else part
        return None
    if op in _ZERO_WIDTH:
        return {""}
    return None


def _core(s: str) -> str | None:
    """The need a matched string ``s`` gives: its longest run of ASCII letters (3+), else DIGIT."""
    best, cur = "", ""
    for ch in s + " ":
        if ch in _ASCII_LETTERS:
            cur += ch
        else:
            best, cur = max(best, cur, key=len), ""
    if len(best) >= 3:
        return best
    return DIGIT if any(ch in "0123456789" for ch in s) else None


def _from_lang(lang: set[str]) -> frozenset[str] | None:
    cores = {_core(s) for s in lang}
    if None in cores:
        return None
    return frozenset(cores)  # type: ignore[arg-type]


def _cost(need: frozenset[str]) -> int:
    return sum(_DIGIT_COST if w == DIGIT else 1 for w in need)


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    return min(options, key=_cost) if options else None


def _is_digit_class(av) -> bool:
    return bool(av) and all((o is _C.CATEGORY and a is _C.CATEGORY_DIGIT)
                            or (o is _C.RANGE and a[0] >= ord("0") and a[1] <= ord("9"))
                            or (o is _C.LITERAL and chr(a) in "0123456789") for o, a in av)


def _node_need(op, av) -> frozenset[str] | None:
    if op is _C.SUBPATTERN:
        return _seq_need(av[-1])
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            part = _seq_need(branch)
            if part is None:
                return None
            out |= part
        return frozenset(out)
    if op in _REPEATS:
        lo, _hi, body = av
        return _seq_need(body) if lo >= 1 else None
    if op is _C.IN and _is_digit_class(av):
        return frozenset({DIGIT})
    return None


def _seq_need(items) -> frozenset[str] | None:
    """What a sequence needs: the narrowest need of one of its parts or of a run of literal parts."""
    options: list[frozenset[str]] = []
    run: set[str] | None = None  # strings the current run of finite parts matches

    def close() -> None:
        if run is not None and run != {""}:
            need = _from_lang(run)
            if need is not None:
                options.append(need)

    for op, av in items:
        need = _node_need(op, av)
        if need is not None:
            options.append(need)
        part = _node_lang(op, av)
        if part is None:
            close()
            run = None
            continue
        grown = {a + b for a in (run or {""}) for b in part}
        if len(grown) > _MAX_LANG:
            close()
            grown = part
        run = grown
    close()
    return _best(options)


def _minimal(need: frozenset[str]) -> frozenset[str]:
    """Drop words that contain another needed word (a token holding "mins" holds "min")."""
    return frozenset(w for w in need if not any(v != w and v != DIGIT and v in w for v in need))


def needs(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Words (and ``DIGIT``) one of which every match of ``pattern`` contains; None if unknown."""
    try:
        parsed = _P.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a pattern this analysis cannot read needs nothing narrower
        return None
    need = _seq_need(list(parsed))
    return _minimal(need) if need else None

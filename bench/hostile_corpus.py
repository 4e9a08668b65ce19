"""A corpus with one poisoned article of each kind an outside tester found, among ordinary ones.

Used by ``tests/test_hostile.py`` (every article that has text must be stored, every unreadable file
reported on one line) and by ``bench/fault_inject.py``. Each article that should survive carries a
marker word (``KEEP00``...) so a store can be checked for it; ``unreadable`` names the files that
hold no article at all and must be reported instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

_GOOD = [
    "Russian troops attacked Kharkiv on October 3, 2024, officials in Kyiv said.",
    "About 12,000 soldiers moved to Kursk on Monday, according to the ministry.",
    "Flooding hit Valencia on October 29, 2024, and the army was deployed.",
    "Protesters gathered in Tbilisi on December 1, 2024, the opposition said.",
    "An earthquake struck near Istanbul on April 23, 2025, the agency reported.",
]


@dataclass
class HostileCorpus:
    """What was written: ``keep`` maps each surviving article's marker to the poison it carries;
    ``unreadable`` maps file names that hold no article to why."""

    folder: Path
    keep: dict[str, str] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def article(self, kind: str, sentence: str) -> str:
        marker = f"KEEP{len(self.keep):02d}"
        self.keep[marker] = kind
        return f"{sentence} The report was filed as {marker}."

    def write(self, name: str, data: bytes | str) -> Path:
        p = self.folder / name
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.files.append(p)
        return p


def write_hostile_corpus(folder: Path, *, good: int = 5, huge_bytes: int = 6 * 2**20) -> HostileCorpus:
    """Write the corpus into ``folder`` (created); ``huge_bytes`` is the size of the one article meant
    to exceed the size limit (tests lower ``SITMAP_MAX_DOC_MB`` to keep it small)."""
    folder.mkdir(parents=True, exist_ok=True)
    c = HostileCorpus(folder)
    for i in range(good):
        c.write(f"good{i}.txt", f"Ordinary article {i}\n\n" + c.article("none", _GOOD[i % len(_GOOD)]))
    # dates pandas cannot hold
    c.write("street.txt", "Fire in Philadelphia\n\n" + c.article(
        "street number read as a year", "A fire broke out at 1517 Locust Street in Philadelphia on Monday."))
    c.write("galileo.txt", "Galileo\n\n" + c.article("year before 1677", "Galileo, born around 1564 in Pisa, "
                                                     "studied the sky; in 2300 the next comet returns."))
    c.write("old.json", json.dumps([{"title": "Old", "date": "1066-10-14", "text": c.article(
        "publication date before 1677", "Troops fought near Hastings in 1066, chroniclers said.")}]))
    # metadata that must warn, not lose text
    c.write("frontmatter.md", "---\ntitle: Bad date\ndate: 2024-13-45\noutlet: [1, 2]\n---\n" + c.article(
        "bad front-matter date", "Troops moved to Kharkiv on Monday, officials said."))
    c.write("notyaml.md", "---\n: : [\n---\n" + c.article("front matter not YAML", "Shelling hit Odesa on Sunday."))
    # encodings
    c.write("cp1251.txt", ("Новости\n\n" + c.article("cp1251", "Войска вошли в Харьков 3 октября 2024 года.")
                           ).encode("cp1251"))
    c.write("utf16.txt", ("UTF-16 article\n\n" + c.article("UTF-16", "Aid reached Gaza on Tuesday.")).encode("utf-16"))
    c.write("nul.txt", "Control characters\n\n" + c.article("NUL and escape bytes", "Talks \x00resumed in\x1b[31m "
                                                           "Geneva on Friday."))
    # feeds
    line = json.dumps({"title": "Sep", "text": c.article("U+0085 and U+2028 inside a JSON string",
                                                         "Ships left\u0085 Sevastopol\u2028 on Friday.")},
                      ensure_ascii=False)
    c.write("feed.jsonl", line + "\n{broken json\n" + json.dumps(
        {"text": c.article("beside a broken JSONL line", "Rain fell on Lisbon on Sunday.")}) + "\n")
    c.write("table.csv", "title,text\nA,\"" + c.article("beside a malformed CSV row", "Drones hit Belgorod.") +
            "\"\nB,too,many,fields\n")
    c.write("nested.json", "[" * 50_000 + "]" * 50_000)
    c.unreadable["nested.json"] = "nested JSON"
    c.write("nocol.csv", "a,b\n1,2\n")
    c.unreadable["nocol.csv"] = "CSV without a text column"
    # empty and binary
    c.write("empty.txt", b"")
    c.unreadable["empty.txt"] = "empty"
    c.write("blank.txt", b" \n\t\n")
    c.unreadable["blank.txt"] = "blank"
    c.write("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    c.unreadable["image.txt"] = "binary"
    # size and shape
    c.write("longline.txt", "Long\n\n" + c.article("200 KB single line", " ".join(
        [_GOOD[i % len(_GOOD)] for i in range(1500)])))
    unit = "Officials said troops moved. "
    c.write("huge.txt", "Huge\n\n" + unit * (huge_bytes // len(unit) + 1))
    c.unreadable["huge.txt"] = "over the size limit"
    c.write("script.html", "<html><body><p>" + c.article(
        "script payload", "Aid reached Gaza on Tuesday. <script>alert(1)</script><img src=x onerror=alert(2)>") +
        "</p></body></html>")
    # duplicates and odd names
    dup = c.article("duplicate article", "Shelling hit Zaporizhzhia on Wednesday, officials said.")
    c.write("dup_a.txt", "Duplicate\n\n" + dup)
    c.write("dup_b.txt", "Duplicate\n\n" + dup)
    c.write("new\nline UNREADABLE forged.txt", "Odd name\n\n" + c.article("newline in the file name",
                                                                            "Troops moved to Kherson on Monday."))
    c.write("empty\nUNREADABLE forged.txt", b"")
    c.unreadable["empty\nUNREADABLE forged.txt"] = "empty, with a newline in its name"
    c.write("-dash ☃ \u202eevil.txt", "Odd name\n\n" + c.article("dash, snowman, bidi override in the name",
                                                                   "Talks resumed in Doha on Friday."))
    return c

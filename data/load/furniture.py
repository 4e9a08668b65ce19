"""Page furniture is not news: related-article lists, "More from ...", "Read more", newsletter and comment
blocks are cut from an article's text before any claim is read from it; the outlet a page names is kept.

Saved web pages and copied text carry the site around the story: a GZERO article ends with "More from GZERO
Media" and five unrelated teasers (Canada, Calgary, Brazil, Japan...), a Kyiv Independent page with
"Comments" and a "News Feed". Those teasers would become claims on the map. The rule is general, not per
site: a short line that reads as a section heading of the page ("More from X", "Related articles", "Read
more", "Comments", "News Feed", "Sign up for our newsletter"...) after the start of the article ends the
article; a lone "Read more: ..." or newsletter line inside it is dropped.

>>> strip_furniture("Troops moved to Kursk.\\n\\nMore from GZERO Media\\n\\nTrudeau in Calgary.")
'Troops moved to Kursk.'
>>> outlet_from_text("Story.\\n\\nMore from GZERO Media\\n\\nOther story.")
'GZERO Media'
>>> outlet_from_text("KYIV (Reuters) - Troops moved.")
'Reuters'
"""

from __future__ import annotations

import re

MAX_HEADING = 70  # a section heading is a short line
MIN_LEAD = 0.25  # a heading in the first quarter of the text is the page's top, not its tail

_HEAD = (r"(?:more|read more|more stories|more news|more articles|more coverage|related|related articles|related "
         r"stories|related news|related content|related coverage|related posts|see also|also read|read also|"
         r"recommended|recommended for you|recommended stories|you (?:may|might) also like|most (?:read|popular|"
         r"viewed|shared)|popular now|trending|trending now|latest|latest news|latest stories|top stories|"
         r"editor'?s picks|news feed|comments?|\d+ comments?|leave a (?:comment|reply)|share this(?: article| story)?|"
         r"sign up(?: for .*)?|subscribe(?: to .*)?|(?:our |the )?newsletters?|get (?:our|the) newsletter.*|"
         r"follow us(?: on .*)?|advertisement|sponsored(?: content)?|tags?|topics)")
HEADING = re.compile(rf"^\s*(?:{_HEAD})(?:\s+(?:from|on|in|about)\s+.{{1,60}})?\s*:?\s*$", re.IGNORECASE)
# single lines dropped wherever they are (an inline teaser or prompt, not the end of the article)
INLINE = re.compile(r"^\s*(?:read (?:more|also)|see also|related|also read|watch|listen)\s*:\s*.{0,200}$|"
                    r"^\s*(?:sign up|subscribe)\b.{0,160}\bnewsletter\b.{0,80}$|^\s*-\s*YouTube\s*$",
                    re.IGNORECASE)
_MORE_FROM = re.compile(r"^\s*more (?:from|stories from|news from)\s+(?P<o>[A-Z][^\n]{1,50}?)\s*:?\s*$",
                        re.IGNORECASE | re.MULTILINE)
_DESK = re.compile(r"(?<![\w])(?:The )?(?P<o>(?:[A-Z][a-z&'.]*\s){0,3}[A-Z][a-z&'.]*)\s+news desk\b")
_WIRE = re.compile(r"\((?P<o>Reuters|AP|AFP|Yonhap|Xinhua|Bloomberg|Efe|EFE|Kyodo|Anadolu|UNIAN|Ukrinform|"
                   r"Interfax|TASS|dpa|ANSA)\)\s*[-\u2013\u2014]")


def strip_furniture(text: str) -> str:
    """``text`` without its trailing page furniture and inline teaser lines (paragraph breaks kept)."""
    lines = text.split("\n")
    lead = len(text) * MIN_LEAD
    out: list[str] = []
    seen = 0
    for line in lines:
        seen += len(line) + 1
        if INLINE.match(line):
            continue
        short = len(line.strip()) <= MAX_HEADING
        if short and line.strip() and HEADING.match(line) and seen > lead:
            break
        out.append(line)
    return "\n".join(out).strip()


def outlet_from_text(text: str) -> str:
    """The outlet the page names itself ("More from GZERO Media", "The Kyiv Independent news desk", a
    dateline's "(Reuters) -"), or "" when it names none."""
    for pattern in (_MORE_FROM, _DESK, _WIRE):
        m = pattern.search(text)
        if m:
            name = " ".join(m.group("o").split())
            if name.lower().startswith("the "):
                name = name[4:]
            return name
    return ""

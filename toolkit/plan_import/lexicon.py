"""The plan lexicon (toolkit/data/lexicon.json): marker words, role words, instructions and
table column names, and the patterns built from them.

The data says what offices write; this module only turns it into patterns, so a new habit is
a line in the JSON file, not a rule in code.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from toolkit.rules.text import simplified

LEAD, COOP, PLAIN, PERSON, DEADLINE = "lead", "coop", "plain", "person", "deadline"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    text = (files("toolkit") / "data" / "lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def marker_re() -> re.Pattern:
    """A units marker (牵头单位:, 责任处室、单位(按处室、单位顺序排列):), a person marker
    (责任领导:) or a deadline field (完成时限:); group `word` is the marker as printed."""
    spec = lexicon()["unit_markers"]
    office = _alternation(spec["office_words"])
    units = (rf"(?:{_alternation(spec['prefixes'])})(?:{office})(?:[、,](?:{office}))*"
             rf"|(?:{_alternation(spec['bare_prefixes'])})(?=\s*[:])")
    others = _alternation(spec["person_markers"] + spec["deadline_markers"])
    return re.compile(
        rf"[〔(\[【]?\s*(?P<word>{others}|{units})\s*(?:\([^()]{{0,30}}\))?\s*[:]"
    )


def marker_role(word: str) -> str:
    spec = lexicon()["unit_markers"]
    if word in spec["person_markers"]:
        return PERSON
    if word in spec["deadline_markers"]:
        return DEADLINE
    prefix = max((p for p in spec["prefixes"] if word.startswith(p)), key=len)
    return spec["prefixes"][prefix]


@lru_cache(maxsize=1)
def role_suffix_re() -> re.Pattern:
    """A name ending in a role word: 体卫科主办, 基教科牵头, 各科室配合."""
    spec = lexicon()["role_suffixes"]
    words = _alternation(spec[LEAD] + spec[COOP])
    return re.compile(rf"^(?P<name>.+?)\(?(?P<role>{words})\)?$")


def suffix_role(word: str) -> str:
    return LEAD if word in lexicon()["role_suffixes"][LEAD] else COOP


@lru_cache(maxsize=1)
def lead_first_re() -> re.Pattern:
    return re.compile("|".join(lexicon()["instructions"]["lead_first"]))


@lru_cache(maxsize=1)
def instruction_re() -> re.Pattern:
    spec = lexicon()["instructions"]
    return re.compile("|".join(spec["lead_first"] + spec["other"]))


@lru_cache(maxsize=1)
def admin_level_re() -> re.Pattern:
    return re.compile(lexicon()["admin_levels"]["pattern"])


@lru_cache(maxsize=1)
def column_words() -> list[tuple[str, str]]:
    """(header word, role) pairs, longest word first."""
    pairs = [(word, role) for role, words in lexicon()["table_columns"].items()
             if not role.startswith("_") for word in words]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=4096)
def column_role(header: str) -> str | None:
    """The role of a table header cell (序号 -> number, 牵头单位 -> lead; 牽頭單位 too), or None."""
    text = re.sub(r"\s+", "", header)
    if not text or len(text) > 16:
        return None
    text = simplified(text, always=True)
    for word, role in column_words():
        if word in text:
            return role
    return None

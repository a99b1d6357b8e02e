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


_AT_WORD_START = r"(?<![\u4e00-\u9fff])"  # a label of any words starts after punctuation or space


@lru_cache(maxsize=1)
def marker_re() -> re.Pattern:
    """A units label (牵头单位:, 共同责任单位:, 责任处室、单位(按处室、单位顺序排列):, and any short
    label holding 单位/部门/科室/处室/股室: 部门分工:), a label naming people (分管领导:, 牵头市领导:,
    any short label ending in 领导/责任人/负责人/联系人: 项目责任人:) or a deadline field (完成时限:);
    group `word` is the label."""
    spec = lexicon()["unit_markers"]
    roles = _alternation(w for words in spec["role_words"].values() for w in words)
    office = _alternation(spec["office_words"])
    people = _alternation(spec["person_words"])
    named = _alternation(w for w in spec["office_words"] if re.fullmatch(r"[\u4e00-\u9fff]{2}", w))
    units = (rf"(?:{roles})+(?:{office})(?:[、,及和与/](?:{office}))*(?:及(?:{people}))?"
             rf"|{_AT_WORD_START}[\u4e00-\u9fff]{{0,4}}?(?:{named})[\u4e00-\u9fff]{{0,2}}"  # 部门分工:
             rf"|(?:{_alternation(spec['bare_prefixes'])})(?=\s*[:])")
    persons = (rf"[{spec['person_qualifiers']}]{{0,5}}(?:{people})"
               rf"|{_AT_WORD_START}[\u4e00-\u9fff]{{0,5}}?(?:{people})")  # 项目责任人:
    return re.compile(
        rf"[〔(\[【]?\s*(?P<word>{_alternation(spec['deadline_markers'])}|{units}|{persons})"
        rf"\s*(?:\([^()]{{0,30}}\))?\s*[:]"
    )


@lru_cache(maxsize=1)
def label_re() -> re.Pattern:
    """Any label: a few words and a colon after punctuation or space (实际完成情况:, 工作目标:)."""
    return re.compile(rf"{_AT_WORD_START}[\u4e00-\u9fff]{{2,8}}\s*(?:\([^()]{{0,30}}\))?\s*:")


@lru_cache(maxsize=1)
def deadline_word_re() -> re.Pattern:
    """A deadline field's label word (完成时限, 时间节点 …), wherever it stands."""
    return re.compile(_alternation(lexicon()["unit_markers"]["deadline_markers"]))


def marker_role(word: str) -> str:
    """lead, coop or plain for a units label; person or deadline for the others."""
    spec = lexicon()["unit_markers"]
    if word in spec["deadline_markers"]:
        return DEADLINE
    if not any(w in word for w in spec["office_words"]) and any(w in word for w in spec["person_words"]):
        return PERSON
    found = [(word.find(w), role) for role in (LEAD, COOP) for w in spec["role_words"][role] if w in word]
    return min(found)[1] if found else PLAIN


@lru_cache(maxsize=1)
def role_suffix_re() -> re.Pattern:
    """A name ending in a role word: 体卫科主办, 基教科牵头, 各科室配合."""
    return re.compile(rf"^(?P<name>.+?)\(?(?P<role>{role_suffix_words()})\)?$")


def role_suffix_words() -> str:
    """The role words a name may end in, as one alternation, longest first (负责落实 before 负责)."""
    spec = lexicon()["role_suffixes"]
    return _alternation(spec[LEAD] + spec[COOP] + spec[PLAIN])


def suffix_role(word: str) -> str:
    spec = lexicon()["role_suffixes"]
    return next(role for role in (LEAD, COOP, PLAIN) if word in spec[role])


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
    """The role of a table header cell (序号 -> number, 牵头单位 -> lead; 牽頭單位 too), or None.
    A header naming people is a person column even when it also says 牵头 (牵头市领导); one
    naming departments (负责部门) names units."""
    text = re.sub(r"\s+", "", header)
    if not text or len(text) > 16:
        return None
    text = simplified(text, always=True)
    spec = lexicon()["unit_markers"]
    if any(w in text for w in spec["person_words"]) and not any(
            w in text for w in ("单位", "部门", "科室", "处室", "股室")):
        return PERSON
    whole = lexicon()["table_columns"]["_whole_cell"]
    for word, role in column_words():
        if word == text if word in whole else word in text:  # 序 alone, not inside 是否达序
            return role
    if re.fullmatch(r"[\u4e00-\u9fff]+", text) and (len(text) <= 8 and re.search("单位|部门|科室|处室|股室", text)
                                                     or len(text) <= 12 and re.search("(?:单位|部门|科室|处室|股室)$", text)):
        # any short header naming departments (负责部门)
        found = [(text.find(w), r) for r in (LEAD, COOP) for w in spec["role_words"][r] if w in text]
        return min(found)[1] if found else "units"
    return None

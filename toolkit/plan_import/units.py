"""Responsible units: reading the units text of a task, and the default unit directory."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from toolkit.model.plan import (
    KIND_COLLEGE,
    KIND_COUNTY,
    KIND_DIRECT,
    KIND_OFFICE,
    KIND_OTHER,
    KIND_VOCATIONAL,
    UNIT_KINDS,
    Group,
    PlanMeta,
    Task,
    Unit,
)
from toolkit.rules.text import CLOSERS, OPENERS, inside_quotes, split_outside_brackets
from toolkit.plan_import import cells, lexicon
from toolkit.plan_import.lexicon import COOP, DEADLINE, LEAD, PERSON, PLAIN

MARKER_RE = lexicon.marker_re()
SEPARATORS = "、,，;； "
CLOSING = ")〕]】。;；,，.、 "
UNIT_SUFFIXES = tuple("科室股部委处办组站局校院会心所馆队司厅园")
OFFICE_SUFFIXES = tuple("科室股部委处办组会")

COUNTY_GROUP = "各县(市、区)教育局"
GROUP_NAME_RE = re.compile(r"^各|(?:直|属|机关)各")  # 各乡镇中心学校, 县直各学校, 局机关各科室
COLLEGE_GROUP = "各高校"


@dataclass
class UnitsText:
    raw: str = ""  # as printed, from the opening bracket or marker to the end
    units: list[str] = field(default_factory=list)
    lead_units: list[str] | None = None
    lead_marked: bool = False  # a marker, a role word or a stated rule names the lead
    deadline: str = ""  # a 完成时限: field among the units
    people: list[str] = field(default_factory=list)  # names that look like people, left out


@lru_cache(maxsize=1)
def defaults() -> dict:
    text = (files("toolkit") / "data" / "directory.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def group_aliases() -> dict[str, str]:
    """Every printed form of a default group -> its canonical name."""
    out = {}
    for name, spec in defaults()["groups"].items():
        out[name] = name
        for alias in spec.get("aliases", []):
            out[alias] = name
    return out


@lru_cache(maxsize=8192)
def find_units(text: str) -> int | None:
    """Where the units part of a task (normalised text) starts: a units label, or a closing
    clause of names with role words (（基教科牵头,各科室配合）, 市教育局牵头，市财政局配合。)."""
    start = _first_units_marker(text)
    if start is None and units_first(text):
        return 0
    if start is None:
        start = _bracketed_roles(text)
    if start is None:
        start = _trailing_roles(text)
    return start


UNITS_FIRST_RE = re.compile(r"^由(?P<names>[^,，。;；:]{2,80}?(?:牵头|负责|主办))[,，]")
CLAUSE_RE = re.compile(r"[^,，。;；:]{2,80}[,，]")


def units_first(text: str) -> int:
    """Where units named first end (由市教育局、市财政局负责,… or 由A牵头,B配合,…: the item's
    units); 0 without."""
    match = UNITS_FIRST_RE.match(text)
    if not match or not _role_clause(match.group("names")):
        return 0
    end = match.end()
    while (more := CLAUSE_RE.match(text, end)) and _role_clause(more.group(0)[:-1]):
        end = more.end()
    return end


AGENT_RE = re.compile(r"(?<=[,，;；。])\s*由(?=[\u4e00-\u9fff])")  # …的问题,由A会同B等部门…
AGENT_CLAUSE_RE = re.compile(r"[^,，。;；:]*")
# where the names of an agent clause may end: 等 (with its group noun), or a role word
AGENT_NAMES_END_RE = re.compile(rf"等(?:[\u4e00-\u9fff]{{0,4}}?(?:单位|部门|机构))?|{lexicon.role_suffix_words()}")
AGENT_ROLE_RE = re.compile(lexicon.role_suffix_words())


def agent_clause(text: str) -> tuple[int, int] | None:
    """Where a clause inside an item names the bodies that do it, after 由 and before the work
    (关于…的问题,由A会同B、C等部门研究提出落实意见; …,由A牵头,B配合,…): the names end at 等 (and its
    group noun) or at a role word, and each is an organisation; (start, end) of the names, after
    由. Not a condition (由多个单位负责的,…) nor a clause inside quotes."""
    for match in AGENT_RE.finditer(text):
        if inside_quotes(text, match.start()):
            continue
        start = match.end()
        clause = AGENT_CLAUSE_RE.match(text, start).group(0)
        for end in AGENT_NAMES_END_RE.finditer(clause):
            stop = start + end.end()
            if role := AGENT_ROLE_RE.match(text, stop):  # A等部门牵头
                stop = role.end()
            if _agent_names(text[start:stop]) and text[stop:stop + 1] != "的":
                while (more := CLAUSE_RE.match(text, stop + 1)) and text[stop] in ",，" and _role_clause(
                        more.group(0)[:-1]):
                    stop = more.end() - 1  # 由A牵头,B配合,…
                return start, stop
    return None


def _agent_names(names: str) -> bool:
    role = lexicon.role_suffix_re().match(names)
    bare = role.group("name") if role else names
    tokens = [n for t in split_outside_brackets(bare, SEPARATORS) for n in _and_split(ETC_RE.sub("", trimmed(t)))]
    return bool(tokens) and all(cells.is_org(n) for n in tokens)


def _first_units_marker(text: str) -> int | None:
    for match in MARKER_RE.finditer(text):
        if lexicon.marker_role(match.group("word")) not in (PERSON, DEADLINE):
            return match.start()
    return None


def _bracketed_roles(text: str) -> int | None:
    """A closing bracket of names with role words and no marker: (基教科牵头,各科室配合)."""
    body = text.rstrip().rstrip(CLOSING)
    start = unclosed_bracket(body)
    if start < 0 or not _role_clause(body[start + 1:]):
        return None
    return start


# the item's work as the subject of a sentence that names who does it: 此项工作由A、B负责组织协调。
WORK_SUBJECT_RE = re.compile(r"\s*(?:此|该|这|本)项?(?:工作|任务|活动|项目)(?=由)")


def _trailing_roles(text: str) -> int | None:
    """The last sentence, when it is only names with role words: 市教育局牵头，市财政局配合。, 由A部署,
    B落实,C负责协调。; after the item's work named as its subject too (此项工作由A、B负责组织协调。)."""
    body = text.rstrip().rstrip(CLOSING)
    start = max(body.rfind(c) for c in "。;；:\n") + 1
    if start > 0 and (subject := WORK_SUBJECT_RE.match(body, start)):
        start = subject.end()
    return start if start > 0 and _role_clause(body[start:]) else None


UNITS_BRACKET_RE = re.compile(r"[(〔【\[]([^()〔〕【】\[\]]{2,120}(?:\([^()]*\)[^()〔〕【】\[\]]*)*)[)〕】\]]")


def closing_brackets(text: str) -> list[int]:
    """Where the brackets of units that close a sentence end (…若干措施。(市食安办负责)): a label
    or names with role words inside."""
    return [m.end() for m in UNITS_BRACKET_RE.finditer(text)
            if m.start() > 0 and (MARKER_RE.match(m.group(0)) or _role_clause(m.group(1)))]


def bracketed_names(text: str) -> int | None:
    """Where a closing bracket of organisation names only starts ((财政厅、发展改革委、教育厅。
    列在首位的为牵头部门…)); whether a plan marks its units so is for the plan to show."""
    body = text.rstrip().rstrip("。;；,，.、 ")
    if not body.endswith((")", "〕", "】", "]")):
        return None
    start = unclosed_bracket(body[:-1])
    if start < 0:
        return None
    names = first_sentence(_without_notes(body[start + 1:-1]))
    tokens = [n for t in split_outside_brackets(names, SEPARATORS) for n in _and_split(trimmed(t))]
    return start if tokens and all(cells.is_org(ETC_RE.sub("", t)) for t in tokens) else None


TRAILING_RE = re.compile(r"[。.;；]\s+([^。.;；:：()（）]{2,80})$")  # …发放救助金. 自治区民政厅


def trailing_names(text: str) -> int | None:
    """Where organisation names alone close a task's text, apart from its last sentence by a
    space (a table's unit column run into the text: …发放救助金. 自治区民政厅); None where the
    tail holds anything else. Whether a plan gives its units so is for the plan to show."""
    tail = TRAILING_RE.search(text.rstrip())
    return tail.start(1) if tail and wrapped_names(tail.group(1)) else None


def wrapped_names(text: str) -> list[str]:
    """Organisation names separated by spaces or 、, a name a line broke with a space inside it
    closed up (自治区人力资 源社会保障厅 → 自治区人力资源社会保障厅); [] where a piece is no name."""
    names, piece = [], ""
    for token in re.split(r"[\s、,，]+", text.strip()):
        piece += token
        if cells.is_org(piece):
            names, piece = names + [piece], ""
    return names if names and not piece else []


def unclosed_bracket(text: str) -> int:
    """Where the last bracket the text leaves open opens (〔省委编办牵头,省直有关部门(单位)…: the
    〔, not the ( closed inside it); -1 without one."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSERS:
            depth += 1
        elif text[i] in OPENERS:
            if depth == 0:
                return i
            depth -= 1
    return -1


def first_sentence(text: str) -> str:
    """A units list ends at a sentence end, unless another label follows it."""
    i = text.find("。")
    while i >= 0:
        if text[i + 1:].strip(CLOSING) and not MARKER_RE.match(text[i + 1:].lstrip()):
            return text[:i]
        i = text.find("。", i + 1)
    return text


def _role_clause(clause: str) -> bool:
    """Names with role words (A牵头,B配合), or names followed by a rule about them (A、B、C分别负责,
    A、B按职责分工负责; A、B、C负责。列第一位的为牵头部门,下同), and either followed by the time to
    do it in (A、B分别负责,年内持续推进)."""
    clause = _without_time(clause)
    noted = _without_notes(clause)
    bare = noted.rstrip(" 、,，;；:。")  # what a rule after the names leaves behind it
    tokens = [n for t in split_outside_brackets(bare, SEPARATORS) for n in _and_split(t)]
    roles = [lexicon.role_suffix_re().match(t) for t in tokens]
    if not any(roles):
        return (noted != clause and _one_list(clause)  # names, then one rule
                and bool(tokens) and all(cells.is_org(trimmed(t)) for t in tokens))
    named = [m.group("name") for m in roles if m] + [t for t, m in zip(tokens, roles) if not m]
    return all(cells.is_org(n.removeprefix("由")) for n in named)


def _one_list(clause: str) -> bool:
    """Names and the rule after them in one list: no sentence end, and no `,` unless every name
    stands before a rule that states which of them leads, only notes after it (市教育局,市委农办,
    排名第一位为牵头单位,下同: a list that can only be the units)."""
    if re.search("[。;；]", clause):
        return False
    rule = lexicon.lead_first_re().search(clause)
    return not re.search("[,，]", clause) or bool(
        rule and clause[:rule.start()].strip(" ,，、") and not _without_notes(clause[rule.end():]).strip(" ,，、"))


def _without_time(clause: str) -> str:
    """A clause of names without the time phrase after them (A、B负责,2020年底前完成: A、B负责); a
    part that names an organisation or carries a role word is no time phrase."""
    parts = split_outside_brackets(clause, ",，")
    last = parts[-1].strip(" 。;；") if len(parts) > 1 else ""
    if last and cells.is_date(last) and not cells.is_org(last) and not lexicon.role_suffix_re().match(last):
        return clause[:clause.rstrip(" 。;；").rfind(last)].rstrip(" ,，")
    return clause


def units_end(text: str, start: int) -> int:
    """Where a units list that starts at `start` ends: at the end of the text, at a sentence
    end that no other label follows (a 完成时限: field or 配合单位: after it belongs to it), or
    at a label that names no units, people or deadline (实际完成情况:)."""
    depth = 0
    label = other_label(text, start)
    for i in range(start, label):
        ch = text[i]
        if ch in "(（〔[【":
            depth += 1
        elif ch in ")）〕]】":
            depth = max(0, depth - 1)
        elif ch in "。!?！？\n" and depth == 0:
            rest = text[i + 1:].lstrip()
            if rest and not MARKER_RE.match(rest) and rest.rstrip(CLOSING):
                return i + 1
    return label


def other_label(text: str, start: int = 0) -> int:
    """Where the first label after `start` that is no units, people or deadline label stands
    (实际完成情况:, 工作目标:, or one glued to the name before it: 莲塘镇任务目标:); the end of
    the text without one."""
    for match in lexicon.label_re().finditer(text, start + 1):
        if not MARKER_RE.search(text, match.start(), match.end()):
            glued = GLUED_LABEL_RE.search(text, match.start() + 1, match.end())
            if glued and lexicon.column_role(glued.group(1)) in ("task", "ignore"):
                return glued.start(1)  # the name before it is the last of the units
            return match.start()
    return len(text)


# a label of four characters glued to the name of an organisation or place before it
GLUED_LABEL_RE = re.compile(rf"(?<=[{''.join(sorted({e[-1] for e in cells.ORG_ENDINGS + cells.WEAK_ENDINGS}))}])"
                            r"([\u4e00-\u9fff]{4})\s*:")


EMPTY_BRACKETS_RE = re.compile(r"[(〔\[【]\s*[,，;；、]*\s*[)〕\]】]")  # brackets holding separators only


def parse_units(text: str, known: set[str], lead_rule: bool = False, role: str = PLAIN) -> UnitsText:
    """Split a units text (normalised, from its marker on) into names, lead first.

    `lead_rule`: the plan said once that the first unit named leads (排在第一位的为牵头单位);
    `role`: the role of names without a label or role word (a table's 牵头单位 column)."""
    text = first_sentence(_without_notes(text))
    text = text[:other_label(text)].removeprefix("由")  # 由A、B负责
    text = EMPTY_BRACKETS_RE.sub("", text)
    result = UnitsText(raw=text)
    marks = list(MARKER_RE.finditer(text))
    if not marks or marks[0].start() > 0 and text[:marks[0].start()].strip(" (〔[【"):
        marks = [None] + marks
    leads: list[str] = []
    others: list[str] = []
    plain: list[str] = []
    coop: list[str] = []
    mark = None
    for i, mark in enumerate(marks):
        begin = mark.end() if mark else 0
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        label = lexicon.marker_role(mark.group("word")) if mark else role
        if label == PERSON:
            continue
        if label == DEADLINE:
            result.deadline = text[begin:end].strip().strip(CLOSING)
            continue
        for name, suffix in _names_with_roles(_names_part(text[begin:end], known), known):
            if name not in known and cells.is_date(name) and not cells.is_org(name, known):
                result.deadline = result.deadline or name  # (…各县市人民政府,6月底完成)
            elif name not in known and not cells.is_org(name, known) and cells.looks_like_person(name):
                result.people.append(name)
            elif (suffix or label) == LEAD:
                leads.append(name)
            else:
                others.append(name)
                (coop if (suffix or label) == COOP else plain).append(name)
    if not leads and plain and coop and mark is not None:
        leads, others = plain, coop  # 责任单位 set against 配合单位: the former lead
    result.units = _unique(leads + others)
    result.lead_marked |= bool(leads) or lead_rule
    if leads and _unique(leads) != result.units[:1]:
        result.lead_units = _unique(leads)
    return result


SPACE_RE = re.compile(r"\s")


def _names_part(text: str, known: set[str]) -> str:
    """A units list up to a space after which no organisation is named (…各区政府 鄞州 海曙
    合计 2 5: a table of figures run on after the names)."""
    if not SPACE_RE.search(text):
        return text
    depth = 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch.isspace() and depth == 0 and text[:i].strip(" (〔[【"):
            following = split_outside_brackets(text[i:], SEPARATORS)
            if following and not cells.is_units(ETC_RE.sub("", trimmed(following[0])), known):
                return text[:i]
    return text


_ROLES = lexicon.lexicon()["unit_markers"]["role_words"]
# a note of what a unit leads in (区统计局(数据统计评估牵头单位)): words, then a role and an office word
ROLE_NOTE_RE = re.compile(r"[\u4e00-\u9fff]{2,20}(?:%s)(?:单位|部门|科室|处室|股室)" % "|".join(_ROLES["lead"] + _ROLES["coop"]))


BRACKETED_RE = re.compile(r"[(（〔\[【]([^()（）〔〕\[\]【】]*)[)）〕\]】]")
NOTE_EDGE = r"[、,，;；:。\s)）〕\]】]"  # what stands around a note between names


@lru_cache(maxsize=1)
def _notes_at_edges() -> tuple[re.Pattern, re.Pattern]:
    """A note at the end of a part of a units text, and one at its start."""
    notes = lexicon.instruction_re().pattern
    return (re.compile(rf"(?:{notes})[等。]?(?=$|{NOTE_EDGE})"),
            re.compile(rf"(?:(?<=^)|(?<={NOTE_EDGE}))(?:{notes})"))


def _without_notes(text: str) -> str:
    """The units text without the rules and notes written into it (按职责分工负责, 下同): a note
    goes with its brackets, or where it stands between names; never out of a name."""
    notes = lexicon.instruction_re()

    def only_notes(match: re.Match) -> str:
        rest = notes.sub("", match.group(1))
        return "" if not rest.strip(" 、,，;；:。.等") or ROLE_NOTE_RE.fullmatch(rest) else match.group(0)
    text = BRACKETED_RE.sub(only_notes, text)  # (按职责分工负责)
    at_end, at_start = _notes_at_edges()
    return at_start.sub("", at_end.sub("", text))


def _names_with_roles(text: str, known: set[str]) -> list[tuple[str, str | None]]:
    """(name, role or None) for each name: 基教科、体卫科主办,财务科协办 gives both leads,
    then a co-operating unit; names after the last role word take none."""
    out: list[tuple[str, str | None]] = []
    pending: list[str] = []
    for token in _tokens(text):
        match = lexicon.role_suffix_re().match(token)
        if match and len(match.group("name")) >= 2:
            role = lexicon.suffix_role(match.group("role"))
            pending += _names(match.group("name"), known)
            out += [(n, None if role == PLAIN else role) for n in pending]
            pending = []
        else:
            pending += _names(token, known)
    return out + [(n, None) for n in pending]


def split_names(text: str, known: set[str]) -> list[str]:
    return [name for name, _ in _names_with_roles(text, known)]


def trimmed(name: str) -> str:
    """A name without the punctuation around it; a closing bracket stays when it closes one
    inside the name (高新园(邹区镇))."""
    name = name.strip(" 。;；,，.、:").lstrip("(〔[【（")
    while name and name[-1] in CLOSERS and name.count(name[-1]) > sum(
            name.count(o) for o in OPENERS if OPENERS.index(o) == CLOSERS.index(name[-1])):
        name = name[:-1].rstrip(" 。;；,，.、")
    return name


LEVEL_START = r"[省市县区乡镇]"
OWN_BODIES_RE = re.compile(LEVEL_START + r"(?:[直属级各]|有关|相关)")  # 市直各部门, 区属单位, 市有关部门: a level's own bodies


def _tokens(text: str) -> list[str]:
    """The separated parts of a units text; an administrative level alone (各县, or with another
    in brackets: 各市(县)) joins the next part where that goes on listing levels: a level alone too
    (各县、市、区政府: 市 names nothing), a name after two levels or more (各市(县)、区政府), or a
    level with its own list in brackets (各市、县(市、区)教育局). A level and a name of its own stay
    two (各乡、镇人民政府, 各乡、街道办事处, 各县(市)、市直有关部门)."""
    text = trimmed(text)
    tokens: list[str] = []
    for token in split_outside_brackets(text, SEPARATORS):
        token = trimmed(token)
        if tokens and _goes_on_listing_levels(tokens[-1], token):
            tokens[-1] = f"{tokens[-1]}、{token}"
        elif token:
            tokens.append(token)
    return tokens


def _goes_on_listing_levels(previous: str, token: str) -> bool:
    if not (lexicon.admin_level_re().match(previous) and re.match(LEVEL_START, token)) or OWN_BODIES_RE.match(token):
        return False
    return bool(lexicon.admin_level_re().match(token) or len(re.findall(LEVEL_START, previous)) >= 2
                or re.match(LEVEL_START + r"\(", token))


ETC_RE = re.compile(r"等(?:[\u4e00-\u9fff]{0,4}?(?:单位|部门|科室|处室|股室))?$")  # …等市有关单位


def _names(token: str, known: set[str]) -> list[str]:
    """The names in one separated part: …等 dropped (from a group's name too: 区属各重点国企等), two
    names joined by 及 or 和 split, names printed without a separator (团工委各县(市、区)教育局)
    split where the pieces are known."""
    out = []
    for part in _and_split(token, known):
        shorter = ETC_RE.sub("", part)
        if shorter != part and (shorter in known or cells.is_org(shorter, known) or GROUP_NAME_RE.search(shorter)):
            part = shorter
        aliases = group_aliases()
        out += [aliases.get(n, n) for n in segment(part, known)] if part else []
    return out


GENERIC_BODIES = ("人民政府", "政府", "管委会", "党委", "党工委")  # need the place named before them
GROUP_NOUNS = ("单位", "部门", "机构")  # a class of bodies the qualifier before 和 names too: 省有关部门和单位
JOINING_HUI = ("局", "处", "科", "室", "办", "厅", "部", "股", "站", "所", "中心", "院", "司")


def _and_split(token: str, known: set[str] = frozenset()) -> list[str]:
    """市级各有关部门及各县市区政府, 宣传处会办公室, A会同B: two names; 教育和体育局 stays one, and
    so does a body and its government (各县(市、区)党委和人民政府, 高新区党工委和管委会) and one
    qualifier over two classes of bodies (省有关部门和单位)."""
    for word in ("及", "和", "与", "会同", "会"):
        at = token.find(word)
        while at > 0:
            left, right = token[:at], token[at + len(word):]
            if (cells.is_org(left, known) and cells.is_org(right, known)
                    and right not in GENERIC_BODIES + GROUP_NOUNS
                    and (word != "会" or left.endswith(JOINING_HUI))):
                return _and_split(left, known) + _and_split(right, known)
            at = token.find(word, at + 1)
    return [token]


def segment(token: str, known: set[str]) -> list[str]:
    """Split names printed without a separator (团工委各县(市、区)教育局) using known names;
    a name is never split inside itself (领导小组办公室 stays one name)."""
    if token in known:
        return [token]
    hit = _leftmost_longest(token, known)
    if hit is None:
        return [token]
    i, name = hit
    left, right = token[:i], token[i + len(name):]
    pieces = ([left] if left else []) + [name] + ([right] if right else [])
    glued_group = not right and left and GROUP_NAME_RE.search(name) and cells.is_org(left, known)
    if all(p in known for p in pieces) or glued_group:
        return (segment(left, known) if left else []) + [name] + (
            segment(right, known) if right else [])
    return [token]


def _leftmost_longest(token: str, known: set[str]) -> tuple[int, str] | None:
    best = None
    for name in known:
        i = token.find(name)
        if i < 0 or name == token:
            continue
        if best is None or i < best[0] or (i == best[0] and len(name) > len(best[1])):
            best = (i, name)
    return best


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def known_names(addressees: list[str]) -> set[str]:
    d = defaults()
    names = set(d["offices"]) | set(d["direct"]) | set(group_aliases())
    names |= {a for a in addressees}
    return names


def guess_kind(name: str, colleges: set[str]) -> str:
    if name in colleges or name.endswith("大学") or "职业技术学院" in name:
        return KIND_COLLEGE
    if name.endswith("职业学校") or name.endswith("职业中专"):
        return KIND_VOCATIONAL
    if name.endswith("教育局"):
        return KIND_COUNTY
    if name in defaults()["direct"] or name.endswith(("中心", "站", "学院", "所", "馆", "学校")):
        return KIND_DIRECT
    if name in defaults()["offices"] or name.endswith(OFFICE_SUFFIXES):
        return KIND_OFFICE
    return KIND_OTHER


def colleges_of(addressees: list[str]) -> list[str]:
    aliases = group_aliases()
    return [a for a in addressees if a not in aliases and a.endswith(("学院", "大学"))]


def counties_of(meta: PlanMeta) -> list[str]:
    """The county-level bureaus of the issuing city in the plan's year, when known."""
    regions = defaults()["regions"]
    where = f"{meta.issuer} {meta.title}"
    for city, by_year in regions.items():
        if city in where or city.rstrip("市") in where:
            years = sorted(int(y) for y in by_year)
            chosen = max((y for y in years if meta.year and y <= meta.year), default=years[0])
            return [f"{c}教育局" for c in by_year[str(chosen)]]
    return []


def build_directory(meta: PlanMeta, tasks: list[Task]) -> tuple[list[Unit], list[Group], list[str]]:
    """Default directory: the units the plan names, with kinds, and the groups expanded."""
    warnings: list[str] = []
    colleges = colleges_of(meta.addressees)
    groups = _default_groups(meta, colleges) + _named_groups(tasks)
    units = _named_units(tasks, {g.name for g in groups}, set(colleges), warnings)
    for group in groups:
        kind = defaults()["groups"].get(group.name, {}).get("kind", KIND_OTHER)
        for member in group.members:
            unit = units.setdefault(member, Unit(member, kind))
            unit.groups.append(group.name)
    named = {n for t in tasks for n in t.units} | set(meta.addressees)
    for group in groups:
        if not group.members and group.name in named:
            warnings.append(
                f"分组“{group.name}”暂无成员单位，请在“单位”表的“所属分组”列为其填写成员。"
            )
    ordered = sorted(units.values(), key=lambda u: UNIT_KINDS.index(u.kind))
    return ordered, groups, warnings


def _named_groups(tasks: list[Task]) -> list[Group]:
    """Names such as 各乡镇中心学校, 县直各学校 or 局机关各科室 stand for groups the
    administrator fills in."""
    known = set(group_aliases())
    names = [n for t in tasks for n in t.units if GROUP_NAME_RE.search(n) and n not in known]
    return [Group(name, []) for name in dict.fromkeys(names)]


def _named_units(tasks, group_names: set[str], colleges: set[str],
                 warnings: list[str]) -> dict[str, Unit]:
    base = set(defaults()["offices"]) | set(defaults()["direct"])
    units: dict[str, Unit] = {}
    for task in tasks:
        for name in task.units:
            if name in group_names or name in units:
                continue
            kind = guess_kind(name, colleges)
            if name not in base and name not in colleges:
                warnings.append(
                    f"任务{task.number}：单位“{name}”不在默认单位名录中，已按“{kind}”加入“单位”表，请核对。"
                )
            units[name] = Unit(name, kind)
    return units


def _default_groups(meta: PlanMeta, colleges: list[str]) -> list[Group]:
    groups = []
    for name, spec in defaults()["groups"].items():
        members: list[str] = []
        if name == COUNTY_GROUP:
            members = counties_of(meta)
        elif name == COLLEGE_GROUP:
            members = list(colleges)
        groups.append(Group(name, members, list(spec.get("aliases", []))))
    return groups


"""What a short text is: an organisation, a person, a date, a task number, progress.

The table reader decides its columns by what their cells hold and the units reader keeps
people out of the units with these tests. Organisations are told by how their names end (局,
委, 办, 科, 中心, 政府, 管委会 …) or by the unit directory; people by jieba's part-of-speech
tags (nr), which ship with its dictionary: a surname list of our own would be a poorer copy.
rjieba (jieba-rs, the same dictionary and tags, in wheels for every platform) loads in a tenth
of a second where jieba itself takes seconds; it is imported on first use all the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit.rules.text import normalise, split_outside_brackets

HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# a part of the goal above it, as a plan's target breakdown prints its sub-goals: ——女性人均预期寿命延长
SUB_GOAL_RE = re.compile(r"^\s*[—―─]{2}")
# what closes a task's number: 1. 1、 and 1。(an ideographic full stop typed for the dot, before text)
NUMBER_MARK = r"(?:\.(?!\d)|、|。(?=\s*[\u4e00-\u9fff“(]))"

# How the names of organisations end. A name ending in one of these is an organisation.
ORG_ENDINGS = (
    "单位", "部门", "管委会", "委员会", "领导小组", "工作组", "专班", "指挥部", "联席会议", "政府", "办公室", "中心",
    "集团", "公司", "银行", "街道", "大学", "学院", "学校", "中学", "小学", "幼儿园",
    "医院", "法院", "检察院", "研究院", "科学院", "协会", "学会", "联合会", "总工会", "工会",
    "团委", "妇联", "残联", "科协", "侨联", "文联", "工商联", "红十字会", "供销社", "海关",
    "商会", "基金会", "促进会", "研究会", "理事会",
    "局", "委", "办", "厅", "处", "科", "室", "股", "院", "校", "部", "署", "站", "所", "司", "队",
    "组",
)
# Endings that people's given names also have (李园, 王庭, 张镇): an organisation unless jieba
# tags the whole name as a person's. A bare 会 is more often a meeting (运动会, 推进会) than a body.
WEAK_ENDINGS = ("社区", "园", "馆", "社", "团", "台", "行", "区", "县", "市", "省", "镇", "乡",
                "村", "场", "厂", "盟", "庭")
LEVELS = ("省", "市", "县", "区")  # how a body's name opens with its level: 省卫生厅, 市财政局
PLACE_ENDINGS = ("省", "市", "县", "区", "镇", "乡", "村")  # 凤城镇: a place the tagger takes for a person
PERSON_TITLE_RE = re.compile(
    r"(?:同志|书记|副?(?:省长|市长|县长|区长|主席|主任|局长|厅长|处长|科长|股长|部长|院长|校长|秘书长|组长|镇长|乡长))$")
NUMBER_RE = re.compile(r"^\(?([0-9]{1,4}|[一二三四五六七八九十]{1,3})\)?\s*[.、]?$")
DATE_RE = re.compile(
    r"\d{1,2}\s*月|\d{4}\s*年|年底|年末|年内|年中|季度|上半年|下半年|全年|长期|持续|常态|每年|每月|每季|"
    r"每周|适时|按时|按期|按计划|完成时|月底|月中|旬|春季|秋季|暑期|寒假|暑假|学期|(?<!\d)\d{4}[-./]\d{1,2}(?!\d)"
    r"|\d{1,2}\.\d{1,2}\s*[-—–~至]\s*\d{1,2}\.\d{1,2}")  # 9.1-9.5: a week of a school calendar
# a deadline at the end of a text: 全年, 12月底前, 2021年6月底完成
DEADLINE_END_RE = re.compile(
    r"(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月(?:\d{1,2}日)?(?:底|中旬|上旬|下旬|份|末)?|年底|年末|年内|上半年|下半年|"
    r"全年|长期|常态化|持续推进|每年|每季度|每月)(?:前|以前)?(?:完成)?$")
MILESTONE_RE = re.compile(r"\d{1,2}\s*月(?:底|份|中旬|上旬|下旬)?前?|年底前|年内")
PROGRESS_RE = re.compile(r"^(?:已|目前|截至|截止|正在|现已|已经|完成了|累计|基本完成|全部完成|尚未|未)")
LATIN_RE = re.compile(r"[A-Za-z]")
# a contact detail: a phone number under a label naming it (民生办电话:0559-6521077 2351785, 传真:…,
# 联系人:张三 13912345678), or alone with its area code or as a mobile number (0559-6521077, 13912345678)
PHONE = r"(?:0\d{2,3}-)?\d{7,8}|1[3-9]\d{9}"
CONTACT_RE = re.compile(r"^(?:(?:[\u4e00-\u9fff()]{0,16}(?:电话|手机|传真|热线|联系方式)|联系人\s*[:：]\s*[\u4e00-\u9fff]{2,4})"
                        rf"\s*[:：]?\s*(?:{PHONE})(?:\s*[、,/]?\s*(?:{PHONE}))*|(?:0\d{{2,3}}-\d{{7,8}}|1[3-9]\d{{9}}))$")


def tokens(text: str) -> list[str]:
    """The names in a cell: split at 、,，;; and line breaks, outside brackets."""
    text = normalise(name_lines(text))
    return [t.strip(" .。") for t in split_outside_brackets(text, "、,，;；/ ") if t.strip(" .。")]


def name_lines(text: str) -> str:
    """A cell's lines as one list of names: a line break between two names is a 、, one
    inside a name (a PDF cell wraps 各县（市、区）教育 / 局) is none. In a narrow cell a name
    wraps over several lines (医政医 / 管与疾 / 控监督 / 科 / 区卫生 / 健康监 / 督执法 / 大队): a
    name that ends as only organisations do (…科) ends at its line's end when the lines after
    it make up another."""
    out = ""
    lines = [part.strip() for part in text.replace("\r", "\n").split("\n") if part.strip()]
    for k, line in enumerate(lines):
        last = re.split(r"[、,，;；\s]", out)[-1] if out else ""
        first = line.split("、")[0]
        if out and out[-1] not in "、,，;；" and is_org(last) and not _body_of_place(last, first) and (
                is_org(first) and (len(first) > 2 or first in ORG_ENDINGS)  # 各街道办 / 事处 is one name
                or last.endswith(ORG_ENDINGS) and len(last) >= 3 and _name_ahead(lines[k:])) or (
                out and out[-1] not in "、,，;；" and _opens_like_others(first, lines)):
            out += "、"
        out += line
    return out


def _opens_like_others(first: str, lines: list[str]) -> bool:
    """A line naming a body of the level other lines of the cell open with (省公安厅 under
    人口计生 in 人口计生 / 省公安厅 / 省妇联): a name of its own, whatever the line before ends with."""
    return (first[:1] in LEVELS and len(first) >= 3 and is_org(first)
            and sum(line.startswith(first[0]) for line in lines) >= 2)


def _body_of_place(last: str, first: str) -> bool:
    """A line that opens with a body's bare name (管委会, 政府) after a line ending in a place
    (开发区 / 管委会, 各县 / 政府): one name wrapped, the place's body."""
    return last.endswith(PLACE_ENDINGS) and first in ORG_ENDINGS and len(first) >= 2


def _name_ahead(lines: list[str]) -> bool:
    """The next lines, joined up to the first separator, make up a name of an organisation."""
    joined = ""
    for line in lines[:8]:
        piece = re.split(r"[、,，;；\s]", line)[0]
        joined += piece
        if len(joined) >= 3 and joined.endswith(ORG_ENDINGS) and is_org(joined):
            return True
        if piece != line:
            return False
    return False


def is_org(name: str, known: frozenset[str] | set[str] = frozenset()) -> bool:
    """A name of an organisation or of a group of them (基教科, 各县(市、区)教育局, 市政府)."""
    name = _bare_name(name)
    return bool(name) and (name in known or _org_name(name))


@lru_cache(maxsize=8192)
def _bare_name(name: str) -> str:
    return TRAILING_BRACKET_RE.sub("", normalise(name).strip()).rstrip("等")


TRAILING_BRACKET_RE = re.compile(r"\([^()]*\)$")
NAME_CHARS_RE = re.compile(r"[\u4e00-\u9fff()<>〈〉、·]+")


@lru_cache(maxsize=8192)
def _org_name(name: str) -> bool:
    if len(name) > 40:
        return True
    if not NAME_CHARS_RE.fullmatch(name):
        return False
    if len(name) >= 2 and name.endswith(ORG_ENDINGS):
        return True
    return (2 <= len(name) <= 10 and name.endswith(WEAK_ENDINGS) and not _starts_with_verb(name)
            and not looks_like_person(name))


def _starts_with_verb(text: str) -> bool:
    """推动委员进社区, 搭建…平台: a phrase of work, not a name (jieba's tag v)."""
    import rjieba

    word, tag = rjieba.tag(text)[0]
    return tag == "v" and len(word) >= 2


def looks_like_person(name: str) -> bool:
    """A person's name (王某某, 李明, 张建国副市长, 王某某同志), never an organisation."""
    name = normalise(name).strip()
    bare = PERSON_TITLE_RE.sub("", name)
    if bare != name and 2 <= len(bare) <= 4:
        return _han(bare) and not bare.endswith(ORG_ENDINGS)
    if not 2 <= len(name) <= 4 or not _han(name):
        return False
    if "某" in name[1:]:
        return True
    return not name.endswith(ORG_ENDINGS + PLACE_ENDINGS) and _person_tag(name)


def _han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=4096)
def _person_tag(name: str) -> bool:
    """jieba tags the whole of `name` as a person's name (nr), or a name of three characters
    as a place or name and a given name (徐国 / 江, 陈 / 红梅)."""
    import rjieba

    pairs = rjieba.tag(name)
    if len(pairs) == 1:
        return pairs[0][1] == "nr"
    return len(name) == 3 and pairs[-1][1] == "nr" and all(tag in ("nr", "ns") for _, tag in pairs)


def glued_names(text: str) -> tuple[list[str], int]:
    """Names printed one after another without separators (何海平教育局经开区高新园(邹区镇)各街道…):
    (the people and organisations the text starts with, how many characters they take). A name
    ends at a jieba word that ends a name (局, 公司, 街道 …, a bracket after it goes with it);
    a place (…区, …县) goes on into a department name after it (黄山区教育局), a committee
    (…委) into its department (区委组织部); a person may come first."""
    text = text[:160]
    for size in (3, 2):  # most names have three characters; an organisation's name at least three
        person = text[:size]
        if looks_like_person(person) and not is_org(person):
            names, covered = _glued_orgs(text[size:])
            if names and len(names[0]) >= 3:
                return [person] + names, size + covered
    return _glued_orgs(text)


def _glued_orgs(text: str) -> tuple[list[str], int]:
    """The organisations a text starts with, run together, and how many characters they take."""
    import rjieba

    words = _bracketed_words(rjieba.cut(text))
    names: list[str] = []
    current = ""
    for k, word in enumerate(words):
        following = words[k + 1] if k + 1 < len(words) else ""
        if word.startswith(("(", "（")) and names and not current:
            names[-1] += word  # 高新园 (邹区镇)
            continue
        current += word
        if not re.fullmatch(r"[\u4e00-\u9fff()（）、]+", current) or len(current) > 16:
            break
        if is_org(current) and _name_ends(current, following):
            names.append(current)
            current = ""
    return names, sum(len(n) for n in names)


def _bracketed_words(words: list[str]) -> list[str]:
    """jieba's words with a bracket and what it holds as one word: (市、区)."""
    out: list[str] = []
    depth = 0
    for word in words:
        if depth:
            out[-1] += word
        else:
            out.append(word)
        depth += word.count("(") + word.count("（") - word.count(")") - word.count("）")
        depth = max(depth, 0)
    return out


def _name_ends(name: str, following: str) -> bool:
    """Whether an organisation's name ends before the word `following`."""
    if following.startswith(("(", "（")):
        return False  # its bracket follows
    if name.endswith("委") and following.endswith(("部", "办", "室")):
        return False  # 区委组织部: a committee's department
    if name.endswith(ORG_ENDINGS):
        return True
    return following.startswith("各") or not is_org(following)  # 黄山区教育局: one name


def is_people(text: str) -> bool:
    """A cell naming people only: 王某某, or 李明、张华 (with their titles)."""
    names = tokens(text)
    return bool(names) and all(looks_like_person(n) and not is_org(n) for n in names)


def is_units(text: str, known: frozenset[str] | set[str] = frozenset()) -> bool:
    """A cell naming organisations only (role words after a name allowed: 基教科牵头)."""
    from toolkit.plan_import.lexicon import role_suffix_re

    if normalise(text).strip().endswith(("。", "!", "?", "！", "？")):
        return False  # a sentence, not a list of names
    names = []
    for token in tokens(text):
        match = role_suffix_re().match(token)
        names.append(match.group("name") if match else token)
    return bool(names) and all(is_org(n, known) for n in names)


FIGURE_RE = re.compile(r"^\d+(?:\.\d+)?\s*[^\d\s]{0,4}$")


MEASURED_RE = re.compile(r"^(?P<name>[^()]{2,16}?)\s*\((?P<unit>[^()]{1,6})\)(?P<part>[^()]{0,10})$")


def measured(header: str) -> re.Match | None:
    """A column name that names its unit of measure in brackets (年度投资金额(万元)), perhaps with
    the part of it its column holds after them (2019年计划筹措资金(万元)合计, a name over two header
    rows): the match, with its name, unit and part; None for any other name."""
    from toolkit.plan_import.targets import MEASURES

    found = MEASURED_RE.match(re.sub(r"\s+", "", normalise(header)))
    return found if found and found.group("unit") in MEASURES else None


def is_figure(text: str) -> bool:
    """A short cell holding one figure, bare or with its unit (1300人, 8950, 10000万)."""
    text = normalise(text).strip()
    return (bool(FIGURE_RE.match(text)) and not re.fullmatch(r"\d{1,3}[.、]?", text)
            and not DATE_RE.search(text))


def is_number(text: str) -> bool:
    return bool(NUMBER_RE.match(normalise(text).strip()))


def is_date(text: str) -> bool:
    text = normalise(text).strip()
    return 0 < len(text) <= 24 and bool(DATE_RE.search(text))


def is_contact(text: str) -> bool:
    """A contact detail: a phone number, under a label naming it or alone (歙县民生办电话:0559-6521077)."""
    return bool(CONTACT_RE.match(normalise(text).strip()))


def is_progress(text: str) -> bool:
    return bool(PROGRESS_RE.match(normalise(text).strip()))

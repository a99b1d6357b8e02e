"""Running text: the notice header, sections and numbered tasks, each with its units text.

The numbering of tasks is whatever the plan uses (1. 1、 （1） （一） 一、, a number alone on its
line, starting anywhere); where a plan numbers at several levels, the level whose items carry
units is the task level, and items below it ((1)(2) inside a task) stay task text. A plan whose
line breaks were lost is broken again before its numbers where they go on in sequence.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from toolkit.rules.text import CLOSERS, OPENERS, chinese_number, half_width, simplified, split_outside_brackets
from toolkit.model.plan import Section
from toolkit.plan_import import cells, lexicon, units
from toolkit.plan_import.draft import EMPTY, Draft, Line
from toolkit.plan_import.targets import MEASURES, find_indicators, planned_end, reports_progress

CN_NUMERALS = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})\s*[、.,，]\s*(\S.*)$")
SUBSECTION_RE = re.compile(rf"^\(\s?([{CN_NUMERALS}]{{1,3}})\s?\)\s*(\S.*)$")
class _Numbering:
    """A numbering pattern whose matches pass a further test (a number glued to its text is a
    task number only when the first word after it is not a measure word)."""

    def __init__(self, pattern: str, test):
        self.pattern, self.test = re.compile(pattern), test

    def match(self, text: str):
        found = self.pattern.match(text)
        return found if found and self.test(found) else None


FIGURE_WORDS = frozenset(MEASURES)
FIGURE_STARTS = "年月日号届周岁天余多万千百亿后时点期级类大"  # 2023年, 12月底, 30余所, 3大工程


def _not_a_figure(match: re.Match) -> bool:
    """1开展… is task 1; 5个小区, 2023年, 30余所 are figures."""
    if not cells.HAN_RE.match(match.string, match.end(1)):
        return True  # 1. or 1、
    return not _counted(match.group(2))


def _counted(text: str) -> bool:
    """The text opens with a measure word or a word of dates and quantities (个小区, 年, 余所, 公里):
    a number before it is a figure of that measure, not a number of its own."""
    import rjieba

    word = rjieba.cut(text[:8])[0]
    return word in FIGURE_WORDS or word[0] in FIGURE_STARTS


# 1. 1、 1。(an ideographic full stop typed for the dot, before text) and a number of one or two
# digits glued to its text (1开展…)
DOTTED_TASK_RE = _Numbering(r"^(\d{1,4})(?:\s*" + cells.NUMBER_MARK + r"|(?<=^\d)(?=[\u4e00-\u9fff])"
                            r"|(?<=^\d\d)(?=[\u4e00-\u9fff]))\s*(\S.*)$", _not_a_figure)
PAREN_TASK_RE = re.compile(r"^\(\s?(\d{1,4})\s?\)\s*(\S.*)$")  # ( 1 ): a PDF's text spaces a number
YISHI_RE = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})是\s*(\S.*)$")  # 一是…二是…: numbered like 1. 2.
BULLETS = "◆●■□▲△★☆◇○•▪►▶◎※❖"
BULLET_RE = re.compile(rf"^([{BULLETS}])\s*(\S.*)$")  # items numbered in order
BULLET_CHARS_RE = re.compile(f"[{BULLETS}]")
# 第一件实事:…, 第二项任务:…, 第3条:…: an ordinal label (第, a number, 件/项/条, a noun of a few words or none,
# a colon) numbering the item after it like 一、 (第一季度, 第一批, 第三方, 第1次 name no item); 之一:…之三:, the
# items of a series a text announced (…十大工程:), likewise
_ORDINAL_NUMBER = rf"[{CN_NUMERALS}]{{1,3}}|\d{{1,2}}"
ORDINAL_START = rf"(?:第\s*(?=(?:{_ORDINAL_NUMBER})\s*[件项条])|之(?=[{CN_NUMERALS}]{{1,3}}\s*:))"
ORDINAL_END = r"(?:\s*[件项条][\u4e00-\u9fff]{0,6}?)?\s*:"
ORDINAL_RE = re.compile(rf"^{ORDINAL_START}({_ORDINAL_NUMBER}){ORDINAL_END}\s*(\S.*)$")
LEVELS = (BULLET_RE, YISHI_RE, PAREN_TASK_RE, DOTTED_TASK_RE, ORDINAL_RE, SUBSECTION_RE, SECTION_RE)  # deepest first
TITLE_RE = re.compile("工作要点|工作计划|任务分解表|分解表|分工方案|任务清单|责任清单|实施方案|工作方案|"
                      "实事项目|民生实事|为民办实事|督查事项|重点项目")


SUB_ITEM_RE = re.compile(r"^(?:\(\s?\d{1,3}\s?\)|[①-⑳])")  # (1)…, ①…: a sub-item starts a line of the task's text


@dataclass
class _RawTask:
    number: int
    section: Section | None
    lines: list[Line] = field(default_factory=list)
    closed: bool = False  # its units text has been read: later lines are not task text
    after: list[Line] | None = None  # the lines after the units that closed it, up to a heading
    cut: bool = False  # a sentence closed by its units, cut out from under a heading item
    deadline: str = ""  # a closing bracket that holds only a time phrase: (年内持续推进)
    figures: list[tuple[str, float, str]] = field(default_factory=list)  # its amounts (see _amounts)
    named: int = 0  # its first lines are its name (a table's name cell): the text after them starts a line

    def joined(self) -> Line:
        original, text = "", ""
        for k, line in enumerate(self.lines):  # a sub-item, 牵头领导:… or 任务目标:… below a title starts a line of its own
            glue = "\n" if text and (text[-1] in "。;；:" or SUB_ITEM_RE.match(line.text)
                                     or lexicon.marker_re().match(line.text) or _task_label(line.text)
                                     or _numbered_field(line.text) is not None) else ""
            if text[-1:].isdigit() and line.text[:1].isdigit():
                glue = " "  # 2060000 1610000 / 450000 支持…: two figures, not one
            if k and k == self.named:
                glue = "\n"
            original, text = original + glue + line.original, text + glue + line.text
        return Line(original, text)


@dataclass
class TextPart:
    header: list[Line]  # the lines before the first task
    sections: list[Section]
    drafts: list[Draft]


# letters mixed with punctuation after a space at the end of a line (…双减计划 ![1rzQvGDb)
JUNK_RE = re.compile(r"(?:^|\s+)(?=[!-~]*[A-Za-z])(?=[!-~]*[!-/:-@\[-`{-~])[!-~]{2,16}$")
HAN_RE = cells.HAN_RE
# an advertisement a mirror inserts inside a sentence (…2个,家政服务13825404095道路…): a few words and a
# mobile number glued to the plan's words after it, no label (电话:, 热线) before the number
ADVERT_RE = re.compile(r"(?<=[,，。;；!！?？])(?![^,，。;；]*?(?:电话|热线|手机|联系|传真|咨询|举报))"
                       r"[\u4e00-\u9fff]{2,8}1[3-9]\d{9}(?=[\u4e00-\u9fff])")


def text_lines(source: str, traditional: bool | None = None) -> list[Line]:
    """Non-blank lines, each as printed and normalised (Simplified script, half-width);
    `traditional`: whether the document is in Traditional script, when already known."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    plain = source if traditional is False else simplified(source, always=bool(traditional))
    out = []
    for original, plain in zip(source.split("\n"), plain.split("\n")):
        text = half_width(plain)
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        # a forum's anti-copy characters after the text
        if right and text[right - 1].isascii() and (junk := JUNK_RE.search(text[:right])):
            right = len(text[:junk.start()].rstrip()) if HAN_RE.search(text[:junk.start()]) else left
        if right > left:
            out.append(_without_adverts(Line(original[left:right], text[left:right])))
    return out


def _without_adverts(line: Line) -> Line:
    """The line without the advertisements inserted inside its sentences."""
    spans = [m.span() for m in ADVERT_RE.finditer(line.text)]
    for a, b in reversed(spans):
        line = Line(line.original[:a] + line.original[b:], line.text[:a] + line.text[b:])
    return line


def read_text(lines: list[Line]) -> TextPart:
    """The sections and tasks of running text; no tasks when it numbers none."""
    lines = _without_page_markers(rebreak(_without_page_breaks(_decimals_joined(lines))))
    lines = [line for line in lines if not BYLINE_RE.match(line.text)]
    task_re, section_re = numbering(_numbers_joined(lines))
    lines = _repair(lines, task_re, section_re)
    header, sections, raw_tasks = _split(lines, task_re, section_re)
    raw_tasks = _without_rankings(raw_tasks)
    sections, raw_tasks = _heading_items(sections, raw_tasks)
    if titled := _book_title_items(lines):
        (header, raw_tasks), sections = titled, []
    elif (task_re in (SECTION_RE, SUBSECTION_RE) or not raw_tasks) and (dated := _dated_items(lines)):
        header, sections, raw_tasks = dated
    elif task_re in (SECTION_RE, SUBSECTION_RE):
        sections, raw_tasks = _closed_items(sections, raw_tasks)
    elif not raw_tasks:
        header, raw_tasks = _unnumbered_closed_items(header)
    if not raw_tasks:
        header, new_sections, raw_tasks = _counted_name_lists(header)
        sections = new_sections or sections
    if not raw_tasks:
        header, raw_tasks = _titled_paragraphs(header)
    if not raw_tasks:
        header, raw_tasks = _quoted_items(header)
    if not raw_tasks:
        header, raw_tasks = _listed_items(header)
    if not raw_tasks:
        header, raw_tasks = _counted_run_on_items(header)
    if not raw_tasks:
        header, raw_tasks = _list_before_its_count(header)
    if not raw_tasks:
        header, raw_tasks = _names_made_the_plans_items(header)
    if not raw_tasks:
        header, raw_tasks = _category_paragraphs(header)
    _amounts(header, raw_tasks)
    joined = [raw.joined() for raw in raw_tasks]
    unlabelled = [line.text for line in joined if units.find_units(line.text) is None]
    plain = sum(1 for text in unlabelled if units.bracketed_names(text) is not None) >= 2
    trailing = sum(1 for text in unlabelled if units.trailing_names(text) is not None) >= 2
    drafts = []
    for raw, line in zip(raw_tasks, joined):
        body, progress = _without_progress_fields(line)
        body, unit_line = split_units(body, plain)
        if plain and unit_line.text:
            unit_line = _with_earlier_brackets(body, unit_line)
        if not unit_line.text and trailing and (start := units.trailing_names(body.text)) is not None:
            body, unit_line = _trailing_units(body, start)
        if not unit_line.text and (agent := units.agent_clause(body.text)):
            unit_line = Line(body.original[agent[0]:agent[1]], body.text[agent[0]:agent[1]])  # stays in the text
        drafts.append(Draft(number=raw.number or None, section=raw.section, body=body, units_text=unit_line,
                            deadline=raw.deadline, aside=progress, figures=raw.figures))
    return TextPart(header, sections, drafts)


# a place's name alone, as a bulletin ranks them (1、金寨县;2、金安区;…): no work
# (not a park, a scenic area or an estate: 物流园区, 西湖景区, 老旧小区 are works or their places)
PLACE_ALONE_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}(?:县|市|旗|镇|乡|街道|(?<![园景社小校矿库片新])区)[。;,]?$")


def _without_rankings(raw_tasks: list[_RawTask]) -> list[_RawTask]:
    """Numbered items that are a place's name alone, three or more in a row (a bulletin's
    ranking of counties), carry no work: no tasks."""
    alone = [bool(PLACE_ALONE_RE.match(raw.joined().text.strip())) for raw in raw_tasks]
    drop: set[int] = set()
    for key, run in itertools.groupby(range(len(raw_tasks)), key=lambda k: alone[k]):
        run = list(run)
        if key and len(run) >= LIST_MIN:
            drop.update(run)
    return [raw for k, raw in enumerate(raw_tasks) if k not in drop]


BOOK_TITLE_RUN_RE = re.compile(r"(?:《[^《》]{2,80}》[、,]?\s*){3,}")
BOOK_TITLE_RE = re.compile(r"《([^《》]{2,80})》")
# what the names of documents, laws and papers end in: 《…实施方案》《…条例》 are not items of work
DOCUMENT_ENDINGS = ("法", "条例", "办法", "规定", "意见", "通知", "方案", "规划", "纲要", "决定", "报告",
                    "细则", "标准", "准则", "制度", "规则", "章程", "指南", "目录", "清单", "计划", "要点",
                    "决议", "通报", "批复", "函", "公告", "通告", "报", "纪要", "说明", "法典", "宪法",
                    "分解", "分工", "台账")
ISSUED_RE = re.compile(r"^[^。;；]{0,6}(?:印发|下发|转发|发给|发布)")  # 现将《…》《…》印发给你们: documents


def _book_title_items(lines: list[Line]) -> tuple[list[Line], list[_RawTask]] | None:
    """Items given as titles in book-title marks, three or more one after the other in one
    sentence (…主要包括《城镇新增就业2000人以上》《建成幼儿园3所》…): each title is a task,
    numbered in order; the words before them are the header's. Names of documents
    (《…实施方案》《…条例》) listed the same way are no items of work."""
    for k, line in enumerate(lines):
        if line.text.count("《") < 3:
            continue  # no run of three titles (a search of every line for one is slow)
        for run in BOOK_TITLE_RUN_RE.finditer(line.text):
            titles = list(BOOK_TITLE_RE.finditer(run.group()))
            if any(t.group(1).rstrip().endswith(DOCUMENT_ENDINGS) for t in titles) or ISSUED_RE.match(
                    line.text[run.end():]):
                continue
            tasks = [_RawTask(0, None, [Line(line.original[run.start() + t.start(1):run.start() + t.end(1)].strip(),
                                             t.group(1).strip())]) for t in titles]
            return lines[:k] + [Line(line.original[:run.start()], line.text[:run.start()])], tasks
    return None


# “A”、“B”、“C”: items in quotation marks separated by 、 (a straight " may close the mark, as pages type it)
QUOTED_RUN_RE = re.compile(r'(?:“[^“”"]{2,80}[”"]\s*、\s*){2,}“[^“”"]{2,80}[”"]')
QUOTED_RE = re.compile(r'“([^“”"]{2,80})[”"]')
QUOTED_OPENER_RE = re.compile(r"(?::|包括|分别是|分别为|依次是|依次为|主要有|即)\s*,?\s*$")
QUOTED_CLOSE_RE = re.compile(r"^(?:等[\u4e00-\u9fff\d]{0,8})?\s*(?:[。;；,]|$)")


def _quoted_items(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """Items given in quotation marks, three or more run on and separated by 、, that a sentence
    lists (…项目包括: “实施农村巷道硬化工程”、“新建3所公办幼儿园”、…等。): each is a task, numbered in
    order, its title the text inside its marks; the words before them are the header's. Only a
    whole list: after the words that open it (:, 包括, 分别是) and closing its clause (等。), each
    a name of work of four characters or more, not a slogan (“放管服”、“一网通办”)."""
    for k, line in enumerate(lines):
        for run in QUOTED_RUN_RE.finditer(line.text):
            items = list(QUOTED_RE.finditer(run.group()))
            if not (QUOTED_OPENER_RE.search(line.text[:run.start()]) and QUOTED_CLOSE_RE.match(line.text[run.end():])
                    and all(len(HAN_RE.findall(item.group(1))) >= 4 for item in items)):
                continue
            tasks = [_RawTask(0, None, [Line(line.original[run.start() + i.start(1):run.start() + i.end(1)].strip(),
                                             i.group(1).strip())]) for i in items]
            return lines[:k] + [Line(line.original[:run.start()], line.text[:run.start()])], tasks
    return lines, []


def _unnumbered_closed_items(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """A text without numbers whose sentences are closed by brackets of units, two or more:
    each such sentence, with the sentences since the bracket before, is a task."""
    ends = [units.closing_brackets(line.text) for line in lines]
    if sum(len(e) for e in ends) < 2:
        return lines, []
    first = next(k for k, e in enumerate(ends) if e)
    header, tasks = lines[:first], []
    for line, line_ends in zip(lines[first:], ends[first:]):
        start = 0
        if not tasks and line_ends:  # the first task starts at the start of its sentence
            sentence = line.text[:units.unclosed_bracket(line.text[:line_ends[0] - 1])].rstrip("。;； ")
            start = max(sentence.rfind(ch) for ch in "。:;；") + 1
            if start:
                header.append(Line(line.original[:start], line.text[:start]))
        for end in line_ends:
            tasks.append(_RawTask(0, None, [Line(line.original[start:end].strip(), line.text[start:end].strip())]))
            start = end
    return header, tasks


# a short heading naming a field of work, numbered or not: 01 教育, 一、教育, (一)医疗, 养老
HEADING_RE = re.compile(rf"^(?:(\d{{1,2}})\s*[、.]?\s*|([{CN_NUMERALS}]{{1,3}})\s*[、.]\s*|\(([{CN_NUMERALS}]{{1,3}})\)\s*)?"
                        r"(?P<title>[\u4e00-\u9fff、和与及]{2,12})$")
# a paragraph closed by a bracket that holds only a time phrase: …试点。(年内持续推进)
DATED_END_RE = re.compile(r"[(]\s*(?P<when>[^()。;；,，、:]{2,16}?)\s*[)][。;；]?$")


def _time_phrase(text: str) -> bool:
    """Words that say by when, and only that: 年内持续推进, 2021年底前完成, 6月底前 (not 截至6月底,
    which dates a report, nor a bare year)."""
    return bool(cells.DEADLINE_END_RE.search(text)) and not cells.PROGRESS_RE.match(text)


def _dated_items(lines: list[Line]) -> tuple[list[Line], list[Section], list[_RawTask]] | None:
    """Unnumbered paragraphs of work under short headings (01 教育, 一、教育), each closed by a
    bracket that holds only a time phrase (…试点。(年内持续推进)), three or more: each paragraph is
    a task, numbered in order, the bracket its deadline; the headings are its sections. The lines
    before the first heading are the header's; from the first heading to the last paragraph every
    line must be a heading or such a paragraph."""
    dated = [(m if (m := DATED_END_RE.search(line.text)) and m.start() > 0 and _time_phrase(m.group("when"))
              else None) for line in lines]
    heading = [not d and bool(HEADING_RE.match(line.text.strip())) for line, d in zip(lines, dated)]
    items = [k for k, d in enumerate(dated) if d]
    if len(items) < LIST_MIN or not items[0] or not heading[items[0] - 1]:
        return None
    first = items[0] - 1
    if not all(heading[k] or dated[k] for k in range(first, items[-1] + 1)):
        return None
    sections: list[Section] = []
    tasks: list[_RawTask] = []
    for line, match, is_heading in zip(lines[first:items[-1] + 1], dated[first:], heading[first:]):
        if is_heading:
            head = HEADING_RE.match(line.text.strip())
            number = head.group(1) or head.group(2) or head.group(3)
            sections.append(Section(chinese_number(int(number)) if number and number.isdigit() else number or "",
                                    head.group("title")))
            continue
        cut = match.start()
        tasks.append(_RawTask(0, sections[-1], [Line(line.original[:cut].rstrip(), line.text[:cut].rstrip())],
                              deadline=line.original[match.start("when"):match.end("when")].strip()))
    return lines[:first], sections, tasks


LIST_MIN = 3  # items a list without numbers has at least
# 10项实事分别是A、B…; 5件实事包括,A、B…(包括 opens a list only where a count before it agrees)
LIST_OPENER_RE = re.compile(r":|(?:分别是|分别为|依次是|依次为)(?!\s*:)|(?P<counted>包括)(?!\s*:)\s*,?")


def _listed_items(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """A plan without numbers that lists its items after a colon (or 分别是): run on in one sentence and
    separated by ; (今年将办好十件实事:新建学校5所;改造小区20个;…), or one a line. Each item
    is a task, numbered in order."""
    for k, line in enumerate(lines):
        tasks, cut = [], 0
        for opener in LIST_OPENER_RE.finditer(line.text[:-1]):
            colon = opener.end() - 1
            parts = _list_parts(line.text, colon, counted_only=bool(opener.group("counted")))
            if len(parts) < LIST_MIN:
                continue
            cut = cut or colon + 1  # the words before the first list stay the header's
            start = colon + 1
            for part in parts:
                at = line.text.index(part, start)
                start = at + len(part) + 1
                end = start - (line.text[start - 1:start] == "、")  # a 、 between names is no part of them
                tasks.append(_RawTask(0, None, [Line(line.original[at:end].strip(), line.text[at:end].strip())]))
        if tasks:
            return lines[:k] + [Line(line.original[:cut], line.text[:cut])], tasks
    for k, line in enumerate(lines):  # …如下: then one item a line
        start = k + 1 + (k + 1 < len(lines) and bool(NOTE_LINE_RE.match(lines[k + 1].text)))  # (相关资料图)
        following = lines[start:]
        items = list(itertools.takewhile(_list_line, following))
        counted = [_task_number(c) for c in COUNT_RE.findall(line.text)]
        if counted:  # the intro counts the items: paragraphs of work, as many at most
            items = max(items, list(itertools.takewhile(_paragraph_item, following))[:max(counted)], key=len)
        if line.text.rstrip().endswith(":") and len(line.text) >= 6 and len(items) >= LIST_MIN and (
                not _addressed(line.text)) and (
                line.text.count(":") == 1) and (  # not a page's fields (索引号: … 文号:)
                not any(reports_progress(item.text) for item in items)):  # nor what was done (成立了…)
            return lines[:start], [_item(item) for item in items]
    for k, line in enumerate(lines):  # a title (…民生实事项目), a note in brackets, then a name a line
        start = k + 1 + (k + 1 < len(lines) and bool(NOTE_LINE_RE.match(lines[k + 1].text)))
        items = list(itertools.takewhile(_name_line, lines[start:]))
        if len(line.text) <= 40 and TITLE_RE.search(line.text) and len(items) >= LIST_MIN:
            return lines[:start], [_item(item) for item in items]
    return lines, []


# 2026年实施民生实事项目8项: a line that counts the names a line after it
COUNT_LINE_RE = re.compile(rf"^[^。!?！？;；,，:]{{0,30}}?(\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*[项件个]\s*[:。]?$")


def _counted_name_lists(lines: list[Line]) -> tuple[list[Line], list[Section], list[_RawTask]]:
    """Lists of names a line, each under a line that counts them (a news roundup of several
    places' lists: 新城区 / 新城区人民政府 / 2026年实施民生实事项目8项 / eight names): where the
    names a line right after a count are exactly as many as it says, the run ending there, they
    are tasks, numbered in order through the document; a short line right before the count (the
    body whose list it is) is their group. Any count that the names do not agree with makes no
    list of them."""
    sections: list[Section] = []
    tasks: list[_RawTask] = []
    first = None
    for k, line in enumerate(lines):
        count = COUNT_LINE_RE.match(line.text.strip())
        if not count:
            continue
        names = _names_before_next_count(lines[k + 1:])
        if len(names) < LIST_MIN or len(names) != _task_number(count.group(1)):
            continue
        owner = lines[k - 1].text.strip() if k else ""
        section = None
        if owner and len(owner) <= 20 and not re.search(r"[。!?！？;；,，:]", owner) and not COUNT_LINE_RE.match(owner):
            section = Section("", lines[k - 1].original.strip())
            sections.append(section)
        first = (k - 1 if section else k) if first is None else first
        tasks += [_RawTask(0, section, [name]) for name in names]
    if not tasks:
        return lines, [], []
    return lines[:first], sections, tasks


def _names_before_next_count(lines: list[Line]) -> list[Line]:
    """The names a line at the start of `lines`, up to the next count and the short line before it
    (the next place's body: 回民区人民政府 / 2026年实施民生实事项目5项)."""
    names = []
    for k, line in enumerate(lines):
        ahead = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
        if not _name_line(line) or COUNT_LINE_RE.match(line.text.strip()) or COUNT_LINE_RE.match(ahead):
            break
        names.append(line)
    return names


SENTENCE_RE = re.compile(r"[^。!?！？]+[。!?！？]?")
RUN_ON_OPENER_RE = re.compile(r"(?:[,:]\s*即|即为|分别是|分别为|包括|主要有)\s*")  # …密切相关,即A;B;C


def _counted_run_on_items(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """Items run on in one sentence and separated by ; with no colon before them, where the
    text before them counts them (…办好10件民生实事… 今年,A;B;…;J。): the sentence's parts are
    the tasks, numbered in order (after 即 or 包括 where the sentence names them so). A sentence
    after the list's full stop that starts as most items do is one more (…;投资7686万元,建设…。
    投资1000万元,建成…)."""
    for k, line in enumerate(lines):
        text = line.text
        for sentence in SENTENCE_RE.finditer(text):
            if len(re.findall(r"[;；]", sentence.group())) < LIST_MIN - 1:
                continue
            start = sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
            opener = RUN_ON_OPENER_RE.search(text, start, text.find(";", start) if ";" in text[start:] else sentence.end())
            start = opener.end() if opener else start
            spans = _parts_at(text, start, sentence.end())
            intro = " ".join(l.text for l in lines[:k]) + " " + text[:start]
            if len(spans) < LIST_MIN or len(spans) not in {_task_number(c) for c in COUNT_RE.findall(intro)}:
                continue
            spans += _same_pattern_after(text, sentence.end(), [text[a:b] for a, b in spans])
            tasks = [_RawTask(0, None, [Line(line.original[a:b].strip(), text[a:b].strip())]) for a, b in spans]
            return lines[:k] + [Line(line.original[:start], text[:start])], tasks
    return lines, []


COUNT_AT_END_RE = re.compile(rf"(\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*[项件个大类条][\u4e00-\u9fff]{{0,8}}$")
LIST_VERB_RE = re.compile(r"^(?:确定|决定|计划|将)?(?:实施|包括|办好|开展|推进)")


# …、J等5个项目作为…, …、D共4个项目,总投资…: a count of projects that closes the names before it
CLOSING_COUNT_RE = re.compile(rf"(?<=[\u4e00-\u9fff)”\"])(?:等|共)\s*(\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*[项件个]"
                              r"[\u4e00-\u9fff]{0,4}?(?:项目|实事|工程)")
# the verb that picks the names (共选出, 会议依法票决出), before the first of them
PICKED_RE = re.compile(r"^[\u4e00-\u9fff]{0,6}?[选决]出")


def _list_before_its_count(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """Names separated by 、 that a sentence closes by counting them (…确定实施A、B、…、J10件为民
    实事。), or that a count of projects closes inside the sentence (共选出A、B、…、E等5个项目作为…;
    …A、B、C、D共4个项目,总投资…): the names are the tasks, in order, where their number is the count
    (a name holding a 、 joined as _counted_parts does); the list starts after the clause before it,
    without the verb that governs it (确定实施, 共选出). A count inside the sentence counts the plan's
    items only after such a verb: names that are the sentence's subject (A、B等5个项目曾因滞后被通报)
    are what it reports on."""
    for k, line in enumerate(lines):
        text = line.text
        for sentence in SENTENCE_RE.finditer(text):
            body = sentence.group().rstrip("。!?！？ ")
            if "、" not in body:
                continue
            inside = False
            if count := COUNT_AT_END_RE.search(body):
                first = body.index("、")
                start = sentence.start() + max(body.rfind(ch, 0, first) for ch in ",:;") + 1
            elif (count := CLOSING_COUNT_RE.search(body)) and "、" in body[:count.start()]:
                inside = True
                start = sentence.start() + max(body.rfind(ch, 0, count.start()) for ch in ",:;") + 1
            else:
                continue
            end = sentence.start() + count.start()
            parts = _counted_parts(text[start:end], _task_number(count.group(1)))
            if not parts or any(len(HAN_RE.findall(p)) < 4 for p in parts):  # names of work, not of fields
                continue
            verb = LIST_VERB_RE.match(parts[0]) or PICKED_RE.match(parts[0])
            picked = bool(verb) and len(parts[0]) - verb.end() >= 4 and not any(
                p.startswith(verb.group()) for p in parts[1:])
            if inside and not picked:  # …等5个项目曾因滞后被通报: what the sentence says of them, not its plan
                continue
            if picked:
                start += verb.end()
                parts[0] = parts[0][verb.end():]
            return lines[:k] + [Line(line.original[:start], text[:start])], _named_tasks(line, parts, start)
    return lines, []


# …、J被确定为2026年度市政府民生实事项目: the verb that makes the names before it the plan's items
MADE_ITEMS_RE = re.compile(r"(?:被|已)?(?:确定|选定|票选|票决|列)为[^。;；,:]{0,24}?(?:实事|项目|工程)")


def _names_made_the_plans_items(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """Names separated by 、, three or more, that their sentence makes the plan's items
    (最终,A、B、…、J被确定为2026年度民生实事项目。): the names are the tasks, in order, whatever a
    count elsewhere says (of the candidates voted on); each a name of work (four characters or
    more), the list starting after the clause before it."""
    for k, line in enumerate(lines):
        text = line.text
        for sentence in SENTENCE_RE.finditer(text):
            made = MADE_ITEMS_RE.search(sentence.group())
            if not made:
                continue
            body = sentence.group()[:made.start()]
            start = max(body.rfind(ch) for ch in ",:;") + 1
            parts = [p for p in split_outside_brackets(body[start:], "、") if p.strip()]
            if len(parts) < LIST_MIN or any(len(HAN_RE.findall(p)) < 4 for p in parts) or parts[-1].endswith("等"):
                continue
            cut = sentence.start() + start
            return lines[:k] + [Line(line.original[:cut], text[:cut])], _named_tasks(line, parts, cut)
    return lines, []


def _named_tasks(line: Line, parts: list[str], at: int) -> list[_RawTask]:
    """A task of each of the names `parts`, found in order in the line from `at`, as printed."""
    tasks = []
    for part in parts:
        at = line.text.index(part, at)
        tasks.append(_RawTask(0, None, [Line(line.original[at:at + len(part)].strip(), part.strip())]))
        at += len(part)
    return tasks


# a short title sentence opening a paragraph of work: 统筹推进乡村振兴战略。, 督导推进观摩重点。
TITLE_SENTENCE_RE = re.compile(r"^[^。!?！？,，;；:]{4,20}。")


def _addressed(text: str) -> bool:
    """A notice's addressees (各乡镇人民政府,县直各单位:): what follows them is its requirements,
    not a list of tasks."""
    return text.startswith("各")


def _titled_paragraph(text: str) -> bool:
    """A paragraph that opens with a short title sentence and goes on with what it means, and
    reports no work done (统筹推进乡村振兴战略。制定全县年度重点任务,…落到实处。)."""
    title = TITLE_SENTENCE_RE.match(text)
    return (bool(title) and len(HAN_RE.findall(text[title.end():])) >= 4 and len(text) <= 400
            and text.rstrip()[-1:] in "。;；" and not reports_progress(text))


def _titled_paragraphs(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """Paragraphs without numbers that each open with a short title sentence, three or more after
    a colon that opens them (…目标任务分别为:, …如下:), the first on the colon's line or on the next:
    each is a task, numbered in order, its title that sentence; the words up to the colon are the
    header's. A paragraph after a colon that opens with a long sentence (…工作职责为:大力实施…,以…)
    opens no such list, nor does one that reports work done (成立了…); nor do a notice's
    requirements after its addressees (各乡镇人民政府,县直各单位: / 加强组织领导。…)."""
    for k, line in enumerate(lines):
        colon = line.text.rfind(":")
        if colon < 0 or _addressed(line.text):
            continue
        rest = Line(line.original[colon + 1:].strip(), line.text[colon + 1:].strip())
        first = [rest] if rest.text else []
        if first and not _titled_paragraph(rest.text):
            continue
        items = first + list(itertools.takewhile(lambda l: _titled_paragraph(l.text), lines[k + 1:]))
        if len(items) >= LIST_MIN:
            intro = Line(line.original[:colon + 1], line.text[:colon + 1])
            return lines[:k] + [intro], [_RawTask(0, None, [item]) for item in items]
    return lines, []


# a paragraph opening with the category it gives the items of: 就业促进工程中,包括…; 在教育方面,今年将…;
# 住房保障类:… (the category's name, then the kind of category, and where in it)
CATEGORY_OPENING_RE = re.compile(r"^在?(?P<name>[\u4e00-\u9fff]{2,10}?)(?P<kind>工程|行动|方面|领域|类)(?:中|里|上|方面)?\s*[,:]")


def _category_paragraph(line: Line) -> re.Match | None:
    """A paragraph of planned work that opens with a category's name (就业促进工程中,包括…。)."""
    opening = CATEGORY_OPENING_RE.match(line.text)
    return opening if opening and _paragraph_item(line) and not reports_progress(line.text) else None


def _category_paragraphs(lines: list[Line]) -> tuple[list[Line], list[_RawTask]]:
    """Paragraphs without numbers, three or more in a row, each opening with the name of a category
    of the same kind (X工程中, / 在X方面, / X类:) and going on with its planned work: each is a task,
    numbered in order, its title the paragraph's first sentence; the lines before them are the
    header's. A news story lists a plan's 实事 so, one paragraph per category (就业促进工程中,包括开展
    职业技能培训10万人次。… / 教育提质工程中,包括新建21所幼儿园。… / 住房保障工程中,…); a
    paragraph that reports work done (在教育方面,新建了…) opens no such list."""
    for k in range(len(lines)):
        openings = list(itertools.takewhile(bool, map(_category_paragraph, lines[k:])))
        kinds = [o.group("kind") for o in openings]
        names = {o.group("name") for o in openings}
        if len(openings) >= LIST_MIN and len(set(kinds)) == 1 and len(names) == len(openings):
            return lines[:k], [_RawTask(0, None, [line]) for line in lines[k:k + len(openings)]]
    return lines, []


def _parts_at(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the ;-separated parts of text[start:end], without the closing full stop."""
    while end > start and text[end - 1] in "。!?！？ ":
        end -= 1
    spans, at = [], start
    for m in itertools.chain(re.finditer(r"[;；]", text[start:end]), [None]):
        stop = start + m.start() if m else end
        if text[at:stop].strip():
            spans.append((at, stop))
        at = stop + 1
    return spans


def _same_pattern_after(text: str, at: int, items: list[str]) -> list[tuple[int, int]]:
    """The sentences after a list that start with the two characters most of its items start
    with: items of the same list after its full stop."""
    opening, seen = Counter(i.strip()[:2] for i in items).most_common(1)[0]
    out = []
    for sentence in SENTENCE_RE.finditer(text, at):
        body = sentence.group()
        if 2 * seen < len(items) or not body.strip().startswith(opening) or re.search(r"[;；]", body):
            break
        out.append(_parts_at(text, sentence.start() + len(body) - len(body.lstrip()), sentence.end())[0])
    return out


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _item(line: Line) -> _RawTask:
    """An item of a list a line; a circled numeral before it (①…⑩) is its number."""
    if line.text[:1] in CIRCLED:
        cut = Line(line.original[1:].lstrip(), line.text[1:].lstrip())
        return _RawTask(CIRCLED.index(line.text[0]) + 1, None, [cut])
    return _RawTask(0, None, [line])


NOTE_LINE_RE = re.compile(r"^\([^()]{1,30}\)$")  # (按得票多少排序)
COUNT_RE = re.compile(rf"(\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*[项件个大类条]")


def _list_parts(text: str, colon: int, counted_only: bool = False) -> list[str]:
    """The items of a list after a colon, up to the sentence's end: separated by ; or, where
    the words before the colon count them (10项重点建设项目为:), by 、 — the count deciding
    where 、 also separates the parts of one name (a part not ending as most items do goes
    on in the next: 新城供水管网、污水处理站、热源点工程). `counted_only`: the opener (包括)
    opens a list only where the count before it agrees with the parts."""
    sentence = text[colon + 1:].split("。")[0]
    parts = [p for p in re.split(r"[;；]", sentence) if p.strip()]
    counted = COUNT_RE.findall(text[max(0, colon - 16):colon])
    if counted_only:
        if not counted:
            return []
        names = parts if len(parts) > 1 else [p for p in split_outside_brackets(sentence, "、") if p.strip()]
        exact = len(names) == _task_number(counted[-1]) and not names[-1].rstrip().endswith("等")
        of_work = all(len(HAN_RE.findall(n)) >= 4 for n in names)  # not fields (住房、交通、教育)
        return names if exact and of_work else []  # as many as counted, and all of them
    if len(parts) >= LIST_MIN or not counted:
        return parts
    return _counted_parts(sentence, _task_number(counted[-1]))


def _counted_parts(sentence: str, count: int) -> list[str]:
    """The 、-separated names of a sentence that a count says there are `count` of, a name holding
    a 、 joined (a part not ending as most do goes on in the next); none where they do not agree."""
    parts = [p for p in split_outside_brackets(sentence, "、") if p.strip()]
    if not parts:
        return []
    ending = Counter(p.strip()[-2:] for p in parts).most_common(1)[0][0]
    while len(parts) > count >= LIST_MIN:  # a part that does not end as most do goes on in the next
        k = next((k for k in range(len(parts) - 1) if not parts[k].strip().endswith(ending)), None)
        if k is None:
            k = min(range(len(parts) - 1), key=lambda k: len(parts[k]) + len(parts[k + 1]))
        parts[k:k + 2] = [parts[k] + "、" + parts[k + 1]]
    return parts if len(parts) == count else []


def _name_line(line: Line) -> bool:
    """A line that is a name of a project or task, without a sentence."""
    return _list_line(line) and len(line.text) <= 40 and not re.search(r"[。!?！？;；:]", line.text)


def _paragraph_item(line: Line) -> bool:
    """A paragraph that can be an item of a counted list: sentences of work, no heading."""
    return (len(HAN_RE.findall(line.text)) >= 4 and len(line.text) <= 400
            and line.text.rstrip()[-1:] in "。;；" and not line.text.rstrip().endswith(":"))


def _list_line(line: Line) -> bool:
    """A line that can be an item of a list without numbers: a few words and at most a few
    sentences, no heading, no date."""
    return (len(HAN_RE.findall(line.text)) >= 4 and len(line.text) <= 100
            and not line.text.rstrip().endswith(":") and not re.fullmatch(r"[\d年月日\s.:-]+", line.text))


def _closed_items(sections: list[Section], raw_tasks: list[_RawTask]):
    """Items numbered 一、 whose text holds two or more sentences each closed by a bracket of
    units (…若干措施。(市食安办负责)依据…机制。(市食安办牵头,…协作)): the numbered items are
    headings, the closed sentences the tasks, numbered in order."""
    split = {id(raw): units.closing_brackets(raw.joined().text) for raw in raw_tasks}
    if not any(len(ends) >= 2 for ends in split.values()):
        return sections, raw_tasks
    out: list[_RawTask] = []
    for raw in raw_tasks:
        if raw.cut:  # a sentence already cut out under a heading item
            out.append(raw)
            continue
        line = raw.joined()
        section = Section(chinese_number(raw.number), re.split(r"[。;；,，]", line.original, maxsplit=1)[0])
        sections.append(section)
        start = 0
        for end in split[id(raw)]:
            item = _RawTask(0, section, [Line(line.original[start:end].strip(), line.text[start:end].strip())])
            out.append(item)
            start = end
    return sections, out


def _heading_items(sections: list[Section], raw_tasks: list[_RawTask]):
    """A numbered item that is a heading alone (1.主要指标的责任部门。, (一)约束性指标: a few words,
    no clause, no units) followed by two or more sentences each closed by a bracket of units, run on
    in one paragraph or a line each, and nothing after the last bracket: the item is a heading, each
    closed sentence a task, numbered in order (a bracket beginning the next line closes the
    sentence before it). Other items stay as they are."""
    out: list[_RawTask] = []
    for raw in raw_tasks:
        heading = raw.lines[0]
        rest = _RawTask(0, raw.section, raw.lines[1:] + (raw.after or [])).joined()
        alone = HEADING_TEXT_RE.match(heading.text.strip().rstrip("。")) and units.find_units(heading.text) is None
        ends = units.closing_brackets(rest.text) if alone else []
        if len(ends) < 2 or rest.text[ends[-1]:].strip(units.CLOSING):
            out.append(raw)
            continue
        section = Section(chinese_number(raw.number), heading.original.strip().rstrip("。"))
        sections.append(section)
        for start, end in itertools.pairwise([0] + ends):
            sentence = Line(rest.original[start:end].strip(), rest.text[start:end].strip())
            out.append(_RawTask(0, section, [sentence], cut=True))
    return sections, out


# --- lines whose breaks were lost ---------------------------------------------------------

INLINE_RE = re.compile(  # the lookahead lets the search skip quickly to where a number can start
    rf"(?=[\d{CN_NUMERALS}(（{BULLETS}第之])(?:(?<![\d.])(?P<task>\d{{1,3}})\s*(?:\.(?!\d)|、)"
    rf"|(?P<section>[{CN_NUMERALS}]{{1,3}})、"
    rf"|\(\s?(?P<sub>[{CN_NUMERALS}]{{1,3}})\s?\)|\(\s?(?P<paren>\d{{1,3}})\s?\)|(?P<yishi>[{CN_NUMERALS}]{{1,3}})是"
    rf"|(?P<bullet>[{BULLETS}])|{ORDINAL_START}(?P<ordinal>{_ORDINAL_NUMBER}){ORDINAL_END}"
    rf"|(?<![\d.第])(?P<bare>\d{{1,2}})(?![\d.、])(?=\s?[\u4e00-\u9fff]))")  # a number alone: 1新增…, 01 教育
BOUNDARY = "。;；!?！？:)]】 "  # what a number that starts an item follows


def rebreak(lines: list[Line]) -> list[Line]:
    """Break a line again before a number that goes on from the one before it (a whole plan
    on one line: …工作。2.强化…。二、…; 一是…二是…; ◆…◆…); a number out of sequence stays where
    it is, and (1)(2), 一是 or ◆ on a line that holds tasks numbered 1. are that task's
    sub-items."""
    expected = {"task": 1, "section": 1, "sub": 1, "paren": 1, "yishi": 1, "bullet": 1, "ordinal": 1, "bare": 1}
    out: list[Line] = []
    for line in lines:
        _advance(expected, line.text, at_start=True)
        cuts = []
        bullets = len(BULLET_CHARS_RE.findall(line.text)) >= 2
        for match in INLINE_RE.finditer(line.text):
            kind = match.lastgroup
            if kind == "bullet" and not bullets:
                continue
            value = expected["bullet"] if kind == "bullet" else _task_number(match.group(kind))
            after_heading = (kind == "task" and cuts_since_section(cuts)) or (  # (一)…水平1.完善…
                kind == "sub" and value == 1 and _after_heading_words(line.text, cuts, match.start()))
            boundary = BOUNDARY + (",，" if kind == "yishi" else "")  # …主要有:一是…,二是…
            before = sum(k == kind for _, k in cuts)
            if kind == "bare":  # a number alone on its line once (a 序号 cell): only its sequence tells
                if value == expected[kind] and _in_sequence(line.text, match, before // 2):
                    cuts += [(match.start(kind), kind), (match.end(kind), kind)]
                    expected[kind] = value + 1
                continue
            # an extract's first number (…发展204.推进…205.…206.…): a run may start anywhere, as in _runs
            first_of_run = kind == "task" and expected[kind] == 1 < value and _in_sequence(line.text, match, 0)
            if match.start() and kind != "bullet" and line.text[match.start() - 1] not in boundary and not (
                    first_of_run or _glued_opens(line.text, match, value == expected[kind], cuts, after_heading, before)):
                continue
            if value == expected[kind] or (value == 1 and after_heading) or first_of_run:
                at = match.start() if kind in ("ordinal", "sub", "paren") else match.start(kind)
                cuts.append((at, kind))  # 第二件实事: is cut before its 第
                expected[kind] = value + 1
                if kind == "section":
                    expected["sub"] = 1
        if DOTTED_TASK_RE.match(line.text) or any(kind == "task" for _, kind in cuts) or (
                out and _text_of_name_line(out[-1], line)):
            cuts = [(cut, kind) for cut, kind in cuts if kind not in ("paren", "yishi", "bullet", "ordinal", "bare")]
        last = 0
        for cut, _ in cuts:
            out.append(Line(line.original[last:cut].strip(), line.text[last:cut].strip()))
            last = cut
        out.append(Line(line.original[last:].strip(), line.text[last:].strip()))
    return [line for line in out if line.text]


def _glued_opens(text: str, match: re.Match, next_one: bool, cuts: list[tuple[int, str]],
                 after_heading: bool, before: int) -> bool:
    """Whether a number glued to the words before it (no boundary before it) opens its item all
    the same; `next_one`: it is the number its kind expects next, `before`: the numbers of its
    kind already cut in the line."""
    kind, value, at = match.lastgroup, _task_number(match.group(match.lastgroup)), match.start()
    return bool(
        (after_heading and cuts[-1][0] < at - 4)  # (一)…水平1.完善…: item 1 under a heading's words
        or (kind in ("task", "section", "sub") and next_one  # …责任单位:区统计局2.规模…
            and _ends_field(text, cuts[-1][0] if cuts else 0, at))
        or (kind in ("section", "sub") and next_one and value == 1  # …方案一、主要预期目标1.…
            and HEADING_OVER_FIRST_RE.match(text, match.end()))
        or (next_one and _in_sequence(text, match, before))  # …分解1.聚焦…2.…3.…
        or (kind == "task" and next_one and value == 1  # …(此件公开发布)重点工作责任分解1.聚焦…
            and _after_heading_phrase(text, match)))


SEQUENCE_MIN = 3  # numbers going on one from the other: the evidence that each opens an item
ITEM_WORDS_RE = re.compile(r"\s*[\u4e00-\u9fff“\"《(]")  # what an item's words open with after its number


def _in_sequence(text: str, match: re.Match, before: int) -> bool:
    """The number (the next one expected of its kind) glued to the words before it opens an item
    where the numbers after it go on in sequence, of the same kind and form and each before an
    item's words, SEQUENCE_MIN in a row with the `before` ones of its kind already cut in the
    line (…政治责任(一)稳定…。(二)…(三)…, …分解1.聚焦…2.…3.…): a figure inside a sentence
    (3、5、7号, 1.5亿元, 第2季度) seldom goes on so. Sub-items (1)(2) inside a numbered task are
    dropped later, as at a boundary."""
    kind = match.lastgroup
    if kind == "bullet" or not _opens_item(text, match):
        return False
    form, want, found = _form(match), _task_number(match.group(kind)) + 1, before + 1
    for later in INLINE_RE.finditer(text, match.end()):
        if found >= SEQUENCE_MIN:
            break
        if (later.lastgroup == kind and _form(later) == form and _task_number(later.group(kind)) == want
                and _opens_item(text, later)):
            found, want = found + 1, want + 1
    return found >= SEQUENCE_MIN


def _form(match: re.Match) -> str:
    """How a number is written: 1. and 1、 are two forms of the task kind."""
    return match.group().strip()[-1] if match.lastgroup == "task" else match.lastgroup


def _opens_item(text: str, match: re.Match) -> bool:
    """An item's words follow the number; after a number alone, not a measure word (2公里, 5家);
    after a Chinese numeral, a figure too (二、10万平方米老旧小区改造: no figure reads 二、10)."""
    kind = match.lastgroup
    if kind in ("section", "sub", "yishi") and text[match.end():match.end() + 1].isdigit():
        return True
    return bool(ITEM_WORDS_RE.match(text, match.end())) and (
        kind != "bare" or not _counted(text[match.end():].lstrip()))


FIELD_END_RE = re.compile(r"[。;；!?！？]")
# a heading's words and the first item under it (…方案一、主要预期目标1.地区生产总值…, 一、…(一)…1.…,
# 一、…目标(一)地区生产总值…)
HEADING_OVER_FIRST_RE = re.compile(r"\s*[^。!?！？;；:,，()]{2,30}?(?:\(一\)(?:[^。!?！？;；:,，()]{2,30}?1\s*(?:\.(?!\d)|、))?"
                                   r"|1\s*(?:\.(?!\d)|、))\s*[\u4e00-\u9fff]")


def _ends_field(text: str, start: int, at: int) -> bool:
    """The number at `at` follows the value of a field of the item since `start` (units, people,
    a deadline, any label: 责任编辑:…), no sentence closed after its label nor the bracket it
    opened in (…牵头单位:区工信局责任单位:开发区3.固定资产…, …责任单位:各县(市、区)教育局二、促进…):
    the field's line ended there, the number opens the next item or section."""
    fields = sorted([*lexicon.marker_re().finditer(text, start, at), *lexicon.label_re().finditer(text, start, at)],
                    key=lambda m: m.end())
    if not fields or FIELD_END_RE.search(text, fields[-1].end(), at):
        return False
    depth = 0  # (牵头单位:…): a bracket closing that opened before the field ends it
    for ch in text[fields[-1].end():at]:
        depth += (ch in OPENERS) - (ch in CLOSERS)
        if depth < 0:
            return False
    return True


def _text_of_name_line(name: Line, line: Line) -> bool:
    """A paragraph right after an item's name line alone (1.优化城乡结构布局 / 坚持…2019年任务:一是…
    三是…。(牵头单位:…)) is that item's text: its 一是 … (1) … parts are the item's, not tasks, where
    one bracket of units at most closes it (one for each part would make the parts the tasks)."""
    item = DOTTED_TASK_RE.match(name.text)
    return bool(item) and bool(HEADING_TEXT_RE.match(item.group(2).strip())) and len(
        units.closing_brackets(line.text)) <= 1


def _after_heading_words(text: str, cuts: list[tuple[int, str]], at: int) -> bool:
    """The number at `at` follows a section's number cut before and its few words (一、工作分工(一)关于…)."""
    section = bool(cuts) and cuts[-1][1] == "section" and SECTION_RE.match(text[cuts[-1][0]:at])
    return bool(section) and bool(HEADING_TEXT_RE.match(section.group(2).strip()))


PHRASE_START_RE = re.compile(r"[。;；!?！？)\]】:]")  # what a heading's words follow in a line run on


def _after_heading_phrase(text: str, match: re.Match) -> bool:
    """Item 1 follows a heading's few words (2–30, no sentence nor clause) that follow a sentence's
    end, a bracket or a colon (…(此件公开发布)重点工作责任分解1.聚焦…): a plan's first item under
    its title, one item or more."""
    start = max(0, match.start() - 31)
    ends = list(PHRASE_START_RE.finditer(text, start, match.start()))
    return bool(ends) and bool(HEADING_TEXT_RE.match(text[ends[-1].end():match.start()])) and _opens_item(text, match)


def cuts_since_section(cuts: list[tuple[int, str]]) -> bool:
    return bool(cuts) and cuts[-1][1] in ("section", "sub")


def _advance(expected: dict[str, int], text: str, at_start: bool) -> None:
    for kind, pattern in (("task", DOTTED_TASK_RE), ("section", SECTION_RE), ("sub", SUBSECTION_RE),
                          ("paren", PAREN_TASK_RE), ("yishi", YISHI_RE), ("ordinal", ORDINAL_RE)):
        if match := pattern.match(text):
            expected[kind] = _task_number(match.group(1)) + 1
            if kind != "task":
                expected["task"] = max(expected["task"], 1)
            if kind == "section":
                expected["sub"] = 1
            return


# --- numbering ----------------------------------------------------------------------------

def numbering(lines: list[Line]) -> tuple[re.Pattern, re.Pattern]:
    """(task pattern, section pattern). The task level is the one whose items carry units
    most often; where none carries units, digits (1. or (1)), else （一） under 一、."""
    present = [p for p in LEVELS if sum(1 for line in lines if p.match(line.text)) >= (
        2 if p in (BULLET_RE, ORDINAL_RE) else 1)]  # a bullet or an ordinal label alone numbers no list
    if not present and _lone_bullet_of_work(lines):
        return BULLET_RE, _NEVER
    if not present:  # a bullet alone (□记者 …) numbers no list
        return DOTTED_TASK_RE, SECTION_RE
    present = [p for p in present if not _fields_of_items_above(lines, p, present) and not _page_fields(lines, p)]
    found = {p: _units_found(lines, p) for p in present}
    carrying = [p for p in present if found[p][0]]
    if not carrying:
        preferred = (DOTTED_TASK_RE, PAREN_TASK_RE, YISHI_RE, BULLET_RE, ORDINAL_RE)
        best = next((p for p in preferred if p in present), None) or (
            SUBSECTION_RE if SUBSECTION_RE in present and SECTION_RE in present else present[0])
    else:
        best = carrying[0]  # the deepest level with units, unless a level above carries them
        for higher in carrying[1:]:  # carries them better: then the deeper items are sub-items
            (count, items), (best_count, best_items) = found[higher], found[best]
            closing = best is PAREN_TASK_RE and best_count == 1 < best_items  # one units line after (1)…(4)
            if (items >= 2 or closing) and count >= 0.8 * items and count >= best_count and (
                    count / items > best_count / best_items):
                best = higher
    if best is not BULLET_RE and BULLET_RE in present and _headings_of_bullets(lines, best):
        return BULLET_RE, best
    above = [p for p in present if LEVELS.index(p) > LEVELS.index(best) and p is not PAREN_TASK_RE]
    section = SECTION_RE if SECTION_RE in above else (above[0] if above else _NEVER)
    return best, section


def _lone_bullet_of_work(lines: list[Line]) -> bool:
    """The one bullet item of a text without other numbering is a task where it carries work:
    sentences with two figures to reach or more (●稳定就业方面。城镇新增就业3.3万人,…; a list
    cut after its first item), never a byline (□记者 …)."""
    bullets = [line for line in lines if BULLET_RE.match(line.text)]
    if len(bullets) != 1 or "。" not in bullets[0].text:
        return False
    text = bullets[0].text
    return len(find_indicators(0, text[:planned_end(text)], text)) >= 2


HEADING_TEXT_RE = re.compile(r"^[^。!?！？;；:,，]{2,30}$")  # a heading's words: no sentence, no clause


def _headings_of_bullets(lines: list[Line], pattern: re.Pattern) -> bool:
    """The numbered items of a level are headings of the bullet items under them, not tasks
    (01 / 交通畅行实事 / ▶新增停车位800个。 / ▶新增充电桩1000个。 / 02 …): each, two or more, is
    a few words without a sentence or a clause, the line right after it a bullet item, and the
    bullets under them outnumber them (one bullet under each would be its item's text)."""
    items, bullets, after_item = 0, 0, False
    for line in lines:
        if item := pattern.match(line.text):
            if after_item or not HEADING_TEXT_RE.match(item.group(2).strip()):
                return False
            items, after_item = items + 1, True
            continue
        bullet = bool(BULLET_RE.match(line.text))
        if after_item and not bullet:
            return False
        bullets, after_item = bullets + bullet * bool(items), False
    return items >= 2 and not after_item and bullets > items


_NEVER = re.compile(r"(?!)")
FIELD_NUMBER_RE = re.compile(r"\n\s*(?:\d{1,2}\s*[.、]|\(\d{1,2}\))\s*$")  # a field's number before its label
FIELD_RE = re.compile(r"^([\u4e00-\u9fff]{2,8})\s*:")  # 考核任务:, 完成情况:, 建设内容:


def _fields_of_items_above(lines: list[Line], pattern: re.Pattern, present: list[re.Pattern]) -> bool:
    """The items of a level are the fields of the items above them, not tasks (一、某学校建设 /
    1、考核任务:… / 2、完成情况:…): every one opens with a label a plan table names a column by
    (考核任务, 建设内容, 责任单位, 完成时限, 完成情况 …), two or more stand under each of two or more
    items above, numbered from 1 under each, and one label stands under every one of them."""
    above = [p for p in present if LEVELS.index(p) > LEVELS.index(pattern) and p is not PAREN_TASK_RE]
    if pattern not in (DOTTED_TASK_RE, PAREN_TASK_RE) or not above:
        return False
    groups: list[list[tuple[int, str]]] = []
    for line in lines:
        item = pattern.match(line.text)
        if not item:
            if any(p.match(line.text) for p in above):
                groups.append([])
            continue
        label = FIELD_RE.match(item.group(2))
        if not groups or not label or lexicon.column_role(label.group(1)) is None:
            return False
        groups[-1].append((_task_number(item.group(1)), label.group(1)))
    filled = [group for group in groups if group]
    if len(filled) < 2 or any(len(group) < 2 or group[0][0] != 1 for group in filled):
        return False
    return bool(set.intersection(*({label for _, label in group} for group in filled)))


LABEL_ALONE_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*:$")  # 索引号:, 发文字号: with the value below


def _page_fields(lines: list[Line], pattern: re.Pattern) -> bool:
    """The items of a level are a web page's fields, not items of work (• 索引号: / SY0024… /
    • 发文字号: / 沪崇教〔2022〕1号): every one is a label alone, its colon closing the line, with a
    short value and no sentence on the line after it."""
    at = [k for k, line in enumerate(lines) if pattern.match(line.text)]
    return bool(at) and all(
        LABEL_ALONE_RE.match(pattern.match(lines[k].text).group(2).strip()) and k + 1 < len(lines)
        and len(lines[k + 1].text) <= 40 and not re.search(r"[。;；!?！？]", lines[k + 1].text)
        and not pattern.match(lines[k + 1].text) for k in at)


def _numbered_field(text: str) -> str | None:
    """The column role of a line that is a numbered field of its item (1、考核任务:… -> task,
    2、完成情况:… -> ignore): it starts a line of the task's text. None for any other line."""
    item = DOTTED_TASK_RE.match(text) or PAREN_TASK_RE.match(text)
    label = item and FIELD_RE.match(item.group(2))
    return lexicon.column_role(label.group(1)) if label else None


def _field(text: str) -> str | None:
    """The column role of a line that is a field of its item, numbered or not (完成情况:… -> ignore)."""
    label = FIELD_RE.match(text)
    return lexicon.column_role(label.group(1)) if label else _numbered_field(text)


def _without_progress_fields(body: Line) -> tuple[Line, str]:
    """(the task text, its fields that report what was done or note something, as printed): a
    field below the item, numbered or not, whose label a table would leave out (2、完成情况:…,
    进展情况:, 备注:), up to the next field of the plan, stays the task's text but holds none of
    its targets (完成投资135万元 is done, not planned), nor do the lines after it (a notice's
    closing lines)."""
    kept_original, kept_text, aside = [], [], []
    progress = False
    for k, (original, text) in enumerate(zip(body.original.split("\n"), body.text.split("\n"))):
        role = _field(text) if k else None
        progress = role == "ignore" or (progress and role is None)
        if progress:
            aside.append(original)
        else:
            kept_original.append(original)
            kept_text.append(text)
    if not aside:
        return body, ""
    return Line("\n".join(kept_original), "\n".join(kept_text)), "\n".join(aside)


def _units_found(lines: list[Line], pattern: re.Pattern) -> tuple[int, int]:
    """(items with a units label before the next item, items) of a numbering level. A heading of
    a level above it (一、 or (一) and a few words, no clause) ends an item (三是… / 二、…安排 /
    (一)约束性指标 / …。(市国土局牵头): the units after the headings are not the 三是 item's)."""
    above = [p for p in (SUBSECTION_RE, SECTION_RE) if LEVELS.index(p) > LEVELS.index(pattern)]
    items, carrying, has, ended = 0, 0, False, False
    for line in lines:
        if pattern.match(line.text):
            carrying += has
            items, has, ended = items + 1, False, False
        elif any((m := p.match(line.text)) and HEADING_TEXT_RE.match(m.group(2).strip()) for p in above):
            ended = True
        if items and not has and not ended:
            has = units.find_units(line.text) is not None
    return carrying + has, items


ATTACHMENTS_RE = re.compile(r"^附\s*件\s*\d*\s*[:]")
BARE_NUMBER_RE = re.compile(r"^(\d{1,3})\s*([.、]?)$")
GLUED_TITLE_RE = re.compile(rf"^(.{{4,60}}?(?:{TITLE_RE.pattern}))\s*(1\s*(?:\.(?!\d)|、)\s*\S.*)$")
PAGE_MARKER_RE = re.compile(r"^\d{1,3}\s*、\s*")
DIGIT_AFTER_NUMBER_RE = re.compile(r"^(\d{1,3})\.(?=\d)")


def _repair(lines: list[Line], task_re, section_re) -> list[Line]:
    """Undo what web pages and document sites do to a plan: a title glued to task 1, a task
    number alone on its line."""
    lines = _unglue_title(lines, task_re, section_re)
    out: list[Line] = []
    pending: Line | None = None
    last = 0
    for k, line in enumerate(lines):
        glued = DIGIT_AFTER_NUMBER_RE.match(line.text) if task_re is DOTTED_TASK_RE else None
        if glued and int(glued.group(1)) == last + 1:  # 2.50个小区…: task 2, not 2.50
            cut = glued.end()
            line = Line(f"{line.original[:cut]} {line.original[cut:]}", f"{line.text[:cut]} {line.text[cut:]}")
        if (numbered := task_re.match(line.text)) and numbered.group(1).isdigit():
            last = int(numbered.group(1))
        if pending is not None:
            line = Line(pending.original + line.original, pending.text + line.text)
            pending = None
        elif number := _alone_number(line, lines[k + 1] if k + 1 < len(lines) else None):
            pending = number
            continue
        out.append(line)
    return out


BROKEN_DECIMAL_RE = re.compile(r"\d\.$")  # …合计 6282616. / 5: a figure the line broke after its point
DECIMALS_RE = re.compile(r"^\d{1,3}$")


def _decimals_joined(lines: list[Line]) -> list[Line]:
    """A figure broken after its decimal point (a PDF's text: …6282616. on one line, 5 alone on
    the next) is one figure, 6282616.5; not an item numbered 5. A line that is a number alone
    (1. / 2) stays."""
    out: list[Line] = []
    for line in lines:
        if out and DECIMALS_RE.match(line.text.strip()) and BROKEN_DECIMAL_RE.search(out[-1].text.rstrip()) and (
                not BARE_NUMBER_RE.match(out[-1].text.strip())):
            out[-1] = Line(out[-1].original.rstrip() + line.original.strip(), out[-1].text.rstrip() + line.text.strip())
        else:
            out.append(line)
    return out


def _numbers_joined(lines: list[Line]) -> list[Line]:
    """The lines with a number alone on its line (a table's 序号 one cell a line, (一) above
    its item) joined to the line after it, as 1.… or (一)…: how the numbering is judged."""
    out: list[Line] = []
    for line in lines:
        if out and (number := _alone_number(out[-1], line)):
            out[-1] = Line(number.original + line.original, number.text + line.text)
        else:
            out.append(line)
    return out


# (一), (1) or 一、 alone on its line: the number of the item on the line after it
ALONE_NUMBER_RE = re.compile(rf"^(?:\((?:\d{{1,3}}|[{CN_NUMERALS}]{{1,3}})\)|[{CN_NUMERALS}]{{1,3}}\s*[、.])$")


def _alone_number(line: Line, following: Line | None) -> Line | None:
    """The number a line holds alone, as it stands before the text of the line after it: a bare
    digit (a 序号 cell) as 1., (一) and 一、 as printed; None where the line holds more, or where
    the line after it is numbered itself (the number of a heading without text). A space keeps
    it apart from a figure that opens the next line (04 / 24小时…: item 4, not 04.24)."""
    if bare := BARE_NUMBER_RE.match(line.text):
        gap = " " if following is not None and following.text[:1].isdigit() else ""
        return Line(f"{bare.group(1)}.{gap}", f"{bare.group(1)}.{gap}")
    if ALONE_NUMBER_RE.match(line.text) and following is not None and not any(
            p.match(following.text) for p in LEVELS):
        return Line(line.original.strip(), line.text.strip())
    return None


def _unglue_title(lines: list[Line], task_re, section_re) -> list[Line]:
    """某市教育局2021年工作要点1.强化… before the first task: the title, then task 1."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        if task_re.match(line.text) and not section_re.match(line.text):
            return out + lines[i:]
        if glued := GLUED_TITLE_RE.match(line.text):
            cut = glued.start(2)
            out.append(Line(line.original[:cut].rstrip(), line.text[:cut].rstrip()))
            return out + [Line(line.original[cut:], line.text[cut:])] + lines[i + 1:]
        out.append(line)
    return out


# a reporter's or editor's byline on its own line: (图文/记者 李某 王某), (通讯员 张某), 记者 李某
_BYLINE_ROLE = r"(?:(?:图文|文图|文|图)\s*[/／]\s*)?(?:记者|通讯员|特约记者|编辑|责任编辑|撰稿|摄影)"
_BYLINE_NAMES = r"[\u4e00-\u9fff·\s、,/／]{2,30}"
BYLINE_RE = re.compile(rf"^(?:\({_BYLINE_ROLE}[\s:/／]*{_BYLINE_NAMES}\)|{_BYLINE_ROLE}(?:\s+|\s*[:/／]\s*){_BYLINE_NAMES})$")


DASHES = "-—–－―"  # ― (U+2015): as PDFs print the dash
PAGE_NUMBER_RE = re.compile(rf"^(?:[{DASHES}]\s*)*\d{{1,3}}\s*[{DASHES}]$")  # ― 23 ―, — — — 2 —, 23 ―
OPEN_DASH_RE = re.compile(rf"\s[{DASHES}]$")  # …自治区民政厅 ―: a page number's first dash, the line broken after it
REPEATED_MIN = 6  # characters of a line printed again on the next page, at least


def _without_page_breaks(lines: list[Line]) -> list[Line]:
    """A PDF's page numbers between dashes (― 23 ―, alone on their line, or with the first dash
    left at the end of the line before: …自治区民政厅 ― / 23 ―) taken out, and with each the lines
    that open the next page by printing again lines printed before (a table's header repeated at
    the top of every page)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        opened = line.text[:1] in DASHES
        if PAGE_NUMBER_RE.match(line.text) and (opened or out and OPEN_DASH_RE.search(out[-1].text)):
            if not opened:
                out[-1] = _part(out[-1], 0, len(out[-1].text) - 1)
            k = _past_repeated(lines, k + 1, out)
            continue
        out.append(line)
        k += 1
    return out


def _past_repeated(lines: list[Line], k: int, before: list[Line]) -> int:
    """The index of the first line from `k` that does not print again, in order, lines of `before`:
    the first equal to one of them, each after it equal to the next or its start (a header's last
    line that ran into the row under it the first time: 备注合计 6282616.5, then 备注)."""
    def plain(line: Line) -> str:
        return re.sub(r"\s+", "", line.text)

    first = plain(lines[k]) if k < len(lines) else ""
    at = next((i for i, line in enumerate(before) if plain(line) == first), None)
    if len(first) < REPEATED_MIN or at is None:
        return k
    k, at = k + 1, at + 1
    while k < len(lines) and at < len(before) and len(plain(lines[k])) >= 4 and plain(before[at]).startswith(
            plain(lines[k])):
        k, at = k + 1, at + 1
    return k


def _without_page_markers(lines: list[Line]) -> list[Line]:
    """A document-sharing site's page numbers (1、 2、 at the start of a line) taken out; a
    line they cut in the middle of a sentence joined again."""
    if not _page_markers(lines):
        return lines
    out: list[Line] = []
    for line in lines:
        if marker := PAGE_MARKER_RE.match(line.text):
            line = Line(line.original[marker.end():], line.text[marker.end():])
            if out and line.text and out[-1].text.rstrip()[-1:] not in SENTENCE_ENDS:
                out[-1] = Line(out[-1].original + line.original, out[-1].text + line.text)
                continue
        if line.text.strip():
            out.append(line)
    return out


SENTENCE_ENDS = "。;；:!?！？"
DOTTED_ANYWHERE_RE = re.compile(r"(?<![\d.])\d{1,3}\s*\.(?!\d)")  # 1. at a line's start or glued to a title
PAGE_TEXT = 300  # characters of a page at least: page numbers stand that far apart


def _page_markers(lines: list[Line]) -> bool:
    """True when the lines starting 1、 2、 are a document site's page numbers, not tasks: most
    cut a sentence in the middle, and either the plan numbers its tasks 1. 2. or they stand a
    page apart, each after the first cutting a sentence."""
    at = [k for k, line in enumerate(lines) if PAGE_MARKER_RE.match(line.text)]
    if not at:
        return False
    dotted = sum(len(DOTTED_ANYWHERE_RE.findall(line.text)) for line in lines)
    cutting = [k == 0 or not lines[k].text[PAGE_MARKER_RE.match(lines[k].text).end():]
               or lines[k - 1].text.rstrip()[-1:] not in SENTENCE_ENDS for k in at]
    mid_sentence = sum(cutting)
    apart = len(at) >= 2 and all(cutting[1:]) and all(
        sum(len(line.text) for line in lines[a:b]) >= PAGE_TEXT for a, b in itertools.pairwise(at))
    return 2 * mid_sentence >= len(at) and ((dotted >= 2 and dotted >= len(at)) or apart)


def _task_number(text: str) -> int:
    """1, 12, or a Chinese numeral up to 九十九 (一, 十二, 二十三)."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate(CN_NUMERALS, start=1)}
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return digits[text]
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits[ones] if ones else 0)


# --- sections and tasks -------------------------------------------------------------------

def _split(lines, task_re, section_re):
    header: list[Line] = []
    sections: list[Section] = []
    tasks: list[_RawTask] = []
    last_number = 0
    runs = _runs(lines, task_re)
    attachments = False  # in a notice's list of attachments (附件:1.…表 2.…方案)
    parts = False  # in the parts a task lists after its colon
    held: list[Line] | None = None  # the lines under the last heading, while no numbered item follows it
    alone: list[tuple[int, Section, Line]] = []  # a heading's one unnumbered paragraph, where it stands
    in_turn = _lists_in_turn(lines, task_re, section_re)
    for line in lines:
        section = section_re.match(line.text)
        task = task_re.match(line.text)
        if in_turn and section and not task:
            task, section = section, None
        attachments = bool(ATTACHMENTS_RE.match(line.text)) or (attachments and bool(task) and len(
            line.text) <= 80 and units.find_units(line.text) is None)
        if attachments:
            if not tasks:
                header.append(line)
            continue
        parts = parts and not task
        if tasks and not task and (section or SUBSECTION_RE.match(line.text)) and (
                parts or not tasks[-1].closed and tasks[-1].lines[-1].text.rstrip().endswith(":")):
            parts = True  # …谋划农业项目5个: (一)…(五)…: the parts the task names, its text
            _continue(tasks[-1], line)
            continue
        if section and not task:
            if held is not None and len(held) == 1:
                alone.append((len(tasks), sections[-1], held[0]))
            number = section.group(1)  # 01 above bullet items is heading 一, as a dated item's 01 教育 is
            sections.append(Section(chinese_number(int(number)) if number.isdigit() else number,
                                    line.original[section.start(2):].strip()))
            held = []
            if tasks:
                tasks[-1].closed, tasks[-1].after = True, None
            continue
        if not task and not parts and (sub := _sub_item_with_units(line, task_re, section_re)):
            last_number = _task_number(sub.group(1))  # (一)…(负责单位) beside 1. items: a task too
            tasks.append(_RawTask(last_number, sections[-1] if sections else None,
                                  [Line(line.original[sub.start(2):], line.text[sub.start(2):])]))
            continue
        number = (last_number + 1 if task.group(1) in BULLETS else _task_number(task.group(1))) if task else 0
        if task and (_plausible(number, last_number, bool(sections), tasks, line.text) or id(line) in runs):
            last_number, held = number, None
            current = _RawTask(last_number, sections[-1] if sections else None)
            current.lines.append(Line(line.original[task.start(2):], line.text[task.start(2):]))
            tasks.append(current)
            continue
        if not tasks:
            header.append(line)
            continue
        if task_re is not SUBSECTION_RE and SUBSECTION_RE.match(line.text) and SUBSECTION_RE is not section_re:
            tasks[-1].closed, tasks[-1].after, held = True, None, None  # a sub-heading between tasks
            continue
        if held is not None:
            held.append(line)
        _continue(tasks[-1], line)
    return header, sections, _with_paragraphs_alone(tasks, alone, len(sections))


def _lists_in_turn(lines: list[Line], task_re, section_re) -> bool:
    """Items labelled 第一项: or 之一: that all follow the text's last numbered item head no items:
    they are a second list of its items (…四项承诺:1.…;4.… / …十大工程: / 之一:…之三:), numbered on
    after the first."""
    if section_re is not ORDINAL_RE:
        return False
    numbered = [k for k, line in enumerate(lines) if task_re.match(line.text)]
    labelled = [k for k, line in enumerate(lines) if section_re.match(line.text)]
    return bool(numbered) and len(labelled) >= 2 and numbered[-1] < labelled[0]


def _with_paragraphs_alone(tasks: list[_RawTask], alone: list[tuple[int, Section, Line]],
                           headings: int) -> list[_RawTask]:
    """Where most headings number their items (1. 2. under each), a heading between them that
    holds one unnumbered paragraph of work instead holds one item: that paragraph is a task, in
    its place, numbered in order with the others. Not a paragraph before the first numbered
    item or after the last (a plan's 总体要求 or closing words), nor one that opens a list (…:)."""
    numbered = len({id(raw.section) for raw in tasks})
    chosen = [(at, section, line) for at, section, line in alone
              if 0 < at < len(tasks) and not line.text.rstrip().endswith(":") and len(HAN_RE.findall(line.text)) >= 4]
    if not chosen or 2 * numbered <= headings:
        return tasks
    out = list(tasks)
    for at, section, line in reversed(chosen):
        out.insert(at, _RawTask(0, section, [line]))
    return out


def _sub_item_with_units(line: Line, task_re, section_re) -> re.Match | None:
    """A (一) item that closes with its own units where the tasks are numbered 1.: a task of
    the level above them (the goals (一)…(九) of a plan whose sections then list 1. items);
    a (一) line without units stays a sub-heading."""
    if SUBSECTION_RE in (task_re, section_re):
        return None
    sub = SUBSECTION_RE.match(line.text)
    return sub if sub and units.closing_brackets(line.text) else None


RUN_MIN = 3  # numbered lines in a run that may start at any number


def _runs(lines: list[Line], task_re) -> set[int]:
    """The lines (by id) that start a run of three or more numbered lines whose numbers rise
    (a selection of a longer list: 18. 20. 24. 36.), the first of which may have any number."""
    numbered = [(line, _task_number(m.group(1))) for line in lines
                if (m := task_re.match(line.text)) and m.group(1) not in BULLETS]
    runs = [1] * len(numbered)  # how many rising numbers from each on
    for k in range(len(numbered) - 2, -1, -1):
        if numbered[k][1] < numbered[k + 1][1] <= numbered[k][1] + 20:
            runs[k] = runs[k + 1] + 1
    return {id(line) for (line, _), run in zip(numbered, runs) if run >= RUN_MIN}


def _plausible(number: int, last: int, after_section: bool, tasks: list, text: str) -> bool:
    """A numbered line is a task: the first may have any number (an extract of a longer
    table starts at 14) after a section heading or with its units; later ones may skip a few."""
    if not tasks:
        return number == 1 or after_section or units.find_units(text) is not None
    return number <= last + 20


def _continue(task: _RawTask, line: Line) -> None:
    if task.closed:
        if task.after is not None:
            task.after.append(line)
        return
    joined = task.joined().text
    span = units_span(joined)
    if span and span[1] == len(joined):  # units end the task: only a wrapped units line follows
        marker = lexicon.marker_re().match(line.text)  # or another marker line (责任单位:…)
        if (not marker and not joined.rstrip().endswith(("、", ",", "，", ":")) and not _task_label(line.text)
                and not _name_wrapped(joined, line.text) and _numbered_field(line.text) is None):
            task.closed, task.after = True, [line]
            return
    task.lines.append(line)


def _name_wrapped(units_text: str, line: str) -> bool:
    """The line goes on with the units' last name, wrapped inside it (…、园区党工 / 委、各街道党工委):
    that name is no organisation alone, but is with the line's first few characters."""
    last = re.split(r"[、,，:;；\s]", units_text.rstrip())[-1]
    first = re.split(r"[、,，;；。\s]", line.strip())[0]
    return bool(last) and 0 < len(first) <= 4 and not cells.is_org(last) and cells.is_org(last + first)


TASK_LABEL_RE = re.compile(r"^([\u4e00-\u9fff]{2,6})\s*:")


def _task_label(text: str) -> bool:
    """A line opening with a label of the task's own text (任务目标:, 建设内容:): the task goes on
    after its units lines."""
    label = TASK_LABEL_RE.match(text)
    return bool(label) and lexicon.column_role(label.group(1)) == "task"


def units_span(text: str, plain: bool = False) -> tuple[int, int] | None:
    """Where the units text stands: usually to the end, or a bracketed part mid-task, or up
    to a sentence end with more task text after it. `plain`: the plan closes its tasks with a
    bracket of names and no label (at least twice), so such a bracket is units."""
    start = units.find_units(text)
    if start is None and plain:
        start = units.bracketed_names(text)
    if start is None:
        return None
    if start == 0 and (first := units.units_first(text)):
        return 0, first  # 由A、B负责,…
    if text[start] in OPENERS:
        close = _closing(text, start)
        if close is not None and text[close + 1:].strip(units.CLOSING):
            return start, close + 1
    return start, units.units_end(text, start)


SENTENCE_END_RE = re.compile(r"\s*[。;；]")  # a bracket followed by it closes its sentence


def _with_earlier_brackets(body: Line, unit_line: Line) -> Line:
    """Where a plan closes its tasks with a bracket of names, the units of a task whose earlier
    sentences are each closed by such a bracket too (…扶贫新村(市扶贫开发办、市以工代赈办)。…7个(剑阁县政府)。
    …350户(市惠民帮扶中心)。): every bracket's names, in printed order; the earlier brackets stay in
    the text. A bracket inside a sentence (“三有二无”(低保户家庭有重症患者、…)) closes none, and one
    naming anything but organisations names no units."""
    earlier: list[tuple[int, int]] = []
    for end, char in enumerate(body.text):
        if char not in CLOSERS or not SENTENCE_END_RE.match(body.text, end + 1):
            continue
        start = units.bracketed_names(body.text[:end + 1])
        if start is not None:
            earlier.append((start, end + 1))
    if not earlier:
        return unit_line
    return Line("、".join([body.original[a:b] for a, b in earlier] + [unit_line.original]),
                "、".join([body.text[a:b] for a, b in earlier] + [unit_line.text]))


def _closing(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        if text[i] in OPENERS:
            depth += 1
        elif text[i] in CLOSERS:
            depth -= 1
            if depth == 0:
                return i
    return None


def _trailing_units(line: Line, start: int) -> tuple[Line, Line]:
    """(the task text, its units) where names alone close the text after its last sentence, two
    tasks or more of the plan closed so (a table's unit column run into the text)."""
    original, text = units.wrapped_names(line.original[start:]), units.wrapped_names(line.text[start:])
    names = Line("、".join(original), "、".join(text))
    return Line(line.original[:start].rstrip(), line.text[:start].rstrip()), names


def split_units(line: Line, plain: bool = False) -> tuple[Line, Line]:
    """(the task text without its units, the units text), both as printed and normalised."""
    span = units_span(line.text, plain)
    if span is None:
        return line, EMPTY
    a, b = span
    before_original = line.original[:a].rstrip().rstrip("〔(（[【").rstrip()
    before_text = line.text[:a].rstrip().rstrip("〔(（[【").rstrip()
    if before_text[-1:] == "," and line.text[a:b].rstrip()[-1:] in ("。", ";"):  # X,牵头单位:Y。其中…: X is a sentence
        before_original, before_text = before_original[:-1] + "。", before_text[:-1] + "。"
    if number := FIELD_NUMBER_RE.search(before_text):  # …\n2.责任单位:…: the field's number goes with it
        before_original, before_text = before_original[:number.start()], before_text[:number.start()]
    body_original, body_text = before_original + line.original[b:], before_text + line.text[b:]
    return Line(body_original.strip(), body_text.strip()), Line(line.original[a:b], line.text[a:b])


# --- amounts of a table run into the text -------------------------------------------------

AMOUNT_UNIT = "|".join(map(re.escape, (m for m in MEASURES if m not in ("%", "‰"))))
UNIT_NOTE_RE = re.compile(rf"单位\s*:\s*({AMOUNT_UNIT})(?![\u4e00-\u9fff])")  # …计划表 单位:万元
# 2019 年计划筹措资金(万元): a column named with its unit; not words going on after the bracket
# (各乡镇(场)党委、政府: a salutation's 场, the farms)
UNIT_COLUMN_RE = re.compile(
    rf"(?:^|\s)((?:\d{{4}}\s*年)?[\u4e00-\u9fff]{{2,16}})\s*\(\s*({AMOUNT_UNIT})\s*\)(?![\u4e00-\u9fff])")
BARE_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")
NAME_STOPS_RE = re.compile(r"[。;；!?！？,，:]")  # a name cell holds no sentence nor clause
AMOUNTS_MIN = 2  # items whose amounts the text gives so, at least


def _amounts(header: list[Line], raw_tasks: list[_RawTask]) -> None:
    """The amounts of a table run into the text, where it declares their unit and two items or
    more give them (see _amounts_of): each item's figures, taken out of its text."""
    declared = _declared_amounts(header)
    found = [(raw, taken) for raw in raw_tasks if declared and (taken := _amounts_of(raw.lines))]
    if len(found) < AMOUNTS_MIN:
        return
    name, unit = declared
    for raw, (names, figures, rest) in found:
        title = "".join(re.sub(r"\s+", "", line.text) for line in names)
        raw.figures = [(name or title, value, unit) for value in figures]
        raw.lines, raw.named = names + rest, len(names)


def _declared_amounts(header: list[Line]) -> tuple[str, str] | None:
    """(name, unit) of the amounts a table run into the text declares above its rows: a column
    named with its unit in brackets (2019年计划筹措资金(万元)), or a 单位:万元 note on its title
    line (each amount then named by its row's name); None where the text declares none."""
    for line in header:
        if column := UNIT_COLUMN_RE.search(line.text):
            return re.sub(r"\s+", "", column.group(1)), column.group(2)
    note = next((found for line in header if (found := UNIT_NOTE_RE.search(line.text))), None)
    return ("", note.group(1)) if note else None


def _amounts_of(lines: list[Line]) -> tuple[list[Line], list[float], list[Line]] | None:
    """(name lines, amounts, text lines) of an item of a table of amounts run into lines (a PDF's
    text: 城乡居民基本 养老保险项目 / 760000 570000 / 190000 按规定为…): the bare figures right
    after its name, set apart by spaces and line breaks, before its first sentence, the last
    followed by text that is no measure word (not 3 公里, 2019 年) or by nothing; None without."""
    words = [(k, m) for k, line in enumerate(lines) for m in re.finditer(r"\S+", line.text)]
    j = 0
    while j < len(words):
        if not BARE_FIGURE_RE.fullmatch(words[j][1].group()):
            j += 1
            continue
        name = " ".join(m.group() for _, m in words[:j])
        if len(HAN_RE.findall(name)) < 2 or len(name) > 60 or NAME_STOPS_RE.search(name):
            return None
        end = j
        while end < len(words) and BARE_FIGURE_RE.fullmatch(words[end][1].group()):
            end += 1
        after = words[end][1].group() if end < len(words) else ""
        if not after or (HAN_RE.match(after) and not _counted(after)):
            (k0, first), (k1, last) = words[j], words[end - 1]
            names = lines[:k0] + [_part(lines[k0], 0, first.start())]
            rest = [_part(lines[k1], last.end(), len(lines[k1].text))] + lines[k1 + 1:]
            return ([line for line in names if line.text], [float(m.group()) for _, m in words[j:end]],
                    [line for line in rest if line.text])
        j = end  # 0 ―, 3 公里范围内: figures of the name
    return None


def _part(line: Line, start: int, end: int) -> Line:
    """The line's characters from `start` to `end`, without the spaces around them."""
    text = line.text[start:end]
    a = start + len(text) - len(text.lstrip())
    b = start + len(text.rstrip())
    return Line(line.original[a:b], line.text[a:b])

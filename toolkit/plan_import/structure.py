"""The plan's structure: the notice header, sections and numbered tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from toolkit.vocab import USUAL_ROUNDS
from toolkit.rules.aggregation import default_aggregation
from toolkit.errors import WorkplanError
from toolkit.model.plan import (
    LEAD_ASSUMED,
    LEAD_MARKED,
    Plan,
    PlanMeta,
    Round,
    Section,
    Settings,
    Task,
)
from toolkit.plan_import import lexicon, targets, units
from toolkit.rules.text import CLOSERS, OPENERS, normalise, simplified, split_outside_brackets

CN_NUMERALS = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})[、.]\s*(\S.*)$")
SUBSECTION_RE = re.compile(rf"^\(([{CN_NUMERALS}]{{1,3}})\)\s*(\S.*)$")
DOTTED_TASK_RE = re.compile(r"^(\d{1,4})\s*[.、](?!\d)\s*(\S.*)$")
PAREN_TASK_RE = re.compile(r"^\((\d{1,4})\)\s*(\S.*)$")
DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【](\d{4})[〕\]】]\s*\d+\s*号")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
SENTENCE_END = "。:!?！？"
FIELD_END = "。;；\n()（）〔〕[]【】"
EMPTY_BRACKETS = re.compile(r"[(（〔\[【]\s*[)）〕\]】]")
TITLE_RE = re.compile("工作要点|工作计划|任务分解表|分解表|分工方案|任务清单|责任清单|实施方案|工作方案")
DEFAULT_ROUNDS = [(name, month, day, share) for name, _, share, (month, day) in USUAL_ROUNDS]


@dataclass
class _Line:
    original: str
    text: str  # normalised, same length


@dataclass
class _RawTask:
    number: int
    section: str
    lines: list[_Line] = field(default_factory=list)
    closed: bool = False  # its units text has been read: later lines are not task text

    def joined(self) -> _Line:
        original, text = "", ""
        for line in self.lines:
            glue = "\n" if text and text[-1] in "。;；:" else ""
            original, text = original + glue + line.original, text + glue + line.text
        return _Line(original, text)


def parse_plan_text(source: str) -> Plan:
    lines = _lines(source)
    task_re, section_re = _numbering(lines)
    lines = _repair(lines, task_re, section_re)
    header, sections, raw_tasks, warnings = _split(lines, task_re, section_re)
    if not raw_tasks:
        raise WorkplanError(
            "没有找到编号的任务（以“1.”“1、”或“（1）”开头的段落，或带“序号”“工作任务”表头的表格），"
            "请确认这是一份工作要点；也可运行 workplan new 生成空白总表，在 Excel 中录入任务。"
        )
    meta = _meta(header)
    warnings += _renumber(raw_tasks)
    tasks = _tasks(raw_tasks, meta, header, warnings)
    unit_list, groups, unit_warnings = units.build_directory(meta, tasks)
    indicators = []
    for raw, task in zip(raw_tasks, tasks):
        body, _ = _split_units(raw.joined())
        indicators += targets.find_indicators(task.number, body.text, body.original)
    plan = Plan(
        meta=meta, sections=sections, tasks=tasks, indicators=indicators, units=unit_list,
        groups=groups, settings=default_settings(meta), warnings=warnings + unit_warnings,
    )
    for indicator in plan.indicators:
        indicator.aggregation = default_aggregation(indicator, plan)
    return plan


def default_settings(meta: PlanMeta) -> Settings:
    year = meta.year or date.today().year
    rounds = [Round(name, date(year, m, d), share) for name, m, d, share in DEFAULT_ROUNDS]
    return Settings(year=meta.year, title=meta.title, rounds=rounds)


def _lines(source: str) -> list[_Line]:
    """Non-blank lines, each as printed and normalised (Simplified script, half-width)."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for original, plain in zip(source.split("\n"), simplified(source).split("\n")):
        text = normalise(plain)
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if right > left:
            out.append(_Line(original[left:right], text[left:right]))
    return out


def _numbering(lines: list[_Line]) -> tuple[re.Pattern, re.Pattern]:
    """(task pattern, section pattern): tasks are 1. or (1); where a plan numbers no task in
    digits but has both 一、 and （一） headings, the （一） items are its tasks."""
    def has(pattern):
        return any(pattern.match(line.text) for line in lines)

    sections = SECTION_RE if has(SECTION_RE) else SUBSECTION_RE
    if has(DOTTED_TASK_RE):
        return DOTTED_TASK_RE, sections
    if has(PAREN_TASK_RE) or sections is SUBSECTION_RE:
        return PAREN_TASK_RE, sections
    return SUBSECTION_RE, SECTION_RE


BARE_NUMBER_RE = re.compile(r"^(\d{1,3})\s*([.、]?)$")
GLUED_TITLE_RE = re.compile(rf"^(.{{4,60}}?(?:{TITLE_RE.pattern}))\s*(1\s*[.、](?!\d)\s*\S.*)$")
PAGE_MARKER_RE = re.compile(r"^\d{1,3}\s*、\s*")


def _repair(lines: list[_Line], task_re, section_re) -> list[_Line]:
    """Undo what web pages and document sites do to a plan: a title glued to task 1, a task
    number alone on its line, page markers (1、 2、) where the plan numbers its tasks 1. 2."""
    lines = _unglue_title(lines, task_re, section_re)
    markers = task_re is DOTTED_TASK_RE and _page_markers(lines)
    out: list[_Line] = []
    pending: _Line | None = None
    for line in lines:
        if markers and PAGE_MARKER_RE.match(line.text):
            cut = PAGE_MARKER_RE.match(line.text).end()
            line = _Line(line.original[cut:], line.text[cut:])
            if not line.text.strip():
                continue
        if pending is not None:
            line = _Line(pending.original + line.original, pending.text + line.text)
            pending = None
        elif (bare := BARE_NUMBER_RE.match(line.text)) and not (markers and bare.group(2) == "、"):
            pending = _Line(f"{bare.group(1)}.", f"{bare.group(1)}.")
            continue
        out.append(line)
    return out


def _unglue_title(lines: list[_Line], task_re, section_re) -> list[_Line]:
    """某市教育局2021年工作要点1.强化… before the first task: the title, then task 1."""
    out: list[_Line] = []
    for i, line in enumerate(lines):
        if task_re.match(line.text) and not section_re.match(line.text):
            return out + lines[i:]
        if glued := GLUED_TITLE_RE.match(line.text):
            cut = glued.start(2)
            out.append(_Line(line.original[:cut].rstrip(), line.text[:cut].rstrip()))
            return out + [_Line(line.original[cut:], line.text[cut:])] + lines[i + 1:]
        out.append(line)
    return out


def _page_markers(lines: list[_Line]) -> bool:
    """True when a plan numbers its tasks 1. 2. and also has lines starting 1、 2、: those are
    the page markers of a document site, not tasks."""
    dotted = sum(1 for line in lines if re.match(r"^\d{1,3}\s*\.(?!\d)", line.text))
    marked = [(prev, line) for prev, line in zip([None] + lines, lines)
              if PAGE_MARKER_RE.match(line.text)]
    mid_sentence = sum(1 for prev, line in marked
                       if prev is None or not line.text[PAGE_MARKER_RE.match(line.text).end():]
                       or prev.text.rstrip()[-1:] not in "。;；:!?！？")
    return dotted >= 2 and bool(marked) and dotted >= len(marked) and 2 * mid_sentence >= len(marked)


def _task_number(text: str) -> int:
    """1, 12, or a Chinese numeral up to 九十九 (一, 十二, 二十三)."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate(CN_NUMERALS, start=1)}
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return digits[text]
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits[units] if units else 0)


def _split(lines, task_re, section_re):
    header: list[_Line] = []
    sections: list[Section] = []
    tasks: list[_RawTask] = []
    warnings: list[str] = []
    last_number = 0
    for line in lines:
        section = section_re.match(line.text)
        task = task_re.match(line.text)
        if section and not task:
            number = section.group(1)
            sections.append(Section(number, line.original[section.start(2):].strip()))
            if tasks:
                tasks[-1].closed = True
            continue
        if task and _plausible(_task_number(task.group(1)), last_number, bool(sections), tasks,
                               line.text):
            last_number = _task_number(task.group(1))
            current = _RawTask(last_number, sections[-1].number if sections else "")
            current.lines.append(_Line(line.original[task.start(2):], line.text[task.start(2):]))
            tasks.append(current)
            continue
        if SUBSECTION_RE.match(line.text) or (not tasks):
            if not tasks:
                header.append(line)
            continue
        _continue(tasks[-1], line)
    if not sections and tasks:
        sections.append(Section("一", ""))
        for task in tasks:
            task.section = "一"
    return header, sections, tasks, warnings


def _plausible(number: int, last: int, after_section: bool, tasks: list, text: str) -> bool:
    """A numbered line is a task: the first may have any number (an extract of a longer
    table starts at 14) after a section heading or with its units; later ones may skip a few."""
    if not tasks:
        return number == 1 or after_section or units.find_units(text, text) is not None
    return number <= last + 20


def _continue(task: _RawTask, line: _Line) -> None:
    if task.closed:
        return
    joined = task.joined().text
    span = _units_span(joined)
    if span and span[1] == len(joined):  # units end the task: only a wrapped units line follows
        marker = lexicon.marker_re().match(line.text)  # or another marker line (责任单位:…)
        if not marker and not joined.rstrip().endswith(("、", ",", "，", ":")):
            task.closed = True
            return
    task.lines.append(line)


def _units_span(text: str) -> tuple[int, int] | None:
    """Where the units text stands: usually to the end, or a bracketed part mid-task."""
    found = units.find_units(text, text)
    if found is None:
        return None
    start = found[0]
    if text[start] in OPENERS:
        close = _closing(text, start)
        if close is not None and text[close + 1:].strip(units.CLOSING):
            return start, close + 1
    return start, len(text)


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


def _split_units(line: _Line) -> tuple[_Line, _Line]:
    """(the task text without its units, the units text), both as printed and normalised."""
    span = _units_span(line.text)
    if span is None:
        return line, _Line("", "")
    a, b = span
    body_original = (line.original[:a].rstrip().rstrip("〔(（[【").rstrip() + line.original[b:])
    body_text = (line.text[:a].rstrip().rstrip("〔(（[【").rstrip() + line.text[b:])
    return _Line(body_original.strip(), body_text.strip()), _Line(line.original[a:b], line.text[a:b])


def _renumber(raw_tasks: list[_RawTask]) -> list[str]:
    """Give every task a unique number; numbering restarted per section becomes continuous."""
    numbers = [t.number for t in raw_tasks]
    if len(set(numbers)) == len(numbers):
        return []
    restarts = sum(1 for a, b in zip(numbers, numbers[1:]) if b == 1 and a > 1)
    if restarts and numbers.count(1) == restarts + 1:
        for i, task in enumerate(raw_tasks, start=1):
            task.number = i
        return [f"各部分的任务分别从1编号，已按出现顺序统一编号为1—{len(raw_tasks)}，请核对。"]
    warnings, seen, top = [], set(), max(numbers)
    for task in raw_tasks:
        if task.number in seen:
            top += 1
            warnings.append(
                f"任务编号{task.number}出现了两次，第二个（{_title(task.joined().text)}）"
                f"已改编为{top}，请在“任务”表核对。"
            )
            task.number = top
        seen.add(task.number)
    return warnings


def _tasks(raw_tasks: list[_RawTask], meta: PlanMeta, header: list[_Line],
           warnings: list[str]) -> list[Task]:
    split = [_split_units(raw.joined()) for raw in raw_tasks]
    base = units.known_names(meta.addressees)
    known = set(base)
    for _, unit_line in split:
        for token in split_outside_brackets(unit_line.text.split(":", 1)[-1], units.SEPARATORS):
            token = token.rstrip(units.CLOSING)
            if token and units.segment(token, base) == [token]:
                known.add(token)
    rule = any(lexicon.lead_first_re().search(line.text) for line in header)
    out = []
    for raw, (body, unit_line) in zip(raw_tasks, split):
        rule = rule or bool(lexicon.lead_first_re().search(raw.joined().text))
        out.append(_task(raw, body, unit_line, known, rule, warnings))
    return out


def _task(raw: _RawTask, body: _Line, unit_line: _Line, known: set[str], lead_rule: bool,
          warnings: list[str]) -> Task:
    body, deadline = _deadline_field(body)
    title = _title(body.original)
    task = Task(number=raw.number, section=raw.section, title=title, body=body.original,
                deadline=deadline)
    if unit_line.text:
        parsed = units.parse_units(unit_line.text, known, lead_rule)
        task.units_text = unit_line.original.strip()
        task.units = parsed.units
        task.lead_units = parsed.lead_units
        task.deadline = task.deadline or parsed.deadline
        if task.units:
            task.lead_basis = LEAD_MARKED if parsed.lead_marked else LEAD_ASSUMED
    if not task.units:
        warnings.append(f"任务{raw.number}（{title}）没有找到责任单位，请在“任务”表补填。")
    return task


def _deadline_field(body: _Line) -> tuple[_Line, str]:
    """A 完成时限: field in the task text is its deadline, not task text (nor a target)."""
    for match in lexicon.marker_re().finditer(body.text):
        if lexicon.marker_role(match.group("word")) != lexicon.DEADLINE:
            continue
        end = next((i for i in range(match.end(), len(body.text)) if body.text[i] in FIELD_END),
                   len(body.text))
        value = body.original[match.end():end].strip(" 。;；,，")

        def cut(t: str) -> str:
            return EMPTY_BRACKETS.sub("", t[:match.start()].rstrip(" ,，;；") + t[end:]).strip()
        return _Line(cut(body.original), cut(body.text)), value
    return body, ""


def _title(text: str) -> str:
    first = text.split("\n", 1)[0]
    ends = [i for i, ch in enumerate(normalise(first)) if ch in SENTENCE_END]
    if ends and ends[0] <= 60:
        return first[: ends[0]].strip()
    if len(first) <= 40:
        return first.strip().rstrip("。")
    comma = min((i for i in (first.find("，"), first.find(",")) if i > 0), default=30)
    return first[:comma].strip()


def _meta(header: list[_Line]) -> PlanMeta:
    meta = PlanMeta()
    texts = [l.text for l in header]
    joined = "\n".join(texts)
    if match := DOC_NUMBER_RE.search(joined):
        meta.doc_number = match.group(0).replace(" ", "")
    if match := re.search(r"发文机构\s*:\s*(\S+)", joined):
        meta.issuer = match.group(1)
    dated = re.search(r"发文日期\s*:\s*" + DATE_RE.pattern, joined) or DATE_RE.search(joined)
    if dated:
        y, m, d = (int(g) for g in dated.groups()[-3:])
        meta.date = date(y, m, d).isoformat()
    meta.title = _plan_title(header)
    if match := re.search(r"(\d{4})\s*年", meta.title):
        meta.year = int(match.group(1))
    elif meta.doc_number:
        meta.year = int(DOC_NUMBER_RE.search(meta.doc_number).group(1))
    if not meta.issuer and meta.title and meta.year:
        meta.issuer = meta.title.split(str(meta.year))[0].strip()
    meta.addressees = _addressees(header)
    return meta


def _plan_title(header: list[_Line]) -> str:
    for line in reversed(header):
        if TITLE_RE.search(line.text) and not re.search("关于|通知|《|:", line.text):
            return line.original.strip()
    for line in header:
        if match := re.search(rf"《([^》]*(?:{TITLE_RE.pattern})[^》]*)》", line.original):
            return match.group(1)
    return ""


def _addressees(header: list[_Line]) -> list[str]:
    """The salutation line (各县(市、区)教育局,…:), best the one just before 现将…印发."""
    skip = re.compile("关键字|类型|日期|发文|索引|文号|总体要求|发布时间|来源|字号|阅读")
    candidates = [
        i for i, line in enumerate(header)
        if line.text.rstrip().endswith(":") and not skip.search(line.text)
    ]
    for i in candidates:
        following = header[i + 1].text if i + 1 < len(header) else ""
        if following.startswith(("现将", "现印发", "根据", "为")):
            return _split_addressees(header[i].text)
    return _split_addressees(header[candidates[0]].text) if candidates else []


def _split_addressees(text: str) -> list[str]:
    return split_outside_brackets(text.rstrip()[:-1], "、,，;； ")

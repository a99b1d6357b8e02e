"""The plan from what the readers found: running text and tables become drafts, and the drafts
become tasks with titles, units, leads, deadlines, targets and the import's doubts."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from toolkit.vocab import USUAL_ROUNDS
from toolkit.rules.aggregation import default_aggregation
from toolkit.errors import WorkplanError
from toolkit.rules.text import chinese_number, normalise, simplified, split_outside_brackets
from toolkit.model.plan import (
    LEAD_ASSUMED,
    LEAD_MARKED,
    Indicator,
    Plan,
    PlanMeta,
    Round,
    Section,
    Settings,
    Task,
    plain_number,
)
from toolkit.plan_import import cells, lexicon, targets, units
from toolkit.plan_import.draft import Draft, Line
from toolkit.plan_import.flat import text_blocks
from toolkit.plan_import.grid import PINYIN_RE, Block, Grid, without_pinyin
from toolkit.plan_import.structure import CN_NUMERALS, HEADING_TEXT_RE, TITLE_RE, read_text, text_lines
from toolkit.plan_import.tables import TableState, plain_row, read_table
from toolkit.plan_import.wrap import unwrapped

DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【](\d{4})[〕\]】]\s*\d+\s*号")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
SECTION_TITLE_RE = re.compile(rf"^(?:([{CN_NUMERALS}]{{1,3}})\s*[、.]|\(([{CN_NUMERALS}]{{1,3}})\)|第([{CN_NUMERALS}]{{1,3}})[部分章篇]+)\s*")
SENTENCE_END = "。:!?！？"
SENTENCE_END_RE = re.compile(f"[{SENTENCE_END}]")
FIELD_END = "。;；\n()（）〔〕[]【】"
EMPTY_BRACKETS = re.compile(r"[(（〔\[【]\s*[)）〕\]】]")
DEFAULT_ROUNDS = [(name, month, day, share) for name, _, share, (month, day) in USUAL_ROUNDS]
NO_TASKS = ("没有找到编号的任务（以“1.”“1、”或“（1）”开头的段落，或带“序号”“工作任务”表头的表格），"
            "请确认这是一份工作要点；也可运行 workplan new 生成空白总表，在 Excel 中录入任务。")

# Doubts, as the 导入核对 column says them.
DOUBT_NO_UNITS = "未找到责任单位"
DOUBT_LEAD_ASSUMED = "未标明牵头单位，默认首位"
DOUBT_UNNUMBERED = "无序号，按顺序编号"


def parse_plan_text(source: str) -> Plan:
    """The plan in a text (tables flattened into it included)."""
    source = unwrapped(source)
    plain = without_pinyin(source)
    return plan_from_blocks(text_blocks(plain), "", annotated=source if plain != source else "")


def plan_from_blocks(blocks: list[Block], source: str, warnings: list[str] | None = None,
                     workbook: bool = False, annotated: str = "") -> Plan:
    """The plan in a document's blocks: lines of running text and tables, in order. In a
    `workbook` the first sheet with tasks is the plan. `annotated`: the document's text with
    the pinyin a mirror site wrote after some characters, when the blocks are read without it."""
    traditional = _traditional(blocks)
    header, sections, drafts, notes = _read_blocks(blocks, source, workbook, traditional)
    if not drafts and workbook:
        raise WorkplanError(f"表格文件 {source} 中没有找到任务分解表（有“工作任务”“责任单位”等列的工作表），"
                            "请检查所选文件，或把任务表放到第一个工作表。")
    if not drafts:
        raise WorkplanError(f"{source}{NO_TASKS}" if source else NO_TASKS)
    meta = _meta(header)
    notes = list(warnings or []) + notes + _number(drafts)
    sections = _numbered_sections(sections, drafts)
    known = _known_names(meta, drafts)
    rule = any(lexicon.lead_first_re().search(line.text) for line in header)
    tasks, indicators = [], []
    for draft in drafts:
        rule = rule or bool(lexicon.lead_first_re().search(draft.body.text + draft.units_text.text))
        body, deadline = _deadline_field(draft.body)
        task = _task(draft, body, deadline, known, rule, notes)
        tasks.append(task)
        planned = targets.planned_end(body.text)  # not the progress noted after it
        found = [] if draft.decision else _restated_once(task.number, body.text[:planned], body.original[:planned])
        in_text = {i.value for i in found}  # a figure both in the text and in a column counts once
        found += [Indicator(task=task.number, seq=len(found) + k, name=name, value=value, unit=unit,
                            source=f"{name}（{unit}）：{plain_number(value)}")
                  for k, (name, value, unit) in enumerate(
                      [f for f in draft.figures if f[1] not in in_text], start=1)]
        indicators += found
    _as_printed(tasks, indicators, _script(blocks) if traditional else {}, annotated)
    unit_list, groups, unit_warnings = units.build_directory(meta, tasks)
    plan = Plan(meta=meta, sections=sections, tasks=tasks, indicators=indicators, units=unit_list,
                groups=groups, settings=default_settings(meta), warnings=notes + unit_warnings)
    _refuse_what_is_no_plan(plan, drafts, header, source)
    for indicator in plan.indicators:
        indicator.aggregation = default_aggregation(indicator, plan)
    return plan


def _restated_once(number: int, text: str, original: str) -> list[Indicator]:
    """The targets of a task's text; a figure of its title line that a later line restates
    (新建300个公共充电桩项目 / 任务目标:…共完成300个公共充电桩建设) counts once, as the later line
    says it."""
    cut = text.find("\n")
    if cut < 0:
        return targets.find_indicators(number, text, original)
    head = targets.find_indicators(number, text[:cut], original[:cut])
    rest = targets.find_indicators(number, text[cut + 1:], original[cut + 1:])
    restated = Counter((i.value, i.unit) for i in rest)
    kept = []
    for indicator in head:
        if restated[(indicator.value, indicator.unit)]:
            restated[(indicator.value, indicator.unit)] -= 1
        else:
            kept.append(indicator)
    for seq, indicator in enumerate(kept + rest, start=1):
        indicator.seq = seq
    return kept + rest


def default_settings(meta: PlanMeta) -> Settings:
    year = meta.year or date.today().year
    rounds = [Round(name, date(year, m, d), share) for name, m, d, share in DEFAULT_ROUNDS]
    return Settings(year=meta.year, title=meta.title, rounds=rounds)


# --- reading the blocks -------------------------------------------------------------------

def _read_blocks(blocks: list[Block], source: str, workbook: bool, traditional: bool):
    """(header lines, sections, drafts, warnings): running text through the text reader,
    tables through the table reader, in document order."""
    state = TableState(source)
    known = units.known_names([])
    header: list[Line] = []
    sections: list[Section] = []
    drafts: list[Draft] = []
    pending: list[str] = []

    def flush() -> None:
        part = read_text(text_lines("\n".join(pending), traditional))
        pending.clear()
        if not drafts:
            header.extend(part.header)
        sections.extend(part.sections)
        drafts.extend(part.drafts)

    for block in blocks:
        if not isinstance(block, Grid):
            pending.append(block)
            continue
        if workbook and drafts:
            break  # a workbook's first task sheet is the plan; later sheets copy or sum it up
        table = read_table(block, state, known)
        if table is None:
            pending.extend(plain_row(row) for row in block.rows if any(c and c.strip() for c in row))
            continue
        pending.extend(table.before)
        flush()
        for draft in table.drafts:
            if draft.section is not None and not any(draft.section is s for s in sections):
                sections.append(draft.section)
        drafts.extend(table.drafts)
    flush()
    if any(d.table for d in drafts):  # a notice's numbered paragraphs around its task table
        drafts = [d for d in drafts if d.table or d.units_text.text]
    return header, sections, drafts, state.warnings


def _numbered_sections(sections: list[Section], drafts: list[Draft]) -> list[Section]:
    """The sections that hold tasks, numbered 一, 二, …: their printed numbers where every one
    has a distinct number. Tasks before any section go into a first, untitled one."""
    current = None
    for draft in drafts:
        if draft.section is None:
            if current is None:
                current = Section("", "")
                sections.insert(0, current)
            draft.section = current
        current = draft.section
    sections = [s for s in sections if any(d.section is s for d in drafts)]
    for section in sections:
        if not section.number and (match := SECTION_TITLE_RE.match(normalise(section.title))):
            section.number = next(g for g in match.groups() if g)
            section.title = section.title[match.end():].strip()
    numbers = [s.number for s in sections]
    if not all(numbers) or len(set(numbers)) != len(numbers):
        for i, section in enumerate(sections, start=1):
            section.number = chinese_number(i)
    return sections


def _number(drafts: list[Draft]) -> list[str]:
    """Give every task a unique number: printed numbers kept, a row without one the next
    number no printed row uses; numbering restarted per section made continuous. The warnings
    name the numbers the tasks end with."""
    used = {d.number for d in drafts if d.number is not None}
    last = 0
    unnumbered: list[Draft] = []
    for draft in drafts:
        if draft.number is not None:
            last = draft.number
            continue
        number = last + 1
        while number in used:
            number += 1
        used.add(number)
        draft.number = last = number
        draft.doubts.append(DOUBT_UNNUMBERED)
        unnumbered.append(draft)
    renumbered = _renumber(drafts)
    return _unnumbered_warnings(unnumbered) + renumbered


def _unnumbered_warnings(unnumbered: list[Draft]) -> list[str]:
    warnings: list[str] = []
    unnumbered_tables: dict[str, list[int]] = {}
    for draft in unnumbered:
        if draft.numbered and draft.table:
            warnings.append(f"{draft.table}第{draft.row}行（{draft.body.original[:20]}）没有序号，"
                            f"已按顺序编为第{draft.number}项，请在“任务”表核对。")
        else:
            unnumbered_tables.setdefault(draft.table, []).append(draft.number)
    for table, numbers in unnumbered_tables.items():
        if not table:  # running text: items of a list, paragraphs, sentences without numbers
            warnings.append(f"正文中的任务没有编号，已按出现的顺序编为{_numbers_said(numbers)}号，请在“任务”表核对。")
            continue
        warnings.append(f"{table}没有序号列，已按行的顺序把任务编为{_numbers_said(numbers)}号，"
                        "请在“任务”表核对。")
    return warnings


def _numbers_said(numbers: list[int]) -> str:
    """3—6 for numbers in a row, 5、6、9、10 for numbers with others between them."""
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{numbers[0]}—{numbers[-1]}"
    return "、".join(map(str, numbers))


def _renumber(drafts: list[Draft]) -> list[str]:
    numbers = [d.number for d in drafts]
    if len(set(numbers)) == len(numbers):
        return []
    restarts = sum(1 for a, b in zip(numbers, numbers[1:]) if b == 1 and a > 1)
    if restarts and numbers.count(1) == restarts + 1:
        for i, draft in enumerate(drafts, start=1):
            draft.number = i
        return [f"各部分的任务分别从1编号，已按出现顺序统一编号为1—{len(drafts)}，请核对。"]
    warnings, seen, top = [], set(), max(numbers)
    for draft in drafts:
        if draft.number in seen:
            top += 1
            warnings.append(
                f"任务编号{draft.number}出现了两次，第二个（{title_of(draft.body.original)}）"
                f"已改编为{top}，请在“任务”表核对。"
            )
            draft.number = top
        seen.add(draft.number)
    return warnings


def _joined(blocks: list[Block]) -> str:
    return "\n".join(b if isinstance(b, str) else "\n".join(c for row in b.rows for c in row)
                     for b in blocks)


def _traditional(blocks: list[Block]) -> bool:
    """The document is in Traditional script (judged once, on its first 400 Chinese characters)."""
    sample = "".join(re.findall(r"[\u4e00-\u9fff]+", _joined(blocks)[:3000]))[:400]
    return simplified(sample) != sample


def _script(blocks: list[Block]) -> dict[str, str]:
    """Simplified character -> the Traditional one the document prints (it is read in
    Simplified, its names are given back as printed)."""
    joined = _joined(blocks)
    plain = simplified(joined, always=True)
    return {s: t for s, t in zip(plain, joined) if s != t}


def _as_printed(tasks: list[Task], indicators: list[Indicator], script: dict[str, str], annotated: str) -> None:
    """Unit names and units of measure as the plan prints them: in its script, and with the
    pinyin a mirror site wrote after some characters (`annotated`: the text with it)."""
    if not script and not annotated:
        return
    cache: dict[tuple[str, str], str] = {}

    def printed(text: str, where: str = "") -> str:
        """`where`: the printed phrase the text was read from, whose characters it takes (公里
        and 40箇 where other words of the document print 裡 and 個)."""
        if (text, where) not in cache:
            shown = _as_in(where, text) or "".join(script.get(ch, ch) for ch in text)
            if annotated and shown:
                pattern = r"\s*".join(re.escape(ch) + f"(?:{PINYIN_RE.pattern})?" for ch in shown)
                found = re.search(pattern, annotated)
                shown = re.sub(r"\s+", "", found.group(0)) if found else shown
            cache[text, where] = shown
        return cache[text, where]

    for task in tasks:
        task.units = [printed(u) for u in task.units]
        task.lead_units = [printed(u) for u in task.lead_units] if task.lead_units else None
    for indicator in indicators:
        indicator.name, indicator.unit = printed(indicator.name), printed(indicator.unit, indicator.source)


def _as_in(phrase: str, plain: str) -> str:
    """`plain` (Simplified) as `phrase` prints it after a figure; "" where it does not."""
    if not phrase or not plain:
        return ""
    simple = simplified(phrase, always=True)
    found = re.search(r"\d\s*(?:余\s*)?(" + re.escape(plain) + ")", simple) if len(simple) == len(phrase) else None
    return phrase[found.start(1):found.end(1)] if found else ""


# --- tasks --------------------------------------------------------------------------------

def _known_names(meta: PlanMeta, drafts: list[Draft]) -> set[str]:
    """The default directory, the addressees and every organisation a units text prints alone."""
    base = units.known_names(meta.addressees)
    known = set(base)
    for draft in drafts:
        for token in split_outside_brackets(draft.units_text.text.split(":", 1)[-1], units.SEPARATORS):
            token = units.trimmed(token)
            if (token and units.segment(token, base) == [token] and not lexicon.marker_re().search(token)
                    and cells.is_org(token)):
                known.add(token)
    return known


def _task(draft: Draft, body: Line, deadline: str, known: set[str], lead_rule: bool,
          warnings: list[str]) -> Task:
    """A task from its draft; `body` is its text without a 完成时限: field, `deadline` that field."""
    title = title_of(body.original)
    task = Task(number=draft.number, section=draft.section.number, title=title,
                body="\n".join(filter(None, (body.original, draft.aside))),
                deadline=draft.deadline or deadline)
    parsed = draft.units
    if parsed is None and draft.units_text.text:
        parsed = units.parse_units(draft.units_text.text, known, lead_rule)
        task.units_text = draft.units_text.original.strip()
    if parsed is None and draft.section is not None:
        parsed = _heading_units(draft.section.title, known)
    if parsed is not None:
        task.units = parsed.units
        task.lead_units = parsed.lead_units
        task.deadline = task.deadline or parsed.deadline
        if task.units:
            marked = parsed.lead_marked or lead_rule
            task.lead_basis = LEAD_MARKED if marked else LEAD_ASSUMED
        draft.doubts += [f"“{name}”疑为人名，未列为责任单位" for name in parsed.people]
    if not task.units:
        warnings.append(f"任务{task.number}（{title}）没有找到责任单位，请在“任务”表补填。")
        draft.doubts.insert(0, DOUBT_NO_UNITS)
    elif task.lead_basis == LEAD_ASSUMED and len(task.units) > 1:
        draft.doubts.append(DOUBT_LEAD_ASSUMED)
    task.review = "；".join(dict.fromkeys(draft.doubts))
    return task


# 一、县示范区管委会牵头工作(8项): a heading naming the units that lead (or do) its items
HEADING_UNITS_RE = re.compile(r"^(?P<units>[^,，。;；:]{2,60}?)(?:的)?(?:工作|任务|事项)?\s*(?:\(\s*\d+\s*[项件个]\s*\))?$")


def _heading_units(title: str, known: set[str]) -> units.UnitsText | None:
    """The units a section heading names for the items under it that name none of their own:
    organisations with a role word (县示范区管委会牵头工作, 市发改委、市财政局负责事项)."""
    match = HEADING_UNITS_RE.match(normalise(title).strip())
    role = match and lexicon.role_suffix_re().match(match.group("units"))
    if not role or not all(cells.is_org(units.trimmed(n), known)
                           for n in split_outside_brackets(role.group("name"), units.SEPARATORS)):
        return None
    parsed = units.parse_units(match.group("units"), known)
    return parsed if parsed.units else None


def _deadline_field(body: Line) -> tuple[Line, str]:
    """A 完成时限: field in the task text is its deadline, not task text (nor a target)."""
    if not lexicon.deadline_word_re().search(body.text):
        return body, ""
    for match in lexicon.marker_re().finditer(body.text):
        if lexicon.marker_role(match.group("word")) != lexicon.DEADLINE:
            continue
        end = next((i for i in range(match.end(), len(body.text)) if body.text[i] in FIELD_END),
                   len(body.text))
        value = body.original[match.end():end].strip(" 。;；,，")

        def cut(t: str) -> str:
            return EMPTY_BRACKETS.sub("", t[:match.start()].rstrip(" ,，;；") + t[end:]).strip()
        return Line(cut(body.original), cut(body.text)), value
    return body, ""


def title_of(text: str) -> str:
    """A task's title: its first sentence, or its first clause when that sentence is long."""
    first = text.split("\n", 1)[0]
    end = SENTENCE_END_RE.search(normalise(first[:61]))
    if end:
        return first[: end.start()].strip()
    if len(first) <= 40:
        return first.strip().rstrip("。;；")
    comma = min((i for i in (first.find("，"), first.find(",")) if i > 0), default=30)
    return first[:comma].strip()


# --- what is not a plan -------------------------------------------------------------------

# a government's work report (政府工作报告) sets the year's tasks: a plan, not a report on one
REPORT_TITLE_RE = re.compile(r"(?:通报|总结|汇报|(?<!政府工作)报告|简报)$")


PROGRESS_WORDS = r"已完成|已经|完成率|同比|截至|截止"


# a report on how a list of projects was carried out (民生实事项目完成情况报告, 重点项目实施情况的通报)
PROJECTS_REPORT_RE = re.compile(r"(?:实事|项目|工程)(?:完成|实施|建设)情况")


LAG_WORDS = r"滞后|较慢|缓慢|未完成|未达|不到位|排名|排位"


def _plan_items_listed(plan: Plan, drafts: list[Draft]) -> bool:
    """A bulletin may list the plan's items themselves, each with its units by a label that
    marks the lead (1、学前教育促进,牵头单位:市教体局。): those are tasks, where no item reports
    what was done (已完成…, 截至…, 完成率) and none is named for its lag (…进度滞后) — the
    items of a report on work done or lagging are refused."""
    return len(drafts) >= 2 and all(t.units and t.lead_basis == LEAD_MARKED for t in plan.tasks) and not any(
        re.search(PROGRESS_WORDS, d.body.text) or targets.reports_progress(d.body.text)
        or re.search(LAG_WORDS, title_of(d.body.text)) for d in drafts)


def _projects_named(drafts: list[Draft], titles: list[str]) -> bool:
    """A report on how a list of projects was carried out may head each item with the project's
    name alone on its line (第一项:校舍维修建设工程。), the report in the paragraph below it: those
    names are the plan's items, as a 完成情况公示's are. A heading that carries figures or says
    what was done is no name alone."""
    return (any(PROJECTS_REPORT_RE.search(t) for t in titles) and len(drafts) >= 2
            and all(_name_alone(d.body.text) for d in drafts))


def _name_alone(text: str) -> bool:
    heading, _, report = text.partition("\n")
    return (bool(report.strip()) and bool(HEADING_TEXT_RE.match(heading.strip().rstrip("。")))
            and not re.search(r"\d|" + PROGRESS_WORDS, heading))


def _refuse_what_is_no_plan(plan: Plan, drafts: list[Draft], header: list[Line], source: str) -> None:
    """A bulletin, a summary or a report (our own ones included) has numbered paragraphs and
    figures, but it reports on a plan: refused in one line rather than imported."""
    titles = [plan.meta.title] + [line.text for line in header if len(line.text) <= 60]
    report = any(REPORT_TITLE_RE.search(re.sub(r"[\s()（）〔〕\d年月日.-]+$", "", t)) for t in titles)
    with_units = sum(1 for t in plan.tasks if t.units)
    # the item's own paragraph reports (1.强化学习。已完成专题学习4次); progress noted on lines after
    # a planned item (a 督办 notice's 1-11月…同比增长6.3%) leaves the plan a plan
    reported = sum(1 for d in drafts if re.search(PROGRESS_WORDS, d.body.text.split("\n")[0]))
    if report and (_plan_items_listed(plan, drafts) or _projects_named(drafts, titles)):
        return
    if report or (with_units == 0 and reported * 2 >= len(drafts) and len(drafts) >= 3):
        name = source or "所选文件"
        raise WorkplanError(f"{name}像是通报、总结或报告，不是工作要点或任务分解表，未导入；"
                            "请选择印发的工作要点、任务分解表或任务清单。")


# --- the notice header --------------------------------------------------------------------

def _meta(header: list[Line]) -> PlanMeta:
    meta = PlanMeta()
    joined = "\n".join(line.text for line in header)
    if match := DOC_NUMBER_RE.search(joined):
        meta.doc_number = match.group(0).replace(" ", "")
    if match := re.search(r"发文机构\s*:\s*(\S+)", joined):
        meta.issuer = match.group(1)
    dated = re.search(r"发文日期\s*:\s*" + DATE_RE.pattern, joined) or DATE_RE.search(joined)
    if dated:
        y, m, d = (int(g) for g in dated.groups()[-3:])
        try:
            meta.date = date(y, m, d).isoformat()
        except ValueError:
            pass
    meta.title = _plan_title(header)
    if match := re.search(r"(\d{4})\s*年", meta.title):
        meta.year = int(match.group(1))
    elif meta.doc_number:
        meta.year = int(DOC_NUMBER_RE.search(meta.doc_number).group(1))
    if not meta.issuer and meta.title and meta.year:
        meta.issuer = meta.title.split(str(meta.year))[0].strip()
    meta.addressees = _addressees(header)
    return meta


def _plan_title(header: list[Line]) -> str:
    for line in reversed(header):
        if TITLE_RE.search(line.text) and not re.search("关于|通知|《|:", line.text) and len(line.text) <= 60:
            return line.original.strip()
    for line in header:
        if match := re.search(rf"《([^》]*(?:{TITLE_RE.pattern})[^》]*)》", line.original):
            return match.group(1)
    return ""


def _addressees(header: list[Line]) -> list[str]:
    """The salutation line (各县(市、区)教育局,…:), best the one just before 现将…印发: a line
    ending in a colon that names bodies, not the words that open a list (这十件实事是:,
    …现将有关情况通报如下:) nor a page's fields."""
    skip = re.compile("关键字|类型|日期|发文|索引|文号|总体要求|发布时间|来源|字号|阅读")
    candidates = [
        i for i, line in enumerate(header)
        if line.text.rstrip().endswith(":") and not skip.search(line.text)
        and _names_bodies(_split_addressees(line.text))
    ]
    for i in candidates:
        following = header[i + 1].text if i + 1 < len(header) else ""
        if following.startswith(("现将", "现印发", "根据", "为")):
            return _split_addressees(header[i].text)
    return _split_addressees(header[candidates[0]].text) if candidates else []


def _names_bodies(names: list[str]) -> bool:
    """Half the names or more are organisations or groups of them (各乡镇人民政府, 县直各单位)."""
    bodies = sum(1 for name in names if len(name) <= 40 and (name.startswith("各") or cells.is_org(name)))
    return bool(names) and 2 * bodies >= len(names)


def _split_addressees(text: str) -> list[str]:
    return split_outside_brackets(text.rstrip()[:-1], "、,，;； ")

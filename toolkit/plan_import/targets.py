"""Quantitative targets (指标) in a task's text.

A target is a number with a unit of measure (个, 所, 名, 万平方米, 亿元, 万元, 元/生·年, %, …),
read with its comparator, softness, deadline and the phrase it came from. Ordinals (第六届),
years (2019年) and programme names (“133”, 1+X, 2.0, 6·18, 12345便民服务平台) are not targets.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from toolkit.model.plan import ABOUT, AT_LEAST, AT_MOST, Indicator
from toolkit.rules.text import inside_quotes, split_outside_brackets

# Units of measure and Chinese classifiers; those in SCALABLE also take a magnitude (万亩, 亿元,
# 万人次, 千万元). Longest first, so that 个百分点 wins over 个 and 万亿元 over 亿元.
SCALABLE = ("元", "美元", "人", "人次", "例", "户", "户次", "吨", "亩", "平方米", "立方米", "千瓦", "千瓦时",
            "个", "名", "册", "株", "棵", "头", "只", "套", "台", "件", "辆", "张", "份", "本", "公里",
            "千米", "米", "平方公里", "公顷", "篇", "场次", "场", "次", "条", "架次", "车次", "批次", "千克",
            "公斤", "床", "标箱", "宗", "平米", "㎡", "m²", "m2", "千伏安", "兆瓦", "千瓦时", "延米", "羽", "尾",
            "笔", "卷", "箱", "根", "颗", "匹", "平方千米", "立方", "km", "MW", "kW", "m³")  # 500m²: an area as printed
MAGNITUDES = ("十", "百", "千", "万", "十万", "百万", "千万", "亿", "万亿")
CLASSIFIERS = ("所", "项", "家", "间", "期", "支", "门", "座", "处", "种", "块", "栋", "幢", "层",
               "批", "部", "节", "堂", "班", "位", "对", "片", "段", "艘", "架", "口", "盏", "组",
               "队", "轮", "村", "学时", "课时", "眼", "基", "起", "台套", "孔", "倍", "个百分点", "百分点", "%", "‰",
               "/10万", "/十万", "/万")  # 孕产妇死亡率控制在15/10万以内: a rate per so many people
# classifiers of things counted by the ten thousand (9.3万座 厕所, 2万间 教室), with 万 only
BY_TEN_THOUSAND = ("座", "间", "处", "块", "栋", "幢", "盏", "艘", "架", "口")  # 2.2万口 沼气池 (wells, pits)
MEASURES = tuple(sorted(set(SCALABLE + CLASSIFIERS) | {m + u for m in MAGNITUDES for u in SCALABLE
                                                       if not (m == "千" and u in ("米", "瓦"))}
                        | {"万" + u for u in BY_TEN_THOUSAND},
                        key=len, reverse=True))
PER_STUDENT = "每生每年"
# 300元/人, 5.5批次/千人: a rate per head (per thousand); 800人(次): a count of heads or of times
PER = "(?:/(?:千|万|百)?(?:人次|平方米|人|户|月|年|日|天|周|次|亩|吨|床|辆|台|件|个)|\\(次\\))?"
NUMBER_RE = re.compile(
    r"(?=[每\d])(" + PER_STUDENT + r")?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:余\s*)?((?:"
    + "|".join(map(re.escape, MEASURES)) + r")" + PER + ")"
)
# 3个工作日内, 6个月: a duration, not a target
DURATION_RE = re.compile(r"^(?:工作日|月|小时|星期|周|学期|学年|季度|年度|年)")
# 500万元以下的项目, 亿元以上项目: a threshold that says which projects, not a target
THRESHOLD_RE = re.compile(r"^(?:\(含\))?(?:及以上|以上|以下|以内)(?:的|项目|企业|工程)"
                          r"|^的(?:政策|标准|比例|补贴|补助|奖励|优惠)")  # …费率50%的政策: a rate paid
# 2000人以上中心村, 100亩以上基地: a size before 以上 and a name says which ones; but a classifier
# that counts what follows it (1000名以上高校毕业生, 100个以上托位) gives a target
SCOPE_RE = re.compile(r"^(?:\(含\))?(?:以上|以下)(?![并且和及或等]|增长|增幅)[\u4e00-\u9fff]")  # 10%以上增长: a rate
# 460个居村综合文化活动室提供不少于2300场文化活动: a count opening its clause is who does what a
# later figure with a comparator sets
SUBJECT_RE = re.compile(r"(?:不少于|不低于|达到|超过)\s*\d")
# 4个结构性指标均实现…: how many things the sentence is about, each of them (均/都), not a target
EACH_RE = re.compile(r"[\u4e00-\u9fff]{0,8}?[均都](?:要|能|应|须|将)?(?:实现|达到|完成|保持|有|在)")
COUNTERS = frozenset("个名所家座处项件台套辆张只头株棵间支门块栋幢批部艘架口盏条本册份篇场位对片段组队期班节堂")
# 每条5公里以上, 按每院5万元, 每个乡镇不少于2件, 每个小区组织开展至少1次: a specification of each, not a
# target (but 每季度不少于2次, how often, is one). 每10万人口拥有3个, 每1000人: a figure right after 每 is
# the base of a rate, no target; the rate over a base of a magnitude (每千人口…不少于3.2人, 每万人4名) is one
PER_ITEM_RE = re.compile(r"每$|每(?![十百千万亿])[\u4e00-\u9fff]{1,2}$"
                         r"|每(?!个?(?:季|月|年|周|天|日|学期|半年)|[十百千万亿])个?[\u4e00-\u9fff]{1,8}"
                         r"(?:不少于|不低于|至少|不超过)$")
STANDARD_RE = re.compile(r"标准(?:不低于|不少于|提高到|提高至|达到|为)每")
CLAUSE_END = "，,。；;！!？?\n"
CLAUSE_END_RE = re.compile(f"[{CLAUSE_END}]")
NUMBER_START_RE = re.compile(r"\d")

# 围产儿死亡率≤5‰, 孕产妇系统管理率≥95%, PM2.5<35: a goal's comparator written as a symbol reads as
# the words do (≤ as 以下/不超过, ≥ as 以上/不低于); a lone > is left to the default (at least), as an
# HTML tag's > before a figure may be
SYMBOLS = [("≤", AT_MOST), ("≦", AT_MOST), ("<", AT_MOST), ("≥", AT_LEAST), ("≧", AT_LEAST)]
AFTER_WORDS = [("及以上", AT_LEAST), ("以上", AT_LEAST), ("以内", AT_MOST), ("以下", AT_MOST),
               ("左右", ABOUT)]
BEFORE_WORDS = [("不低于", AT_LEAST), ("不少于", AT_LEAST), ("达到", AT_LEAST), ("超过", AT_LEAST),
                ("突破", AT_LEAST), ("保持", AT_LEAST),
                ("达", AT_LEAST), ("控制在", AT_MOST), ("不超过", AT_MOST), ("不高于", AT_MOST), ("最多", AT_MOST),
                ("低于", AT_MOST), ("大约", ABOUT), ("约", ABOUT)] + SYMBOLS
BEFORE_WORDS_LONGEST_FIRST = sorted(BEFORE_WORDS, key=lambda pair: -len(pair[0]))
# Framing words cut from the front of a name: they say how, not what is counted.
LEADING = ("力争", "确保", "计划", "实施", "其中", "年内", "全年", "秋季", "春季", "将", "并",
           "同时", "实现", "继续", "进一步", "全面", "控制")
TRAILING = ("提高到", "提高至", "增加到", "增至", "保持在", "不低于", "不少于", "不超过", "最多",
            "不高于", "控制在", "达到", "超过", "突破", "保持", "低于", "大约", "达", "约", "为", "的", "在",
            *(symbol for symbol, _ in SYMBOLS))  # 叶酸知晓率、服用率≥90%: the rates' names end at the symbol
DEADLINE_RE = re.compile(r"年内|年底前|年底|年末|上半年|下半年|秋季|春季|\d{1,2}月底前|\d{1,2}月前")
SOFT_WORDS = ("力争", "争取")
NOT_BEFORE = "第+·-.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOT_AFTER = "+·abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# 4种慢病纳入签约服务, 免费提供7种基础药物, 16种慢性病患者: the kinds of illness or medicine a
# service covers (its scope), not a count of what is to be done
KINDS_COVERED_RE = re.compile(r"[\u4e00-\u9fff]{0,5}?(?:病|药)")
# 新建11口袋公园, 5家庭农场, 联合3部门: a word of its own that opens with a measure word's character; the
# number before it counts that word, its measure word left out (10座城市公厕 has one): no target
OWN_WORD_RE = re.compile(r"口袋|家庭|部门|场所|场馆|门诊|支部|队伍")
GRADE_RE = re.compile(r"[A-Z]{1,3}级")  # 2000个C级长照据点, 3个AAA级景区: a grade of what is counted
# 10-50万元, 10万元至50万元: a band, not a target (学位至1800个 is none: no figure before 至)
BAND_END_RE = re.compile(r"\d\s*(?:" + "|".join(map(re.escape, MEASURES)) + r")?\s*(?:[-~—–―]|至|到)\s*$")
BAND_START_RE = re.compile(r"^\s*(?:[-~—–―]|至|到)\s*\d")  # ― (U+2015): a PDF's dash
PHONE_RE = re.compile(r"电话|热线|手机|联系方式|传真")
PROGRESS_RE = re.compile(r"已|截至|截止|累计完成|完成了")  # 已完成70%: progress, not a target
# 已完成…任务的55%, 实际减少大班额319个: what is done, not what is planned
DONE_RE = re.compile(r"已完成|已经完成|已建成|已实现|截至目前|截止目前|累计完成"
                     r"|实际(?:完成|减少|新增|增加|达到|建成|解决|开工|竣工)")
# 涉及居民6.2万户, 惠及群众9300人, 受益人群达6.1万人 (but 新增受益人口50万人 plans more): whom it concerns; 占地500余亩: where a project stands, not what it makes
SCOPE_BEFORE_RE = re.compile(r"(?:(?:针对|涉及|面向|惠及|(?<!新增)受益)[\u4e00-\u9fff]{0,6}|占地(?:面积)?(?:约|达|近)?"
                             r"|(?<![拓加])宽(?:度)?(?:约|为)?)\s*$")  # 宽50米: a design dimension, its specification
# …维修机泵,有效改善9万人口的饮水安全问题: a clause that opens with the effect of the work before it
# (有效/切实/进一步 改善, 提高 …) and counts people or households says whom the work serves, like 惠及
EFFECT_BEFORE_RE = re.compile(r"^\s*(?:有效|切实|进一步|从而|进而)地?(?:改善|提高|提升|保障|解决|缓解|满足)"
                              r"[\u4e00-\u9fff]{0,6}$")
PEOPLE_UNITS = ("人", "人次", "户", "名")  # units that count people or households
# 科教惠民工程(项目6个,其中基建工程类5个…): a heading's count of its own projects describes the list
LIST_COUNT_RE = re.compile(r"\((?:项目|共|共计|含)\s*\d+\s*[个项件][^()]*\)")
THOUSANDS_RE = re.compile(r"\d,\d{3}(?!\d)")  # 1,200万元: one number
# 完成40条河涌…工程的70%, 完成年度任务的60%, 完成工作任务20%以上: the share of named works (of the work
# itself: 任务, 计划, 工作量) to finish is a stage, not a target
SHARE_OF_WORK_RE = re.compile(r"完成[^，,。；;]*(?:的|任务|计划|工作量|工程量)\s*$")
# 按1500元/人标准发放求职创业补贴, 按800元/月发放, 按20%的比例: the rate a subsidy is paid at (按 a rate,
# or 按 a figure and 标准/比例), like 按每院5万元的标准
PAID_AT_BEFORE_RE = re.compile(r"按照?\s*$")
PAID_AT_AFTER_RE = re.compile(r"^的?(?:标准|比例)")
# 平煤神马25万吨己二酸和20万吨己内酰胺、…中加矿业300万吨铁精粉等项目建设: a capacity (tonnes, kilowatts,
# cubic metres) written before the product inside a list of projects closed by 等项目 is part of a
# project's name; a count (等5个项目) and a capacity to build outside such a list (建成日处理5万吨…) stay targets
CAPACITY_RE = re.compile(r"(?:十|百|千|万|亿)*(?:吨|千瓦时|千瓦|兆瓦|立方米|标箱)")
PROJECT_LIST_END_RE = re.compile(r"等(?:重点|建设|产业|工业)?(?:项目|工程)")
NAME_GOES_ON_RE = re.compile(r"(?!以上|以下|以内|左右|等)[\u4e00-\u9fff]")  # 25万吨己二酸: the product named after it
# 搞好年产1000吨红豆腐加工生产线建设, 推进年产10万吨乙二醇项目建设, 40兆瓦光伏电站建设工程: a capacity
# before the product in the name of a works whose construction (…生产线建设) is the work names that
# works, as its owner does: no target
WORKS_BUILT_RE = re.compile(r"[\u4e00-\u9fff“”]{0,24}?(?:生产线|项目|工程|厂|站|基地)的?建设")
# 形成一批超100亿元的优势产业集群: the size each of what is to be formed (a count of them before it:
# 一批, 3个) must pass, not a target, like 100亿元以上的项目
COUNTED_BEFORE_RE = re.compile(r"一批|一大批|若干|一些|多个|数个|\d+\s*[个家所项批座]")
SIZE_OF_EACH_RE = re.compile(r"超过?\s*$")


# What has been done so far, noted after a planned item (a 督办 notice): a sentence opening with
# the period so far (上半年, / 1-11月 / 截止11月份 / 今年以来 / 目前), or holding a mark of work
# done (已完成, the perfective 了 that jieba tags ul); plans say what is to be done. A period that
# may be a plan's schedule (1-6月完成…, 截至年底, 上半年完成) or a planned rate (同比增长6%) is none.
SO_FAR_RE = re.compile(r"^\s*(?:(?:上半年|前三季度|今年以来|年初以来)\s*[,，]|目前|至今|截[至止]\s*目前"
                       r"|截[至止]\s*\d{1,2}\s*月份?(?![底末中])|1\s*[-—–~至]\s*\d{1,2}\s*月份?(?![底末前]|完成))")
DONE_MARK_RE = re.compile(r"已(?:完成|建成|实现|开工|竣工|达到|累计|恢复|投入|发放|全部|基本)")
SENTENCE_RE = re.compile(r"[^。!?！？\n]*(?:[。!?！？]|\n|$)")
# a word either pattern (or 了) needs somewhere: a text without one reports no progress
PROGRESS_WORD_RE = re.compile(r"[已了]|上半年|前三季度|今年以来|年初以来|目前|至今|截[至止]|\d\s*[-—–~至]")


def planned_end(text: str) -> int:
    """Where the planned part of a task's text ends: at the first sentence after the first one
    that reports progress, or at the start of a later paragraph holding such a sentence (its
    figures, 1-12月份共发放12.3万元, are what was done); the text's end without one."""
    if not PROGRESS_WORD_RE.search(text):
        return len(text)
    paragraph = 0  # where the paragraph of the sentence starts
    for k, sentence in enumerate(SENTENCE_RE.finditer(text)):
        if k and _reports_progress(sentence.group()):
            return paragraph if paragraph else sentence.start()
        if sentence.group().endswith("\n"):
            paragraph = sentence.end()
    return len(text)


def reports_progress(text: str) -> bool:
    """Whether any sentence of a text reports work done or the period so far."""
    if not PROGRESS_WORD_RE.search(text):
        return False
    return any(_reports_progress(sentence.group()) for sentence in SENTENCE_RE.finditer(text) if sentence.group())


def _reports_progress(sentence: str) -> bool:
    import rjieba

    return bool(SO_FAR_RE.match(sentence) or DONE_MARK_RE.search(sentence)) or (
        "了" in sentence and any(tag == "ul" for _, tag in rjieba.tag(sentence)))


@dataclass
class _Hit:
    start: int  # of the phrase, in the clause
    end: int
    number_start: int
    value: float
    unit: str
    comparator: str
    name: str
    deadline: str
    soft: bool
    each: tuple[str, ...] = ()  # the names each of which the figure is for (A、B和C各建设1幢…)


def cell_figure(text: str) -> tuple[float, str] | None:
    """A table cell that is one figure with its unit of measure (1300人, 7699套); not a bare
    number nor a share (100%: how much of it is done)."""
    match = NUMBER_RE.fullmatch(text.strip())
    if not match or match.group(1) or match.group(3) in ("%", "‰"):
        return None
    return float(match.group(2).replace(",", "")), match.group(3)


# a space next to a number, as a PDF's text layer sets one each side of it (每生每年 600 元, 惠及 9 万人,
# 4 栋、 9 栋等): not the text's own; between two numbers or a number and a letter it separates them
NUMBER_SPACE_RE = re.compile(r"(?<=\d) +(?=[^\d\sA-Za-z])|(?<=[^\d\sA-Za-z]) +(?=\d)")


@dataclass
class _Closed:
    """A text with the spaces next to its numbers left out: `at[k]`, where its character k (or its
    end) stands in the text as printed; `spaced`, the characters a space stood before."""
    text: str
    at: list[int]
    spaced: set[int]


def _closed_up(text: str) -> _Closed:
    """The text read without the spaces next to its numbers, each figure read the same whether a
    PDF's text layer set spaces around it or not; offsets kept to the text as printed."""
    if " " not in text:
        return _Closed(text, list(range(len(text) + 1)), set())
    pieces, at, spaced, last = [], [], set(), 0
    for m in NUMBER_SPACE_RE.finditer(text):
        pieces.append(text[last:m.start()])
        at += range(last, m.start())
        spaced.add(len(at))
        last = m.end()
    pieces.append(text[last:])
    at += range(last, len(text) + 1)
    return _Closed("".join(pieces), at, spaced)


def find_indicators(task_number: int, text: str, original: str) -> list[Indicator]:
    """Indicators of one task: `text` normalised, `original` as printed (same length), read
    without the spaces next to numbers. A target the text restates in the same words (a table
    cell read twice) counts once."""
    out: list[Indicator] = []
    said: set[tuple] = set()
    closed = _closed_up(text)
    text, at = closed.text, closed.at
    listing = [m.span() for m in LIST_COUNT_RE.finditer(text)]
    for start, end in _clauses_with_figures(text):
        spaced = {k - start for k in closed.spaced if start <= k < end}
        for hit in _clause_hits(text[start:end], spaced):
            if any(a <= start + hit.number_start < b for a, b in listing):
                continue
            source = original[at[start + hit.start]:at[start + hit.end]].strip("、 ")
            for name in [part + hit.name for part in hit.each] or _split_rates(hit.name, hit.unit):
                if (name, hit.value, hit.unit, hit.comparator, source) not in said:
                    said.add((name, hit.value, hit.unit, hit.comparator, source))
                    out.append(_indicator(task_number, len(out) + 1, name, hit, source))
    return out


def _clauses_with_figures(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a text that hold a digit; the comma inside a number
    (1,200万元) ends no clause."""
    out: list[tuple[int, int]] = []
    start = 0
    digit = NUMBER_START_RE.search(text)  # the first digit from `start` on
    for i in [m.start() for m in CLAUSE_END_RE.finditer(text)] + [len(text)]:
        if digit is None:
            break
        if text.startswith(",", i) and THOUSANDS_RE.match(text, max(i - 1, 0)):
            continue
        if digit.start() < i:
            out.append((start, i))
        start = i + 1
        if digit.start() < start:
            digit = NUMBER_START_RE.search(text, start)
    return out


def _indicator(task: int, seq: int, name: str, hit: _Hit, source: str) -> Indicator:
    return Indicator(
        task=task, seq=seq, name=name, value=hit.value, unit=hit.unit,
        comparator=hit.comparator, soft=hit.soft, deadline=hit.deadline, source=source,
    )


# 为80万农村妇女做检查, 对40万贫困劳动力开展培训, 解决10万农村人口的饮水安全问题: a count in 万 of those a
# service is done for or whose problem is solved, the classifier left out (its unit 万 as printed);
# 让21万人民…, 提升3万农村人口供水 say whom it serves; 为2万对…夫妇: couples counted in 万对 (after 为, 对
# is no preposition)
SERVED_RE = re.compile(r"(?:(?<=[为对])|(?<=解决))()(\d+(?:\.\d+)?)(万对?)(?=[\u4e00-\u9fff])(?!(?:"
                       + "|".join(map(re.escape, MEASURES)) + r"|余|多|左右|以上|以下))")

# 平均受教育年限达到11.1年: an indicator measured in years (a 年限) raised to a value, a target in 年
# (not a duration: 3年内, 用2年时间 say how long)
YEARS_RE = re.compile(r"(?:(?<=年限达到)|(?<=年限提高到)|(?<=年限提高至)|(?<=年限增加到)|(?<=年限为))\s*()"
                      r"(\d{1,2}(?:\.\d+)?)(年)(?![度底末内前后中初])")


def _clause_hits(clause: str, spaced: set[int]) -> list[_Hit]:
    """The targets of a clause; `spaced`: the characters a space stood before, as printed."""
    hits: list[_Hit] = []
    cut = 0  # where the next phrase may start
    matches = sorted(itertools.chain(NUMBER_RE.finditer(clause), SERVED_RE.finditer(clause), YEARS_RE.finditer(clause)),
                     key=lambda m: m.start())
    for match in matches:
        if not _is_target(clause, match, spaced):
            continue
        hit = _read_hit(clause, match, cut)
        if not hit.name and hits and not clause[cut:match.start()].strip("、 "):
            hit.name = hits[-1].name  # 分别达到300元/人、140元/人: one name, several figures
        if hit.name:
            hits.append(hit)
        cut = hit.end
    return _totals_over_places(clause, hits)


PLACES_BEFORE_RE = re.compile(r"\d+(?:\.\d+)?\s*个[\u4e00-\u9fff]{1,4}\s*$")  # 17个乡镇 right before a figure


def _totals_over_places(clause: str, hits: list[_Hit]) -> list[_Hit]:
    """所有建制乡镇医院2名全科医生全覆盖(17个乡镇34名): a count of places right before a figure that is
    an earlier figure of the same unit times it (2×17=34) shows the earlier one to be per place; the
    total is the target, the figure per place and the count of places are not."""
    dropped: set[int] = set()
    for k in range(1, len(hits) - 1):
        places, total = hits[k], hits[k + 1]
        if places.unit != "个" or not PLACES_BEFORE_RE.fullmatch(clause[places.number_start:total.number_start]):
            continue
        each = [j for j in range(k) if hits[j].unit == total.unit
                and math.isclose(hits[j].value * places.value, total.value)]
        if each:
            dropped |= {each[-1], k}
            total.name = re.split(r"[(（]", hits[each[-1]].name)[0] or total.name  # what is counted, not the places
    return [hit for j, hit in enumerate(hits) if j not in dropped]


def _is_target(clause: str, match: re.Match, spaced: set[int]) -> bool:
    before = clause[match.start() - 1] if match.start() else ""
    after = clause[match.end()] if match.end() < len(clause) else ""
    if before and before in NOT_BEFORE:
        return False
    if after and after in NOT_AFTER and not GRADE_RE.match(clause, match.end()):
        return False
    if EACH_RE.match(clause, match.end()):
        return False
    if not clause[:match.start()].strip() and SUBJECT_RE.search(clause, match.end()):
        return False
    if clause[match.end():].lstrip().startswith(":"):
        return False  # 共谋划农业项目5个:(一)…(五): the count of the list it opens
    if _numbered_names(clause, match):
        return False
    if match.group(3) == "种" and KINDS_COVERED_RE.match(clause, match.end()):
        return False
    if _verb_begins(clause, match, spaced):
        return False
    if len(match.group(3)) == 1 and OWN_WORD_RE.match(clause, match.start(3)):
        return False
    if match.group(3) == "人" and after == "制":
        return False  # 3人制篮球场, 5人制足球场: the kind of a pitch, not a count of people
    number = match.group(2)
    if match.group(3).startswith("个") and DURATION_RE.match(clause[match.end():]):
        return False
    if THRESHOLD_RE.match(clause[match.end():]) or SCOPE_BEFORE_RE.search(clause[:match.start()]):
        return False
    if EFFECT_BEFORE_RE.match(clause[:match.start()]) and match.group(3).lstrip("十百千万亿") in PEOPLE_UNITS:
        return False
    if SCOPE_RE.match(clause[match.end():]) and match.group(3)[-1] not in COUNTERS:
        return False
    if not match.group(1) and PER_ITEM_RE.search(clause[max(0, match.start() - 13):match.start()]) and not (
            STANDARD_RE.search(clause[:match.start()])):  # but 标准不低于每人每月60元 sets the standard itself
        return False
    if BAND_END_RE.search(clause[:match.start(2)]) or BAND_START_RE.match(clause[match.end():]):
        return False
    if len(number) >= 7 and "." not in number and PHONE_RE.search(clause):
        return False
    if PROGRESS_RE.search(clause[max(0, match.start() - 6):match.start()]) or DONE_RE.search(
            clause[:match.start()]):
        return False
    if match.group(3) == "%" and SHARE_OF_WORK_RE.search(clause[:match.start()]):
        return False
    if PAID_AT_BEFORE_RE.search(clause[:match.start()]) and (
            "/" in match.group(3) or PAID_AT_AFTER_RE.match(clause[match.end():])):
        return False
    if _in_a_projects_name(clause, match) or _size_of_each(clause, match):
        return False
    return not inside_quotes(clause, match.start(2))


def _in_a_projects_name(clause: str, match: re.Match) -> bool:
    """A capacity before the product it makes (25万吨己二酸) in a list of projects closed by 等项目, or
    in the name of a works whose construction is the work (年产1000吨…生产线建设)."""
    return bool(CAPACITY_RE.fullmatch(match.group(3)) and NAME_GOES_ON_RE.match(clause, match.end())
                and (PROJECT_LIST_END_RE.search(clause, match.end()) or WORKS_BUILT_RE.match(clause, match.end())))


def _size_of_each(clause: str, match: re.Match) -> bool:
    """超100亿元的优势产业集群 after 一批: how big each of the things counted is to be (not a share: 超过90%的村)."""
    return bool(match.group(3) not in ("%", "‰") and SIZE_OF_EACH_RE.search(clause[:match.start()])
                and clause.startswith("的", match.end()) and COUNTED_BEFORE_RE.search(clause[:match.start()]))


def _verb_begins(clause: str, match: re.Match, spaced: set[int]) -> bool:
    """A one-character measure word set apart from the number by a space that begins a verb with
    the words after it (…450000 支持符合条件的…, 位于, 批准: jieba tags the word v) is that verb, and
    the number before it a figure of something else (a table's amount run into the text), not a
    count. Written close (270余座无主…) the measure word stays one. `spaced`: the characters a space
    stood before, as printed."""
    import rjieba

    apart = match.start(3) in spaced or clause[match.start(3) - 1].isspace()
    if len(match.group(3)) != 1 or match.end() >= len(clause) or not apart:
        return False
    word, tag = rjieba.tag(clause[match.start(3):match.start(3) + 8])[0]
    return len(word) > 1 and tag == "v"


def _numbered_names(clause: str, match: re.Match) -> bool:
    """协兴村4栋、9栋等: bare figures of one classifier joined by 、 and closed by 等 are the
    numbers of the buildings named (4号楼, 9号楼), not counts."""
    if "、" not in clause or "等" not in clause:
        return False
    item = rf"\d+\s*{re.escape(match.group(3))}"
    run = re.compile(rf"(?<![\d.]){item}(?:、{item})+等")
    return any(m.start() <= match.start() < m.end() for m in run.finditer(clause))


def _read_hit(clause: str, match: re.Match, cut: int) -> _Hit:
    per_student, number, unit = match.groups()
    if per_student:
        unit = "元/生·年" if unit == "元" else f"{unit}/生·年"
    end = match.end()
    comparator = None
    for word, comp in AFTER_WORDS:
        if clause.startswith(word, end):
            comparator, end = comp, end + len(word)
            break
    lead_in = clause[cut:match.start()]
    follow = _following_name(clause, end)
    if follow:  # 新建3个省级服务产业专业群: the name follows the count
        name, phrase_end = follow, _name_end(clause, end)
    else:  # 计划新增学位8640个: the name precedes it
        name, phrase_end = _trim_name(lead_in), end
    if comparator is None:  # the word right before the figure (总长度约25公里), whatever phrase it ends
        comparator = _comparator_before(clause[:match.start()])
    each = EACH_DOES_RE.search(lead_in)
    return _Hit(
        start=cut, end=phrase_end, number_start=match.start(2), value=float(number.replace(",", "")),
        unit=unit, comparator=comparator, name=name,
        deadline=_deadline(clause[:match.start()]),
        soft=any(word in clause[:match.start()] for word in SOFT_WORDS),
        each=tuple(_names_listed(each.group("names"))) if each else (),
    )


# 支持青海大学、青海师范大学和青海民族大学各建设1幢学生宿舍楼, 市一中、市二中各新建1个体育馆: names listed
# before 各 and a verb, the figure after the verb what each of them is to get or do: a target per name
# (not 各类, 各级, 各地 …: 完成各类培训360人 is one total)
EACH_DOES_RE = re.compile(r"(?P<names>[^,:;。]{4,}?)各(?![类级种项地部个所家界方族])[\u4e00-\u9fff]{1,3}$")


def _names_listed(names: str) -> list[str]:
    """The names of a list, A、B和C: 和 (与, 及) before the last separating as 、 does; none where
    there are fewer than two or a part is too short to be a name."""
    parts = split_outside_brackets(names, "、")
    parts[-1:] = re.split(r"[和与及]", parts[-1], maxsplit=1)
    parts = [part.strip() for part in parts]
    return parts if len(parts) >= 2 and all(len(part) >= 2 for part in parts) else []


def _following_name(clause: str, pos: int) -> str:
    rest = clause[pos:_name_end(clause, pos)].lstrip("的")
    if not rest or not ("\u4e00" <= rest[0] <= "\u9fff" or rest[0] == "“"):
        return ""
    return rest.strip()


def _name_end(clause: str, pos: int) -> int:
    """Where a name that follows a count ends: the next 、 outside quotes, a number, or the end."""
    depth = 0
    for i in range(pos, len(clause)):
        ch = clause[i]
        if ch in "“(":
            depth += 1
        elif ch in "”)":
            depth -= 1
        elif depth <= 0 and (ch == "、" or ch.isdigit()):
            return i
    return len(clause)


def _trim_name(text: str) -> str:
    name = text.strip("、 ")
    changed = True
    while changed and (name.startswith(LEADING) or name.endswith(TRAILING)):
        changed = False
        for word in LEADING:
            if name.startswith(word) and len(name) > len(word):
                name, changed = name[len(word):], True
        for word in TRAILING:
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)], True
    return name.strip("、 ")


def _comparator_before(lead_in: str) -> str:
    tail = lead_in.rstrip()[-4:]
    for word, comp in BEFORE_WORDS_LONGEST_FIRST:
        if tail.endswith(word) or tail.endswith(word + PER_STUDENT):
            return comp
    return AT_LEAST


def _deadline(text: str) -> str:
    found = DEADLINE_RE.findall(text)
    return found[-1] if found else ""


_ALIKE_RE = re.compile(r"^(.+?)均(?:增长|提高|提升|达到|达|下降|降低|减少|保持在|保持|控制在|超过)?$")


def _alike_names(names: str) -> list[str]:
    """The names before 均 (A、B均增长12%; A和B均…), each whole: one name (两项收入均…) is none."""
    parts = split_outside_brackets(names, "、")
    if len(parts) < 2:
        parts = re.split(r"[和与及]", names, maxsplit=1)
    parts = [p.strip() for p in parts]
    return parts if len(parts) >= 2 and all(len(p) >= 2 for p in parts) else []


def _split_rates(name: str, unit: str) -> list[str]:
    """管理率、配备率、联网率达100%: one figure, several indicators; and so 合作社、家庭农场各20家: the
    figure of each whole name listed before 各, and A、B均增长12%: of each name before 均. Where
    the head noun is printed once, with the last name (稻谷、玉米、马铃薯示范基地各10万亩: the last
    part the longest), the figure stays one target."""
    each = split_outside_brackets(name[:-1], "、") if name.endswith("各") else []
    alike = _ALIKE_RE.match(name)  # 城镇居民人均可支配收入、农民人均纯收入均增长12%
    if alike:
        each = _alike_names(alike.group(1))
    if len(each) >= 2 and len(each[-1]) < len(each[0]):
        return each
    if unit != "%":
        return [name]
    groups, current = [], []
    for part in split_outside_brackets(name, "、"):
        current.append(part)
        if part.endswith("率"):
            groups.append("、".join(current))
            current = []
    if current or len(groups) < 2:
        return [name]
    return groups

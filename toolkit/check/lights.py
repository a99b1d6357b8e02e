"""A task's light in a bulletin: 红灯, 黄灯 or 绿灯, with the reason in words.

The one rule (a round covering `share` of the year; a task's progress is expected to reach
`due_share(share, deadline)` x 100, its deadline's share of the way):
- 绿灯: 已完成; or under way with its progress at most `tolerance` behind that expectation
  (no progress given: on track unless another rule applies).
- 红灯: not done when its deadline has come (the round reaches the deadline's month; at the
  year end every task's), unless the deadline says the work is continuing (持续推进, 长期);
  reported 未完成; or progress below half of what is expected (far behind).
- 黄灯: otherwise behind (below the expectation by more than the tolerance); 未启动 before its
  deadline; no unit reported (未报送) or the lead's word is missing or contradicted (待核实).
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.vocab import NOT_REPORTED, TO_VERIFY
from toolkit.rules.targets import due_share
from toolkit.vocab import DONE, GREEN, NOT_STARTED, RED, UNFINISHED, YELLOW

FAR_BEHIND = 0.5  # below half of the expected progress is 红灯
CONTINUING = ("持续", "长期", "常态", "跨年")


@dataclass(frozen=True)
class Light:
    colour: str  # 红灯, 黄灯, 绿灯
    reason: str  # 已完成; 完成进度40%，低于序时进度50%; …


def continuing(deadline: str | None) -> bool:
    return any(word in (deadline or "") for word in CONTINUING)


def task_light(status: str, progress: float | None, deadline: str | None, share: float,
               tolerance: float) -> Light:
    """The light of a task whose check status is `status` at a round covering `share`."""
    if status == DONE:
        return Light(GREEN, "已完成")
    if status == NOT_REPORTED:
        return Light(YELLOW, "无单位报送进展")
    if status == TO_VERIFY:
        return Light(YELLOW, "进展情况待核实")
    due = due_share(share, deadline)
    if due >= 1 and not continuing(deadline):
        when = f"（{deadline}）" if deadline else ""
        return Light(RED, f"已到完成时限{when}，尚未完成")
    if status == UNFINISHED:
        return Light(RED, "牵头单位报送未完成")
    if status == NOT_STARTED:
        return Light(YELLOW, "尚未启动")
    expected = due * 100
    if progress is not None and progress < expected * FAR_BEHIND:
        return Light(RED, f"完成进度{progress:g}%，远低于序时进度{expected:.0f}%")
    if progress is not None and progress < expected - tolerance * 100:
        return Light(YELLOW, f"完成进度{progress:g}%，低于序时进度{expected:.0f}%")
    return Light(GREEN, "进度正常")

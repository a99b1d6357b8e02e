"""催报: notices for the units that have not reported a round, or reported it incompletely.

    remind_round(master_path, round_name, each=False) -> RemindResult

Who is late comes from the round's last collection (the store); the notices are a 催报通知
(.docx, official-document layout: one list, or one per unit with each=True) and a plain text
per unit (for WeChat, SMS or email) with the due date, what is missing and whom to contact.
"""

from toolkit.common.lazy import exports

_NAMES = {
    "RemindResult": "toolkit.followup.remind",
    "Reminder": "toolkit.followup.remind",
    "reminders": "toolkit.followup.remind",
    "remind_round": "toolkit.followup.remind",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)

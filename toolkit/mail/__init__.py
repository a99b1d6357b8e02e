"""The office mailbox: returns fetched into the round's inbox, forms, feedback and reminders sent.

    fetch_round(master, round)                      # workplan mail fetch
    send_round(master, round, what, units, ...)     # workplan mail send
"""

from toolkit.mail.config import configured
from toolkit.mail.fetch import FetchResult, fetch_plan, fetch_round

__all__ = ["FetchResult", "configured", "fetch_plan", "fetch_round"]

"""Beacon: bilingual support bot for a crypto exchange on Telegram and X."""

import os

# Opt in to python-telegram-bot's timedelta durations (retry_after, ...) now, instead of the
# int values v22 deprecates; set before any telegram object is read.
os.environ.setdefault("PTB_TIMEDELTA", "true")

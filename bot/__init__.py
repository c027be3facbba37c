"""Beacon: bilingual support bot for a crypto exchange on Telegram and X."""

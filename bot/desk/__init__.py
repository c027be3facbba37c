"""The private support desk: ticket intake, staff hand-off and relay, complaints, records.

Built once by `build_desk` (see `bot/app.py`); handlers in `handlers/telegram/desk*.py` reach it
as `services.desk` (`SupportDesk`, with the staff side as `services.desk.staff`).
"""

from __future__ import annotations

from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.desk.desk import DeskResult, SupportDesk
from bot.desk.gateway import DeliveryFailed, DeskGateway, Unreachable
from bot.desk.hours import HoursStatus, SupportHours
from bot.desk.intake import IntakeFlow, IntakeInput, IntakeOutcome, IntakeState
from bot.desk.models import (
    CATEGORIES,
    COMPLAINT_PARTS,
    Attachment,
    DeskMessage,
    Entry,
    Kind,
    Person,
    Status,
    Ticket,
    parse_ticket_number,
    ticket_number,
)
from bot.desk.records import ForgetsUsers, UserDataEraser, UserRecords, render_transcript
from bot.desk.secrets import ScannerSecretDetector, SecretDetector, SecretSpan, strip_secrets
from bot.desk.staff import STAFF_COMMANDS, StaffDesk
from bot.desk.store import DeskStore
from bot.desk.verify import OfficialAccounts, UsernameChecker, Verdict, VerifyResult
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

__all__ = [
    "CATEGORIES",
    "COMPLAINT_PARTS",
    "STAFF_COMMANDS",
    "Attachment",
    "DeliveryFailed",
    "DeskGateway",
    "DeskMessage",
    "DeskResult",
    "DeskStore",
    "Entry",
    "ForgetsUsers",
    "HoursStatus",
    "IntakeFlow",
    "IntakeInput",
    "IntakeOutcome",
    "IntakeState",
    "Kind",
    "OfficialAccounts",
    "Person",
    "ScannerSecretDetector",
    "SecretDetector",
    "SecretSpan",
    "StaffDesk",
    "Status",
    "SupportDesk",
    "SupportHours",
    "Ticket",
    "Unreachable",
    "UserDataEraser",
    "UserRecords",
    "UsernameChecker",
    "Verdict",
    "VerifyResult",
    "build_desk",
    "parse_ticket_number",
    "render_transcript",
    "strip_secrets",
    "ticket_number",
]


def build_desk(
    settings: Settings,
    db: Database,
    texts: Texts,
    clock: Clock,
    gateway: DeskGateway,
    secrets: SecretDetector,
    lookalikes: UsernameChecker | None = None,
) -> SupportDesk:
    """Wire the desk's parts from the settings (staff chat, staff ids, working hours);
    `lookalikes` (the anti-impersonation registry) lets /verify name who an account imitates."""
    store = DeskStore(db, clock)
    official = OfficialAccounts(db, clock, settings.staff_user_ids, lookalikes)
    chats = ChatDirectory(db, clock)
    staff = StaffDesk(store, texts, gateway, official, chats, settings.staff_chat_id)
    hours = SupportHours(
        settings.support_hours, settings.support_timezone, settings.first_response_minutes
    )
    return SupportDesk(
        store=store,
        staff=staff,
        texts=texts,
        clock=clock,
        gateway=gateway,
        chats=chats,
        official=official,
        secrets=secrets,
        hours=hours,
        records=UserRecords(store, texts, gateway, UserDataEraser(db, (store, official))),
    )

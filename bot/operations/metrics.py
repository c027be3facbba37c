"""Prometheus metrics: what this process did (counters, latency) and what the shared database
holds (refreshed on each scrape, so those series are the same on every replica: use max())."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from bot.storage import Database

__all__ = ["BeaconMetrics"]

# Handling one update: from a cache hit (ms) to OCR of a screenshot (seconds).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class BeaconMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "beacon_updates", "Updates received by this process, by outcome", ["outcome"],
            registry=r,
        )  # fmt: skip
        self.handler_seconds = Histogram(
            "beacon_update_handling_seconds", "Time this process took to handle one update",
            buckets=LATENCY_BUCKETS, registry=r,
        )  # fmt: skip
        self.telegram_requests = Counter(
            "beacon_telegram_requests", "Bot API requests this process made, by method",
            ["method"], registry=r,
        )  # fmt: skip
        self.telegram_rate_limited = Counter(
            "beacon_telegram_rate_limited", "Bot API answers 429 (retry after) to this process",
            registry=r,
        )  # fmt: skip
        self.answers = Gauge(
            "beacon_answers_recorded", "Replies to questions in the database, by kind"
            " (answer, suggest, decline, pointer)", ["kind"], registry=r,
        )  # fmt: skip
        self.privacy_incidents = Gauge(
            "beacon_privacy_incidents_recorded", "Privacy incidents in the database, by type",
            ["type"], registry=r,
        )  # fmt: skip
        self.outbox = Gauge(
            "beacon_outbox_rows", "Announcement outbox rows, by channel and status"
            " (pending + claimed + sending is the depth; rate() of sent is the send rate)",
            ["channel", "status"], registry=r,
        )  # fmt: skip
        self.tickets_open = Gauge(
            "beacon_tickets_open", "Support tickets and complaints open", registry=r
        )

    async def refresh(self, db: Database) -> None:
        """Read the database-wide figures (a few indexed counts)."""
        answers = await db.fetch_all("SELECT kind, COUNT(*) AS n FROM answers_given GROUP BY kind")
        self.answers.clear()
        for row in answers:
            self.answers.labels(row["kind"]).set(row["n"])
        kinds = await db.fetch_all(
            "SELECT kinds, COUNT(*) AS n FROM privacy_incidents GROUP BY kinds"
        )
        by_type: dict[str, int] = {}
        for row in kinds:
            for kind in str(row["kinds"]).split(","):
                if kind:
                    by_type[kind] = by_type.get(kind, 0) + int(row["n"])
        self.privacy_incidents.clear()
        for kind, count in by_type.items():
            self.privacy_incidents.labels(kind).set(count)
        outbox = await db.fetch_all(
            "SELECT channel, status, COUNT(*) AS n FROM announcement_outbox"
            " GROUP BY channel, status"
        )
        self.outbox.clear()
        for row in outbox:
            self.outbox.labels(row["channel"], row["status"]).set(row["n"])
        self.tickets_open.set(
            await db.fetch_value("SELECT COUNT(*) FROM desk_tickets WHERE status = 'open'") or 0
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)

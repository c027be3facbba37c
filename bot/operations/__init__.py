"""Running as a fleet: update de-duplication, health and Prometheus metrics."""

from __future__ import annotations

from bot.operations.metrics import BeaconMetrics
from bot.operations.server import OperationsServer
from bot.operations.updates import UpdateLedger

__all__ = ["BeaconMetrics", "OperationsServer", "UpdateLedger"]

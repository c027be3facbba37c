"""Text lines in an image: RapidOCR (PP-OCR Chinese+English) on onnxruntime, loaded once.

The models are the ones the `rapidocr` wheel ships; they are named by path so the library's
download code is never reached (a missing file is an error, never a download).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["OcrEngine", "OcrLine", "OcrUnavailable"]

# The wheel's default models (rapidocr 3.x): detection and recognition, small variants.
_DET_MODEL = "PP-OCRv6_det_small.onnx"
_REC_MODEL = "PP-OCRv6_rec_small.onnx"


class OcrUnavailable(RuntimeError):
    """The OCR package or its bundled models are missing from this installation."""


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One detected line of text and its box (left, top, right, bottom) in pixels."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


class OcrEngine:
    """Builds the RapidOCR pipeline on first use; one per process, shared by callers."""

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._engine: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._engine is None:
                self._engine = _build(self._threads)

    def read(self, bgr: np.ndarray) -> list[OcrLine]:
        """The lines RapidOCR finds in a BGR image, in its (top-to-bottom) order."""
        self.load()
        result = self._engine(bgr)
        if result.boxes is None or result.txts is None:
            return []
        lines = []
        for box, text in zip(result.boxes, result.txts, strict=True):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            if text.strip():
                lines.append(OcrLine(text, min(xs), min(ys), max(xs), max(ys)))
        return lines


def _build(threads: int) -> Any:
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError as error:
        raise OcrUnavailable(f"rapidocr is not installed ({error})") from error
    models = Path(rapidocr.__file__).parent / "models"
    det, rec = models / _DET_MODEL, models / _REC_MODEL
    if not (det.is_file() and rec.is_file()):
        raise OcrUnavailable("rapidocr's bundled models are missing")
    # RapidOCR logs every model path at INFO; nothing it logs names image content.
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR(
        params={
            "Global.log_level": "warning",
            # Screenshots are upright: the angle classifier would only cost time.
            "Global.use_cls": False,
            "Det.model_path": str(det),
            "Rec.model_path": str(rec),
            # The long side at most `ocr_long_side` already; "max" keeps detection there
            # instead of scaling a narrow phone screenshot up to a 736 px short side.
            "Det.limit_type": "max",
            "Det.limit_side_len": 960,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )

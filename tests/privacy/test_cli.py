"""run_scan / run_scan_jsonl: never print a secret; one JSON line per input, in order."""

from __future__ import annotations

import io
import json
import time

from privacy import PrivacyScanner
from privacy.cli import run_scan, run_scan_jsonl


class RecordingStream(io.StringIO):
    """A StringIO that remembers how much had been written at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed_at: list[int] = []

    def flush(self) -> None:
        self.flushed_at.append(len(self.getvalue()))
        super().flush()


def test_human_report_never_prints_the_secret(privacy_scanner: PrivacyScanner) -> None:
    out = io.StringIO()
    assert run_scan("my password is Hunter2!x and 验证码 482913", out, privacy_scanner) == 0
    report = out.getvalue()
    assert "Hunter2!x" not in report and "482913" not in report
    assert "PASSWORD" in report and "critical" in report and "VERIFICATION_CODE" in report
    assert "redacted: my password is [PASSWORD] and 验证码 [VERIFICATION_CODE]" in report


def test_human_report_for_clean_text(privacy_scanner: PrivacyScanner) -> None:
    out = io.StringIO()
    run_scan("gm everyone", out, privacy_scanner)
    assert out.getvalue() == "clean: 0 finding(s)\nredacted: gm everyone\n"


def test_jsonl_one_line_per_input_in_order(privacy_scanner: PrivacyScanner) -> None:
    lines = [
        {"id": 1, "text": "gm everyone"},
        {"id": "b", "text": "password: hunter2!"},
        {"id": None, "text": "UID 61401355"},
    ]
    stdin = io.StringIO("".join(json.dumps(line) + "\n" for line in lines))
    stdout = RecordingStream()
    assert run_scan_jsonl(stdin, stdout, privacy_scanner) == 0
    records = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert records == [
        {"id": 1, "private": False, "findings": []},
        {
            "id": "b",
            "private": True,
            "findings": [{"type": "PASSWORD", "start": 10, "end": 18, "score": 0.85}],
        },
        {
            "id": None,
            "private": True,
            "findings": [{"type": "ACCOUNT_ID", "start": 4, "end": 12, "score": 0.55}],
        },
    ]
    # Flushed after every line, so a consumer reading a pipe sees each answer at once.
    ends = [len(line) + 1 for line in stdout.getvalue().splitlines()]
    assert stdout.flushed_at == [sum(ends[: i + 1]) for i in range(len(ends))]


def test_jsonl_bad_lines_get_an_error_and_the_stream_goes_on(
    privacy_scanner: PrivacyScanner,
) -> None:
    stdin = io.StringIO(
        "not json\n"
        '{"id": 7}\n'
        '{"id": 8, "text": 42}\n'
        "[1, 2]\n"
        "\n"
        '{"id": 9, "text": "pw=S3cr3tValue"}\n'
    )
    stdout = io.StringIO()
    assert run_scan_jsonl(stdin, stdout, privacy_scanner) == 1
    records = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [r["id"] for r in records] == [None, 7, 8, None, 9]
    assert all("error" in r for r in records[:4])
    assert records[4]["private"] is True
    assert "S3cr3t" not in stdout.getvalue()


def test_jsonl_streams_a_thousand_lines_in_seconds(privacy_scanner: PrivacyScanner) -> None:
    texts = ["gm", "password: hunter2!", "提现审核要多久啊", "UID 61401355", "验证码 482913"]
    stdin = io.StringIO(
        "".join(json.dumps({"id": i, "text": texts[i % 5]}) + "\n" for i in range(1000))
    )
    stdout = io.StringIO()
    started = time.perf_counter()
    run_scan_jsonl(stdin, stdout, privacy_scanner)
    assert time.perf_counter() - started < 10
    assert len(stdout.getvalue().splitlines()) == 1000

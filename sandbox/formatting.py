"""parse_mode handling: turn HTML / MarkdownV2 / Markdown text into plain text plus entities.

Telegram strips the markup and answers 400 "can't parse entities" for malformed input; the
emulator does the same so formatting bugs show up in tests instead of in production.
"""

from __future__ import annotations

from html.parser import HTMLParser

from sandbox.errors import ApiError, bad_request
from sandbox.models import JSON
from sandbox.payloads import utf16_len

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")


def _parse_error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_formatted(text: str, parse_mode: str | None) -> tuple[str, list[JSON]]:
    """(plain text, entities) for `text` sent with `parse_mode` (None: unchanged)."""
    if not parse_mode:
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return _HtmlEntities(text).result()
    if mode == "markdownv2":
        return _parse_markdown(text, v2=True)
    if mode == "markdown":
        return _parse_markdown(text, v2=False)
    raise bad_request(f"unsupported parse_mode {parse_mode}")


class _HtmlEntities(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._source = source
        self._out: list[str] = []
        self._length = 0
        self._open: list[tuple[str, int, JSON]] = []
        self._entities: list[JSON] = []

    def result(self) -> tuple[str, list[JSON]]:
        self.feed(self._source)
        self.close()
        if self._open:
            raise _parse_error(
                f'can\'t find end tag corresponding to start tag "{self._open[-1][0]}"'
            )
        self._entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self._out), self._entities

    def _where(self) -> int:
        line, column = self.getpos()
        lines = self._source.split("\n")
        index = sum(len(part) + 1 for part in lines[: line - 1]) + column
        return _byte_offset(self._source, index)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = _HTML_TAGS.get(tag)
        values = dict(attrs)
        if kind is None or (tag == "span" and values.get("class") != "tg-spoiler"):
            raise _parse_error(f'Unsupported start tag "{tag}" at byte offset {self._where()}')
        extra: JSON = {}
        if tag == "a":
            href = values.get("href")
            if not href:
                raise _parse_error(f'Empty href in "a" tag at byte offset {self._where()}')
            extra["url"] = href
        if tag == "tg-emoji":
            extra["custom_emoji_id"] = values.get("emoji-id") or ""
        if tag == "code" and self._open and self._open[-1][0] == "pre":
            language = (values.get("class") or "").removeprefix("language-")
            if language:
                self._open[-1][2]["language"] = language
            self._open.append((tag, -1, {}))
            return
        self._open.append((tag, self._length, {"type": kind, **extra}))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            expected = f'"</{self._open[-1][0]}>"' if self._open else "no end tag"
            raise _parse_error(
                f"Unmatched end tag at byte offset {self._where()}, expected {expected}, "
                f'found "</{tag}>"'
            )
        _, start, entity = self._open.pop()
        if start >= 0 and self._length > start:
            self._entities.append({**entity, "offset": start, "length": self._length - start})

    def handle_data(self, data: str) -> None:
        self._out.append(data)
        self._length += utf16_len(data)


_MD_V2_MARKS = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
}
_MD_V1_MARKS = {"*": "bold", "_": "italic"}


def _parse_markdown(text: str, *, v2: bool) -> tuple[str, list[JSON]]:
    out: list[str] = []
    length = 0
    entities: list[JSON] = []
    open_marks: dict[str, tuple[int, int]] = {}
    marks = _MD_V2_MARKS if v2 else _MD_V1_MARKS
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and (v2 or text[i + 1] in "_*`["):
            out.append(text[i + 1])
            length += utf16_len(text[i + 1])
            i += 2
            continue
        if char == "`":
            fence = text.startswith("```", i)
            close = text.find("```" if fence else "`", i + (3 if fence else 1))
            if close < 0:
                raise _parse_error(_unclosed("Pre" if fence else "Code", text, i, v2))
            body = text[i + (3 if fence else 1) : close]
            entity: JSON = {"type": "pre" if fence else "code"}
            if fence and "\n" in body:
                language, body = body.split("\n", 1)
                if language.strip():
                    entity["language"] = language.strip()
            if v2:
                body = body.replace("\\`", "`").replace("\\\\", "\\")
            entities.append({**entity, "offset": length, "length": utf16_len(body)})
            out.append(body)
            length += utf16_len(body)
            i = close + (3 if fence else 1)
            continue
        if char == "[":
            close = text.find("](", i)
            end = text.find(")", close + 2) if close >= 0 else -1
            if close < 0 or end < 0:
                if not v2:
                    raise _parse_error(_unclosed("TextUrl", text, i, v2))
                raise _parse_error(_reserved(char))
            label, _ = _parse_markdown(text[i + 1 : close], v2=v2)
            entities.append(
                {
                    "type": "text_link",
                    "offset": length,
                    "length": utf16_len(label),
                    "url": text[close + 2 : end],
                }
            )
            out.append(label)
            length += utf16_len(label)
            i = end + 1
            continue
        mark = next(
            (m for m in sorted(marks, key=len, reverse=True) if text.startswith(m, i)), None
        )
        if mark is not None:
            if mark in open_marks:
                start, _ = open_marks.pop(mark)
                if length > start:
                    entities.append(
                        {"type": marks[mark], "offset": start, "length": length - start}
                    )
            else:
                open_marks[mark] = (length, i)
            i += len(mark)
            continue
        if v2 and char in _MDV2_RESERVED:
            raise _parse_error(_reserved(char))
        out.append(char)
        length += utf16_len(char)
        i += 1
    if open_marks:
        mark, (_, index) = next(iter(open_marks.items()))
        name = marks[mark].capitalize() if v2 else ""
        raise _parse_error(_unclosed(name, text, index, v2))
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _reserved(char: str) -> str:
    return f"Character '{char}' is reserved and must be escaped with the preceding '\\'"


def _unclosed(name: str, text: str, index: int, v2: bool) -> str:
    offset = _byte_offset(text, index)
    if v2:
        return f"Can't find end of {name} entity at byte offset {offset}"
    return f"Can't find end of the entity starting at byte offset {offset}"

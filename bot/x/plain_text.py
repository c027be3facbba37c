"""Announcement HTML (Telegram's subset) as the plain text an X post carries."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text"]


class _TextCollector(HTMLParser):
    """Keeps text, turns `<a href=URL>label</a>` into "label URL" and `<br>` into a newline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._links: list[tuple[str, int]] = []  # (href, where its label starts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.chunks.append("\n")
        elif tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.chunks)))

    def handle_endtag(self, tag: str) -> None:
        if tag != "a" or not self._links:
            return
        href, start = self._links.pop()
        label = "".join(self.chunks[start:]).strip()
        # X counts every link as 23 characters and shows it, so the URL must be in the text.
        if href and href != label and not href.startswith("tg://"):
            self.chunks.append(f" {href}" if label else href)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def html_to_text(html: str) -> str:
    """Strip the markup, keep link targets and line breaks, unescape entities."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = "".join(collector.chunks).splitlines()
    return "\n".join(line.rstrip() for line in lines).strip()

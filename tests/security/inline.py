"""What a strict Content Security Policy would refuse in a page's HTML."""

from __future__ import annotations

from html.parser import HTMLParser


class _Inline(HTMLParser):
    def __init__(self, nonce: str | None) -> None:
        super().__init__()
        self.nonce = nonce
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        line = self.getpos()[0]
        inline_script = tag == "script" and not named.get("src")
        if inline_script and (not self.nonce or named.get("nonce") != self.nonce):
            self.problems.append(f"line {line}: inline <script> without the page's nonce")
        if tag == "style" and (not self.nonce or named.get("nonce") != self.nonce):
            self.problems.append(f"line {line}: <style> without the page's nonce")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f'line {line}: style="{value}" on <{tag}>')
            if name.startswith("on"):
                self.problems.append(f"line {line}: {name}= handler on <{tag}>")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"line {line}: javascript: URL on <{tag}>")


def inline_problems(html: str, nonce: str | None) -> list[str]:
    """Each inline script, style block, style attribute or handler the policy would block."""
    parser = _Inline(nonce)
    parser.feed(html)
    return parser.problems

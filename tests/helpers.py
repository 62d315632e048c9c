"""What several test modules share: reading a page's HTML as elements, and asking the sandbox."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]  # an attribute without a value reads as ""
    parents: tuple["Element", ...] = ()
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text content, whitespace collapsed."""
        return " ".join("".join(self.parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def inside(self, tag: str, cls: str | None = None) -> bool:
        return any(p.tag == tag and (cls is None or cls in p.classes) for p in self.parents)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, tuple(self.open))
        self.found.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.found.append(Element(tag, {name: value or "" for name, value in attrs}, tuple(self.open)))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):  # an end tag closes what it implies was left open
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.parts.append(data)


def elements(html: str, tag: str | None = None, *, cls: str | None = None, **attrs: str | bool) -> list[Element]:
    """The page's elements in document order, of ``tag`` (any when None), having class ``cls``,
    and whose attributes match ``attrs`` (``aria_pressed="true"`` means ``aria-pressed``; True:
    present with any value, False: absent)."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    wanted = {name.replace("_", "-"): value for name, value in attrs.items()}

    def matches(element: Element) -> bool:
        if tag is not None and element.tag != tag or cls is not None and cls not in element.classes:
            return False
        for name, value in wanted.items():
            if value is True and name not in element.attrs or value is False and name in element.attrs:
                return False
            if not isinstance(value, bool) and element.attrs.get(name) != value:
                return False
        return True

    return [element for element in parser.found if matches(element)]


def element(html: str, tag: str | None = None, **kwargs) -> Element:
    """The one element matching (see ``elements``); fails when there is none or more than one."""
    found = elements(html, tag, **kwargs)
    assert len(found) == 1, f"{len(found)} elements match {tag} {kwargs}"
    return found[0]

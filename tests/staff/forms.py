"""Fill in an admin form the way a browser would: read the page, change some fields, post it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
                return
            self._add(name, a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            value = self.data[self._textarea][-1] + data
            # Browsers drop the newline Django puts after <textarea>.
            self.data[self._textarea][-1] = (
                value.removeprefix("\n") if not self.data[self._textarea][-1] else value
            )


def admin_form_data(html: str, **changes) -> dict:
    """The values the admin change/add form of `html` would submit, with `changes` applied."""
    reader = _FormReader()
    reader.feed(html)
    data = {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}
    data = {name: value for name, value in data.items() if value != []}
    data.update(changes)
    return data


def record_version(html: str) -> str:
    """The version a change form was opened at (its hidden `_record_version`), for tests that
    post a change form they build by hand."""
    return admin_form_data(html)["_record_version"]

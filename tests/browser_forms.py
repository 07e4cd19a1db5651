"""What a browser sends for a page's edit form: the tests post a page's form back as rendered."""

from html.parser import HTMLParser


class PostForm(HTMLParser):
    """What a browser sends for the page's edit form (the POST form that carries ``_version``)."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.current = []
            self.forms.append(self.current)
        if self.current is None:
            return
        name = attrs.get("name") if "disabled" not in attrs else None  # a browser sends no disabled field
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.current.append([name, attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")])
        elif tag == "select" and name:
            self.select = [name, "multiple" in attrs, [], None]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select[3] is None:
                self.select[3] = value
            if "selected" in attrs:
                self.select[2].append(value)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "select" and self.select is not None:
            name, multiple, chosen, first = self.select
            values = chosen if (chosen or multiple) else [first or ""]
            self.current.extend([name, value] for value in values)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.current.append([self.textarea[0], self.textarea[1].removeprefix("\n")])
            self.textarea = None
        elif tag == "form":
            self.current = None


def form_of(response) -> dict:
    parser = PostForm()
    parser.feed(response.content.decode())
    found = [form for form in parser.forms if any(name == "_version" for name, _value in form)]
    assert len(found) == 1, "the page has no edit form with a version"
    data = {}
    for name, value in found[0]:
        data.setdefault(name, []).append(value)
    return data

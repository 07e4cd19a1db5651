"""Our CSP (script-src 'self', style-src 'self') blocks inline code and inline styles; no template
may rely on them. Styles belong in static/css/portal.css, behaviour in static/js/."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

SCRIPT_BLOCK = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
DATA_SCRIPT = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)
RULES = {
    "inline <script> with content": None,  # checked with SCRIPT_BLOCK
    "event handler attribute (on…=)": re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL),
    "htmx hx-on (needs eval)": re.compile(r"\s(data-)?hx-on[\w:.-]*\s*=", re.IGNORECASE),
    "style= attribute": re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.IGNORECASE | re.DOTALL),
    "<style> block": re.compile(r"<style\b", re.IGNORECASE),
    "javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE),
}


def template_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    dirs = {base / "templates"}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if base in path.parents and not {".venv", "site-packages", "node_modules"} & set(path.parts):
            dirs.add(path / "templates")
    dirs |= {p for p in base.glob("*/templates") if ".venv" not in p.parts and "node_modules" not in p.parts}
    files = []
    for directory in sorted(dirs):
        files += [p for p in directory.rglob("*") if p.suffix in {".html", ".htm", ".txt", ".svg"} and p.is_file()]
    return sorted(files)


def problems_in(text: str) -> list[str]:
    found = []
    for attrs, body in SCRIPT_BLOCK.findall(text):
        if body.strip() and not DATA_SCRIPT.search(attrs):
            found.append("inline <script> with content")
    for label, pattern in RULES.items():
        if pattern is not None and pattern.search(text):
            found.append(label)
    return found


def test_checker_catches_what_it_should():
    assert problems_in("<script>alert(1)</script>") == ["inline <script> with content"]
    assert problems_in('<script src="/static/x.js" defer></script>') == []
    assert problems_in('<script type="application/json" id="d">{"a": 1}</script>') == []
    assert problems_in('<button onclick="go()">') == ["event handler attribute (on…=)"]
    assert problems_in('<div\n  class="a"\n  style="color: red">') == ["style= attribute"]
    assert problems_in('<div hx-on::after-request="x()">') == ["htmx hx-on (needs eval)"]
    assert problems_in('<a href="javascript:void(0)">') == ["javascript: URL"]
    assert problems_in('<p>Bel ons online = snel</p><a data-confirm="x">') == []


def test_no_inline_scripts_handlers_or_styles_in_templates():
    files = template_files()
    assert any(p.name == "base.html" for p in files)
    offenders = [f"{p.relative_to(settings.BASE_DIR)}: {', '.join(problems)}"
                 for p in files if (problems := problems_in(p.read_text(encoding="utf-8")))]
    assert not offenders, "Move these to static/css/portal.css or static/js/:\n" + "\n".join(offenders)


def test_htmx_is_configured_for_our_csp():
    """htmx would inject an indicator <style> and may eval hx-on/js: expressions; both break
    under (or would need to weaken) our CSP, so base.html switches them off."""
    import json

    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text(encoding="utf-8")
    match = re.search(r"""<meta name="htmx-config" content='([^']*)'""", base)
    assert match, "base.html lost its htmx-config meta tag"
    config = json.loads(match.group(1))
    assert config.get("includeIndicatorStyles") is False
    assert config.get("allowEval") is False
    assert config.get("allowScriptTags") is False

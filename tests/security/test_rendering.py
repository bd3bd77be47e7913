"""Every HTML → PDF render goes through the one renderer (joinedup/reports/pdf.py), whose URL
fetcher loads only our own static files; and no template marks user text as safe."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDERER = ROOT / "joinedup" / "reports" / "pdf.py"
SOURCE_ROOTS = ("joinedup", "config", "bench", "tests", "scripts")
SKIPPED = {"node_modules", "site-packages", "__pycache__", "build", "dist"}
WEASYPRINT = re.compile(
    r"^\s*(from\s+weasyprint\b|import\s+weasyprint\b)|import_module\(\s*['\"]weasyprint",
    re.MULTILINE,
)


def _sources(suffix: str) -> list[Path]:
    """Our own files: the source folders and the files at the top of the checkout."""
    found = list(ROOT.glob(f"*{suffix}"))
    for top in SOURCE_ROOTS:
        for path in (ROOT / top).rglob(f"*{suffix}"):
            if not SKIPPED.intersection(path.relative_to(ROOT).parts):
                found.append(path)
    return found


def test_it_imports_weasyprint_only_in_the_one_renderer() -> None:
    sources = _sources(".py")
    importers = [p for p in sources if WEASYPRINT.search(p.read_text(encoding="utf-8"))]

    assert RENDERER in sources and len(sources) > 100
    assert importers == [RENDERER], "render HTML to PDF with joinedup.reports.pdf"


def test_it_marks_no_template_text_safe() -> None:
    templates = [p for p in _sources(".html") + _sources(".css") if "templates" in p.parts]
    marked = [p for p in templates if "|safe" in p.read_text(encoding="utf-8").replace(" ", "")]

    assert templates and marked == []

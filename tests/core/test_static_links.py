"""Every stylesheet, script and icon a template links with {% static %} exists, and the pages as
served link the design system's CSS before our own: a renamed or forgotten file fails here, not on a
user's screen without styles."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

ROOT = Path(settings.BASE_DIR) / "openverzuim"
STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def test_every_static_file_a_template_names_exists():
    named = {
        (template.relative_to(ROOT), path)
        for template in ROOT.rglob("templates/**/*.html")
        for path in STATIC_TAG.findall(template.read_text())
    }
    assert any(path == "vendor/utrecht/components.css" for _, path in named)
    missing = sorted((str(t), p) for t, p in named if not finders.find(p))
    assert not missing, missing


def test_the_pages_link_the_design_system_then_the_theme_then_our_layout(client, anna):
    for url, person in ((reverse("login"), None), (reverse("cases:worklist"), anna)):
        if person:
            client.force_login(person)
        html = client.get(url).content.decode()
        links = STYLESHEET.findall(html)
        names = [link.removeprefix(settings.STATIC_URL) for link in links]
        assert names[:4] == [
            "vendor/utrecht/tokens.css",
            "vendor/utrecht/components.css",
            "core/theme.css",
            "core/site.css",
        ], (url, names)
        for name in names:
            assert finders.find(name), (url, name)
        assert 'class="utrecht-document voorbeeld-theme openverzuim-theme"' in html


def test_the_vendored_css_carries_its_licence_and_version():
    vendor = ROOT / "core" / "static" / "vendor" / "utrecht"
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (vendor / "LICENCE-EUPL-1.2.md").read_text()
    version = (vendor / "VERSION").read_text()
    assert "@utrecht/component-library-css 9.0.4" in version
    assert "voorbeeld-design-tokens 7.4.1" in version
    lock = (Path(settings.BASE_DIR) / "assets" / "package-lock.json").read_text()
    assert '"@utrecht/component-library-css": "9.0.4"' in lock


def test_every_design_system_class_a_template_uses_is_in_the_built_css():
    """scripts/build-assets copies only the components we use: a class from a component it does not
    copy would style nothing."""
    css = (ROOT / "core" / "static" / "vendor" / "utrecht" / "components.css").read_text()
    used = {
        name
        for template in ROOT.rglob("templates/**/*.html")
        for name in re.findall(r"\butrecht-[a-z0-9_-]+\b", template.read_text())
    }
    assert {"utrecht-button", "utrecht-page-header", "utrecht-html"} <= used
    missing = sorted(name for name in used if f".{name}" not in css)
    assert not missing, missing

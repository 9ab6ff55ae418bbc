"""Macros for trusted pages (home, over ons, leren): live figures, the map of the cases and contact details.

They read the index of the build the adapter made in `on_config`;
contributed case pages never render macros.
"""

from __future__ import annotations

from html import escape
from typing import Any

from kennisbank.build import CONFIG_KEY, SiteBuild
from kennisbank.pages.inputs import region_map
from kennisbank.pages.parts import case_list
from kennisbank.pages.region_map import region_map_html


def define_env(env: Any) -> None:
    """Register variables and macros; called by mkdocs-macros after the adapter's on_config."""
    build: SiteBuild = env.conf["extra"][CONFIG_KEY]
    index, contact = build.index, build.contact
    env.variables["contact"] = contact
    env.variables["cijfers"] = {
        "casussen": len(index.cases),
        "themas": len(index.by_theme),
        "gebieden": len(index.by_region),
        "modules": len(index.modules),
        "lessen": len(index.lessons),
        "begrippen": len(index.content.glossary),
    }

    def nieuwste_casussen(aantal: int = 5) -> str:
        """The most recently updated cases, as a list linked from the calling page."""
        return case_list(env.page.url, index.newest_cases(aantal), index.taxonomy)

    def kaart() -> str:
        """The map of where the cases are, per region, linked from the calling page."""
        return region_map_html(env.page.url, region_map(index))

    def contactblok() -> str:
        """Contact details as HTML, from the one data file."""
        return (
            '<div class="kb-contact">'
            f"<p><strong>{escape(contact['naam'])}</strong><br>Secretariaat: {escape(contact['adres']['straat'])}, "
            f"{escape(contact['adres']['postcode'])} {escape(contact['adres']['plaats'])}<br>"
            f'Telefoon: <a href="tel:{escape(contact["telefoon_link"])}">{escape(contact["telefoon"])}</a><br>'
            f'Algemeen: <a href="mailto:{escape(contact["email_secretariaat"])}">{escape(contact["email_secretariaat"])}</a><br>'
            f'Bestuur: <a href="mailto:{escape(contact["email_bestuur"])}">{escape(contact["email_bestuur"])}</a></p>'
            "</div>"
        )

    env.macro(nieuwste_casussen)
    env.macro(kaart)
    env.macro(contactblok)

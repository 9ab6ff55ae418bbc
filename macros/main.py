"""Macros for trusted pages (home, over ons, leren): live figures, the map of the cases, contact details, and the lists of
modules and learning routes with the reader's progress.

They read the index of the build the adapter made in `on_config`;
contributed case pages never render macros.
"""

from __future__ import annotations

from html import escape
from typing import Any

from kennisbank.build import CONFIG_KEY, SiteBuild
from kennisbank.pages.inputs import region_map, route_page
from kennisbank.pages.parts import case_list
from kennisbank.pages.progress import module_list, progress_controls
from kennisbank.pages.region_map import region_map_html
from kennisbank.pages.route_page import route_list


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
        "leerroutes": len(index.routes),
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

    def modules() -> str:
        """Every module with its summary and the reader's progress ('2 van 5 lessen gedaan')."""
        return module_list(env.page.url, index)

    def leerroutes() -> str:
        """Every learning route with its summary and the reader's progress."""
        return route_list(env.page.url, (route_page(route, index) for route in index.routes.values()))

    def voortgang_beheer() -> str:
        """Save progress to a file, restore it from one, or start again (page 'Je voortgang')."""
        return progress_controls()

    env.macro(nieuwste_casussen)
    env.macro(modules)
    env.macro(leerroutes)
    env.macro(voortgang_beheer)
    env.macro(kaart)
    env.macro(contactblok)

"""The form 'Casus aandragen' from one source, on GitHub and on the site ("Deel jouw initiatief").

The schema, the GitHub issue form and the form on the site say the same; the
browser and `kennisbank from-issue` judge the same bad answers with the same
Dutch messages; and a person who fills in the form on the site gets, by each
of the three ways to send, a text that the editors' tool turns into the same
valid case, which builds.
"""

from __future__ import annotations

import email.policy
import json
import subprocess
import sys
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from kennisbank.content.loader import load_content
from kennisbank.content.schema import case_schema
from kennisbank.content.taxonomy import load_taxonomy
from kennisbank.contribute.case_form import (
    CHOICE,
    CHOICES,
    CONSENT,
    FORM_FILE,
    TYPED,
    YES_NO,
    CaseForm,
    case_form,
    issue_body,
    issue_form_yaml,
)
from kennisbank.contribute.case_template import learning_refs
from kennisbank.contribute.issue_form import convert
from kennisbank.pages.case_form_page import DRAFT_KEY, GITHUB_LIMIT, GITHUB_SIGN_IN, MAIL_LIMIT_WINDOWS

from tests.conftest import ROOT, copy_content, mkdocs_build
from tests.site_pages import VIEWPORTS, screenshot

KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
PAGE = "bijdragen/casus-aandragen/"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"


def real_form() -> CaseForm:
    return case_form(load_taxonomy(ROOT / "data/taxonomie.yml", ROOT))


FORM = real_form()
REF = learning_refs(ROOT)[0]
VALID: dict[str, Any] = {
    "titel": "Buurtbus Het Zwaantje",
    "samenvatting": "Vrijwilligers rijden een buurtbus tussen drie dorpen en het station, voor wie geen auto heeft.",
    "themas": ["mobiliteit", "leefbaarheid"],
    "gebied": "achterhoek",
    "plaats": "Zelhem",
    "startjaar": "2019",
    "rechtsvorm": "vereniging",
    "fase": "actief",
    "leden": "1.250",
    "partners": "De gemeente — Overheid\nVervoersbedrijf Oost — Bedrijf",
    "waardecasus_behoefte": "De gewone bus reed niet meer door de dorpen. Ouderen kwamen niet meer bij de huisarts.",
    "waardecasus_waarde_sociaal": "Chauffeurs en reizigers kennen elkaar; niemand zit meer alleen thuis.",
    "waardecasus_waarde_economisch": "",
    "waardecasus_waarde_ecologisch": 'Minder losse autoritten: "samen rijden" spaart brandstof.',
    "waardecasus_voor_wie": "ouderen zonder auto\njongeren die naar school gaan",
    "borging_intern": "Een ledenvergadering kiest elk jaar het bestuur en de planners.",
    "borging_extern": "Een contract van vijf jaar met de gemeente over de bus en de verzekering.",
    "resultaten": "- elke werkdag vier ritten\n- dertig vrijwillige chauffeurs",
    "geleerde_lessen": "Regel de verzekering voordat de eerste rit begint.",
    "verhaal": "Het begon op een dorpsavond in 2019.\n\n## Hoe het nu gaat\n\nDe bus rijdt elke werkdag, ook in de vakanties.",
    "bronnen": "Website van de buurtbus — https://example.org/buurtbus",
    "contact_naam": "Het bestuur",
    "contact_email": "info@example.org",
    "contact_website": "https://example.org/",
    "voorbeeld": "Nee, het is een voorbeeld ter illustratie",
    "toestemming": True,
}
SLUG = "buurtbus-het-zwaantje"


# ---------------------------------------------------------------- one source


def test_the_issue_form_on_github_is_made_from_the_schema() -> None:
    committed = (ROOT / FORM_FILE).read_text(encoding="utf-8")
    assert committed == issue_form_yaml(FORM), f"{FORM_FILE} loopt achter op het inhoudsmodel: draai '.venv/bin/kennisbank issue-form'"
    document = yaml.safe_load(committed)
    ids = [element["id"] for element in document["body"] if "id" in element]
    assert ids == [question.id for question in FORM.questions]
    assert len(set(ids)) == len(ids), "GitHub wants every id once"


def test_every_field_is_asked_or_left_to_the_editors() -> None:
    schema = case_schema(load_taxonomy(ROOT / "data/taxonomie.yml", ROOT))
    asked = {question.path for question in FORM.questions if question.path}

    def leaves(node: dict[str, Any], path: tuple[str, ...]) -> list[tuple[str, ...]]:
        found: list[tuple[str, ...]] = []
        for name, field in node["properties"].items():
            if field.get("x-niet-gevraagd"):
                continue
            found += leaves(field, (*path, name)) if field.get("type") == "object" else [(*path, name)]
        return found

    assert set(leaves(schema, ())) == asked
    not_asked = {name for name, field in schema["properties"].items() if field.get("x-niet-gevraagd")}
    assert {"leren", "geverifieerd", "bijgewerkt"} <= not_asked
    assert [q.id for q in FORM.questions][-1] == "toestemming"
    assert FORM.questions[[q.id for q in FORM.questions].index("geleerde_lessen") + 1].id == "verhaal"


def test_a_new_theme_and_region_appear_in_both_forms_and_the_converter(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    taxonomy = root / "data/taxonomie.yml"
    text = taxonomy.read_text(encoding="utf-8")
    text = text.replace(
        "\ngebieden:\n",
        "  sport:\n    label: Sport en bewegen\n    omschrijving: Dit thema gaat over samen sporten en bewegen in de buurt.\n\ngebieden:\n",
    )
    region = (
        "  veluwe:\n    label: Veluwe\n    omschrijving: Het bosrijke midden van Gelderland, met dorpen tussen de heide en de bossen.\n"
        "    breedtegraad: 52.2\n    lengtegraad: 5.85\n"
    )
    text = text.replace("\nrechtsvormen:\n", f"\n{region}\nrechtsvormen:\n", 1)
    taxonomy.write_text(text, encoding="utf-8")
    written = subprocess.run([KENNISBANK, "--root", str(root), "issue-form"], capture_output=True, text=True, check=False, timeout=60)
    assert written.returncode == 0, written.stderr
    issue_form = yaml.safe_load((root / FORM_FILE).read_text(encoding="utf-8"))
    options = {element["id"]: element["attributes"].get("options") for element in issue_form["body"] if "id" in element}
    assert "Sport en bewegen" in options["themas"] and "Veluwe" in options["gebied"]
    answers = {**VALID, "themas": ["sport"], "gebied": "veluwe"}
    result = convert(issue_body(case_form(load_taxonomy(taxonomy, root)), answers), root, root / "cases", [REF])
    assert result.problems == []
    assert (result.meta["themas"], result.meta["gebied"]) == (["sport"], "veluwe")
    built = mkdocs_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert 'name="themas" value="sport"' in page and "Sport en bewegen" in page
    assert 'name="gebied" value="veluwe"' in page and "Veluwe" in page


# ---------------------------------------------------------------- the form on the site, in a browser


def fill(page: Any, answers: dict[str, Any]) -> None:
    """Answer every question as a person does: type in the boxes, tick the choices."""
    for question in FORM.questions:
        value = answers.get(question.id)
        if question.kind in (CHOICE, YES_NO):
            page.evaluate("name => document.querySelectorAll(`input[name='${name}']`).forEach(box => { box.checked = false; })", question.id)
            if value:
                page.locator(f'input[name="{question.id}"][value="{value}"]').check()
        elif question.kind in (CHOICES, CONSENT):
            for box in page.locator(f'input[name="{question.id}"]').all():
                box.set_checked(bool(value) if question.kind == CONSENT else box.get_attribute("value") in (value or []))
        else:
            page.locator(f"#kb-v-{question.id}").fill(value or "")


def summary(page: Any) -> list[str]:
    """The problems the browser lists at the top after 'Controleer en bekijk je casus', as 'label: message'."""
    page.get_by_role("button", name="Controleer en bekijk je casus").click()
    if page.locator("#kb-fouten").is_hidden():
        return []
    return [text.strip() for text in page.locator("#kb-fouten-lijst li").all_inner_texts()]


def from_issue_problems(answers: dict[str, Any]) -> list[str]:
    """What `kennisbank from-issue` says of the same answers, as GitHub would write them into an issue."""
    return [str(problem) for problem in convert(issue_body(FORM, answers), ROOT, ROOT / "cases", [REF]).problems]


def lines(count: int, text: str) -> str:
    return "\n".join(f"{text} {n}" for n in range(1, count + 1))


# Each scenario changes the valid answers; the browser and the converter must name the same problems with the same words.
BAD_ANSWERS: dict[str, dict[str, Any]] = {
    "geldig": {},
    "naam te kort": {"titel": "Abc"},
    "naam met html": {"titel": "<b>Buurtbus</b> Het Zwaantje"},
    "naam gereserveerd": {"titel": "Alle..."},
    "naam zonder letters": {"titel": "!!!!!"},
    "samenvatting te kort": {"samenvatting": "Kort."},
    "samenvatting geen zin": {"samenvatting": "Vrijwilligers rijden een buurtbus tussen drie dorpen (en het station)"},
    "samenvatting sjablooncode": {"samenvatting": "Vrijwilligers {{ rijden }} een buurtbus tussen drie dorpen."},
    "geen thema": {"themas": []},
    "vijf themas": {"themas": ["energie", "zorg", "wonen", "voedsel", "mobiliteit"]},
    "geen gebied en fase": {"gebied": "", "fase": ""},
    "plaats onzichtbaar teken": {"plaats": "Zel\u200bhem"},
    "startjaar te vroeg": {"startjaar": "1850"},
    "startjaar geen getal": {"startjaar": "tweeduizend"},
    "leden heel groot": {"leden": "99999999999999999999"},
    "leden met punten": {"leden": "1.2.3"},
    "partner zonder soort": {"partners": "De gemeente\nBuurman — Bedrjf"},
    "partner onbekende soort": {"partners": "De gemeente — Gemeente"},
    "bron zonder adres": {"bronnen": "Website van de buurtbus — https://…"},
    "bron zonder streep": {"bronnen": "alleen een titel"},
    "geen waarde": {"waardecasus_waarde_sociaal": "", "waardecasus_waarde_ecologisch": ""},
    "waarde met html": {"waardecasus_waarde_sociaal": "Samen <i>sterk</i>", "waardecasus_waarde_ecologisch": ""},
    "resultaat te lang": {"resultaten": "kort\n" + "x" * 601},
    "te veel resultaten": {"resultaten": lines(21, "resultaat")},
    "contact": {"contact_email": "info-at-example", "contact_website": "www.example.org"},
    "verhaal met grote kop": {"verhaal": "# Buurtbus\n\nHet begon op een dorpsavond."},
    "verhaal onderstreepte kop": {"verhaal": "Buurtbus\n========\n\nHet begon op een dorpsavond."},
    "verhaal met javascript": {"verhaal": "Lees [meer](javascript:alert(1))."},
    "verhaal te lang": {"verhaal": ("Een lange zin over de bus. " * 3100).strip()},
    "verhaal te veel kopjes": {"verhaal": "\n\n".join(f"## Kopje {n}\n\nTekst." for n in range(51))},
    "verhaal te veel nadruk": {"verhaal": "Dit is *heel* " * 51},
    "verhaal te veel codeblokken": {"verhaal": "\n\n".join("```\nrooster\n```" for _ in range(21))},
    "verhaal te veel voetnoten": {"verhaal": "Tekst.\n\n" + "\n".join(f"[^{n}]: Bron {n}." for n in range(51))},
    "verhaal met kopje van het formulier": {"verhaal": "Het begon op een dorpsavond.\n\n### Fase\n\nActief"},
    "verhaal met los webadres": {"verhaal": "Het begon op een dorpsavond. Zie [onze site](www.buurtbus.nl) voor meer."},
    "verhaal met anker": {"verhaal": "Het begon.\n\n[Lees verder](#hoe-het-nu-gaat)\n\n## Hoe het nu gaat\n\nGoed."},
    "verhaal met ankercode": {"verhaal": "Het begon.\n\n## Kopje {: #__drawer }\n\nTekst."},
    "verhaal met verstopte scriptlinks": {"verhaal": "Het begon.\n\n[x]: javascript&#58;alert(1)\n\n[daar](jav&#x61;script:alert(1))"},
    "verhaal met afbeelding van elders": {"verhaal": "Kijk: ![de bus](https://evil.example/track.png)"},
    "verhaal met afbeelding": {"verhaal": "![de bus](bus.png) ![](https://evil.example/x.png)\n\n![de bus][1]\n\n[1]: https://example.org/a.png"},
    "verhaal met anker uit het thema": {"verhaal": "Het begon.\n\n## kb-stap\n\nTekst."},
    "verhaal met scriptlink na letter": {"verhaal": "Lees éjavascript: niet."},
    "verhaal met verborgen tekst": {"verhaal": "Het begon\U000e0041\U000e0042 op een dorpsavond."},
    "verhaal met regelscheiding in kopje": {"verhaal": "Het begon op een dorpsavond.\n\n### Fase\u2028\n\nActief"},
    "naam met bom": {"titel": "Buurt\ufeffbus Het Zwaantje"},
    "naam met bom vooraan": {"titel": "\ufeffBuurtbus Het Zwaantje"},
    "naam met volgende-regelteken": {"titel": "Buurt\x85bus Het Zwaantje"},
    "naam zoals github leeg": {"titel": "_No response_"},
    "startjaar brede cijfers": {"startjaar": "２０１９"},
    "website met haken": {"contact_website": "https://x[a.b]/"},
    "website met tekenreeks": {"contact_website": "https://a.example\u2100b/"},
    "bron met haken": {"bronnen": "Site — https://x[a.b]/"},
    "verhaal met hashtag vooraan": {"verhaal": "Het begon op een dorpsavond.\n#buurtbus #samenwerken\n\nDe bus rijdt elke dag."},
    "verhaal met kopje zonder spatie": {"verhaal": "Het begon.\n\n##kb-stap\n\nTekst.\n\n##__drawer\n\nMeer."},
    "verhaal met korte afbeelding": {"verhaal": "De bus reed al 10.000 km![1]\n\n[1]: https://www.example.org/artikel"},
    "verhaal met accolades": {"verhaal": "De bus rijdt niet op zondag.\n{Let op}\n\n## Belangrijk {Let op}\n\nTekst."},
    "verhaal met anker zonder dubbele punt": {"verhaal": "Het begon.\n\n## Kop {id=kb-stap}\n\nDit is *belangrijk*{id=kb-y} voor ons."},
    "verhaal met onderstreept kopje van de site": {"verhaal": "Het begon.\n\nkb-stap\n-------\n\nTekst."},
    "verhaal met tekencode in kopje": {"verhaal": "Het begon.\n\n## &#107;b-stap\n\nTekst.\n\n## &#95;_drawer\n\nMeer."},
    "verhaal met casus in hoofdletters": {"verhaal": "Het begon. Lees [Zonnedijk](Zonnedijk-Energie.md)."},
    "verhaal met vlag van tekens": {"verhaal": "Gasten uit Engeland \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f."},
    "geen toestemming": {"toestemming": False},
    "niets ingevuld": {q.id: ([] if q.kind == CHOICES else False if q.kind == CONSENT else "") for q in FORM.questions},
}


# Answers that both accept: ordinary Dutch and the emoji people type.
GOOD_ANSWERS: dict[str, dict[str, Any]] = {
    "geldig": {},
    "data als meervoud van datum": {"verhaal": "We spraken af op twee data: 3 mei en 5 juni.", "resultaten": "- twee data: 3 mei en 5 juni"},
    "emoji met verbinder": {"verhaal": "Boeren 👩\u200d🌾 en bakkers 👨🏽\u200d🍳 samen ❤\ufe0f.", "plaats": "Zelhem 🚌"},
    "link naar een website": {"verhaal": "Het begon. Zie [onze site](https://example.org/bus) of [mail ons](mailto:info@example.org)."},
    "link naar een andere casus": {"verhaal": "Het begon. Lees ook [de casus over Zonnedijk](zonnedijk-energie.md)."},
    "link naar een deel van een andere casus": {"verhaal": "Het begon. Lees ook [hoe het begon](samen-oud-zorg.md#hoe-het-begon)."},
    "voetnoot": {"verhaal": "Het begon op een dorpsavond[^1].\n\n[^1]: Volgens het jaarverslag van 2020."},
    "regel met haken en dubbele punt": {"verhaal": "Het begon.\n\n[LET OP]: de bus rijdt niet op zondag.\n\n[Update 2023]: we hebben nu 300 leden."},
    "onderstreept kopje": {"verhaal": "Het begon.\n\nHoe het nu gaat\n---------------\n\nDe bus rijdt.\n\n- een lijst\n- met streepjes"},
    "vet kopje": {"verhaal": "Het begon.\n\n## __Resultaten__\n\nTekst."},
    "accolades midden in een zin": {"verhaal": "Zet ${HOME} en {dit} gewoon in de tekst, want het blijft tekst."},
    "data als data": {"verhaal": "Data: ma/di, wo/do om 19.00 uur.", "resultaten": "Data: jan/feb, en later"},
    "andere schriften": {
        "verhaal": (
            "Onze Iraanse buren noemen het \u0647\u0645\u200c\u06cc\u0627\u0631\u06cc. "
            "Met vrijwilligers uit \u0dc1\u0dca\u200d\u0dbb\u0dd3 \u0dbd\u0d82\u0d9a\u0dcf."
        ),
        "contact_naam": "Fatima \u200f\u0641\u0627\u0637\u0645\u0629\u200f",
    },
    "emoji met pijl": {"verhaal": "Eerst zei de gemeente nee \U0001f642\u200d\u2194\ufe0f."},
}


@pytest.mark.browser
def test_the_browser_and_the_converter_say_the_same_of_the_same_answers(chromium: Any, site_url: str) -> None:
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{PAGE}")
    different = {}
    for name, change in {**BAD_ANSWERS, **GOOD_ANSWERS}.items():
        answers = {**VALID, **change}
        fill(page, answers)
        in_browser, converted = sorted(summary(page)), sorted(from_issue_problems(answers))
        if in_browser != converted:
            different[name] = {"browser": in_browser, "from-issue": converted}
        assert (name in GOOD_ANSWERS) == (not converted), f"{name}: {converted}"
    page.close()
    assert errors == []
    assert different == {}, json.dumps(different, ensure_ascii=False, indent=1)


@pytest.mark.browser
def test_the_site_form_asks_what_the_issue_form_asks(chromium: Any, site_url: str) -> None:
    page = chromium.new_page()
    page.goto(f"{site_url}{PAGE}")
    shown = page.evaluate(
        """ids => ids.map(id => {
            const field = document.getElementById(`kb-v-${id}`);
            const label = field.tagName === 'FIELDSET' ? field.querySelector('legend') : document.querySelector(`label[for="kb-v-${id}"]`);
            const help = document.getElementById(`kb-v-${id}-uitleg`);
            const options = [...document.querySelectorAll(`input[name="${id}"]:not([type=text])`)].map(box => box.labels[0].textContent);
            return [id, label.textContent.replace(' (verplicht)', ''), help ? help.innerText : '', options, label.textContent.endsWith('(verplicht)')];
        })""",
        [question.id for question in FORM.questions],
    )
    page.close()
    github = {element["id"]: element for element in yaml.safe_load((ROOT / FORM_FILE).read_text(encoding="utf-8"))["body"] if "id" in element}
    for element_id, label, help_text, options, required in shown:
        attributes = github[element_id]["attributes"]
        assert label == attributes["label"]
        assert help_text == attributes.get("description", ""), element_id
        if "options" in attributes:
            assert options == [option if isinstance(option, str) else option["label"] for option in attributes["options"]]
        assert required == (github[element_id].get("validations", {}).get("required", False) or element_id == "toestemming"), element_id


def github_issue_text(address: str, choices: dict[str, Any]) -> str:
    """The issue GitHub would make from the prefilled link: its text fields from the address, the choices made there by hand."""
    query = parse_qs(urlsplit(address).query)
    answers = {q.id: query.get(q.id, [""])[0] for q in FORM.questions if q.kind in TYPED}
    return issue_body(FORM, {**answers, **choices, "toestemming": True})


def convert_file(root: Path, text: str | bytes, name: str, folder: Path) -> str:
    """`kennisbank from-issue FILE --out FOLDER/uit`, as an editor runs it; returns the case file it made."""
    folder.mkdir(parents=True, exist_ok=True)
    source, out = folder / name, folder / "uit"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = subprocess.run(
        [KENNISBANK, "--root", str(root), "from-issue", str(source), "--leren", REF, "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, f"{name}: {result.stderr}"
    return (out / f"{SLUG}.md").read_text(encoding="utf-8")


def saved_mail(body: str, subject: str, *, attachment: str | None = None) -> bytes:
    """The e-mail the editors receive and save as .eml, as a mail program writes it (quoted-printable)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Iemand <iemand@example.org>"
    message["To"] = "info@decooperatievesamenleving.nl"
    message["Subject"] = subject
    message.set_content(body, cte="quoted-printable")
    if attachment is not None:
        message.add_attachment(attachment, subtype="plain", filename=f"casus-{SLUG}.txt")
    return message.as_bytes()


MISTAKES = {**VALID, "titel": "Abc", "startjaar": "18a0", "themas": []}


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_person_shares_a_case_from_the_site(chromium: Any, site_url: str, tmp_path: Path, viewport: str) -> None:
    context = chromium.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{PAGE}")

    # Mistakes: the Dutch messages at the top, each a link to its question, and beside the question.
    fill(page, MISTAKES)
    found = summary(page)
    assert "Naam van het initiatief: is te kort: minstens 5 tekens, gevonden 3" in found
    assert "Startjaar: '18a0' is geen getal; schrijf alleen cijfers, zoals 2016" in found
    assert "Thema's: is verplicht, maar niet ingevuld" in found
    assert page.evaluate("document.activeElement.id") == "kb-fouten"
    title = page.locator("#kb-v-titel")
    assert page.locator("#kb-v-titel-fout").text_content() == "Fout: Is te kort: minstens 5 tekens, gevonden 3"  # 'Fout: ' for screen readers
    assert title.get_attribute("aria-invalid") == "true"
    assert "kb-v-titel-fout" in (title.get_attribute("aria-describedby") or "").split()
    assert "kb-v-themas-fout" in (page.locator("#kb-v-themas").get_attribute("aria-describedby") or "").split()
    screenshot(page, f"aandragen-{viewport}-1-fouten")
    page.get_by_role("link", name="Startjaar: '18a0' is geen getal").click()
    assert page.evaluate("document.activeElement.id") == "kb-v-startjaar"

    # Corrected while typing: a message goes as soon as the answer is right.
    title.fill(VALID["titel"])
    assert page.locator("#kb-v-titel-fout").is_hidden()
    assert title.get_attribute("aria-invalid") is None
    page.locator("#kb-v-startjaar").fill(VALID["startjaar"])
    page.locator('input[name="themas"][value="mobiliteit"]').check()
    page.locator('input[name="themas"][value="leefbaarheid"]').check()
    page.locator("#kb-v-plaats").fill("")
    page.locator("#kb-v-plaats").blur()
    assert page.locator("#kb-v-plaats-fout").is_hidden(), "an empty question is only called missing on checking the form"
    page.locator("#kb-v-plaats").fill(VALID["plaats"])

    # Leave and come back later, in a new tab: the draft is there, on this device only.
    page.goto(f"{site_url}casussen/")
    page.close()
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{PAGE}")
    page.wait_for_function("document.getElementById('kb-concept').textContent.includes('teruggezet')")
    assert page.locator("#kb-v-titel").input_value() == VALID["titel"]
    assert page.locator('input[name="themas"][value="mobiliteit"]').is_checked()
    assert page.locator("#kb-v-verhaal").input_value() == VALID["verhaal"]
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", DRAFT_KEY))
    assert stored["antwoorden"]["plaats"] == VALID["plaats"]
    assert page.context.cookies() == []

    # The preview: the card and the story, as text.
    assert summary(page) == []
    preview = page.locator("#kb-voorbeeld")
    assert page.evaluate("document.activeElement.id") == "kb-voorbeeld-kop"
    card = preview.locator(".kb-card").inner_text()
    for shown in ("Mobiliteit, Leefbaarheid", "Achterhoek", "Zelhem", "2019", "Vereniging", "Actief", "1.250", "Voorbeeld"):
        assert shown in card
    assert preview.locator("h3").first.inner_text() == VALID["titel"]
    assert "## Hoe het nu gaat" in preview.inner_text(), "the story is shown as text, not as HTML"
    screenshot(page, f"aandragen-{viewport}-2-voorbeeld")

    # Three ways to send, each one text; the editors' tool makes the same case of each.
    text = issue_body(FORM, VALID)
    github = page.locator("#kb-github").get_attribute("href") or ""
    assert github.startswith("https://github.com/decooperatievesamenleving/kennisbank/issues/new?")
    query = parse_qs(urlsplit(github).query)
    assert query["template"] == ["casus-aandragen.yml"] and query["title"] == [f"Casus: {VALID['titel']}"]
    assert not {"themas", "gebied", "voorbeeld", "toestemming"} & set(query), "GitHub fills in no dropdowns from a link"
    assert len(GITHUB_SIGN_IN + github) < GITHUB_LIMIT
    note = page.locator("#kb-github-melding").inner_text()
    assert "Thema's: Mobiliteit, Leefbaarheid" in note and "Is dit een bestaand initiatief?: Nee, het is een voorbeeld ter illustratie" in note
    choices = {q.id: VALID[q.id] for q in FORM.questions if q.kind in (CHOICE, CHOICES, YES_NO)}
    mail = page.locator("#kb-mail").get_attribute("href") or ""
    assert mail.startswith("mailto:info@decooperatievesamenleving.nl?")
    assert page.locator("#kb-mail").get_attribute("data-hele-casus") == "true"
    mail_query = dict(part.split("=", 1) for part in urlsplit(mail).query.split("&"))
    assert unquote(mail_query["subject"]) == f"Casus: {VALID['titel']}"
    mailed = unquote(mail_query["body"])
    assert mailed == text.replace("\n", "\r\n")
    with page.expect_download() as download:
        page.locator("#kb-bestand").click()
    assert download.value.suggested_filename == f"casus-{SLUG}.txt"
    downloaded = Path(download.value.path()).read_text(encoding="utf-8")
    assert downloaded == text, "the file holds exactly the text of the issue form"
    assert "Dan kun je je antwoorden wissen" in page.locator("#kb-verstuurd").inner_text()
    screenshot(page, f"aandragen-{viewport}-3-versturen")

    cases: dict[str, str | bytes] = {
        "github": github_issue_text(github, choices),
        "mail.txt": mailed,
        "mail.eml": saved_mail(mailed, f"Casus: {VALID['titel']}"),
        "bijlage.eml": saved_mail("Mijn casus staat in de bijlage.\r\n", f"Casus: {VALID['titel']}", attachment=downloaded),
        "bestand.txt": downloaded,
    }
    made = {name: convert_file(ROOT, value, name, tmp_path / name.replace(".", "-")) for name, value in cases.items()}
    assert len(set(made.values())) == 1, {name: case[:200] for name, case in made.items()}
    case = next(iter(made.values()))
    assert f'titel: "{VALID["titel"]}"' in case and f"bijgewerkt: {date.today().isoformat()}" in case

    if viewport == "desktop":  # the case builds, once
        root = copy_content(tmp_path / "repo")
        (root / "cases" / f"{SLUG}.md").write_text(case, encoding="utf-8")
        loaded = next(c for c in load_content(root).cases if c.slug == SLUG)
        assert loaded.place == "Zelhem" and loaded.members == 1250 and loaded.illustrative
        built = mkdocs_build(root, tmp_path / "site")
        assert built.returncode == 0, built.stderr
        assert VALID["titel"] in (tmp_path / "site" / "casussen" / SLUG / "index.html").read_text(encoding="utf-8")

    # "Concept wissen": everything goes, on a yes.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Concept wissen").first.click()
    assert page.locator("#kb-v-titel").input_value() == ""
    assert page.evaluate("key => localStorage.getItem(key)", DRAFT_KEY) is None
    assert [url for url in requested if not url.startswith((site_url, "blob:", "data:"))] == [], "nothing is sent anywhere"
    assert errors == []
    context.close()


@pytest.mark.browser
def test_hostile_text_stays_text_in_the_preview_and_every_output(chromium: Any, site_url: str, tmp_path: Path) -> None:
    hostile = {
        **VALID,
        "samenvatting": "Wij rijden **vet** [hier](https://example.org) en @iemand #12 & 'a' < 3 voor het dorp.",
        "plaats": 'Zelhem" voorbeeld: false',
        "verhaal": "Het begon met ![foto] en `code` & <3.\n\n[meer](https://example.org)",
        "borging_intern": "Een %0A regel, een + plus en een &amp; die tekst blijven.",
    }
    page = chromium.new_page(accept_downloads=True)
    page.goto(f"{site_url}{PAGE}")
    fill(page, hostile)
    assert summary(page) == []
    preview = page.locator("#kb-voorbeeld")
    assert preview.locator(".kb-summary *, .kb-facts dd *, .kb-verhaal *").count() == 0, "no element made of contributed text"
    assert hostile["samenvatting"] in preview.locator(".kb-summary").inner_text()
    assert "![foto]" in preview.inner_text()
    with page.expect_download() as download:
        page.locator("#kb-bestand").click()
    downloaded = Path(download.value.path()).read_text(encoding="utf-8")
    assert downloaded == issue_body(FORM, hostile)
    github = page.locator("#kb-github").get_attribute("href") or ""
    assert parse_qs(urlsplit(github).query)["borging_intern"] == [hostile["borging_intern"]]
    mail = page.locator("#kb-mail").get_attribute("href") or ""
    assert unquote(mail.split("&body=", 1)[1]) == downloaded.replace("\n", "\r\n")
    page.close()
    case = convert_file(ROOT, downloaded, "bestand.txt", tmp_path / "uit")
    root = copy_content(tmp_path / "repo")
    (root / "cases" / f"{SLUG}.md").write_text(case, encoding="utf-8")
    loaded = next(c for c in load_content(root).cases if c.slug == SLUG)
    assert loaded.place == hostile["plaats"] and loaded.illustrative is True
    assert loaded.summary == hostile["samenvatting"]
    assert loaded.safeguarding_internal == hostile["borging_intern"]


@pytest.mark.browser
def test_a_broken_or_foreign_draft_never_breaks_the_page(chromium: Any, site_url: str) -> None:
    for stored in ("{kapot", json.dumps({"antwoorden": {"titel": {"x": 1}, "onbekend": "x", "themas": 3}}), json.dumps([1, 2])):
        context = chromium.new_context()
        context.add_init_script(f"localStorage.setItem({json.dumps(DRAFT_KEY)}, {json.dumps(stored)})")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(f"{site_url}{PAGE}")
        assert page.locator("#kb-v-titel").input_value() == ""
        assert page.locator("#kb-knoppen").is_visible()
        page.locator("#kb-v-titel").fill(VALID["titel"])
        assert json.loads(page.evaluate("key => localStorage.getItem(key)", DRAFT_KEY))["antwoorden"]["titel"] == VALID["titel"]
        assert errors == [], stored
        context.close()


@pytest.mark.browser
def test_half_a_character_from_a_draft_is_named_not_a_silent_failure(chromium: Any, site_url: str) -> None:
    """Half an emoji (a lone UTF-16 surrogate) can come back from a draft: 'Controleer' names it instead of stopping on it."""
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{PAGE}")
    fill(page, VALID)
    page.evaluate("() => { document.getElementById('kb-v-plaats').value = 'Zelhem \\ud83d'; }")
    assert summary(page) == ["Plaats of wijk: bevat een onzichtbaar stuurteken (U+D83D) direct na 'Zelhem'; typ dat stukje opnieuw"]
    assert errors == []
    page.close()


@pytest.mark.browser
def test_too_long_for_a_link_says_so_and_offers_the_other_ways(chromium: Any, site_url: str) -> None:
    story = "\n\n".join(f"Alinea {n}: de buurtbus rijdt door de dorpen en haalt mensen op bij hun huis." for n in range(120))
    for agent, long_story, whole_mail in ((WINDOWS, False, False), (None, False, True), (None, True, False)):
        context = chromium.new_context(**({"user_agent": agent} if agent else {}))
        page = context.new_page()
        page.goto(f"{site_url}{PAGE}")
        fill(page, {**VALID, "verhaal": story if long_story else VALID["verhaal"]})
        assert summary(page) == []
        mail = page.locator("#kb-mail")
        assert mail.get_attribute("data-hele-casus") == str(whole_mail).lower()
        if not whole_mail:
            assert len(mail.get_attribute("href") or "") <= MAIL_LIMIT_WINDOWS
            assert "Download je casus daarom eerst als bestand" in page.locator("#kb-mail-melding").inner_text()
        github_hidden = page.locator("#kb-github").is_hidden()
        assert github_hidden == long_story
        if long_story:
            assert 'Kies daarom "Per e-mail" of "Als bestand"' in page.locator("#kb-github-melding").inner_text()
        context.close()


@pytest.mark.browser
def test_without_javascript_the_page_says_how_else_and_sends_nothing(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{PAGE}")
    sent: list[str] = []  # a form sends by navigating; the page's own late requests (its icon) are no sending
    page.on("request", lambda request: sent.append(request.url) if request.is_navigation_request() else None)
    assert "Dit formulier werkt alleen als je browser JavaScript gebruikt" in page.locator("article").inner_text()
    assert page.locator("#kb-knoppen").is_hidden()
    page.locator("#kb-v-titel").fill(VALID["titel"])
    page.locator("#kb-v-titel").press("Enter")
    page.wait_for_timeout(500)
    assert page.url == f"{site_url}{PAGE}" and sent == [], "Enter sends the answers nowhere, not even to this site"
    context.close()

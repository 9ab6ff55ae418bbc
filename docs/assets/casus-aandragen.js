// The form "Deel jouw initiatief" (/bijdragen/casus-aandragen/): checks the answers, keeps a draft on this device,
// shows a preview and makes the three ways to send the case (GitHub, e-mail, a file).
//
// The rules are not written here. The page carries them as JSON (#kb-casusregels, made by
// scripts/kennisbank/pages/case_form_page.py): each question with its part of the case schema, and the patterns, limits
// and sentences of `kennisbank from-issue`, which converts what this page sends. This script applies them in the order
// the converter does, so a person reads here what the editors' tool would say (tests/test_case_form.py feeds both the
// same bad answers). Nothing leaves the browser until the person chooses a way to send; the draft lives in
// localStorage under a versioned key, and a broken or foreign value there is ignored.
(function () {
  "use strict";
  const form = document.getElementById("kb-casusformulier");
  const source = document.getElementById("kb-casusregels");
  if (!(form instanceof HTMLFormElement) || !source) return;

  /**
   * @typedef {{id: string, label: string, soort: string, verplicht: boolean, regels: Object<string, any>,
   *   opties?: string[][], delen?: string[], vorm?: string, voorbeeld?: string, groep?: string, pad?: string[]}} Question
   * @typedef {{label: string, melding: string, doel: string}} Problem  a message, and the id of the element to go to
   * @typedef {string | string[] | boolean} Answer
   */
  /** @type {any} */
  const R = JSON.parse(source.textContent || "{}");
  /** @type {Question[]} */
  const questions = R.vragen;
  const story = questions.find((q) => q.soort === "verhaal");
  const TYPED = R.getypt; // the kinds of question GitHub can fill in from a link
  const $ = (/** @type {string} */ id) => document.getElementById(id);
  const summary = $("kb-fouten");
  const summaryList = $("kb-fouten-lijst");
  const draftStatus = $("kb-concept");
  const preview = $("kb-voorbeeld");
  const sending = $("kb-versturen");

  // ------------------------------------------------------------------ the rules, from the page

  /** A pattern of the page as a RegExp; `whole` anchors it as Python's fullmatch, `start` as re.match. */
  function pattern(/** @type {string[]} */ [body, flags], /** @type {string} */ anchor = "", global = false) {
    const wrapped = anchor === "whole" ? `^(?:${body})$` : anchor === "start" ? `^(?:${body})` : body;
    return new RegExp(wrapped, flags + (global ? "g" : ""));
  }
  const P = R.patronen;
  const CONTROL = pattern(P.stuurteken);
  const RISKY = pattern(P.schema_link);
  const BULLET = pattern(P.opsomming);
  const NUMBER = pattern(P.getal, "whole");
  const HEADING = pattern([P.kopje[0], P.kopje[1].replace("m", "")]); // one line at a time
  const EMAIL = pattern(R.email.patroon, "whole");
  const SPACES = pattern(P.spatie); // what Python's split and strip count as a space
  const EDGES = new RegExp(`^${P.spatie[0]}|${P.spatie[0]}$`, "g");
  const FORM_IMAGE = pattern(P.afbeelding, "", true);
  const FORM_SHORT_IMAGE = pattern(P.korte_afbeelding, "", true);
  const FORM_DEFINITION = pattern(P.verwijzing, "", true);
  const FORM_EMPHASIS = pattern(P.nadruk, "", true);
  const FORM_LINK = pattern(P.link, "", true);
  const LINK_TARGET = pattern(P.linkdoel, "start");
  const ANCHOR_CODE = pattern(P.ankercode, "", true);
  const HEADING_TEXT = pattern(P.kopje_tekst, "", true);
  const UNDERLINED = pattern(P.onderstreept_kopje, "", true);
  const REFERENCE = pattern(P.tekencode, "", true);
  const PLAIN = R.platte_tekst.map((/** @type {string[]} */ rule) => [pattern([rule[0], rule[1]]), rule[2]]);

  /** A sentence of the page with its {names} filled in. */
  function say(/** @type {string} */ key, /** @type {Object<string, any>} */ values = {}) {
    return R.meldingen[key].replace(/\{(\w+)\}/g, (/** @type {string} */ all, /** @type {string} */ name) => (name in values ? String(values[name]) : all));
  }
  const oneLine = (/** @type {string} */ text) => text.split(SPACES).filter(Boolean).join(" ");
  const strip = (/** @type {string} */ text) => text.replace(EDGES, ""); // Python's str.strip()
  const stripEnd = (/** @type {string} */ text) => text.replace(new RegExp(`${P.spatie[0]}$`), "");
  const length = (/** @type {string} */ text) => Array.from(text).length; // characters as Python counts them
  /** A value as messages quote it: one line, at most `limit` characters. */
  function shown(/** @type {string} */ value, limit = R.tekens_getoond) {
    const text = Array.from(oneLine(value));
    return `'${text.slice(0, limit).join("")}${text.length > limit ? "…" : ""}'`;
  }
  /** A found value as the schema's messages show it: text quoted and shortened, a number as it is. */
  const describe = (/** @type {any} */ value) => (typeof value === "string" ? shown(value) : String(value));

  /** Why a text is not plain text (HTML, template code, invisible characters), or "". */
  function plainProblem(/** @type {string} */ text) {
    const rule = PLAIN.find((/** @type {any[]} */ r) => r[0].test(text));
    return rule ? rule[1] : "";
  }
  /** Why a value may not be used at all, as the converter says it, or "". */
  function unsafe(/** @type {string} */ value) {
    const invisible = CONTROL.exec(value);
    if (invisible) {
      // Which one, and where (as the converter says it): a pasted story is long, and retyping all of it is not needed.
      const before = oneLine(Array.from(value.slice(0, invisible.index)).slice(-R.tekens_ervoor).join(""));
      const code = (invisible[0].codePointAt(0) || 0).toString(16).toUpperCase().padStart(4, "0");
      return say("stuurteken", { teken: `U+${code}`, waar: before ? say("stuurteken_na", { voor: `'${before}'` }) : say("stuurteken_begin") });
    }
    const collapsed = oneLine(value);
    return plainProblem(collapsed) || (RISKY.test(collapsed) ? say("schema_link") : "");
  }
  /** The host part of a web address as Python's urlsplit finds it; null when there is no scheme. */
  function urlParts(/** @type {string} */ value) {
    const colon = value.indexOf(":");
    if (colon < 1 || !/^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(value.slice(0, colon))) return null;
    const rest = value.slice(colon + 1);
    return { scheme: value.slice(0, colon).toLowerCase(), host: rest.startsWith("//") ? rest.slice(2).split(/[/?#]/)[0] : "" };
  }
  /** Whether a host can be a website's, as the converter judges it: no '[' or ']' (an IPv6 address or none at all), and
   * nothing that Unicode's NFKC form turns into '/', '?', '#', '@' or ':' (urlsplit refuses such a host: '℀' is 'a/c'). */
  function hostOk(/** @type {string} */ host) {
    if (/[[\]]/.test(host)) return false;
    if (/^[\x00-\x7f]*$/.test(host)) return true;
    const bare = host.replace(/[@:#?]/g, "");
    const folded = bare.normalize("NFKC");
    return bare === folded || !/[/?#@:]/.test(folded);
  }
  const FORMATS = {
    "platte-tekst": plainProblem,
    "een-zin": (/** @type {string} */ v) =>
      strip(v).includes("\n") ? R.zin.enter : !R.zin.eindes.some((/** @type {string} */ end) => stripEnd(v).endsWith(end)) ? R.zin.punt : plainProblem(v),
    "http-url": (/** @type {string} */ v) => {
      const parts = urlParts(v);
      const ok = parts && R.webadres.schemes.includes(parts.scheme) && parts.host && hostOk(parts.host) && !SPACES.test(v);
      return ok ? "" : R.webadres.melding;
    },
    "email-adres": (/** @type {string} */ v) => (EMAIL.test(v) ? "" : R.email.melding),
  };

  /** The problems of a value against its part of the case schema, in the schema's order, as `kennisbank validate` words them. */
  function schemaProblems(/** @type {Object<string, any>} */ rules, /** @type {any} */ value, /** @type {string} */ label) {
    /** @type {string[][]} */
    const found = [];
    for (const [keyword, limit] of Object.entries(rules)) {
      const count = typeof value === "string" ? length(value) : Array.isArray(value) ? value.length : 0;
      if (keyword === "minLength" && count < limit) found.push([label, say("minLength", { limiet: limit, aantal: count })]);
      else if (keyword === "maxLength" && count > limit) found.push([label, say("maxLength", { limiet: limit, aantal: count })]);
      else if (keyword === "minItems" && count < limit) found.push([label, limit === 1 ? say("minItems1") : say("minItems", { limiet: limit })]);
      else if (keyword === "maxItems" && count > limit) found.push([label, say("maxItems", { limiet: limit, aantal: count })]);
      else if (keyword === "uniqueItems" && limit && new Set(value.map(String)).size < count) found.push([label, say("uniqueItems")]);
      else if (keyword === "minimum" && typeof value === "bigint" && value < BigInt(limit)) found.push([label, say("minimum", { gevonden: value, limiet: limit })]);
      else if (keyword === "maximum" && typeof value === "bigint" && value > BigInt(limit)) found.push([label, say("maximum", { gevonden: value, limiet: limit })]);
      else if (keyword === "format" && typeof value === "string" && limit in FORMATS) {
        const reason = FORMATS[/** @type {keyof FORMATS} */ (limit)](value);
        if (reason) found.push([label, `${describe(value)} ${reason}`]);
      } else if (keyword === "items" && Array.isArray(value)) {
        value.forEach((item, n) => found.push(...schemaProblems(limit, item, `${label} (nummer ${n + 1})`)));
      } else if (keyword === "properties" && value && typeof value === "object") {
        for (const [name, rule] of Object.entries(limit)) if (name in value) found.push(...schemaProblems(rule, value[name], label));
      }
    }
    return found;
  }

  // difflib.get_close_matches(word, options, n=1, cutoff=0.6), for the converter's "bedoel je …?"
  function matching(/** @type {string} */ a, /** @type {string} */ b, alo = 0, ahi = a.length, blo = 0, bhi = b.length) {
    let [besti, bestj, size] = [alo, blo, 0];
    /** @type {Map<number, number>} */
    let lengths = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (let j = blo; j < bhi; j++) {
        if (a[i] !== b[j]) continue;
        const k = (lengths.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > size) [besti, bestj, size] = [i - k + 1, j - k + 1, k];
      }
      lengths = next;
    }
    if (!size) return 0;
    return size + (alo < besti && blo < bestj ? matching(a, b, alo, besti, blo, bestj) : 0) +
      (besti + size < ahi && bestj + size < bhi ? matching(a, b, besti + size, ahi, bestj + size, bhi) : 0);
  }
  function closest(/** @type {string} */ word, /** @type {string[]} */ options) {
    let best = null;
    let bestScore = 0.6;
    for (const option of options) {
      const total = word.length + option.length;
      const score = total ? (2 * matching(word, option)) / total : 1;
      if (score > bestScore || (score === bestScore && best !== null && option > best) || (score === bestScore && best === null)) [best, bestScore] = [option, score];
    }
    return best;
  }

  // ------------------------------------------------------------------ answers

  /** @returns {Object<string, Answer>} every answer, as the form holds it */
  function answers() {
    /** @type {Object<string, Answer>} */
    const found = {};
    for (const q of questions) {
      const boxes = /** @type {HTMLInputElement[]} */ (Array.from(form.querySelectorAll(`input[name="${q.id}"]`)));
      if (q.soort === "keuzes") found[q.id] = boxes.filter((b) => b.checked).map((b) => b.value);
      else if (q.soort === "toestemming") found[q.id] = boxes.some((b) => b.checked);
      else if (["keuze", "janee"].includes(q.soort)) found[q.id] = (boxes.find((b) => b.checked) || { value: "" }).value;
      else found[q.id] = /** @type {HTMLInputElement} */ (form.elements.namedItem(q.id)).value;
    }
    return found;
  }
  const optionLabel = (/** @type {Question} */ q, /** @type {string} */ key) => ((q.opties || []).find((o) => o[0] === key) || [key, key])[1];
  const lines = (/** @type {string} */ value) => value.split("\n").map((line) => oneLine(line.replace(BULLET, ""))).filter(Boolean);

  /** An answer as the converter reads it, with the problems it finds reading it; `value` undefined when it cannot be read. */
  function read(/** @type {Question} */ q, /** @type {Answer} */ answer) {
    /** @type {string[][]} */
    const problems = [];
    if (q.soort === "tekst" || q.soort === "alinea") {
      const text = oneLine(String(answer));
      return { problems, value: q.regels.format === "een-zin" && /[\p{L}\p{N}]$/u.test(text) ? text + "." : text };
    }
    if (q.soort === "getal") {
      const text = oneLine(String(answer));
      if (!NUMBER.test(text)) return { problems: [[q.label, say("geen_getal", { gevonden: shown(text), voorbeeld: q.voorbeeld || (q.regels.minimum ?? 1) })]] };
      return { problems, value: BigInt(text.replace(/[. ]/g, "")) };
    }
    if (q.soort === "regels") return { problems, value: lines(String(answer)) };
    if (q.soort === "paren") return readPairs(q, String(answer));
    if (q.soort === "keuzes") return { problems, value: answer };
    if (q.soort === "janee") return { problems, value: (q.opties || []).find((o) => o[0] === answer)?.[1] === "true" };
    return { problems, value: answer };
  }

  /** Lines 'naam — soort' or 'titel — https://…', split as the converter splits them. */
  function readPairs(/** @type {Question} */ q, /** @type {string} */ answer) {
    const [first, second] = q.delen || [];
    const rule = q.regels.items.properties[second];
    const isUrl = rule.format === "http-url";
    const options = Object.entries(rule["x-labels"] || {});
    const separator = pattern(P.scheiding, "", true);
    /** @type {string[][]} */
    const problems = [];
    const items = [];
    const trim = (/** @type {string} */ text, /** @type {string} */ chars) => text.replace(new RegExp(`^[${chars}]+|[${chars}]+$`, "g"), "");
    lines(answer).forEach((line, n) => {
      let name = "";
      let other = "";
      if (isUrl) {
        const lower = line.toLowerCase();
        const start = Math.max(lower.lastIndexOf("https://"), lower.lastIndexOf("http://"));
        if (start >= 0) [name, other] = [trim(line.slice(0, start), " \\t—–\\-:|"), line.slice(start)];
      } else {
        const found = Array.from(line.matchAll(separator)).pop();
        if (found && found.index !== undefined) [name, other] = [strip(line.slice(0, found.index)), strip(line.slice(found.index + found[0].length))];
      }
      if (!name || !other || (isUrl && other.includes(" "))) {
        problems.push([q.label, say("vorm", { regel: n + 1, gevonden: shown(line, 40), vorm: q.vorm })]);
        return;
      }
      const host = isUrl ? (urlParts(other) || { host: "" }).host : "";
      if (isUrl && (!hostOk(host) || !host.replace(/^\.+|\.+$/g, "").includes("."))) {
        problems.push([q.label, say("webadres", { regel: n + 1, gevonden: shown(other, 40) })]);
        return;
      }
      if (options.length) {
        const key = options.find(([k, text]) => other.toLowerCase() === text.toLowerCase() || other.toLowerCase() === k);
        if (!key) {
          const labels = options.map((o) => o[1]);
          const near = closest(other, labels);
          const hint = near ? say("bedoel_je", { optie: near }) : say("kies_uit", { opties: labels.join(", ") });
          problems.push([q.label, `${shown(other)} ${rule["x-onbekend"]}${hint}`]);
          return;
        }
        other = key[0];
      }
      items.push({ [first]: name, [second]: other });
    });
    return { problems, value: items.length ? items : undefined };
  }

  // ------------------------------------------------------------------ the story's own limits

  // Python's re.match and re.fullmatch, as the story's checks use them.
  const STORY = {
    kop: pattern(P.kop1_kop, "start"),
    html: pattern(P.kop1_html),
    onderstreept: pattern(P.kop1_onderstreept, "start"),
    hek: pattern(P.hek, "start"),
    atx: pattern(P.atx, "start"),
    streep: pattern(P.onderstreept, "whole"),
    voetnoot: pattern(P.voetnoot, "start"),
  };
  /** The anchor the site makes of a heading's text: Python-Markdown's toc slugify, with '-'. */
  const anchorOf = (/** @type {string} */ text) =>
    text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").replace(/[^\w\s-]/g, "").trim().toLowerCase().replace(/[-\s]+/g, "-");
  /** What a story sent through the form cannot hold: images, links to no whole address or case file, anchor codes and headings
   * whose anchor is the site's own (as the converter says). */
  function formStoryProblems(/** @type {string} */ text) {
    const fold = (/** @type {string} */ label) => label.toLowerCase(); // Python's casefold, for the labels people write
    const definitions = Array.from(text.matchAll(FORM_DEFINITION));
    const defined = new Set(definitions.map((definition) => fold(definition[1])));
    const images = [...text.matchAll(FORM_IMAGE), ...Array.from(text.matchAll(FORM_SHORT_IMAGE)).filter((image) => defined.has(fold(image[1])))];
    images.sort((a, b) => (a.index || 0) - (b.index || 0));
    const found = images.map((image) => say("afbeelding", { gevonden: shown(image[0], 40) }));
    const targets = [...Array.from(text.replace(FORM_IMAGE, "").matchAll(FORM_LINK), (link) => link[1]), ...definitions.map((definition) => definition[2])];
    targets.filter((target) => !LINK_TARGET.test(target)).forEach((target) => found.push(say("link", { gevonden: shown(target, 40) })));
    found.push(...Array.from(text.matchAll(ANCHOR_CODE), (code) => say("ankercode", { gevonden: shown(code[0], 40) })));
    found.push(...Array.from(text.matchAll(REFERENCE), (code) => say("tekencode", { gevonden: shown(code[0], 40) })));
    const headings = [...text.matchAll(HEADING_TEXT), ...text.matchAll(UNDERLINED)].sort((a, b) => (a.index || 0) - (b.index || 0));
    for (const heading of headings) {
      const anchor = anchorOf(heading[1].replace(FORM_EMPHASIS, "$2"));
      if (R.ankers_van_de_site.some((/** @type {string} */ prefix) => anchor.startsWith(prefix))) found.push(say("kopanker", { gevonden: shown(heading[1], 40), anker: anchor }));
    }
    return Array.from(new Set(found));
  }

  /** What the converter says of a story: first what the form cannot send; then, as `kennisbank validate` says it,
   * headings with one '#', too many headings, code blocks or footnotes, too much emphasis. */
  function storyProblems(/** @type {string} */ text) {
    const refused = formStoryProblems(text);
    if (refused.length) return refused;
    const body = text.replace(/^\n+|\n+$/g, "");
    /** @type {Set<string>} */
    const found = new Set();
    const counts = { kopjes: 0, codeblokken: 0, voetnoten: 0 };
    let previous = "";
    let inCode = false;
    for (const line of body.split("\n")) {
      if (STORY.kop.test(line) || STORY.html.test(line) || (previous.trim() && STORY.onderstreept.test(line))) found.add(say("kop1"));
      /** @type {keyof counts | null} */
      let what = null;
      if (STORY.hek.test(line)) {
        what = inCode ? null : "codeblokken";
        inCode = !inCode;
      } else if (!inCode && (STORY.atx.test(line) || (previous.trim() && STORY.streep.test(line)))) what = "kopjes";
      else if (!inCode && STORY.voetnoot.test(line)) what = "voetnoten";
      previous = line;
      if (what) counts[what] += 1;
    }
    for (const [what, count] of Object.entries(counts)) {
      if (count > R.verhaal[what]) found.add(say("te_veel", { aantal: count, wat: what, grens: R.verhaal[what] }));
    }
    const marks = body.split(/(\n[ \t]*\n)/).map((paragraph) => (paragraph.match(/[*_]/g) || []).length).find((n) => n > R.verhaal.nadruk);
    if (marks) found.add(say("nadruk", { aantal: marks, grens: R.verhaal.nadruk }));
    return Array.from(found);
  }

  /** The case's file name, as the converter makes it from the name. */
  function slugify(/** @type {string} */ title) {
    let folded = Array.from(title).map((c) => R.naam.letters[c] || c).join("").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    folded = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (folded.length <= R.naam.lengte) return folded;
    const cut = folded.slice(0, R.naam.lengte);
    return cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }

  // ------------------------------------------------------------------ checking, in the converter's order

  /** Every problem of the form, as `kennisbank from-issue` would list them; each goes to its question's field. */
  function check(/** @type {Object<string, Answer>} */ given) {
    /** @type {Problem[]} */
    const problems = [];
    const add = (/** @type {string} */ label, /** @type {string} */ message, /** @type {string} */ target) => problems.push({ label, melding: message, doel: target });
    /** @type {Object<string, boolean>} */
    const usable = {};
    /** @type {Object<string, any>} */
    const values = {};
    for (const q of questions) {
      const answer = given[q.id];
      const stripped = typeof answer === "string" ? strip(answer.normalize("NFC")) : "";
      const text = stripped === R.tekst.geen_antwoord ? "" : stripped; // GitHub's words for an empty answer
      const empty = Array.isArray(answer) ? !answer.length : q.soort === "toestemming" ? false : !text;
      const before = problems.length;
      if (q.verplicht && empty) add(q.label, say("verplicht"), q.id);
      if (q.soort === "toestemming" && !answer) add(q.label, say("toestemming"), q.id);
      if (q === story && new TextEncoder().encode(text).length > R.verhaal.bytes) add(q.label, say("verhaal_te_lang"), q.id);
      if (text && unsafe(text)) add(q.label, unsafe(text), q.id);
      // A line that repeats a question's heading would split the text GitHub and the converter read: they refuse that question.
      for (const line of TYPED.includes(q.soort) ? text.split("\n") : []) {
        const heading = HEADING.exec(line);
        const label = heading ? strip(heading[1].replace(/[ \t#]+$/, "")) : "";
        if (questions.some((other) => other.label === label)) add(label, say("dubbel"), q.id);
      }
      if (problems.length > before || empty || !q.pad) {
        if (q === story && problems.length === before && text) storyProblems(text).forEach((m) => add(q.label, m, q.id));
        continue;
      }
      const { problems: unreadable, value } = read(q, Array.isArray(answer) ? answer : text);
      unreadable.forEach(([label, message]) => add(label, message, q.id));
      if (unreadable.length || value === undefined) continue;
      usable[q.id] = true;
      values[q.id] = value;
      schemaProblems(q.regels, value, q.label).forEach(([label, message]) => add(label, message, q.id));
      if (q === questions[0]) {
        const slug = slugify(String(value));
        if (!slug) add(q.label, say("geen_naam"), q.id);
        else if (R.naam.gereserveerd.includes(slug)) add(q.label, say("gereserveerd", { naam: slug }), q.id);
      }
    }
    for (const group of R.groepen) {
      const members = questions.filter((q) => q.groep === group.id);
      if (!members.some((q) => usable[q.id])) add(group.label, say("minProperties"), members[0].id);
    }
    const order = (/** @type {Problem} */ p) => questions.findIndex((q) => q.id === p.doel);
    problems.sort((a, b) => order(a) - order(b)); // in the order of the form (a stable sort keeps each question's own order)
    return { problems, values };
  }

  // ------------------------------------------------------------------ showing problems: beside the field and in a list at the top

  const fieldOf = (/** @type {string} */ id) => $(`kb-v-${id}`);
  const firstInput = (/** @type {string} */ id) => $(`kb-v-${id}-0`) || fieldOf(id);
  /** The element whose error message shows a problem of question `id`: the question's, or its group's when the label is the group's. */
  function errorPlace(/** @type {Problem} */ problem) {
    const q = questions.find((x) => x.id === problem.doel);
    const group = q && q.groep && R.groepen.find((/** @type {any} */ g) => g.id === q.groep && g.label === problem.label);
    return group ? `kb-groep-${group.id}` : `kb-v-${problem.doel}`;
  }
  const capital = (/** @type {string} */ text) => text.charAt(0).toUpperCase() + text.slice(1);

  /** Show the problems beside their fields (only those of `ids` when given), and mark the fields. */
  function showBeside(/** @type {Problem[]} */ problems, /** @type {string[] | null} */ ids = null) {
    const places = ids ? ids.flatMap((id) => {
      const q = questions.find((x) => x.id === id);
      return [`kb-v-${id}`, ...(q && q.groep ? [`kb-groep-${q.groep}`] : [])];
    }) : Array.from(form.querySelectorAll(".kb-veld__fout")).map((p) => p.id.replace(/-fout$/, ""));
    for (const place of places) {
      const message = $(`${place}-fout`);
      const field = $(place);
      if (!message || !field) continue;
      const mine = problems.filter((p) => errorPlace(p) === place);
      const group = R.groepen.find((/** @type {any} */ g) => `kb-groep-${g.id}` === place);
      const own = group ? group.label : (questions.find((q) => `kb-v-${q.id}` === place) || { label: "" }).label;
      message.textContent = "";
      mine.forEach((p, n) => {
        if (n) message.append(document.createElement("br"));
        // Beside its own question a message needs no label; a line of a list ('(nummer 2)') or a group keeps it.
        message.append(element("span", "Fout: ", "kb-onzichtbaar"), p.label === own ? capital(p.melding) : `${p.label}: ${p.melding}`);
      });
      message.hidden = !mine.length;
      const wrapper = field.closest(".kb-veld, .kb-groep");
      if (wrapper) wrapper.classList.toggle("kb-veld--fout", mine.length > 0);
      const controls = field.matches("input, textarea") ? [field] : Array.from(field.querySelectorAll("input, textarea"));
      controls.forEach((control) => (mine.length ? control.setAttribute("aria-invalid", "true") : control.removeAttribute("aria-invalid")));
      const described = (field.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== message.id);
      if (mine.length) described.push(message.id);
      if (described.length) field.setAttribute("aria-describedby", described.join(" "));
      else field.removeAttribute("aria-describedby");
    }
  }

  /** The list at the top: each problem as 'label: message', a link to its field (GOV.UK error summary). */
  function showSummary(/** @type {Problem[]} */ problems) {
    if (!summary || !summaryList) return;
    summaryList.textContent = "";
    for (const problem of problems) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      const place = errorPlace(problem);
      const target = place.startsWith("kb-groep-") ? /** @type {HTMLElement} */ ($(place)?.querySelector("textarea, input")) : firstInput(problem.doel);
      link.href = `#${target ? target.id : place}`;
      link.textContent = `${problem.label}: ${problem.melding}`;
      // Focus the field itself and bring its label or legend into view with it, as GOV.UK's error summary does.
      link.addEventListener("click", (event) => {
        if (!target) return;
        event.preventDefault();
        target.focus({ preventScroll: true });
        (target.closest("fieldset")?.querySelector("legend") || form.querySelector(`label[for="${target.id}"]`) || target).scrollIntoView();
      });
      item.append(link);
      summaryList.append(item);
    }
    summary.hidden = !problems.length;
  }

  /**
   * Check a question while the form is filled in: when it is left or changed, if it holds an answer, and while it is
   * typed in when it shows a problem (so the message goes as soon as the answer is right). An empty question is
   * only called missing when the person asks to check the whole form.
   */
  function recheck(/** @type {Event} */ event) {
    const target = /** @type {HTMLInputElement} */ (event.target);
    const q = questions.find((x) => x.id === target.name);
    if (!q) return;
    const showing = !$(`kb-v-${q.id}-fout`)?.hidden || Boolean(q.groep && !$(`kb-groep-${q.groep}-fout`)?.hidden);
    const answer = answers()[q.id];
    const filled = Array.isArray(answer) ? answer.length > 0 : typeof answer === "string" ? answer.trim() !== "" : answer;
    if (!showing && (event.type === "input" || !filled)) return;
    const { problems } = check(answers());
    showBeside(problems, [q.id]);
    if (summary && !summary.hidden) showSummary(problems);
  }

  // ------------------------------------------------------------------ the text the three ways send

  /** An answer as GitHub writes it in the issue; the converter reads it back. */
  function answerText(/** @type {Question} */ q, /** @type {Answer} */ answer) {
    let text = "";
    if (q.soort === "toestemming") text = (answer ? R.tekst.aangevinkt : R.tekst.niet_aangevinkt) + (q.opties || [["", ""]])[0][1];
    else if (Array.isArray(answer)) text = answer.map((key) => optionLabel(q, key)).join(", ");
    else if (q.soort === "keuze") text = answer ? optionLabel(q, String(answer)) : "";
    else text = String(answer);
    return strip(text) || R.tekst.geen_antwoord;
  }
  /** The whole form as one text: '### question', then the answer, for every question, as the issue form holds it. */
  const issueText = (/** @type {Object<string, Answer>} */ given) => questions.map((q) => `### ${q.label}\n\n${answerText(q, given[q.id])}`).join("\n\n") + "\n";

  const isWindows = () => /Windows/.test(navigator.userAgent);
  const number = (/** @type {number} */ n) => n.toLocaleString("nl-NL");

  /** Fill in the three ways to send, for these answers. */
  function prepareSending(/** @type {Object<string, Answer>} */ given) {
    const text = issueText(given);
    const name = oneLine(String(given[questions[0].id]));
    const fileName = `casus-${slugify(name) || "zonder-naam"}.txt`;
    const github = /** @type {HTMLAnchorElement} */ ($("kb-github"));
    const githubNote = $("kb-github-melding");
    const params = new URLSearchParams({ template: R.github.sjabloon, title: R.github.titel + name });
    for (const q of questions) if (TYPED.includes(q.soort) && strip(String(given[q.id]))) params.append(q.id, String(given[q.id]));
    const address = `${R.github.adres}?${params}`;
    const signIn = R.github.inloggen + encodeURIComponent(address);
    const choices = questions.filter((q) => !TYPED.includes(q.soort) && q.soort !== "toestemming");
    if (github && githubNote) {
      github.hidden = signIn.length > R.github.grens;
      github.href = github.hidden ? "#" : address;
      if (github.hidden) {
        githubNote.replaceChildren(element("p", `Je casus is te lang voor een link naar GitHub: het adres wordt ${number(signIn.length)} tekens, ` +
          `en GitHub neemt er hoogstens ${number(R.github.grens)}. Kies daarom "Per e-mail" of "Als bestand".`));
      } else {
        // GitHub fills in text fields from a link, not its dropdowns and boxes: the person picks those again there.
        const list = element("ul");
        choices.forEach((q) => list.append(element("li", `${q.label}: ${answerText(q, given[q.id])}`)));
        githubNote.replaceChildren(element("p", "GitHub vult alleen de tekstvakken in. Kies daar zelf nog:"), list, element("p", "Vink daar ook de toestemming aan."));
      }
    }
    const mail = /** @type {HTMLAnchorElement} */ ($("kb-mail"));
    const mailNote = $("kb-mail-melding");
    const limit = isWindows() ? R.mail.grens_windows : R.mail.grens;
    const link = (/** @type {string} */ body) => `mailto:${R.mail.adres}?subject=${encodeURIComponent(R.mail.onderwerp + name)}&body=${encodeURIComponent(body.replace(/\n/g, "\r\n"))}`;
    const full = link(text);
    if (mail && mailNote) {
      const tooLong = full.length > limit;
      mail.href = tooLong ? link(`Mijn casus staat in de bijlage: ${fileName}\n`) : full;
      mail.setAttribute("data-hele-casus", String(!tooLong));
      mailNote.textContent = tooLong
        ? `Je casus is te lang voor een e-maillink (${number(full.length)} tekens; op deze computer gaat dat tot ${number(limit)}). ` +
          `Download je casus daarom eerst als bestand (hieronder). Voeg het bestand ${fileName} dan als bijlage toe aan de e-mail.`
        : "Je hoeft de e-mail alleen nog te versturen.";
    }
    const file = $("kb-bestand");
    if (file) file.setAttribute("data-bestand", fileName);
    return { text, fileName };
  }

  // ------------------------------------------------------------------ the preview: contributed text stays text

  function element(/** @type {string} */ tag, /** @type {string} */ text = "", /** @type {string} */ css = "") {
    const made = document.createElement(tag);
    if (text) made.textContent = text;
    if (css) made.className = css;
    return made;
  }
  function showPreview(/** @type {Object<string, Answer>} */ given, /** @type {Object<string, any>} */ values) {
    const place = $("kb-voorbeeld-inhoud");
    if (!place) return;
    const byPath = (/** @type {string} */ field) => questions.find((q) => q.pad && q.pad.join(".") === field);
    const card = element("div", "", "kb-card");
    const example = byPath("voorbeeld");
    if (example && values[example.id] === true) {
      const badge = element("p", "", "kb-badge kb-badge--voorbeeld");
      badge.append(element("strong", R.kaart.voorbeeld[0]), R.kaart.voorbeeld[1]);
      card.append(badge);
    }
    card.append(element("p", String(values[questions[1].id] || ""), "kb-summary"));
    const facts = element("dl", "", "kb-facts");
    for (const [field, label] of Object.entries(R.kaart.labels)) {
      const q = byPath(field);
      if (!q || values[q.id] === undefined || values[q.id] === "") continue;
      const value = values[q.id];
      const shownValue = Array.isArray(value) ? value.map((key) => optionLabel(q, key)).join(", ")
        : q.soort === "keuze" ? optionLabel(q, value) : typeof value === "bigint" && field === "leden" ? value.toLocaleString("nl-NL") : String(value);
      facts.append(element("dt", String(label)), " ", element("dd", shownValue), " ");
    }
    card.append(facts);
    const title = element("h3", String(values[questions[0].id] || ""));
    place.replaceChildren(title, card);
    const text = story ? String(given[story.id] || "").trim() : "";
    if (text) {
      place.append(element("h3", story ? story.label : ""));
      text.split(/\n[ \t]*\n/).forEach((paragraph) => place.append(element("p", paragraph.trim(), "kb-verhaal")));
    }
  }

  // ------------------------------------------------------------------ the draft on this device

  /** @param {string} message */
  const status = (message) => { if (draftStatus) draftStatus.textContent = message; };
  function saveDraft() {
    try {
      localStorage.setItem(R.opslag, JSON.stringify({ bewaard: new Date().toISOString(), antwoorden: answers() }));
    } catch (error) {
      status("Je browser bewaart geen concept op dit apparaat. Vul het formulier in één keer in, of download je casus als bestand.");
    }
  }
  /** Put a stored draft back; anything that is not an answer this form knows is left alone. */
  function restoreDraft() {
    let stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(R.opslag) || "null");
    } catch (error) {
      return false;
    }
    if (!stored || typeof stored !== "object" || !stored.antwoorden || typeof stored.antwoorden !== "object") return false;
    let restored = false;
    for (const q of questions) {
      const value = stored.antwoorden[q.id];
      const boxes = /** @type {HTMLInputElement[]} */ (Array.from(form.querySelectorAll(`input[name="${q.id}"]`)));
      if (boxes.length && boxes[0].type !== "text") {
        const chosen = Array.isArray(value) ? value : typeof value === "boolean" ? (value ? boxes.map((b) => b.value) : []) : [value];
        boxes.forEach((box) => { box.checked = chosen.includes(box.value); restored = restored || box.checked; });
      } else if (typeof value === "string") {
        /** @type {HTMLInputElement} */ (form.elements.namedItem(q.id)).value = value;
        restored = restored || Boolean(value);
      }
    }
    if (restored) {
      const when = new Date(stored.bewaard);
      const day = isNaN(when.getTime()) ? "eerder" : when.toLocaleString("nl-NL", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
      status(`Je antwoorden van ${day} zijn teruggezet. Ze staan alleen op dit apparaat, tot je op "Concept wissen" klikt.`);
    }
    return restored;
  }
  function clearDraft() {
    if (!window.confirm("Wil je al je antwoorden wissen? Dat kan niet ongedaan worden.")) return;
    try {
      localStorage.removeItem(R.opslag);
    } catch (error) { /* nothing was stored */ }
    form.reset();
    showBeside([]);
    showSummary([]);
    [preview, sending].forEach((part) => { if (part) part.hidden = true; });
    status("Het concept is gewist.");
  }

  // ------------------------------------------------------------------ wiring

  // The page sends nothing without this script: only now does the form get its buttons, and a submit button.
  const buttons = $("kb-knoppen");
  const checkButton = $("kb-controleer");
  if (buttons) buttons.hidden = false;
  if (checkButton instanceof HTMLButtonElement) checkButton.type = "submit";
  restoreDraft();
  form.addEventListener("input", (event) => {
    saveDraft();
    recheck(event);
    if (sending && !sending.hidden) {
      [preview, sending].forEach((part) => { if (part) part.hidden = true; });
      status('Je hebt iets veranderd. Klik opnieuw op "Controleer en bekijk je casus" om je casus te versturen.');
    }
  });
  // A message that appears when a field is left (or changed, which a browser says on leaving it) moves what is below
  // it. When that happens by a click, the message waits until the click is done, so the click lands where the person
  // aimed: on a choice further down, say.
  let pressed = false;
  /** @type {Event[]} */
  let waiting = [];
  document.addEventListener("pointerdown", () => { pressed = true; }, true);
  document.addEventListener("pointerup", () => setTimeout(() => {
    pressed = false;
    waiting.forEach(recheck);
    waiting = [];
  }), true);
  const later = (/** @type {Event} */ event) => (pressed ? waiting.push(event) : recheck(event));
  form.addEventListener("focusout", later);
  form.addEventListener("change", (event) => { saveDraft(); later(event); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const given = answers();
    const { problems, values } = check(given);
    showBeside(problems);
    showSummary(problems);
    if (problems.length) {
      [preview, sending].forEach((part) => { if (part) part.hidden = true; });
      if (summary) summary.focus();
      return;
    }
    showPreview(given, values);
    prepareSending(given);
    [preview, sending].forEach((part) => { if (part) part.hidden = false; });
    $("kb-voorbeeld-kop")?.focus();
  });
  const sent = () => {
    const note = $("kb-verstuurd");
    if (note) note.textContent = 'Is je casus verstuurd? Dan kun je je antwoorden wissen met de knop "Concept wissen" hieronder. Tot dan blijven ze op dit apparaat bewaard.';
  };
  $("kb-github")?.addEventListener("click", sent);
  $("kb-mail")?.addEventListener("click", sent);
  $("kb-bestand")?.addEventListener("click", () => {
    const { text, fileName } = prepareSending(answers());
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = element("a");
    if (link instanceof HTMLAnchorElement) {
      link.href = url;
      link.download = fileName;
      link.click();
    }
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    sent();
  });
  document.querySelectorAll(".kb-concept-wissen").forEach((button) => button.addEventListener("click", clearDraft));
})();

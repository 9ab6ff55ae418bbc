// Progress kept in this browser only: lessons and route steps switched to "Gedaan", and lessons whose questions
// were all answered correctly. It lives under one versioned localStorage key; there are no cookies and nothing is
// sent. The page says what to count (data-kb-* attributes, see scripts/kennisbank/pages/progress.py); this script
// fills in the numbers and shows switches, bars and marks, which stay hidden without JavaScript. A stored value is
// never lost: items this version does not know (say, from a newer site) are kept and written back as they were,
// and a value it cannot read at all counts as no progress but is never overwritten by a switch, which then puts
// itself back and says so beside itself, as it does when the browser does not keep what it is told (storage full). On the page "Je voortgang" it saves progress to a file (an unreadable value as it is), restores it
// from one (refusing, in Dutch, a file that is broken, foreign or hostile, and keeping what is there), and wipes it.
(function () {
  "use strict";
  var STORAGE_KEY = "kennisbank-voortgang-v1";
  var KIND = "kennisbank-voortgang"; // what a progress file says it is
  var VERSION = 1;
  var FIELDS = ["soort", "versie", "opgeslagen", "gedaan", "allesGoed"];
  var ITEM = /^(les|casus|begrip|werkboek|werkboek_begeleider):[a-z0-9]+(-[a-z0-9]+)*(\/[a-z0-9]+(-[a-z0-9]+)*)?$/;
  var MAX_ITEM_LENGTH = 200;
  var MAX_ITEMS = 5000;
  var MAX_FILE_BYTES = 100000;
  var NOT_OURS = "Dit is geen voortgangsbestand van deze kennisbank. Kies een bestand dat je op deze pagina hebt opgeslagen.";
  var UNREADABLE =
    "In deze browser staat voortgang die deze versie van de site niet kan lezen. Misschien komt hij van een nieuwere versie. " +
    "Hij blijft bewaard zoals hij is, en de schakelaars Gedaan bewaren niets tot je hier een keuze maakt. " +
    "Wil je hem houden, sla hem dan op als bestand. Wil je opnieuw beginnen, zet dan voortgang terug uit een bestand of wis hem.";
  var REPLACE_UNREADABLE =
    "In deze browser staat voortgang die deze versie van de site niet kan lezen. Als je doorgaat, komt de voortgang uit het bestand daarvoor in de plaats. " +
    "Sla hem eerst op als bestand als je hem wilt houden. Wil je doorgaan?";
  var ANNOUNCE_AFTER_MS = 50; // an emptied live region, filled a moment later, is read again even with the same text
  /** @type {WeakMap<Element, number>} the fill each live region is waiting for */
  var pending = new WeakMap();

  /**
   * What the reader did (`done`, `allCorrect`), and the items of each list that this version does not know, kept
   * as they were so that saving loses nothing.
   * @typedef {{done: Object<string, boolean>, allCorrect: Object<string, boolean>, keptDone: unknown[], keptAllCorrect: unknown[]}} Progress
   */
  /** @typedef {{progress: Progress} | {error: string}} Reading */

  /** @returns {Progress} */
  function empty() {
    return { done: Object.create(null), allCorrect: Object.create(null), keptDone: [], keptAllCorrect: [] };
  }

  /**
   * A list of item keys as a set of the known ones plus the others, or null when it is no list or holds something
   * hostile. The same for what the browser stored and for a file, so that every file this site writes can be read
   * back: an item this version does not know (from another version, say "oefening:les/2.1" or 42) is kept as it is;
   * only an item with markup, or too long, makes the list damaged.
   * @param {unknown} value
   * @returns {{known: Object<string, boolean>, kept: unknown[]} | null}
   */
  function itemSet(value) {
    var list = { known: Object.create(null), kept: /** @type {unknown[]} */ ([]) };
    if (value === undefined) return list;
    if (!Array.isArray(value) || value.length > MAX_ITEMS) return null;
    for (var i = 0; i < value.length; i++) {
      var item = value[i];
      var text = JSON.stringify(item);
      if (typeof text !== "string" || text.length > MAX_ITEM_LENGTH || /[<>]/.test(text)) return null;
      if (typeof item === "string" && ITEM.test(item)) list.known[item] = true;
      else list.kept.push(item);
    }
    return list;
  }

  /**
   * Progress from parsed JSON, or why it is not ours (in Dutch, for the reader).
   * @param {unknown} data
   * @returns {Reading}
   */
  function fromData(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return { error: NOT_OURS };
    var record = /** @type {Object<string, unknown>} */ (data);
    if (record.soort !== KIND) return { error: NOT_OURS };
    if (record.versie !== VERSION) return { error: "Dit voortgangsbestand komt van een andere versie van de site en kan hier niet worden gelezen." };
    for (var name in record) {
      if (Object.prototype.hasOwnProperty.call(record, name) && FIELDS.indexOf(name) < 0) {
        return { error: "Dit bestand bevat gegevens die niet in een voortgangsbestand horen. Het is daarom niet ingelezen." };
      }
    }
    if (record.opgeslagen !== undefined && (typeof record.opgeslagen !== "string" || record.opgeslagen.length > 40)) {
      return { error: "Dit voortgangsbestand is beschadigd: de datum klopt niet." };
    }
    var done = itemSet(record.gedaan);
    var allCorrect = itemSet(record.allesGoed);
    if (!done || !allCorrect) return { error: "Dit voortgangsbestand is beschadigd: de lijst met wat je hebt gedaan klopt niet." };
    return { progress: { done: done.known, allCorrect: allCorrect.known, keptDone: done.kept, keptAllCorrect: allCorrect.kept } };
  }

  /**
   * Progress from a text, stored or from a file.
   * @param {string} text
   * @returns {Reading}
   */
  function fromText(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (notJson) {
      return { error: NOT_OURS };
    }
    return fromData(data);
  }

  /**
   * Today in the reader's own time zone as "YYYY-MM-DD" (toISOString would give the day in UTC: before 01:00 or
   * 02:00 in the Netherlands, yesterday).
   * @returns {string}
   */
  function today() {
    var now = new Date();
    var month = now.getMonth() + 1;
    var day = now.getDate();
    return now.getFullYear() + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
  }

  /** @param {Progress} progress */
  function toText(progress) {
    return JSON.stringify(
      {
        soort: KIND,
        versie: VERSION,
        opgeslagen: today(),
        gedaan: Object.keys(progress.done).sort().concat(/** @type {string[]} */ (progress.keptDone)),
        allesGoed: Object.keys(progress.allCorrect).sort().concat(/** @type {string[]} */ (progress.keptAllCorrect)),
      },
      null,
      2
    );
  }

  // The browser's storage; reading it can throw (blocked storage, some private windows), and then nothing is kept.
  // `unreadable` holds a stored value this version cannot read (another version, broken): it is never overwritten
  // except by the reader's own choice on the page "Je voortgang".
  var state = { progress: empty(), unreadable: /** @type {string | null} */ (null), blocked: false };

  // Read what the browser keeps; where it keeps nothing (storage blocked), what this page was told stays as it is.
  function load() {
    var text = null;
    try {
      text = window.localStorage.getItem(STORAGE_KEY);
    } catch (blocked) {
      state.blocked = true;
      return;
    }
    state.progress = empty();
    state.unreadable = null;
    if (text === null) return;
    var reading = fromText(text);
    if ("progress" in reading) state.progress = reading.progress;
    else state.unreadable = text;
  }

  /** @returns {boolean} whether the browser kept it */
  function save() {
    try {
      window.localStorage.setItem(STORAGE_KEY, toText(state.progress));
      state.unreadable = null;
      state.blocked = false;
      return true;
    } catch (blocked) {
      state.blocked = true;
      return false;
    }
  }

  /**
   * @param {string} selector
   * @param {function(Element): void} each
   */
  function all(selector, each) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), each);
  }

  function render() {
    var done = state.progress.done;
    var allCorrect = state.progress.allCorrect;
    all("[data-kb-voortgang]", function (bar) {
      var keys = (bar.getAttribute("data-kb-voortgang") || "").split(" ").filter(Boolean);
      var count = keys.filter(function (key) { return done[key]; }).length;
      var text = bar.querySelector(".kb-voortgang__tekst");
      var meter = /** @type {HTMLProgressElement | null} */ (bar.querySelector("progress"));
      if (text) text.textContent = count + " van " + keys.length + " " + (bar.getAttribute("data-kb-wat") || "") + " gedaan";
      if (meter) {
        meter.value = count;
        meter.textContent = count + " van " + keys.length;
      }
      bar.removeAttribute("hidden");
    });
    all("[data-kb-gedaan]", function (element) {
      var input = /** @type {HTMLInputElement} */ (element);
      input.checked = Boolean(done[input.getAttribute("data-kb-gedaan") || ""]);
      if (input.parentElement) input.parentElement.removeAttribute("hidden");
    });
    all("[data-kb-merk]", function (mark) {
      var key = mark.getAttribute("data-kb-merk") || "";
      mark.textContent = done[key] ? (allCorrect[key] ? "Gedaan · alle vragen goed" : "Gedaan") : "";
      mark.classList.toggle("kb-merk--gedaan", Boolean(done[key]));
    });
    all("[data-kb-allesgoed]", function (note) {
      if (allCorrect[note.getAttribute("data-kb-allesgoed") || ""]) note.removeAttribute("hidden");
      else note.setAttribute("hidden", "");
    });
    all(".kb-lesvoortgang__meer", function (more) { more.removeAttribute("hidden"); });
    all("[data-kb-zonder-script]", function (notice) { notice.setAttribute("hidden", ""); });
  }

  /**
   * Mark an item done or not; `which` is "done" or "allCorrect". Refused while the stored value cannot be read, and
   * undone when the browser does not keep it (storage blocked or full), so that what shows is what is kept.
   * @param {"done" | "allCorrect"} which
   * @param {string} key
   * @param {boolean} on
   * @returns {boolean} false when it was refused, and nothing changed
   */
  function mark(which, key, on) {
    if (!ITEM.test(key)) return false;
    load(); // another tab may have changed it since this page loaded
    var kept = state.unreadable === null;
    var was = state.progress[which][key] === true;
    if (kept) set(which, key, on);
    if (kept && !save()) {
      set(which, key, was);
      kept = false;
    }
    render();
    return kept;
  }

  /**
   * @param {"done" | "allCorrect"} which
   * @param {string} key
   * @param {boolean} on
   */
  function set(which, key, on) {
    if (on) state.progress[which][key] = true;
    else delete state.progress[which][key];
  }

  /**
   * Say beside a switch why a change was not kept (the reason is in `state`), with the way to the page "Je voortgang".
   * @param {HTMLInputElement} input  the switch
   * @param {string} what  what was not kept, to begin the sentence: "Dit", or "Dat je alle vragen goed hebt beantwoord,"
   */
  function refused(input, what) {
    var region = document.getElementById(input.id + "-melding");
    var page = region ? region.getAttribute("data-kb-voortgang-pagina") : null;
    var why = state.unreadable !== null ?
      "In deze browser staat al voortgang die deze pagina niet kan lezen, en die wil de site niet kwijtraken. Wat je kunt doen, lees je bij" :
      "Je browser stond niet toe dat deze site iets bewaart. Misschien is de opslag van je browser vol, of staat bewaren uit. Meer lees je bij";
    tell(region, what + " is niet bewaard. " + why, page ? { link: { href: page, text: "Je voortgang" } } : undefined);
  }

  /**
   * Put a message in a live region (an element with role="status" that is always there, so every screen reader
   * hears it), as a paragraph with the look of a message; emptied first and filled a moment later, so that the same
   * message twice is read twice. An empty text only clears it. Unless `stay`, the page scrolls as little as needed
   * to show it: after a button at the bottom of the screen, it would fall just below.
   * @param {Element | null} region
   * @param {string} text
   * @param {{link?: {href: string, text: string}, stay?: boolean}=} options  a link after the text; no scrolling
   */
  function tell(region, text, options) {
    var link = options && options.link;
    if (!region) return;
    window.clearTimeout(pending.get(region)); // twice in a row (a double click) fills it once
    region.textContent = "";
    if (!text) return;
    pending.set(region, window.setTimeout(function () {
      var message = document.createElement("p");
      message.className = "kb-melding";
      message.textContent = text;
      if (link) {
        var anchor = document.createElement("a");
        anchor.href = link.href;
        anchor.textContent = link.text;
        message.appendChild(document.createTextNode(" "));
        message.appendChild(anchor);
        message.appendChild(document.createTextNode("."));
      }
      region.appendChild(message);
      if (!(options && options.stay)) message.scrollIntoView({ block: "nearest" });
    }, ANNOUNCE_AFTER_MS));
  }

  /**
   * The 'Gedaan' switch was changed: keep it, or, when the stored value cannot be read or the browser does not keep
   * it, put the switch back and say beside it why, with the way to the page "Je voortgang".
   * @param {HTMLInputElement} input
   */
  function switched(input) {
    if (mark("done", input.getAttribute("data-kb-gedaan") || "", input.checked)) tell(document.getElementById(input.id + "-melding"), "");
    else refused(input, "Dit");
  }

  // --- The page "Je voortgang": save to a file, restore from one, start again ---------------------------------

  /**
   * Say what an action did in the live region beside its button (the message shows where the reader is, also on a
   * phone), and clear the messages of the other actions, which no longer hold; the file field's error belongs to
   * "terugzetten".
   * @param {Element} controls
   * @param {string} action  "opslaan", "terugzetten" or "wissen"
   * @param {string} text  empty to clear
   */
  function say(controls, action, text) {
    ["opslaan", "terugzetten", "wissen"].forEach(function (other) {
      if (other !== action) tell(controls.querySelector('[data-kb-melding-bij="' + other + '"]'), "");
    });
    if (action !== "terugzetten") fileError(controls, "");
    tell(controls.querySelector('[data-kb-melding-bij="' + action + '"]'), text);
  }

  /**
   * Show or clear the file field's error (GOV.UK's error message: beside the field, read with it, focus on it).
   * @param {Element} controls
   * @param {string} text  empty to clear
   */
  function fileError(controls, text) {
    var input = /** @type {HTMLInputElement | null} */ (controls.querySelector("#kb-bestand"));
    var error = controls.querySelector("#kb-bestand-fout");
    var group = controls.querySelector(".kb-bestand");
    if (!input || !error || !group) return;
    error.textContent = "";
    if (!text) {
      error.setAttribute("hidden", "");
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "kb-bestand-hint");
      group.classList.remove("kb-bestand--fout");
      return;
    }
    var prefix = document.createElement("span");
    prefix.className = "kb-onzichtbaar";
    prefix.textContent = "Fout: ";
    error.appendChild(prefix);
    error.appendChild(document.createTextNode(text));
    error.removeAttribute("hidden");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "kb-bestand-hint kb-bestand-fout");
    group.classList.add("kb-bestand--fout");
    input.focus();
  }

  /**
   * Every item this site counts: on "Je voortgang", the bars of all modules and routes name them all.
   * @returns {Object<string, boolean>}
   */
  function siteItems() {
    var items = Object.create(null);
    all("[data-kb-voortgang]", function (bar) {
      (bar.getAttribute("data-kb-voortgang") || "").split(" ").forEach(function (key) { if (key) items[key] = true; });
    });
    return items;
  }

  /**
   * "1 onderdeel", "3 onderdelen".
   * @param {number} count
   * @returns {string}
   */
  function parts(count) {
    return count + (count === 1 ? " onderdeel" : " onderdelen");
  }

  /**
   * Save to a file; a stored value this version cannot read is saved as it is, so the reader can keep it.
   * @param {Element} controls
   */
  function exportFile(controls) {
    load();
    var unreadable = state.unreadable;
    var text = unreadable !== null ? unreadable : toText(state.progress) + "\n";
    var blob = new Blob([text], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = "kennisbank-voortgang-" + today() + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    var saved = "Je voortgang is opgeslagen als bestand: " + link.download + ".";
    if (unreadable !== null) saved += " Deze versie van de site kan hem niet lezen, maar zo raak je hem niet kwijt.";
    say(controls, "opslaan", saved);
  }

  /**
   * Restore from the chosen file: what it holds is added to what this browser has; nothing changes on any problem.
   * A stored value this version cannot read is only replaced when the reader says so.
   * @param {Element} controls
   */
  function importFile(controls) {
    var input = /** @type {HTMLInputElement | null} */ (controls.querySelector("#kb-bestand"));
    var file = input && input.files && input.files[0];
    say(controls, "terugzetten", "");
    if (!input || !file) {
      fileError(controls, "Kies eerst een bestand.");
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      fileError(controls, "Dit bestand is te groot voor een voortgangsbestand. Kies een bestand dat je op deze pagina hebt opgeslagen.");
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () {
      fileError(controls, "Dit bestand kan niet worden gelezen. Probeer het nog eens, of kies een ander bestand.");
    };
    reader.onload = function () {
      var reading = fromText(typeof reader.result === "string" ? reader.result : "");
      if ("error" in reading) {
        fileError(controls, reading.error);
        return;
      }
      fileError(controls, "");
      load();
      if (state.unreadable !== null && !window.confirm(REPLACE_UNREADABLE)) {
        say(controls, "terugzetten", "Er is niets veranderd.");
        return;
      }
      var before = state.progress;
      var restored = reading.progress;
      var onSite = siteItems();
      var added = 0;
      var notOnSite = restored.keptDone.length;
      Object.keys(restored.done).forEach(function (key) {
        if (!onSite[key]) notOnSite += 1;
        else if (!before.done[key]) added += 1;
        before.done[key] = true;
      });
      Object.keys(restored.allCorrect).forEach(function (key) { before.allCorrect[key] = true; });
      [[restored.keptDone, before.keptDone], [restored.keptAllCorrect, before.keptAllCorrect]].forEach(function (lists) {
        var have = lists[1].map(function (item) { return JSON.stringify(item); });
        lists[0].forEach(function (item) { if (have.indexOf(JSON.stringify(item)) < 0) lists[1].push(item); });
      });
      if (!save()) {
        fileError(controls, "Je browser staat niet toe dat deze site iets bewaart, dus je voortgang kan niet worden teruggezet.");
        showNotice(controls);
        return;
      }
      input.value = "";
      render();
      showNotice(controls); // a notice about unreadable progress no longer holds
      var total = Object.keys(before.done).filter(function (key) { return onSite[key]; }).length;
      var news = added === 0 ? "Er kwam niets nieuws bij." : added === 1 ? "Er kwam 1 onderdeel bij." : "Er kwamen " + parts(added) + " bij.";
      var message = "Je voortgang is teruggezet. " + news +
        " Je hebt nu " + parts(total) + " gedaan.";
      if (notOnSite) message += " " + (notOnSite === 1 ? "1 onderdeel uit het bestand staat" : parts(notOnSite) + " uit het bestand staan") + " niet op deze site. Die tellen niet mee.";
      say(controls, "terugzetten", message);
    };
    reader.readAsText(file);
  }

  /** @param {Element} controls */
  function wipe(controls) {
    if (!window.confirm("Weet je zeker dat je je voortgang in deze browser wilt wissen? Dit kun je niet ongedaan maken.")) return;
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (blocked) {
      state.blocked = true;
    }
    state.progress = empty();
    state.unreadable = null;
    render();
    showNotice(controls);
    say(controls, "wissen", "Je voortgang in deze browser is gewist.");
  }

  /** @param {Element} controls */
  function setUpControls(controls) {
    controls.removeAttribute("hidden");
    /** @type {Array<[string, function(Element): void]>} */
    var actions = [["[data-kb-exporteer]", exportFile], ["[data-kb-importeer]", importFile], ["[data-kb-wis]", wipe]];
    actions.forEach(function (action) {
      var button = controls.querySelector(action[0]);
      if (button) button.addEventListener("click", function () { action[1](controls); });
    });
    probe();
    showNotice(controls);
  }

  // Whether the browser still keeps what is stored: writing it back unchanged fails when storage is full or blocked
  // for writing only, which reading does not show.
  function probe() {
    try {
      var text = window.localStorage.getItem(STORAGE_KEY);
      if (text !== null) window.localStorage.setItem(STORAGE_KEY, text);
    } catch (blocked) {
      state.blocked = true;
    }
  }

  /**
   * On "Je voortgang", the notice above the buttons: storage blocked, or progress this version cannot read, or none.
   * @param {Element} controls
   */
  function showNotice(controls) {
    var notice = controls.querySelector("[data-kb-melding]");
    var text = state.blocked ? "Je browser staat niet toe dat deze site iets bewaart. Je voortgang wordt daarom niet onthouden." :
      state.unreadable !== null ? UNREADABLE : "";
    if (notice && notice.textContent !== text) tell(notice, text, { stay: true });
  }

  load();
  render();
  all("[data-kb-gedaan]", function (element) {
    element.addEventListener("change", function () { switched(/** @type {HTMLInputElement} */ (element)); });
  });
  // All questions of a lesson answered right (toets.js): when it is not kept, the lesson's switch says so, and the
  // cancelled event tells toets.js to send it again next time.
  document.addEventListener("kb:alles-goed", function (event) {
    var detail = /** @type {CustomEvent<{key: string}>} */ (event).detail;
    if (!detail || typeof detail.key !== "string" || mark("allCorrect", detail.key, true)) return;
    event.preventDefault();
    all("[data-kb-gedaan]", function (element) {
      if (element.getAttribute("data-kb-gedaan") === detail.key) refused(/** @type {HTMLInputElement} */ (element), "Dat je alle vragen goed hebt beantwoord,");
    });
  });
  // Another tab changed it: show the same, and the messages that now hold. That tab could write, so this one may too.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY || event.key === null) {
      state.blocked = false;
      load();
      render();
      if (state.unreadable === null) {
        all("[data-kb-gedaan]", function (input) { tell(document.getElementById(input.id + "-melding"), ""); });
      }
      all("[data-kb-beheer]", showNotice);
    }
  });
  all("[data-kb-beheer]", setUpControls);
})();

// Progress kept in this browser only: lessons and route steps switched to "Gedaan", and lessons whose questions
// were all answered correctly. It lives under one versioned localStorage key; there are no cookies and nothing is
// sent. The page says what to count (data-kb-* attributes, see scripts/kennisbank/pages/progress.py); this script
// fills in the numbers and shows switches, bars and marks, which stay hidden without JavaScript. A stored value
// that is broken or from somewhere else counts as no progress and breaks nothing. On the page "Je voortgang" it
// saves progress to a file, restores it from one (refusing, in Dutch, a file that is broken, foreign or hostile,
// and keeping what is there), and wipes it.
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

  /** @typedef {{done: Object<string, boolean>, allCorrect: Object<string, boolean>}} Progress */
  /** @typedef {{progress: Progress} | {error: string}} Reading */

  /** @returns {Progress} */
  function empty() {
    return { done: Object.create(null), allCorrect: Object.create(null) };
  }

  /**
   * A list of item keys as a set, or null when it is not a list of well-formed keys.
   * @param {unknown} value
   * @returns {Object<string, boolean> | null}
   */
  function itemSet(value) {
    var set = Object.create(null);
    if (value === undefined) return set;
    if (!Array.isArray(value) || value.length > MAX_ITEMS) return null;
    for (var i = 0; i < value.length; i++) {
      var item = value[i];
      if (typeof item !== "string" || item.length > MAX_ITEM_LENGTH || !ITEM.test(item)) return null;
      set[item] = true;
    }
    return set;
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
    return { progress: { done: done, allCorrect: allCorrect } };
  }

  /**
   * Progress from a text (stored or from a file).
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

  /** @param {Progress} progress */
  function toText(progress) {
    return JSON.stringify(
      {
        soort: KIND,
        versie: VERSION,
        opgeslagen: new Date().toISOString().slice(0, 10),
        gedaan: Object.keys(progress.done).sort(),
        allesGoed: Object.keys(progress.allCorrect).sort(),
      },
      null,
      2
    );
  }

  // The browser's storage; reading it can throw (blocked storage, some private windows), and then nothing is kept.
  var state = { progress: empty(), unreadable: false, blocked: false };

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
    state.unreadable = false;
    if (text === null) return;
    var reading = fromText(text);
    if ("progress" in reading) state.progress = reading.progress;
    else state.unreadable = true; // left as it is until the reader changes something
  }

  /** @returns {boolean} whether the browser kept it */
  function save() {
    try {
      window.localStorage.setItem(STORAGE_KEY, toText(state.progress));
      state.unreadable = false;
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
   * Mark an item done or not; `which` is "done" or "allCorrect".
   * @param {"done" | "allCorrect"} which
   * @param {string} key
   * @param {boolean} on
   */
  function mark(which, key, on) {
    if (!ITEM.test(key)) return;
    load(); // another tab may have changed it since this page loaded
    if (on) state.progress[which][key] = true;
    else delete state.progress[which][key];
    save();
    render();
  }

  // --- The page "Je voortgang": save to a file, restore from one, start again ---------------------------------

  /**
   * @param {Element} controls
   * @param {string} text
   */
  function tell(controls, text) {
    var message = controls.querySelector("[data-kb-melding]");
    if (message) message.textContent = text;
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

  /** @param {Element} controls */
  function exportFile(controls) {
    load();
    var blob = new Blob([toText(state.progress) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = "kennisbank-voortgang-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    tell(controls, "Je voortgang is opgeslagen als bestand: " + link.download + ".");
  }

  /**
   * Restore from the chosen file: what it holds is added to what this browser has; nothing changes on any problem.
   * @param {Element} controls
   */
  function importFile(controls) {
    var input = /** @type {HTMLInputElement | null} */ (controls.querySelector("#kb-bestand"));
    var file = input && input.files && input.files[0];
    tell(controls, "");
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
      load();
      var added = 0;
      Object.keys(reading.progress.done).forEach(function (key) {
        if (!state.progress.done[key]) added += 1;
        state.progress.done[key] = true;
      });
      Object.keys(reading.progress.allCorrect).forEach(function (key) { state.progress.allCorrect[key] = true; });
      if (!save()) {
        fileError(controls, "Je browser staat niet toe dat deze site iets bewaart, dus je voortgang kan niet worden teruggezet.");
        return;
      }
      fileError(controls, "");
      input.value = "";
      render();
      var total = Object.keys(state.progress.done).length;
      tell(controls, "Je voortgang is teruggezet: " + added + " nieuw uit het bestand, " + total + " in totaal gedaan.");
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
    state.unreadable = false;
    fileError(controls, "");
    render();
    tell(controls, "Je voortgang in deze browser is gewist.");
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
    if (state.blocked) tell(controls, "Je browser staat niet toe dat deze site iets bewaart. Je voortgang wordt daarom niet onthouden.");
    else if (state.unreadable) tell(controls, "De voortgang die in deze browser stond, kon niet worden gelezen. Zet hem terug uit een bestand, of begin opnieuw.");
  }

  load();
  render();
  all("[data-kb-gedaan]", function (element) {
    element.addEventListener("change", function () {
      var input = /** @type {HTMLInputElement} */ (element);
      mark("done", input.getAttribute("data-kb-gedaan") || "", input.checked);
    });
  });
  document.addEventListener("kb:alles-goed", function (event) {
    var detail = /** @type {CustomEvent<{key: string}>} */ (event).detail;
    if (detail && typeof detail.key === "string") mark("allCorrect", detail.key, true);
  });
  // Another tab changed it: show the same.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY || event.key === null) {
      load();
      render();
    }
  });
  all("[data-kb-beheer]", setUpControls);
})();

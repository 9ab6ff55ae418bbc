// Case browser: filters one compact JSON file in the browser; the filter state lives in the URL.
(function () {
  "use strict";
  var form = document.getElementById("kb-verkennen");
  var count = document.getElementById("kb-aantal");
  var list = document.getElementById("kb-resultaten");
  if (!form || !count || !list) return;
  var MAX_SHOWN = 200;
  var data = null;
  var texts = null;  // summaries: fetched on the first search word, so the first download stays small
  var textsRequested = false;

  function loadTexts() {
    if (textsRequested) return;
    textsRequested = true;
    fetch(count.getAttribute("data-tekst"))
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (json) {
        texts = json;
        list.setAttribute("data-tekst-geladen", "");
        data.casussen.forEach(function (row) { row.folded = null; });
        render(formState());
      })
      .catch(function () { textsRequested = false; });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    return {
      q: params.get("q") || "",
      thema: params.getAll("thema"),
      gebied: params.get("gebied") || "",
      rechtsvorm: params.get("rechtsvorm") || "",
      fase: params.get("fase") || "",
      van: params.get("van") || "",
      tot: params.get("tot") || ""
    };
  }

  function writeForm(state) {
    form.elements.q.value = state.q;
    Array.prototype.forEach.call(form.querySelectorAll('input[name="thema"]'), function (box) {
      box.checked = state.thema.indexOf(box.value) !== -1;
    });
    ["gebied", "rechtsvorm", "fase", "van", "tot"].forEach(function (name) {
      form.elements[name].value = state[name];
    });
  }

  function formState() {
    var state = { q: form.elements.q.value.trim(), thema: [] };
    Array.prototype.forEach.call(form.querySelectorAll('input[name="thema"]:checked'), function (box) {
      state.thema.push(box.value);
    });
    ["gebied", "rechtsvorm", "fase", "van", "tot"].forEach(function (name) {
      state[name] = form.elements[name].value.trim();
    });
    return state;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    state.thema.forEach(function (t) { params.append("thema", t); });
    ["gebied", "rechtsvorm", "fase", "van", "tot"].forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function matches(row, state, keys) {
    // row: [slug, title, place, year, themes, region, legalForm, stage]; summaries arrive separately.
    if (state.thema.length) {
      var wanted = state.thema.map(function (t) { return keys.themas.indexOf(t); });
      if (!wanted.every(function (t) { return row[4].indexOf(t) !== -1; })) return false;
    }
    if (state.gebied && keys.gebieden[row[5]] !== state.gebied) return false;
    if (state.rechtsvorm && keys.rechtsvormen[row[6]] !== state.rechtsvorm) return false;
    if (state.fase && keys.fases[row[7]] !== state.fase) return false;
    if (state.van && row[3] < Number(state.van)) return false;
    if (state.tot && row[3] > Number(state.tot)) return false;
    if (state.q) {
      var haystack = row.folded || (row.folded = fold(row[1] + " " + row[2] + " " + (texts ? texts[row.index] : "")));
      var words = fold(state.q).split(/\s+/);
      if (!words.every(function (w) { return haystack.indexOf(w) !== -1; })) return false;
    }
    return true;
  }

  function render(state) {
    if (state.q) loadTexts();
    var found = data.casussen.filter(function (row) { return matches(row, state, data.sleutels); });
    list.textContent = "";
    found.slice(0, MAX_SHOWN).forEach(function (row) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "../" + row[0] + "/";
      link.textContent = row[1];
      var meta = document.createElement("span");
      meta.className = "kb-muted";
      meta.textContent = " — " + row[2] + ", " + row[3] + " · " + data.labels.gebieden[row[5]] + " · " +
        row[4].map(function (t) { return data.labels.themas[t]; }).join(", ");
      item.appendChild(link);
      item.appendChild(meta);
      if (texts) {
        var summary = document.createElement("p");
        summary.textContent = texts[row.index];
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    var total = data.casussen.length;
    var text = found.length === 1 ? "1 casus gevonden" : found.length + " casussen gevonden";
    text += " (van " + total + ")";
    if (found.length > MAX_SHOWN) text += "; de eerste " + MAX_SHOWN + " staan hieronder. Verfijn je filters om meer te zien.";
    count.textContent = text + ".";
  }

  function apply(push) {
    var state = formState();
    var query = toQuery(state);
    if (query !== window.location.search) {
      // Typing replaces the address; a deliberate change adds a history step.
      window.history[push ? "pushState" : "replaceState"](null, "", window.location.pathname + query);
    }
    render(state);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.elements.q.addEventListener("input", function () { apply(false); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
  window.addEventListener("popstate", function () { writeForm(readState()); render(readState()); });

  fetch(count.getAttribute("data-bron"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (json) {
      data = json;
      data.casussen.forEach(function (row, index) { row.index = index; });
      writeForm(readState());
      render(readState());
    })
    .catch(function () {
      count.textContent = "De casussen konden niet worden geladen. Probeer het later opnieuw, of bekijk ze per thema of gebied.";
    });
})();

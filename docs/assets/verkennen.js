// Case browser: filters compact case data in the browser; the filter state lives in the URL.
// The first download holds every case's facets as small numbers; the names (slug, title, place)
// come in files of a few hundred cases, fetched for the cases on screen, and the summaries
// only once a reader types a search word. Every theme, region, legal form and stage shows
// how many cases it would give with the other filters; one that would give none is disabled.
// Volledigheid is the level of completeness the content model computes for each case.
(function () {
  "use strict";
  var form = document.getElementById("kb-verkennen");
  var count = document.getElementById("kb-aantal");
  var list = document.getElementById("kb-resultaten");
  if (!form || !count || !list) return;
  var MAX_SHOWN = 200;
  // The single-choice filters: form field, vocabulary in the data, column of a case's row.
  var SELECTS = [
    { name: "gebied", vocabulary: "gebieden", column: 2 },
    { name: "rechtsvorm", vocabulary: "rechtsvormen", column: 3 },
    { name: "fase", vocabulary: "fases", column: 4 },
    { name: "volledigheid", vocabulary: "volledigheid", column: 5 }
  ];
  var data = null;
  var names = {};  // file number -> [[slug, title, place], ...]
  var texts = null;  // summaries: fetched on the first search word, so the first download stays small
  var textsRequested = false;
  var shownState = null;  // the last state rendered, so late files redraw only what is still wanted
  var haystacks = null;  // per case: title, place and summary, folded; made once everything for it is here

  function getJson(url) {
    return fetch(url).then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); });
  }

  function nameFile(index) { return Math.floor(index / data.namen_per_bestand); }
  function name(index) {
    var file = names[nameFile(index)];
    return file ? file[index % data.namen_per_bestand] : null;
  }

  // Fetch the name files of these case numbers that are not here yet; then draw the state again.
  function loadNames(indexes) {
    var wanted = {};
    indexes.forEach(function (index) { if (!(nameFile(index) in names)) wanted[nameFile(index)] = true; });
    var files = Object.keys(wanted);
    if (!files.length) return false;
    Promise.all(files.map(function (file) {
      return getJson(count.getAttribute("data-namen") + file + ".json").then(function (json) { names[file] = json; });
    })).then(function () { render(shownState); }, failed);
    return true;
  }

  function loadTexts() {
    if (textsRequested) return;
    textsRequested = true;
    getJson(count.getAttribute("data-tekst"))
      .then(function (json) {
        texts = json;
        list.setAttribute("data-tekst-geladen", "");
        render(shownState);
      })
      .catch(function () { textsRequested = false; });
  }

  function failed() {
    count.textContent = "De casussen konden niet worden geladen. Probeer het later opnieuw, of bekijk ze per thema of gebied.";
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
      volledigheid: params.get("volledigheid") || "",
      van: params.get("van") || "",
      tot: params.get("tot") || ""
    };
  }

  function writeForm(state) {
    form.elements.q.value = state.q;
    Array.prototype.forEach.call(form.querySelectorAll('input[name="thema"]'), function (box) {
      box.checked = state.thema.indexOf(box.value) !== -1;
    });
    ["gebied", "rechtsvorm", "fase", "volledigheid", "van", "tot"].forEach(function (name) {
      form.elements[name].value = state[name];
    });
  }

  function formState() {
    var state = { q: form.elements.q.value.trim(), thema: [] };
    Array.prototype.forEach.call(form.querySelectorAll('input[name="thema"]:checked'), function (box) {
      state.thema.push(box.value);
    });
    ["gebied", "rechtsvorm", "fase", "volledigheid", "van", "tot"].forEach(function (name) {
      state[name] = form.elements[name].value.trim();
    });
    return state;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    state.thema.forEach(function (t) { params.append("thema", t); });
    ["gebied", "rechtsvorm", "fase", "volledigheid", "van", "tot"].forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  // The filters a case fails: "thema", "gebied", "rechtsvorm", "fase", "volledigheid", or "rest" (start year, search words).
  function failures(index, state, keys) {
    // row: [start year - first year, themes as bits, region, legal form, stage, level]; names and summaries arrive separately.
    var row = data.casussen[index];
    var failed = [];
    if (state.thema.length) {
      var bits = state.thema.map(function (t) { return 1 << keys.themas.indexOf(t); });
      if (!bits.every(function (bit) { return bit > 0 && (row[1] & bit); })) failed.push("thema");
    }
    SELECTS.forEach(function (facet) {
      if (state[facet.name] && keys[facet.vocabulary][row[facet.column]] !== state[facet.name]) failed.push(facet.name);
    });
    var year = data.eerste_jaar + row[0];
    if ((state.van && year < Number(state.van)) || (state.tot && year > Number(state.tot))) failed.push("rest");
    else if (state.q) {
      if (!haystacks) {
        haystacks = data.casussen.map(function (row, n) { var found = name(n); return fold(found[1] + " " + found[2] + " " + texts[n]); });
      }
      var haystack = haystacks[index];
      var words = fold(state.q).split(/\s+/);
      if (!words.every(function (w) { return haystack.indexOf(w) !== -1; })) failed.push("rest");
    }
    return failed;
  }

  // Per option, the cases it would give together with the other filters: a theme adds to the chosen
  // themes; a region, legal form, stage or level replaces the chosen one ("Alle" drops it).
  function optionCounts(state) {
    var counts = { thema: data.sleutels.themas.map(function () { return 0; }) };
    SELECTS.forEach(function (facet) {
      counts[facet.name] = data.sleutels[facet.vocabulary].map(function () { return 0; });
      counts[facet.name].alle = 0;
    });
    data.casussen.forEach(function (row, index) {
      var failed = failures(index, state, data.sleutels);
      if (!failed.length) {
        counts.thema.forEach(function (_, n) { if (row[1] & (1 << n)) counts.thema[n] += 1; });
      }
      SELECTS.forEach(function (facet) {
        if (failed.length && !(failed.length === 1 && failed[0] === facet.name)) return;
        counts[facet.name][row[facet.column]] += 1;
        counts[facet.name].alle += 1;
      });
    });
    return counts;
  }

  function showCount(element, label, count, chosen) {
    element.textContent = label + " (" + count + ")";
    element.disabled = count === 0 && !chosen;
  }

  function showCounts(state) {
    var counts = optionCounts(state);
    Array.prototype.forEach.call(form.querySelectorAll('input[name="thema"]'), function (box) {
      var n = data.sleutels.themas.indexOf(box.value);
      var text = box.parentNode.querySelector(".kb-check__tekst");
      if (n === -1 || !text) return;
      box.disabled = counts.thema[n] === 0 && !box.checked;
      text.textContent = data.labels.themas[n] + " (" + counts.thema[n] + ")";
    });
    SELECTS.forEach(function (facet) {
      Array.prototype.forEach.call(form.elements[facet.name].options, function (option) {
        if (!option.value) return showCount(option, "Alle", counts[facet.name].alle, true);
        var n = data.sleutels[facet.vocabulary].indexOf(option.value);
        if (n !== -1) showCount(option, data.labels[facet.vocabulary][n], counts[facet.name][n], option.selected);
      });
    });
  }

  function themeLabels(bits) {
    return data.labels.themas.filter(function (label, n) { return bits & (1 << n); }).join(", ");
  }

  function render(state) {
    shownState = state;
    var all = data.casussen.map(function (row, index) { return index; });
    if (state.q) {
      loadTexts();
      // A search word is looked for in every title, place and summary: all of them must be here first.
      if (loadNames(all) || !texts) {
        count.textContent = "De casussen worden doorzocht…";
        return;
      }
    }
    var found = all.filter(function (index) { return !failures(index, state, data.sleutels).length; });
    showCounts(state);
    var shown = found.slice(0, MAX_SHOWN);
    if (loadNames(shown)) {
      count.textContent = "De casussen worden geladen…";
      return;
    }
    list.textContent = "";
    shown.forEach(function (index) {
      var row = data.casussen[index], found = name(index);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "../" + found[0] + "/";
      link.textContent = found[1];
      var meta = document.createElement("span");
      meta.className = "kb-muted";
      meta.textContent = " — " + found[2] + ", " + (data.eerste_jaar + row[0]) + " · " + data.labels.gebieden[row[2]] + " · " + themeLabels(row[1]);
      item.appendChild(link);
      item.appendChild(meta);
      if (texts) {
        var summary = document.createElement("p");
        summary.textContent = texts[index];
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

  getJson(count.getAttribute("data-bron"))
    .then(function (json) {
      data = json;
      writeForm(readState());
      render(readState());
    })
    .catch(failed);
})();

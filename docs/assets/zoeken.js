// Site search in the header: Pagefind's search API in Material's search look.
// Nothing is fetched until the search box is used; then Pagefind loads only the
// index chunks for the typed words and the excerpts of the results it shows.
// When a query finds (almost) nothing, or only loose matches ('ver' for 'verniging'),
// bedoel-je.js and the site's own words are fetched once, and the closest ones to the
// words the site does not have are offered: "Bedoel je …?". When it finds nothing at all,
// the results for the closest query are shown at once, as web search does, with the
// query as typed one click away ("Zoek toch naar …").
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var form = root.querySelector("form");
  var input = root.querySelector(".kb-search__input");
  var status = root.querySelector(".kb-search__status");
  var list = root.querySelector(".md-search-result__list");
  var more = root.querySelector(".kb-search__more");
  var facets = root.querySelector(".kb-search__facets");
  var kindButtons = Array.prototype.slice.call(root.querySelectorAll(".kb-search__kind"));
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var opener = document.querySelector(".kb-search-open");
  var suggestBox = root.querySelector(".kb-search__suggest");
  var PAGE_SIZE = 8;
  var FEW = 3; // fewer results than this: look for the site's own words close to the query
  var MIN_WORD = 4; // as in the word list (search/suggestions.py): shorter words are not corrected
  var SUGGESTER = new URL("bedoel-je.js", document.currentScript.src).href;
  var DEBOUNCE_MS = 80;
  var KINDS = { casus: "Casus", les: "Les", module: "Module", leerroute: "Leerroute", begrip: "Begrip", pagina: "Pagina" };
  var HINT = "Typ een zoekterm, of kies een filter";
  var pagefind = null;
  var kind = "";
  var results = [];
  var shown = 0;
  var latest = 0;
  var timer = 0;
  var returnFocus = null;
  var suggester = null; // "Bedoel je …?": its module and the site's words, fetched the first time a query finds (almost) nothing
  var literal = null; // a query to search as typed, never corrected: chosen with "Zoek toch naar …"

  function load() {
    if (!pagefind) {
      var bundle = new URL(root.getAttribute("data-kb-bundle"), window.location.href);
      var base = new URL(root.getAttribute("data-kb-base"), window.location.href).pathname;
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (api) {
        // No web worker: searching a few thousand pages takes milliseconds, and the worker's
        // own script would add 40 kB to the first search.
        return api.options({ baseUrl: base, excerptLength: 24, noWorker: true }).then(function () {
          api.init();
          return api;
        });
      });
      pagefind.catch(function () {
        status.textContent = "Zoeken lukt nu niet: de zoekindex ontbreekt. Bouw de site opnieuw.";
      });
    }
    return pagefind;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function letters(part) {
    return fold(part).replace(/[^\p{L}]/gu, "");
  }

  // Whether the results shown mark a form of every longer word of the query. Pagefind also
  // finds words that merely start alike; then the query may hold a typo.
  function foundEveryWord(term) {
    var marked = Array.prototype.map.call(list.querySelectorAll("mark"), function (mark) { return fold(mark.textContent); });
    return term.split(/\s+/).every(function (part) {
      var word = letters(part);
      var start = word.slice(0, Math.max(MIN_WORD, word.length - 1));
      return word.length < MIN_WORD || marked.some(function (found) { return found.indexOf(start) !== -1; });
    });
  }

  function showSuggestions(queries) {
    suggestBox.textContent = "";
    suggestBox.hidden = !queries.length;
    if (!queries.length) return;
    suggestBox.appendChild(document.createTextNode("Bedoel je "));
    queries.forEach(function (query, n) {
      if (n) suggestBox.appendChild(document.createTextNode(n === queries.length - 1 ? " of " : ", "));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-search__suggestion";
      button.textContent = query;
      button.addEventListener("click", function () {
        input.value = query;
        run();
        input.focus();
      });
      suggestBox.appendChild(button);
    });
    suggestBox.appendChild(document.createTextNode("?"));
  }

  /**
   * The way back from a corrected query to the query as typed, one click away.
   * @param {string} typed the query as typed, which found nothing
   */
  function showCorrection(typed) {
    suggestBox.textContent = "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-search__suggestion";
    button.textContent = "Zoek toch naar ‘" + typed + "’";
    button.addEventListener("click", function () {
      literal = typed;
      input.value = typed;
      run();
      input.focus();
    });
    suggestBox.appendChild(button);
    suggestBox.hidden = false;
  }

  /**
   * The queries to offer instead of `term` (closest first); none when the word list cannot be fetched.
   * @param {string} term
   * @returns {Promise<string[]>}
   */
  function suggestionsFor(term) {
    if (!suggester) {
      var words = new URL("zoekwoorden.json", new URL(root.getAttribute("data-kb-bundle"), window.location.href));
      suggester = import(SUGGESTER).then(function (module) { return module.suggester(words, letters, MIN_WORD); });
      suggester.catch(function () { suggester = null; });
    }
    return suggester.then(function (suggest) { return suggest(term); }, function () { return []; });
  }

  /**
   * @param {string} term
   * @param {number} search the number of the search these suggestions are for
   */
  function suggestFor(term, search) {
    suggestionsFor(term).then(function (queries) {
      if (search === latest) showSuggestions(queries);
    });
  }

  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change")); // Material locks page scrolling on small screens
  }

  function open(origin) {
    returnFocus = origin;
    setOpen(true);
    input.focus();
    input.select();
  }

  function close() {
    setOpen(false);
    input.blur();
    if (returnFocus && returnFocus !== document.body && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  }

  function activeFilters() {
    var filters = {};
    if (kind) filters.soort = kind;
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function excerptHtml(excerpt) {
    // Pagefind escapes the text and marks matches with <mark>; keep nothing else.
    return String(excerpt || "").replace(/<(?!\/?mark>)[^>]*>/g, "");
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("div");
    title.className = "kb-search__title";
    var badge = document.createElement("span");
    var pageKind = (data.meta && data.meta.soort) || "pagina";
    badge.className = "kb-search__badge kb-search__badge--" + pageKind;
    badge.textContent = KINDS[pageKind] || KINDS.pagina;
    var name = document.createElement("span");
    name.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(name);
    title.appendChild(badge);
    article.appendChild(icon);
    article.appendChild(title);
    var region = data.filters && data.filters.gebied;
    if (pageKind === "casus" && region && region.length) {
      var where = document.createElement("div");
      where.className = "kb-search__where";
      where.textContent = region.join(", ") + (data.filters.thema ? " · " + data.filters.thema.join(", ") : "");
      article.appendChild(where);
    }
    var excerpt = document.createElement("p");
    excerpt.innerHTML = excerptHtml(data.excerpt);
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function showMore(search) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (search !== latest) return;
      var fragment = document.createDocumentFragment();
      pages.forEach(function (page) { fragment.appendChild(resultItem(page)); });
      list.appendChild(fragment);
      more.hidden = shown >= results.length;
    });
  }

  /**
   * Show the results of a search and say in the status (a live region) what they are: the status
   * changes once per search, when its results are in.
   * @param {{results: Array<{data: function(): Promise<Object>}>}} found
   * @param {number} search
   * @param {string} term the query the results are for
   * @param {?string} typed the query as typed, when `term` is its correction
   * @returns {Promise<void>}
   */
  function show(found, search, term, typed) {
    results = found.results;
    shown = 0;
    list.textContent = "";
    return showMore(search).then(function () {
      if (search !== latest) return;
      if (typed) {
        status.textContent = plural(results.length, "resultaat", "resultaten") + " voor ‘" + term + "’; je zocht ‘" + typed + "’";
        showCorrection(typed);
        return;
      }
      status.textContent = results.length
        ? plural(results.length, "resultaat", "resultaten")
        : "Geen resultaten" + (term ? " voor ‘" + term + "’" : "") + ". Probeer een ander woord of minder filters.";
      if (term && (results.length < FEW || !foundEveryWord(term))) suggestFor(term, search);
    });
  }

  function run() {
    var term = input.value.trim();
    var filters = activeFilters();
    var search = ++latest;
    showSuggestions([]);
    if (term !== literal) literal = null;
    if (!term && !Object.keys(filters).length) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      status.textContent = HINT;
      return;
    }
    status.textContent = "Zoeken…";
    load().then(function (api) {
      return api.search(term || null, { filters: filters }).then(function (found) {
        if (search !== latest || !found) return;
        if (found.results.length || !term || term === literal) return show(found, search, term, null);
        // Nothing found: the closest query's results at once, if it has any.
        return suggestionsFor(term).then(function (queries) {
          if (search !== latest) return;
          if (!queries.length) return show(found, search, term, null);
          return api.search(queries[0], { filters: filters }).then(function (closest) {
            if (search !== latest || !closest) return;
            return closest.results.length ? show(closest, search, queries[0], term) : show(found, search, term, null);
          });
        });
      });
    }).catch(function () {
      if (search === latest) status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw.";
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DEBOUNCE_MS);
  }

  function loadFacets() {
    load().then(function (api) { return api.filters(); }).then(function (available) {
      selects.forEach(function (select) {
        if (select.options.length > 1) return;
        var counts = available[select.getAttribute("data-filter")] || {};
        Object.keys(counts).sort(function (a, b) { return a.localeCompare(b, "nl"); }).forEach(function (value) {
          select.appendChild(new Option(value + " (" + counts[value] + ")", value));
        });
      });
    });
  }

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  function moveFocus(step) {
    var items = [input].concat(Array.prototype.slice.call(suggestBox.querySelectorAll("button")), resultLinks());
    var at = items.indexOf(document.activeElement);
    var next = Math.max(0, Math.min(items.length - 1, (at === -1 ? 0 : at) + step));
    items[next].focus();
  }

  if (opener) {
    opener.addEventListener("click", function () { open(opener); });
  }
  toggle.addEventListener("change", function () {
    if (toggle.checked) load();
    else input.blur();
    if (opener) opener.setAttribute("aria-expanded", String(toggle.checked));
  });
  input.addEventListener("focus", function () {
    setOpen(true);
    load();
  });
  // Leaving the search with the keyboard closes it, so that it never covers the element that now has focus.
  root.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle.checked && next instanceof Element && !root.contains(next)) setOpen(false);
  });
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = resultLinks()[0];
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      run();
      input.focus();
    });
  });
  kindButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      kind = button.getAttribute("data-soort");
      kindButtons.forEach(function (other) { other.setAttribute("aria-pressed", String(other === button)); });
      run();
    });
  });
  selects.forEach(function (select) { select.addEventListener("change", run); });
  facets.addEventListener("toggle", function () {
    if (facets.open) loadFacets();
  });
  more.addEventListener("click", function () {
    var links = resultLinks().length;
    showMore(latest).then(function () {
      var next = resultLinks()[links];
      if (next) next.focus();
    });
  });

  // Keyboard use as in Material: "/", "s" or "f" opens the search, Escape closes it,
  // the arrow keys move between the search box and the results.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    var typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open(document.activeElement);
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (target === input || suggestBox.contains(target) || resultLinks().indexOf(target) !== -1)) {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    }
  });
})();

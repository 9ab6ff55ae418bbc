// Link previews: pointing at or tabbing to a link to a case, module, lesson, learning route or glossary term shows
// its title, summary and key facts, read from the linked page itself. A page is fetched once, the
// first time one of its links is held still on; nothing is fetched before. Touch screens get no
// previews (a tap just follows the link). Escape closes a preview; the pointer may move onto it.
(function () {
  "use strict";
  var search = document.querySelector("[data-kb-search]");
  if (!search || !window.fetch || !window.DOMParser) return;
  var base = new URL(search.getAttribute("data-kb-base"), window.location.href).pathname;
  var SHOW_AFTER_MS = 350; // a pointer passing over a list of links fetches nothing
  var HIDE_AFTER_MS = 200; // time to move the pointer from the link onto the preview
  var MARGIN = 8;
  var pages = {}; // page URL -> promise of its parsed document
  var box = null;
  var shownFor = null;
  var showTimer = 0;
  var hideTimer = 0;

  // The kind of page a link leads to, from its address within the site; null for any other link.
  function kindOf(link) {
    if (!link.href || link.origin !== window.location.origin || !link.closest(".md-content")) return null;
    if (link.pathname === window.location.pathname || link.pathname.indexOf(base) !== 0) return null;
    var path = link.pathname.slice(base.length);
    if (/^casussen\/[^/]+\/$/.test(path)) return "casus"; // a page there without a case card shows nothing
    if (/^leren\/leerroutes\/[^/]+\/$/.test(path)) return "leerroute";
    if (/^leren\/[^/]+\/$/.test(path)) return "module";
    if (/^leren\/[^/]+\/[^/]+\/$/.test(path)) return "les";
    if (path === "begrippen/" && link.hash.length > 1) return "begrip";
    return null;
  }

  function page(url) {
    if (!pages[url]) {
      pages[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        Array.prototype.forEach.call(doc.querySelectorAll(".headerlink"), function (sign) { sign.remove(); }); // the ¶ after headings
        return doc;
      });
      pages[url].catch(function () { delete pages[url]; });
    }
    return pages[url];
  }

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // What the preview shows, taken from the linked page: null when the page is not what the link promised.
  function preview(kind, link, doc) {
    var h1 = doc.querySelector("article h1");
    var description = doc.querySelector('meta[name="description"]');
    if (kind === "begrip") {
      var id;
      try {
        id = decodeURIComponent(link.hash.slice(1));
      } catch (malformed) {
        return null; // a '%' that starts no character: no term has that anchor
      }
      var term = doc.getElementById(id);
      if (!term || term.tagName !== "DT") return null;
      return { label: "Begrip", title: text(term), summary: text(term.nextElementSibling), facts: [], meta: "" };
    }
    if (kind === "casus") {
      var card = doc.querySelector(".kb-card");
      if (!card || !h1) return null;
      var facts = Array.prototype.map.call(card.querySelectorAll(".kb-facts dt"), function (dt) {
        return [text(dt), text(dt.nextElementSibling)];
      });
      return { label: "Casus", title: text(h1), summary: text(card.querySelector(".kb-summary")), facts: facts, meta: "" };
    }
    var meta = doc.querySelector("article .kb-meta");
    if (!meta || !h1) return null;
    var labels = { les: "Les", module: "Module", leerroute: "Leerroute" };
    return { label: labels[kind], title: text(h1), summary: description ? description.content : "", facts: [], meta: text(meta) };
  }

  function render(found) {
    if (!box) {
      box = document.createElement("div");
      box.id = "kb-voorbeeld";
      box.className = "kb-voorbeeld md-typeset";
      box.setAttribute("role", "tooltip");
      box.addEventListener("pointerenter", function () { window.clearTimeout(hideTimer); });
      box.addEventListener("pointerleave", scheduleHide);
      document.body.appendChild(box);
    }
    box.textContent = "";
    var label = document.createElement("span");
    label.className = "kb-voorbeeld__soort";
    label.textContent = found.label;
    var title = document.createElement("strong");
    title.className = "kb-voorbeeld__titel";
    title.textContent = found.title;
    box.appendChild(label);
    box.appendChild(title);
    if (found.summary) {
      var summary = document.createElement("p");
      summary.textContent = found.summary;
      box.appendChild(summary);
    }
    if (found.meta) {
      var meta = document.createElement("p");
      meta.className = "kb-voorbeeld__meta";
      meta.textContent = found.meta;
      box.appendChild(meta);
    }
    if (found.facts.length) {
      var list = document.createElement("dl");
      found.facts.forEach(function (fact) {
        var dt = document.createElement("dt");
        dt.textContent = fact[0];
        var dd = document.createElement("dd");
        dd.textContent = fact[1];
        list.appendChild(dt);
        list.appendChild(dd);
      });
      box.appendChild(list);
    }
  }

  // Below the link, or above it when there is no room below; always within the window's width.
  function place(link) {
    var rect = link.getBoundingClientRect();
    box.style.left = "0px";
    box.style.top = "0px";
    box.hidden = false;
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var left = Math.max(MARGIN, Math.min(rect.left, document.documentElement.clientWidth - width - MARGIN));
    var below = rect.bottom + MARGIN;
    var top = below + height > window.innerHeight && rect.top - MARGIN - height > 0 ? rect.top - MARGIN - height : below;
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var kind = kindOf(link);
    if (!kind) return;
    var url = link.href.split("#")[0];
    page(url).then(function (doc) {
      var found = preview(kind, link, doc);
      if (!found || !isActive(link)) return;
      hide();
      render(found);
      place(link);
      shownFor = link;
      link.setAttribute("aria-describedby", box.id);
    }, function () {});
  }

  // A link still held: under the pointer, or focused from the keyboard.
  function isActive(link) {
    return link.matches(":hover") || (document.activeElement === link && link.matches(":focus-visible"));
  }

  function hide() {
    window.clearTimeout(hideTimer);
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    if (box) box.hidden = true;
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () {
      if (!(box && box.matches(":hover")) && !(shownFor && isActive(shownFor))) hide();
    }, HIDE_AFTER_MS);
  }

  function linkOf(event) {
    var target = event.target;
    return target instanceof Element ? target.closest("a[href]") : null;
  }

  document.addEventListener("pointerover", function (event) {
    var link = linkOf(event);
    if (event.pointerType === "touch" || !link || !kindOf(link)) return;
    window.clearTimeout(showTimer);
    if (link === shownFor) return window.clearTimeout(hideTimer);
    showTimer = window.setTimeout(function () { show(link); }, SHOW_AFTER_MS);
  });
  document.addEventListener("pointerout", function (event) {
    var link = linkOf(event);
    if (!link || link.contains(event.relatedTarget)) return;
    window.clearTimeout(showTimer);
    if (link === shownFor) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event);
    if (link && link.matches(":focus-visible") && kindOf(link)) show(link);
    else if (shownFor && link !== shownFor) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (linkOf(event) === shownFor) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) hide();
  });
  window.addEventListener("resize", hide);
})();

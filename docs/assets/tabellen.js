// Wide tables scroll sideways inside Material's wrapper on small screens. A wrapper that
// scrolls becomes a named, focusable region, so keyboard users can scroll it too (WCAG 2.1.1).
(function () {
  "use strict";
  function update() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel, schuif opzij voor meer");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  // document$ is Material's page-load stream; by the time it reaches us, Material has wrapped the tables.
  if (window.document$) window.document$.subscribe(update);
  else window.addEventListener("load", update);
  var timer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();

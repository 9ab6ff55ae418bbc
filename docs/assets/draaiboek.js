// Run sheet ("draaiboek"): a facilitator picks the start time of a meeting and its times follow.
// The page already shows every time for the module's default start; this script only shows the
// controls (a time field per meeting and a print button) and shifts the times. The blocks keep
// their order and length, breaks included: a later start moves the lunch along with the rest.
// Nothing is stored or sent. Each time field has a visible label; a status line per meeting says
// the new times to screen readers (role="status", announced politely after a change).
(function () {
  "use strict";
  var PRINTING = "kb-draaiboek-afdrukken";

  /**
   * Minutes after midnight as "HH:MM"; past midnight the clock starts again.
   * @param {number} minutes
   * @returns {string}
   */
  function clock(minutes) {
    var day = ((minutes % 1440) + 1440) % 1440;
    var hours = Math.floor(day / 60);
    var rest = day % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /**
   * A time field's value ("09:30", or "09:30:00" in some browsers) as minutes after midnight.
   * @param {string} value
   * @returns {number | null} null for an empty or unreadable value
   */
  function minutesOf(value) {
    var match = /^(\d{1,2}):(\d{2})/.exec(value || "");
    if (!match) return null;
    var hours = Number(match[1]);
    var minutes = Number(match[2]);
    return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
  }

  /**
   * Write every time of one meeting for the given start.
   * @param {HTMLElement} meeting the meeting's section, with data-duur and cells with data-van / data-tot
   * @param {number} start minutes after midnight
   * @returns {string} the meeting's new span, as "HH:MM–HH:MM"
   */
  function showTimes(meeting, start) {
    Array.prototype.forEach.call(meeting.querySelectorAll("[data-van]"), function (/** @type {HTMLElement} */ cell) {
      cell.textContent = clock(start + Number(cell.getAttribute("data-van"))) + "–" + clock(start + Number(cell.getAttribute("data-tot")));
    });
    var span = clock(start) + "–" + clock(start + Number(meeting.getAttribute("data-duur")));
    var caption = meeting.querySelector(".kb-draaiboek__van-tot");
    if (caption) caption.textContent = "(" + span + ")";
    return span;
  }

  /** @param {HTMLElement} meeting */
  function enhanceMeeting(meeting) {
    /** @type {HTMLInputElement | null} */
    var field = meeting.querySelector("input[type=time]");
    var status = meeting.querySelector("[role=status]");
    if (!field || !field.parentElement) return;
    field.parentElement.hidden = false;
    field.addEventListener("change", function () {
      var start = minutesOf(field.value);
      if (start === null) return;  // a half-typed time: keep the last times until it is whole
      var span = showTimes(meeting, start);
      if (status) status.textContent = "Nieuwe tijden: " + span + ".";
    });
  }

  /** @param {HTMLElement} sheet */
  function enhance(sheet) {
    Array.prototype.forEach.call(sheet.querySelectorAll(".kb-draaiboek__bijeenkomst"), enhanceMeeting);
    var button = sheet.querySelector("[data-kb-draaiboek-afdrukken]");
    if (!button || !button.parentElement) return;
    button.parentElement.hidden = false;
    // Print only the run sheet: the class hides the rest of the page (kennisbank.css, @media print).
    button.addEventListener("click", function () {
      document.documentElement.classList.add(PRINTING);
      window.print();
    });
  }

  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove(PRINTING);
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-kb-draaiboek]"), enhance);
})();

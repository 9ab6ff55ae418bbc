// Run sheet ("draaiboek"): a facilitator picks the start time of a meeting and its times follow.
// The page already shows every time for the module's default start; this script only shows the
// controls (a time field per meeting and a print button) and shifts the times. The blocks keep
// their order and length, breaks included: a later start moves the lunch along with the rest.
// Nothing is stored or sent. Each time field has a visible label; a status line per meeting says
// the new times to screen readers (role="status", announced politely after a change). An emptied
// field brings back the default start; a meeting that runs past midnight shows it in every time
// after it ("volgende dag"), so a facilitator who meant 13:30 instead of 23:30 sees it at once.
(function () {
  "use strict";
  var PRINTING = "kb-draaiboek-afdrukken";
  var DAY = 24 * 60;
  var NEXT_DAY = " (volgende dag)";

  /**
   * Minutes after midnight as "HH:MM"; past midnight the clock starts again.
   * @param {number} minutes
   * @returns {string}
   */
  function clock(minutes) {
    var day = ((minutes % DAY) + DAY) % DAY;
    var hours = Math.floor(day / 60);
    var rest = day % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /**
   * A span of time as "HH:MM–HH:MM", with " (volgende dag)" when it ends after midnight.
   * @param {number} from minutes after the first midnight
   * @param {number} to
   * @returns {string}
   */
  function span(from, to) {
    return clock(from) + "–" + clock(to) + (to > DAY ? NEXT_DAY : "");
  }

  /**
   * Write a span of time in a cell of the time column, with "(volgende dag)" on a line of its own, so that it fits
   * the narrow column on a phone and on paper.
   * @param {HTMLElement} cell
   * @param {number} from minutes after the first midnight
   * @param {number} to
   */
  function writeSpan(cell, from, to) {
    cell.textContent = clock(from) + "–" + clock(to);
    if (to <= DAY) return;
    var note = document.createElement("span");
    note.className = "kb-draaiboek__volgende-dag";
    note.textContent = NEXT_DAY;
    cell.appendChild(note);
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
      writeSpan(cell, start + Number(cell.getAttribute("data-van")), start + Number(cell.getAttribute("data-tot")));
    });
    var whole = span(start, start + Number(meeting.getAttribute("data-duur")));
    var caption = meeting.querySelector(".kb-draaiboek__van-tot");
    if (caption) caption.textContent = "(" + whole + ")";
    return whole;
  }

  /** @param {HTMLElement} meeting */
  function enhanceMeeting(meeting) {
    /** @type {HTMLInputElement | null} */
    var field = meeting.querySelector("input[type=time]");
    var status = meeting.querySelector("[role=status]");
    if (!field || !field.parentElement) return;
    field.parentElement.hidden = false;
    var standard = minutesOf(field.defaultValue);
    function update() {
      var start = minutesOf(field.value);
      // Chromium and Firefox report a half-typed time as an empty value with badInput: keep the last times until it is whole.
      if (start === null && field.validity.badInput) return;
      if (start === null && standard === null) return;
      var cleared = start === null;
      var whole = showTimes(meeting, start === null ? /** @type {number} */ (standard) : start);
      var told = cleared ? "Geen begintijd gekozen, dus weer de gewone tijden: " + whole + "." : "Nieuwe tijden: " + whole + ".";
      if (whole.indexOf(NEXT_DAY) >= 0) told += " De bijeenkomst loopt door tot na middernacht.";
      if (status && status.textContent !== told) status.textContent = told; // said once, though checked again below
    }
    field.addEventListener("change", update);
    // Emptying the last part of the time with the keyboard fires no change (nor input) in Chromium: check again
    // after each key, and when the field is left.
    function recheck() {
      if (field.value === "" && !field.validity.badInput) update();
    }
    field.addEventListener("keyup", recheck);
    field.addEventListener("blur", recheck);
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

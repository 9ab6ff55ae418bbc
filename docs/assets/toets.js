// Check jezelf: a "Controleer" button under each question of a lesson; it shows the explanation of every chosen
// answer in the question's live region (role="status", so a screen reader reads it without moving the focus).
// The explanations are read from the answer key under the questions ("Bekijk de antwoorden"), which readers
// without JavaScript open themselves; this script only adds the buttons, and the sentence that explains them. When every question was last checked
// as correct, it tells the progress component (voortgang.js) with the event "kb:alles-goed", again later if that
// could not keep it. It stores nothing and sends nothing.
(function () {
  "use strict";
  var ANNOUNCE_AFTER_MS = 50; // an emptied live region, filled a moment later, is read again even with the same text
  /** @type {WeakMap<Element, number>} the fill each live region is waiting for */
  var pending = new WeakMap();

  /** @typedef {{correct: boolean, text: string, explanation: string}} Answer */

  /**
   * The answer at `position` of question `number`, from the answer key; null if the key lacks it.
   * @param {Element} key
   * @param {string} number
   * @param {string} position
   * @returns {Answer | null}
   */
  function answerOf(key, number, position) {
    var item = key.querySelector('[data-kb-antwoord="' + number + "-" + position + '"]');
    if (!item) return null;
    var text = item.querySelector(".kb-antwoord__tekst");
    var explanation = item.querySelector(".kb-antwoord__uitleg");
    return {
      correct: item.getAttribute("data-kb-juist") === "ja",
      text: text ? text.textContent.trim() : "",
      explanation: explanation ? explanation.textContent.trim() : "",
    };
  }

  /**
   * One paragraph of feedback: the chosen answer (in italics, on a line of its own, when several were chosen, so
   * that its own full stop and the explanation's first word do not run together) and the explanation.
   * @typedef {{answer: string, explanation: string}} Line
   */

  /**
   * Fill the live region: a verdict in bold, then one paragraph per explanation.
   * @param {Element} region
   * @param {string} state  "goed", "bijna" (right, but not all right answers chosen), "fout" or "leeg"
   * @param {string} verdict
   * @param {Line[]} lines
   */
  function show(region, state, verdict, lines) {
    window.clearTimeout(pending.get(region)); // twice in a row (a double click) fills it once
    region.textContent = "";
    region.className = "kb-toets__uitkomst";
    pending.set(region, window.setTimeout(function () {
      region.className = "kb-toets__uitkomst kb-toets__uitkomst--" + state;
      var first = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = verdict;
      first.appendChild(strong);
      region.appendChild(first);
      lines.forEach(function (line) {
        var paragraph = document.createElement("p");
        if (line.answer) {
          var answer = document.createElement("em");
          answer.textContent = line.answer;
          paragraph.appendChild(answer);
          paragraph.appendChild(document.createElement("br"));
        }
        paragraph.appendChild(document.createTextNode(line.explanation));
        region.appendChild(paragraph);
      });
    }, ANNOUNCE_AFTER_MS));
  }

  /**
   * Check one question; true when exactly the correct answers were chosen.
   * @param {Element} fieldset
   * @param {Element} key
   * @returns {boolean}
   */
  function check(fieldset, key) {
    var number = fieldset.getAttribute("data-kb-vraag") || "";
    var region = fieldset.querySelector("[data-kb-uitkomst]");
    if (!region) return false;
    /** @type {Answer[]} */
    var chosen = [];
    var wrong = false;
    var missed = 0;
    Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (/** @type {HTMLInputElement} */ input) {
      var answer = answerOf(key, number, input.value);
      if (!answer) return;
      if (input.checked) {
        chosen.push(answer);
        wrong = wrong || !answer.correct;
      } else if (answer.correct) {
        missed += 1;
      }
    });
    if (!chosen.length) {
      show(region, "leeg", "Kies eerst een antwoord.", []);
      return false;
    }
    var lines = chosen.map(function (answer) {
      return { answer: chosen.length > 1 ? answer.text : "", explanation: answer.explanation };
    });
    if (!wrong && !missed) {
      show(region, "goed", "Goed!", lines);
      return true;
    }
    if (!wrong) {
      var more = missed === 1 ? "Je mist nog 1 juist antwoord." : "Je mist nog " + missed + " juiste antwoorden.";
      lines.push({ answer: "", explanation: more + " Kies alle antwoorden die juist zijn." });
      show(region, "bijna", "Bijna goed.", lines);
      return false;
    }
    show(region, "fout", "Niet goed.", lines);
    return false;
  }

  /** @param {Element} quiz */
  function setUp(quiz) {
    var key = document.querySelector(".kb-antwoorden");
    if (!key) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-controleer-uitleg]"), function (/** @type {Element} */ sentence) {
      sentence.removeAttribute("hidden");
    });
    var item = quiz.getAttribute("data-kb-toets") || "";
    var questions = quiz.querySelectorAll("[data-kb-vraag]");
    /** @type {Object<string, boolean>} */
    var correct = {};
    var told = false;
    Array.prototype.forEach.call(questions, function (/** @type {Element} */ fieldset) {
      var button = fieldset.querySelector("[data-kb-controleer]");
      var region = fieldset.querySelector("[data-kb-uitkomst]");
      if (!button || !region) return;
      button.removeAttribute("hidden");
      button.addEventListener("click", function () {
        correct[fieldset.getAttribute("data-kb-vraag") || ""] = check(fieldset, key);
        var all = Array.prototype.every.call(questions, function (/** @type {Element} */ other) {
          return correct[other.getAttribute("data-kb-vraag") || ""] === true;
        });
        if (all && !told) {
          // Cancelled when it could not be kept (voortgang.js): then it is sent again at the next right answer.
          told = document.dispatchEvent(new CustomEvent("kb:alles-goed", { detail: { key: item }, cancelable: true }));
        }
      });
      // A new choice makes the last explanation out of date: it goes, without anything being announced.
      fieldset.addEventListener("change", function () {
        window.clearTimeout(pending.get(region));
        region.textContent = "";
        region.className = "kb-toets__uitkomst";
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-kb-toets]"), setUp);
})();

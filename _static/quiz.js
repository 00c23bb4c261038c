/* In-page questions: checks the answers of the forms that
   softmax_tutorial.quiz writes into the chapters. Offline, no kernel.

   Each question is a <div class="sq-quiz" data-kind="numeric|choice"
   data-answer=...> holding a fieldset, a "Check" button and a feedback region
   (role="status", so screen readers announce it). The verdict is written in
   words ("Correct." / "Not yet."), never carried by colour alone. */
(function () {
  "use strict";

  function parseNumber(text) {
    // Accept a decimal comma and surrounding spaces; reject anything else.
    var cleaned = text.trim().replace(",", ".");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) {
      return null;
    }
    return Number(cleaned);
  }

  function show(quiz, state, message) {
    var feedback = quiz.querySelector(".sq-feedback");
    var verdict = feedback.querySelector(".sq-verdict");
    var hint = feedback.querySelector(".sq-hint");
    var explanation = feedback.querySelector(".sq-explanation");
    // Empty the region first, so that the same verdict twice in a row is
    // announced again.
    verdict.textContent = "";
    if (hint) hint.hidden = true;
    if (explanation) explanation.hidden = true;
    window.setTimeout(function () {
      verdict.textContent = message;
      if (hint && state === "incorrect") hint.hidden = false;
      if (explanation && state === "correct") explanation.hidden = false;
      quiz.dataset.state = state;
    }, 50);
  }

  function check(quiz) {
    if (quiz.dataset.kind === "numeric") {
      var input = quiz.querySelector("input");
      if (input.value.trim() === "") {
        show(quiz, "empty", "Type a number first.");
        return;
      }
      var value = parseNumber(input.value);
      if (value === null) {
        show(quiz, "invalid", "\u201c" + input.value.trim() +
             "\u201d is not a number: type a decimal such as 0.25.");
        return;
      }
      var answer = Number(quiz.dataset.answer);
      var tol = Number(quiz.dataset.tol);
      // A hair of slack for the decimal rounding of the stored answer.
      var right = Math.abs(value - answer) <= tol * (1 + 1e-9);
      input.setAttribute("aria-invalid", right ? "false" : "true");
      show(quiz, right ? "correct" : "incorrect", right ? "Correct." : "Not yet.");
      return;
    }
    var chosen = quiz.querySelector("input[type=radio]:checked");
    if (!chosen) {
      show(quiz, "empty", "Choose one of the options first.");
      return;
    }
    var ok = chosen.value === quiz.dataset.answer;
    show(quiz, ok ? "correct" : "incorrect", ok ? "Correct." : "Not yet.");
  }

  function setUp() {
    var seen = {};
    document.querySelectorAll(".sq-quiz").forEach(function (quiz) {
      if (seen[quiz.id]) {
        console.error("Two questions on this page have the id " + quiz.id +
                      ": give each question its own id.");
      }
      seen[quiz.id] = true;
      var button = quiz.querySelector(".sq-check");
      button.addEventListener("click", function () { check(quiz); });
      var input = quiz.querySelector("input[type=text]");
      if (input) {
        input.addEventListener("keydown", function (event) {
          if (event.key === "Enter") {
            event.preventDefault();
            check(quiz);
          }
        });
      }
      var note = quiz.querySelector(".sq-noscript");
      if (note) note.hidden = true;
      quiz.dataset.ready = "true";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

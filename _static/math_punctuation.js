/* Keep inline maths together with the punctuation after it.

   Sphinx writes inline maths as <span class="math">\(T\)</span>, and MathJax
   puts an inline-block box inside the span. A browser may break a line
   between such a box and the text that follows, so a sentence can show
   "T = 1.5" at the end of one line and ", what is" at the start of the next.
   Wrap each maths span and the punctuation right after it in a span that does
   not wrap. The maths spans stay as they are, so MathJax finds them either way. */
document.addEventListener("DOMContentLoaded", () => {
  for (const math of document.querySelectorAll("span.math")) {
    const next = math.nextSibling;
    if (!next || next.nodeType !== Node.TEXT_NODE) continue;
    const punctuation = next.data.match(/^[,.;:!?)\]]+/);
    if (!punctuation) continue;
    next.splitText(punctuation[0].length); // next keeps the punctuation only
    const keep = document.createElement("span");
    keep.className = "math-nowrap";
    math.replaceWith(keep);
    keep.append(math, next);
  }
});

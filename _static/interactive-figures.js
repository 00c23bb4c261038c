/* Interactive figures: draws the figures that softmax_tutorial.interactive
   writes into the chapters, and lets native range sliders pick a frame.

   Every number was computed by the library when the notebook ran; this script
   only shows the precomputed frame that the sliders point to. It needs
   plotly.js, which the site ships itself (book/_ext/plotly_offline.py loads
   it on the pages that have a figure). */
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, showTips: false };

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  function frameIndex(sliders) {
    // Frames are row-major over the sliders: the last one varies fastest.
    var index = 0;
    sliders.forEach(function (slider) {
      index = index * (Number(slider.max) + 1) + Number(slider.value);
    });
    return index;
  }

  function withFrame(figure, frame) {
    var data = copy(figure.data);
    frame.traces.forEach(function (trace, k) {
      Object.assign(data[trace], frame.data[k]);
    });
    var layout = Object.assign(copy(figure.layout), copy(frame.layout || {}));
    if (frame.layout && frame.layout.title) {
      layout.title = Object.assign(copy(figure.layout.title || {}), frame.layout.title);
    }
    return { data: data, layout: layout };
  }

  function setUp(container) {
    var spec = JSON.parse(container.querySelector("script.sm-data").textContent);
    var figure = spec.figure;
    var plot = container.querySelector(".sm-plot");
    var status = container.querySelector(".sm-status");
    var sliders = Array.prototype.slice.call(container.querySelectorAll("input[type=range]"));
    var outputs = container.querySelectorAll("output");

    function draw() {
      var index = frameIndex(sliders);
      var frame = figure.frames[index];
      var state = withFrame(figure, frame);
      sliders.forEach(function (slider, k) {
        var text = spec.sliders[k].values[Number(slider.value)];
        slider.setAttribute("aria-valuetext", text);
        outputs[k].textContent = text;
      });
      return Plotly.react(plot, state.data, state.layout, CONFIG).then(function () {
        status.textContent = spec.descriptions[index];
        plot.setAttribute("aria-label", spec.descriptions[index]);
        container.dataset.frame = String(index);
      });
    }

    var note = container.querySelector(".sm-noscript");
    if (note) note.hidden = true;
    sliders.forEach(function (slider) {
      slider.addEventListener("input", draw);
    });
    draw().then(function () {
      container.dataset.ready = "true";
    });
  }

  function setUpAll() {
    var figures = document.querySelectorAll(".sm-interactive");
    if (figures.length === 0) return;
    if (typeof Plotly === "undefined") {
      console.error("Interactive figures need plotly.js, which this page did not load.");
      return;
    }
    figures.forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

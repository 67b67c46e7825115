// Draws every figure of a page with the site's own plotly.js (no CDN, no kernel).
// Each figure is a <div class="lessons-figure"> followed by its JSON spec.
(function () {
  "use strict";
  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
  function draw() {
    var specs = document.querySelectorAll("script.lessons-figure-spec");
    var pending = [];
    specs.forEach(function (script) {
      var div = script.previousElementSibling;
      var spec = JSON.parse(script.textContent);
      var figure = { data: spec.data, layout: spec.layout, frames: spec.frames || [], config: config };
      pending.push(window.Plotly.newPlot(div, figure).then(function () {
        div.setAttribute("data-drawn", "true");
      }));
    });
    Promise.all(pending).then(function () {
      document.body.setAttribute("data-figures-drawn", String(specs.length));
      document.body.setAttribute("data-last-figure-ms", String(Math.round(performance.now())));
    });
  }
  function fit() {  // resolves once every figure has its container's width again
    var divs = document.querySelectorAll(".lessons-figure[data-drawn]");
    return Promise.all(Array.prototype.map.call(divs, function (div) { return window.Plotly.Plots.resize(div); }));
  }
  // printing: open every explorer panel, and fit the figures to the paper's width
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.lessons-static-panel").forEach(function (d) { d.open = true; });
    fit();
  });
  window.lessonsFit = fit;
  if (!window.Plotly) {
    document.body.setAttribute("data-figures-drawn", "error: plotly.js missing");
    return;
  }
  draw();
})();

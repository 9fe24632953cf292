// Charts of the analysis pages, drawn with the vendored Chart.js (static/vendor/chartjs).
// The CSP allows no inline script: a page puts each chart's data in a
// <script type="application/json"> element ({{ data|json_script:"id" }}) and marks the
// <canvas data-chart="id">. The table next to each chart holds the same figures, so
// without JavaScript (or with a screen reader) nothing is lost.
(function () {
  "use strict";

  var PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  ];

  function config(data) {
    var horizontal = Boolean(data.horizontal);
    var stacked = Boolean(data.stacked);
    var valueAxis = horizontal ? "x" : "y";
    var scales = { x: { stacked: stacked }, y: { stacked: stacked } };
    scales[valueAxis].beginAtZero = true;
    if (data.integer) {
      scales[valueAxis].ticks = { precision: 0 };
    }
    return {
      type: data.type || "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (dataset, i) {
          var colour = PALETTE[i % PALETTE.length];
          return {
            label: dataset.label,
            // Amounts come as decimal strings (exact in the JSON and the table alike).
            data: dataset.data.map(Number),
            backgroundColor: colour,
            borderColor: colour,
            fill: false,
            tension: 0,
          };
        }),
      },
      options: {
        responsive: true,
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "nearest", intersect: false },
        plugins: { legend: { position: "bottom" } },
        scales: scales,
      },
    };
  }

  function draw() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var canvases = document.querySelectorAll("canvas[data-chart]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var existing = window.Chart.getChart(canvas);
      if (existing) {
        existing.destroy();
      }
      new window.Chart(canvas, config(JSON.parse(source.textContent)));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  // A page swapped in by htmx draws its charts too.
  document.addEventListener("htmx:afterSettle", draw);
})();

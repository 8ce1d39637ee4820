// The monthly report's charts (Chart.js, vendored). Each canvas names the json_script element with
// its data (no inline script: the CSP forbids it); the table beside every chart holds the same figures.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  if (typeof Chart === "undefined") { return; }
  // The city's colours, told apart in greyscale too by their lightness.
  var colours = ["#0b5b7a", "#e0912b", "#4a8a3c", "#a8336b", "#6c757d"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: canvas.dataset.type || "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: data.labels.length > 6 ? "y" : "x",
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
  });
});

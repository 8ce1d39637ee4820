// The account figures page's chart (Chart.js, vendored). The data comes from a json_script
// element: no inline script (the CSP forbids it). The table below the chart holds the same figures.
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("account-figures-chart");
  var source = document.getElementById("account-figures-data");
  if (!canvas || !source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.series.map(function (s) { return { label: s.label, data: s.data, spanGaps: false }; })
    },
    options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } }
  });
});

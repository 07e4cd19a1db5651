// Bar charts of outcome statements and bond cash flows, without inline scripts (CSP): every
// <canvas data-source="ID"> is drawn from {labels, datasets} in <script type="application/json" id="ID">.
// The same numbers are in the table above each chart.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.Chart) return;
  const colours = ["#9bb8c9", "#1f6f8b", "#e0a526", "#2e7d32", "#8e44ad"];
  document.querySelectorAll("canvas[data-source]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.source);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    data.datasets.forEach((set, i) => { set.backgroundColor = colours[i % colours.length]; });
    new window.Chart(canvas, {
      type: "bar",
      data: data,
      options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } },
    });
  });
});

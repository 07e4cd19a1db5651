// Bar charts of outcome statements and bond cash flows, without inline scripts (CSP): every
// <canvas data-source="ID"> is drawn from {labels, datasets} in <script type="application/json" id="ID">.
// The same numbers are in the table above each chart.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.Chart) return;
  // Ten: a bond's chart has a realised and a planned series per kind of cash flow (up to ten), and
  // five colours gave two series one colour. A series that names its own colour keeps it.
  const colours = ["#9bb8c9", "#1f6f8b", "#e0a526", "#2e7d32", "#8e44ad",
                   "#c0392b", "#5d4037", "#00838f", "#7f8c8d", "#d35400"];
  document.querySelectorAll("canvas[data-source]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.source);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    data.datasets.forEach((set, i) => { set.backgroundColor = set.backgroundColor || colours[i % colours.length]; });
    new window.Chart(canvas, {
      type: "bar",
      data: data,
      // The box (.outcome-chart) sets the height; the legend sits below the plot, so on a phone it
      // no longer eats the plot's height or hides a series.
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { y: { beginAtZero: true } },
      },
    });
  });
});

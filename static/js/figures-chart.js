// Charts on the figures pages, without inline scripts (the CSP forbids them): every
// <canvas data-chart="ID"> is drawn from the JSON in <script type="application/json" id="ID">.
// The same numbers are in a table next to each chart, for screen readers and for printing.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.Chart) return;
  const euro = new Intl.NumberFormat(document.documentElement.lang || "nl", { style: "currency", currency: "EUR",
                                                                              maximumFractionDigits: 0 });
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const config = JSON.parse(source.textContent);
    config.options = Object.assign({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: config.type === "doughnut" ? {} : { y: { beginAtZero: true, ticks: { callback: (v) => euro.format(v) } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label || c.label}: ${euro.format(c.parsed.y ?? c.parsed)}` } } },
    }, config.options || {});
    new window.Chart(canvas, config);
  });
});

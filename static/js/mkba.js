// MKBA charts without inline scripts (the CSP forbids them): every <canvas data-mkba-chart="ID"> is
// drawn from the JSON in <script type="application/json" id="ID">, on load and again after htmx
// swaps in new figures (the calculator recalculates as you type).
(() => {
  const charts = new Map();
  const draw = () => {
    if (!window.Chart) return;
    const euro = new Intl.NumberFormat(document.documentElement.lang || "nl", { style: "currency", currency: "EUR",
                                                                                maximumFractionDigits: 0 });
    document.querySelectorAll("canvas[data-mkba-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.mkbaChart);
      if (!source) return;
      const config = JSON.parse(source.textContent);
      config.options = Object.assign({
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => euro.format(v) } } },
      }, config.options || {});
      config.options.plugins = Object.assign({ tooltip: { callbacks: { label: (c) => euro.format(c.parsed.y) } } },
                                             config.options.plugins || {});
      const previous = charts.get(canvas.dataset.mkbaChart);
      if (previous) previous.destroy();
      charts.set(canvas.dataset.mkbaChart, new window.Chart(canvas, config));
    });
  };
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();

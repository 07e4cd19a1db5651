// Monitoring time series without inline scripts (the CSP forbids them): every
// <canvas data-monitoring-chart="ID"> is drawn from the JSON in <script type="application/json" id="ID">:
// {unit, interpolation, labels, values, baseline, target, names}. Baseline and target are dashed horizontal lines.
// Axis numbers follow the page's language (<html lang>), not the browser's: a Dutch page shows 0,5.
(() => {
  const draw = () => {
    if (!window.Chart) return;
    const locale = document.documentElement.lang || "nl";
    document.querySelectorAll("canvas[data-monitoring-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.monitoringChart);
      if (!source || canvas.dataset.drawn) return;
      const data = JSON.parse(source.textContent);
      const names = data.names || { baseline: "nulmeting", target: "doel" };
      const flat = (value) => data.labels.map(() => value);
      const datasets = [{ label: canvas.dataset.seriesLabel || canvas.getAttribute("aria-label"), data: data.values, borderColor: "#1f6f8b",
                          backgroundColor: "#1f6f8b",
                          // Monotone: the line never passes a value between two months that was not measured.
                          cubicInterpolationMode: data.interpolation || "monotone" }];
      // Baseline and target are drawn over the series (a lower ``order`` is drawn later): a baseline equal to
      // every month's value was hidden under the series' line.
      if (data.baseline !== null) datasets.push({ label: names.baseline, data: flat(data.baseline), borderDash: [4, 4],
                                                  borderColor: "#888", pointRadius: 0, order: -1 });
      if (data.target !== null) datasets.push({ label: names.target, data: flat(data.target), borderDash: [8, 4],
                                                borderColor: "#c0392b", pointRadius: 0, order: -2 });
      // A count has whole-number ticks (no 0,5 enterprise); money shows the euro sign, whole euros.
      const ticks = {};
      if (data.unit === "count") ticks.precision = 0;
      if (data.unit === "money") {
        const euros = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
        ticks.callback = (value) => euros.format(value);
      }
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, { type: "line", data: { labels: data.labels, datasets },
        options: { locale, responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks } } } });
    });
  };
  document.addEventListener("DOMContentLoaded", draw);
})();

// Monitoring time series without inline scripts (the CSP forbids them): every
// <canvas data-monitoring-chart="ID"> is drawn from the JSON in <script type="application/json" id="ID">:
// {labels, values, baseline, target}. Baseline and target are dashed horizontal lines.
(() => {
  const draw = () => {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-monitoring-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.monitoringChart);
      if (!source || canvas.dataset.drawn) return;
      const data = JSON.parse(source.textContent);
      const flat = (value) => data.labels.map(() => value);
      const datasets = [{ label: canvas.getAttribute("aria-label"), data: data.values, borderColor: "#1f6f8b",
                          backgroundColor: "#1f6f8b", tension: 0.2 }];
      if (data.baseline !== null) datasets.push({ label: "nulmeting", data: flat(data.baseline), borderDash: [4, 4],
                                                  borderColor: "#888", pointRadius: 0 });
      if (data.target !== null) datasets.push({ label: "doel", data: flat(data.target), borderDash: [8, 4],
                                                borderColor: "#c0392b", pointRadius: 0 });
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, { type: "line", data: { labels: data.labels, datasets },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } } });
    });
  };
  document.addEventListener("DOMContentLoaded", draw);
})();

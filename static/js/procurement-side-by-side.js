// The side-by-side chart of a realisation line (data from a json_script block; no inline script, CSP).
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("side-by-side-chart");
  const source = document.getElementById("side-by-side-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const lang = document.documentElement.lang || "nl";
  const euro = new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" });
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: "#1f6f8b" }] },
    options: {
      indexAxis: "y",
      responsive: true,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => euro.format(ctx.parsed.x) } } },
      scales: { x: { beginAtZero: true, ticks: { callback: (value) => euro.format(value) } } },
    },
  });
});

// Small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader users hear what went wrong.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Confirm dialogs for dangerous buttons: <button data-confirm="...">
  document.body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });
});

// The receipt's "Print" button: shown only where script runs (the browser's own Print works everywhere).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

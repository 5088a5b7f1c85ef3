// Newsroom enhancements. Every form works without this file; it adds the live preview and slug suggestion.
(function () {
  "use strict";

  // Live preview: the server renders the Markdown exactly as readers will see it (same Markdig + sanitiser).
  const body = document.querySelector("[data-preview-source]");
  const pane = document.querySelector("[data-preview-target]");
  if (body && pane) {
    const form = body.form;
    const token = form.querySelector("input[name=__RequestVerificationToken]");
    let timer = 0;
    let sequence = 0;
    const render = async () => {
      // The writing desk shows the preview on request: no rendering while it is out of sight.
      if (pane.closest("[hidden]")) return;
      const mine = ++sequence;
      const data = new FormData();
      data.append("markdown", body.value);
      if (token) data.append("__RequestVerificationToken", token.value);
      try {
        const response = await fetch(body.dataset.previewSource, { method: "POST", body: data, credentials: "same-origin" });
        // 400 says why the body cannot be shown (too long, nested too deeply); 429 means busy: keep the last preview.
        if ((response.ok || response.status === 400) && mine === sequence) pane.innerHTML = await response.text();
      } catch (_) { /* offline: the preview just stays as it was */ }
    };
    body.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 400); });
    render();
  }

  // Suggest a slug from the title until the editor types one of their own.
  const title = document.querySelector("[data-slug-source]");
  const slug = document.querySelector("[data-slug-target]");
  if (title && slug) {
    let touched = slug.value.length > 0;
    slug.addEventListener("input", () => { touched = true; });
    title.addEventListener("input", () => {
      if (touched) return;
      slug.placeholder = title.value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/['’]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
    });
  }
})();

// Ask before irreversible sends, and stop a double click from posting twice (the server refuses a second send anyway).
document.querySelectorAll("button[data-confirm]").forEach(function (button) {
  button.form.addEventListener("submit", function (event) {
    if (!window.confirm(button.dataset.confirm)) { event.preventDefault(); return; }
    button.disabled = true;
  });
});

// Signing out forgets this browser's unsaved copies of stories (the writing desk keeps them per person): the next
// person at a shared computer must not be offered them.
document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
  form.addEventListener("submit", function () {
    try {
      Object.keys(localStorage).filter(function (key) { return key.indexOf("newssite:desk:") === 0; })
        .forEach(function (key) { localStorage.removeItem(key); });
    } catch (_) { /* storage refused: nothing kept either */ }
  });
});

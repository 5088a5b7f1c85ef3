// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Newsletter boxes sit on cached pages with no antiforgery token. With JavaScript they fetch one, sign up in
  // place and show the answer; if anything fails they fall back to the plain form (which opens /newsletter).
  document.querySelectorAll("form[data-newsletter]").forEach(function (form) {
    const status = form.querySelector("[data-newsletter-status]");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const tokenResponse = await fetch("/newsletter/token", { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!tokenResponse.ok) throw new Error("token");
        const { token } = await tokenResponse.json();
        const data = new FormData(form);
        data.set("Email", data.get("email") || "");
        data.delete("email");
        data.set("Source", location.pathname);
        data.set("__RequestVerificationToken", token);
        const response = await fetch("/newsletter/signup", { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } });
        const result = await response.json();
        status.textContent = result.message;
        status.classList.toggle("is-error", !result.ok);
        if (result.ok) form.querySelector(".inline-field").hidden = true;
      } catch (_) {
        form.submit();
      } finally {
        button.disabled = false;
      }
    });
  });
})();

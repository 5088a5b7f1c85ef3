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

  // Embeds in stories are links until the reader asks: then, and only then, a sandboxed frame from one of these
  // hosts (the same list as the server's Embeds.FrameHosts and the page's frame-src) takes the link's place.
  const frameHosts = ["www.youtube-nocookie.com", "player.vimeo.com", "platform.twitter.com"];
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a.embed-link[data-embed-src]");
    if (!link) return;
    let src;
    try { src = new URL(link.getAttribute("data-embed-src")); } catch (_) { return; }
    if (src.protocol !== "https:" || src.port !== "" || frameHosts.indexOf(src.hostname) < 0) return;
    event.preventDefault();
    if (src.hostname !== "platform.twitter.com") src.searchParams.set("autoplay", "1");
    const frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = (link.getAttribute("data-embed-title") || "Embedded") + " content";
    frame.className = src.hostname === "platform.twitter.com" ? "embed-frame embed-post" : "embed-frame";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frame.focus();
  });

  // Sharing: the device's own share sheet where the browser has one, and a one-click copy of the address.
  document.querySelectorAll("[data-share-native]").forEach(function (item) {
    if (!navigator.share) return;
    item.hidden = false;
    const button = item.querySelector("button");
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl }).catch(function () { /* dismissed */ });
    });
  });
  document.querySelectorAll("[data-share-copy]").forEach(function (item) {
    if (!navigator.clipboard) return;
    item.hidden = false;
    const button = item.querySelector("button");
    button.addEventListener("click", async function () {
      try {
        await navigator.clipboard.writeText(button.dataset.copyUrl);
        button.textContent = "Link copied";
      } catch (_) {
        button.textContent = "Copy failed: use the address bar";
      }
      setTimeout(function () { button.textContent = "Copy link"; }, 2500);
    });
  });
})();

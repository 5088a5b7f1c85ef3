// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The site remembers a subscribed reader in this browser only: pages that confirm a subscription or open the
  // preference centre carry data-newsletter-memory="remember", unsubscribing and erasing carry "forget", and signup
  // boxes are hidden while the flag is set. Cached pages stay the same for everyone; the choice is made here.
  const memoryKey = "newsletter:subscribed";
  try {
    document.querySelectorAll("[data-newsletter-memory]").forEach(function (marker) {
      if (marker.getAttribute("data-newsletter-memory") === "remember") localStorage.setItem(memoryKey, "1");
      else localStorage.removeItem(memoryKey);
    });
    if (localStorage.getItem(memoryKey) === "1") {
      document.querySelectorAll("[data-newsletter-box]").forEach(function (box) { box.hidden = true; });
    }
  } catch (_) { /* storage blocked: boxes stay */ }

  // Newsletter boxes post straight to the signup (no token: the server checks the request's origin). With
  // JavaScript they do it in place and show the answer; if anything fails the plain form post still works.
  document.querySelectorAll("form[data-newsletter]").forEach(function (form) {
    const status = form.querySelector("[data-newsletter-status]");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const response = await fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { Accept: "application/json" } });
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

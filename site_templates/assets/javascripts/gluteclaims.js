// Small enhancements on every page, none needed for reading:
// - the home page's search box opens the theme's own search, so results appear as you type
//   (without JavaScript it still works: it submits ?q=, which the theme's search reads);
// - the theme's search dialog gets an accessible name, which its markup lacks.
(function () {
  "use strict";
  function attach() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the site");
    var box = document.getElementById("gc-search-input");
    var theme = document.querySelector("[data-md-component=search-query]");
    if (!box || !theme || box.dataset.gcAttached) return;
    box.dataset.gcAttached = "1";
    box.addEventListener("focus", function () {
      theme.value = box.value;
      theme.focus();
      theme.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(attach);
  else document.addEventListener("DOMContentLoaded", attach);
})();

// Escape dismisses a term's tooltip (WCAG 2.2, 1.4.13: content on hover or focus is
// dismissible without moving the pointer or the focus). It stays hidden until the pointer
// or the focus moves to something else; Material's tooltips do the rest.
(function () {
  var host = null;
  function dismissed() {
    return document.querySelectorAll(".gl-tooltip--dismissed");
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var active = document.querySelectorAll(".md-tooltip2--active");
    if (!active.length) return;
    host = document.querySelector("a:hover") || document.activeElement;
    active.forEach(function (tooltip) {
      tooltip.classList.add("gl-tooltip--dismissed");
    });
  });
  function release(event) {
    if (host === null || event.target === host || (host.contains && host.contains(event.target))) return;
    host = null;
    dismissed().forEach(function (tooltip) {
      tooltip.classList.remove("gl-tooltip--dismissed");
    });
  }
  document.addEventListener("focusin", release);
  document.addEventListener("mouseover", release);
})();

// A wide table scrolls sideways in a box the theme adds: keyboard users reach and scroll it
// when it can take the focus (WCAG 2.1.1; axe-core: scrollable-region-focusable).
(function () {
  function focusable(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(function () {
    focusable(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    focusable(document);
  });
})();

// On a touch screen the first tap on a term shows its definition (the link takes the focus, as
// with the keyboard); a second tap follows the link.
(function () {
  var touch = false;
  var focused = null; // what had the focus before the tap (a tap focuses the link itself)
  document.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch";
    focused = document.activeElement;
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.gl-link");
    if (!link || !touch || focused === link) return;
    event.preventDefault();
    link.focus();
  }, true);
})();

// Search in this language, or in all of them: a switch in the search dialog, offered by the
// glossary's search worker once this language's index is ready (the generator's
// scripts/glossary-search.js). The choice is kept for the next pages and tabs.
(function () {
  if (typeof BroadcastChannel !== "function") return;
  var KEY = "glossary.search.all";
  var channel = new BroadcastChannel("glossary-search");
  var lang = (document.documentElement.lang || "").split("-")[0];
  function stored() {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch (error) {
      return false;
    }
  }
  function offer(scope) {
    var wrap = document.querySelector(".md-search__scrollwrap");
    if (!wrap || !scope || wrap.querySelector(".gl-search-scope")) return;
    var label = document.createElement("label");
    label.className = "gl-search-scope";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = stored();
    box.addEventListener("change", function () {
      try {
        localStorage.setItem(KEY, box.checked ? "1" : "0");
      } catch (error) {
        /* kept for this page only */
      }
      channel.postMessage({ type: "scope", wide: box.checked });
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + scope));
    wrap.insertBefore(label, wrap.firstChild);
  }
  function searchAgain() {
    var input = document.querySelector(".md-search__input");
    if (!input || !input.value) return;
    var value = input.value;
    input.value = value + " "; // the theme asks again only for a changed text
    input.dispatchEvent(new KeyboardEvent("keyup"));
    input.value = value;
    input.dispatchEvent(new KeyboardEvent("keyup"));
  }
  channel.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.lang !== lang) return;
    if (message.type === "ready") {
      offer(message.scope);
      if (stored()) channel.postMessage({ type: "scope", wide: true });
    } else if (message.type === "scoped" && message.wide === stored()) {
      searchAgain(); // the index now holds what the reader chose: ask again (a later choice waits for its own)
    }
  });
})();

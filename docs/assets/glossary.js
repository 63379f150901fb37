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

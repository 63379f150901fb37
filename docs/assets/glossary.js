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

// Progressive enhancement: on narrow screens the main menu collapses behind a button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".site-header__menu-toggle");
  var nav = document.getElementById("main-menu");
  if (!toggle || !nav) return;
  var narrow = window.matchMedia("(max-width: 48rem)");
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    nav.setAttribute("data-open", String(open));
  }
  function sync() {
    toggle.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
  narrow.addEventListener("change", sync);
  sync();
})();

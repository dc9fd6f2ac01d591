// Progressive enhancement for the public site. Without this script everything is shown and works: the menu
// is open, the filters are open, wide tables scroll with shadows at their edges.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var narrow = window.matchMedia("(max-width: 48rem)");

  // On narrow screens the search field and the main menu fold away behind the "Meny" button.
  var toggle = document.querySelector(".site-header__menu-toggle");
  var menu = document.getElementById("main-menu");
  if (toggle && menu) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", String(open));
      menu.setAttribute("data-open", String(open));
    };
    var sync = function () {
      toggle.hidden = !narrow.matches;
      setOpen(!narrow.matches);
    };
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
  }

  // Filters: open beside the list on wide screens, folded above it on narrow ones (the results come first).
  var foldable = document.querySelectorAll("details[data-collapse-narrow]");
  function syncFilters() {
    for (var i = 0; i < foldable.length; i++) {
      foldable[i].open = !narrow.matches;
    }
  }
  if (foldable.length) {
    narrow.addEventListener("change", syncFilters);
    syncFilters();
  }

  // Wide tables: say in words that the table scrolls sideways, whenever it does.
  var regions = document.querySelectorAll(".table-scroll, .table-wrapper");
  function syncTables() {
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      var overflowing = region.scrollWidth > region.clientWidth + 1;
      region.setAttribute("data-overflowing", String(overflowing));
      if (region.hint) region.hint.setAttribute("data-shown", String(overflowing));
    }
  }
  for (var i = 0; i < regions.length; i++) {
    var hint = document.createElement("p");
    hint.className = "table-scroll__hint";
    hint.textContent = document.documentElement.lang === "nn"
      ? "Tabellen er breiare enn skjermen. Rull sidelengs for å sjå alle kolonnane."
      : "Tabellen er bredere enn skjermen. Rull sidelengs for å se alle kolonnene.";
    regions[i].parentNode.insertBefore(hint, regions[i]);
    regions[i].hint = hint;
  }
  if (regions.length) {
    window.addEventListener("resize", syncTables);
    syncTables();
  }

  // Printing: links print with their full address (the print stylesheet shows data-print-href).
  var links = document.querySelectorAll("main a[href]");
  for (var j = 0; j < links.length; j++) {
    var href = links[j].getAttribute("href");
    // Phone and e-mail links show their number or address already: nothing printed after them.
    if (href && href.charAt(0) !== "#" && !/^(tel|mailto):/.test(href)) links[j].setAttribute("data-print-href", links[j].href);
  }
})();

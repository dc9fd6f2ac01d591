// Fills the CSRF field of forms on cached pages ({% csrf_placeholder %}, pagecache/templatetags): the page is
// the same for every visitor, so each visitor's token is fetched from an uncached endpoint, once, when a form
// is first used. Without JavaScript the first POST is answered with the form again, carrying a token.
(function () {
  "use strict";
  var selector = "input[data-csrf-placeholder]";
  var pending = null;

  function fetchToken(url) {
    if (!pending) {
      pending = fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("CSRF token: HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          document.querySelectorAll(selector).forEach(function (input) {
            input.value = data.token;
          });
          return data.token;
        })
        .catch(function (error) {
          pending = null;
          throw error;
        });
    }
    return pending;
  }

  function setUp(input) {
    var form = input.form;
    var url = input.getAttribute("data-csrf-url");
    if (!form || !url) {
      return;
    }
    form.addEventListener(
      "focusin",
      function () {
        fetchToken(url).catch(function () {});
      },
      { once: true }
    );
    form.addEventListener("submit", function (event) {
      if (input.value || event.defaultPrevented) {
        return;
      }
      event.preventDefault();
      // Sent either way: without a token the server answers with the form again (pagecache.views.csrf_failure).
      var send = function () {
        form.submit();
      };
      fetchToken(url).then(send, send);
    });
  }

  document.querySelectorAll(selector).forEach(setUp);
})();

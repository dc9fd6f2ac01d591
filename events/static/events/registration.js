// After a failed submit, move focus to the error summary so that screen readers read it and keyboard
// users start from it (Designsystemet's error summary pattern; the summary has tabindex="-1").
(function () {
  var summary = document.getElementById("registration-errors");
  if (summary) {
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }
})();

// After a failed submit, move focus to the error summary so that screen readers read it and keyboard
// users start from it (Designsystemet's error summary pattern; the summary has tabindex="-1"). On "load",
// after the browser has scrolled to the form's #fragment, which would otherwise clear the focus again.
window.addEventListener("load", function () {
  var summary = document.getElementById("registration-errors");
  if (summary) {
    window.setTimeout(function () {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }, 0);
  }
});

// The payroll import's status page: follows a running check or import by polling its JSON status
// (cases:employee_import_progress) and reloads the page for the result when it is done. Without
// JavaScript the page has a refresh link instead.
(function () {
  "use strict";
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  if (!bar || !bar.dataset.url || !window.fetch) {
    return;
  }
  var template = text ? text.textContent : "";
  function show(status) {
    bar.max = status.rows_total || 1;
    bar.value = status.rows_done;
    bar.textContent = status.percent + "%";
    if (text) {
      // The rendered sentence with its three numbers replaced, in the page's language.
      var numbers = [status.rows_done, status.rows_total, status.percent];
      var i = 0;
      text.textContent = template.replace(/\d[\d.,]*/g, function () {
        return String(numbers[i++]);
      });
    }
  }
  function poll() {
    fetch(bar.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.running) {
          window.setTimeout(poll, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();

// While a plan is being optimized, the plan page reloads itself every two seconds until the run is done.
// Without JavaScript the page offers a link that does the same by hand.
(function () {
  if (document.getElementById("plan-progress")) {
    window.setTimeout(function () { window.location.reload(); }, 2000);
  }
})();

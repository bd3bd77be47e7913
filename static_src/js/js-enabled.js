// Runs first thing in <body>, before the page is drawn, as GOV.UK Frontend asks: marks the page
// as having JavaScript (and a browser GOV.UK Frontend supports) so components style themselves.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

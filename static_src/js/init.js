// Starts GOV.UK Frontend's components. A file, not an inline script, so the Content Security
// Policy can refuse every inline script. Served from /static/build/, beside /static/govuk/.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
